import { describe, it, expect } from 'vitest';
import { makeContext } from './types';
import { parseTemplate, resolvePieces, resolveString } from './variables';

describe('IAM policy elements: Variables and tags', () => {
  const ctx = makeContext({ 'aws:username': 'alice', 'aws:PrincipalTag/team': 'blue', 'aws:TagKeys': ['a', 'b'] });
  it('substitutes a variable, matching its key case-insensitively', () => {
    expect(resolveString(parseTemplate('home/${aws:username}/*'), ctx)).toBe('home/alice/*');
    expect(resolveString(parseTemplate('${AWS:UserName}'), ctx)).toBe('alice');
  });
  it('uses a default when the key is absent', () => {
    expect(resolveString(parseTemplate("${aws:PrincipalTag/dept, 'none'}"), ctx)).toBe('none');
    expect(resolveString(parseTemplate("${aws:PrincipalTag/team, 'none'}"), ctx)).toBe('blue');
    expect(resolveString(parseTemplate("${aws:PrincipalTag/dept,'it''s'}"), ctx)).toBe("it's");
    expect(resolveString(parseTemplate("${aws:PrincipalTag/dept, 'a}b'}"), ctx)).toBe('a}b');
  });
  it('gives null and names the key when a variable cannot be resolved', () => {
    const missing: string[] = [];
    expect(resolveString(parseTemplate('${aws:userid}'), ctx, missing)).toBeNull();
    expect(missing).toEqual(['aws:userid']);
  });
  it('does not substitute a multi-valued key', () => {
    expect(resolveString(parseTemplate('${aws:TagKeys}'), ctx)).toBeNull();
  });
  it('turns ${*}, ${?} and ${$} into literal characters', () => {
    const t = parseTemplate('a${*}b${?}c${$}d');
    expect(t.hasVariables).toBe(false);
    expect(resolveString(t, ctx)).toBe('a*b?c$d');
    expect(resolvePieces(t, ctx)).toEqual([
      { text: 'a', glob: true },
      { text: '*', glob: false },
      { text: 'b', glob: true },
      { text: '?', glob: false },
      { text: 'c', glob: true },
      { text: '$', glob: false },
      { text: 'd', glob: true },
    ]);
  });
  it('keeps substituted values literal (not wildcards)', () => {
    expect(resolvePieces(parseTemplate('x/${aws:username}*'), ctx)).toEqual([
      { text: 'x/', glob: true },
      { text: 'alice', glob: false },
      { text: '*', glob: true },
    ]);
  });
  it('leaves malformed references as text', () => {
    expect(resolveString(parseTemplate('${aws:username'), ctx)).toBe('${aws:username');
    expect(resolveString(parseTemplate('${}'), ctx)).toBe('${}');
    expect(resolveString(parseTemplate('${a b}'), ctx)).toBe('${a b}');
    expect(resolveString(parseTemplate('${k, none}'), ctx)).toBe('${k, none}');
    expect(parseTemplate('$${aws:username}').parts).toEqual([
      { kind: 'text', text: '$' },
      { kind: 'var', key: 'aws:username', lowerKey: 'aws:username' },
    ]);
  });
  it('parses hostile input in linear time (a correctness check on a long input)', () => {
    const t = parseTemplate("${a, '".repeat(20000) + '${a${'.repeat(20000));
    expect(t.hasVariables).toBe(false);
    expect(resolveString(t, ctx)?.length).toBe(6 * 20000 + 5 * 20000);
  });
  it('does not read keys from the object prototype', () => {
    expect(resolveString(parseTemplate('${constructor}'), makeContext({}))).toBeNull();
    expect(resolveString(parseTemplate('${__proto__}'), makeContext({}))).toBeNull();
    expect(
      resolveString(
        parseTemplate('${__proto__}'),
        makeContext(JSON.parse('{"__proto__": "x"}') as Record<string, string>),
      ),
    ).toBe('x');
  });
});

/** The validator and the evaluator read operator names and policy variables with one parser each. */
import { describe, expect, it } from 'vitest';
import { parseOperator as evalOperator } from '../evaluate/operators';
import { parseTemplate, scanReferences } from '../evaluate/variables';
import { parseOperator } from './operators';
import { findVariables } from './variables';

describe('one condition-operator parser', () => {
  it('the validator and the evaluator agree on every name', () => {
    const names = [
      'StringEquals',
      'ForAnyValue:StringLikeIfExists',
      'ForAllValues:ArnNotLike',
      'NumericLessThanEqualsIfExists',
      'Null',
      'NullIfExists',
      'stringequals',
      'ForAnyValues:StringEquals',
      'StringEqualsIfExistsIfExists',
      'IfExists',
      'forallvalues:StringEquals',
    ];
    const read = names.map((n) => {
      const v = parseOperator(n);
      const e = evalOperator(n);
      return [n, v ? `${v.set ?? ''}|${v.base}|${v.ifExists}` : null, e.ok ? 'ok' : e.message];
    });
    expect(read).toEqual([
      ['StringEquals', '|StringEquals|false', 'ok'],
      ['ForAnyValue:StringLikeIfExists', 'ForAnyValue|StringLike|true', 'ok'],
      ['ForAllValues:ArnNotLike', 'ForAllValues|ArnNotLike|false', 'ok'],
      ['NumericLessThanEqualsIfExists', '|NumericLessThanEquals|true', 'ok'],
      ['Null', '|Null|false', 'ok'],
      ['NullIfExists', '|Null|true', '`Null` cannot be combined with `IfExists`'],
      ['stringequals', null, 'unknown condition operator `stringequals` (operator names are case-sensitive)'],
      [
        'ForAnyValues:StringEquals',
        null,
        'unknown condition operator `ForAnyValues:StringEquals` (the set qualifiers are `ForAnyValue:` and `ForAllValues:`)',
      ],
      ['StringEqualsIfExistsIfExists', null, 'unknown condition operator `StringEqualsIfExistsIfExists`'],
      ['IfExists', null, 'unknown condition operator `IfExists`'],
      [
        'forallvalues:StringEquals',
        null,
        'unknown condition operator `forallvalues:StringEquals` (the set qualifiers are `ForAnyValue:` and `ForAllValues:`)',
      ],
    ]);
  });
});

describe('one policy-variable parser', () => {
  it("reads a default with a doubled quote as the validator and the evaluator both see it: ${aws:PrincipalTag/team, 'it''s'}", () => {
    const text = "team/${aws:PrincipalTag/team, 'it''s'}/x";
    expect(findVariables(text)).toEqual([{ start: 5, length: 33, key: 'aws:PrincipalTag/team' }]);
    expect(parseTemplate(text).parts).toEqual([
      { kind: 'text', text: 'team/' },
      { kind: 'var', key: 'aws:PrincipalTag/team', lowerKey: 'aws:principaltag/team', fallback: "it's" },
      { kind: 'text', text: '/x' },
    ]);
  });
  it('a default holding `}` is one reference, for both', () => {
    expect(findVariables("${aws:PrincipalTag/team, 'a}b'}")).toEqual([
      { start: 0, length: 31, key: 'aws:PrincipalTag/team' },
    ]);
  });
  it('what the validator calls malformed, the evaluator reads as literal text', () => {
    const cases = ['${aws:username', '${}', '${aws:x, none}', "${aws:x, 'open}", '${aws:user name}'];
    expect(cases.map((c) => findVariables(c).map((r) => r.problem))).toEqual([
      ['is not closed with `}`'],
      ['has no key name'],
      ["has a default that is not in single quotes, e.g. ${aws:PrincipalTag/team, 'none'}"],
      ["has a default that is not in single quotes, e.g. ${aws:PrincipalTag/team, 'none'}"],
      ['names `aws:user name`, which is not a condition key'],
    ]);
    for (const c of cases) {
      const t = parseTemplate(c);
      expect([c, t.hasVariables, t.parts.map((p) => (p.kind === 'text' ? p.text : '?')).join('')]).toEqual([
        c,
        false,
        c,
      ]);
    }
  });
  it('reads hostile input in linear passes and keeps messages short', () => {
    const refs = findVariables('${a '.repeat(20000));
    expect(refs.length).toBe(20000);
    expect(refs[0].problem).toBe(`names \`${'a ${'.repeat(20)}…\`, which is not a condition key`);
    expect(findVariables('${'.repeat(30000)).length).toBe(30000);
    expect(parseTemplate('${'.repeat(30000)).parts).toEqual([{ kind: 'text', text: '${'.repeat(30000) }]);
  });
  it('resumes after a malformed reference where the evaluator does', () => {
    expect(scanReferences('${a ${aws:username}').map((r) => ('problem' in r ? r.problem : r.part.kind))).toEqual([
      'names `a ${aws:username`, which is not a condition key',
      'var',
    ]);
    expect(findVariables('${a ${aws:username}').map((r) => [r.start, r.length, r.key ?? r.problem])).toEqual([
      [0, 4, 'names `a ${aws:username`, which is not a condition key'],
      [4, 15, 'aws:username'],
    ]);
  });
});

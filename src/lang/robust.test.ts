// The language service never throws, on any text and at any position: random JSON-like text,
// documents nested past the parser's 64-level limit, and huge documents (fast-check properties).
import { describe, it, expect, vi } from 'vitest';
import fc from 'fast-check';
import { loadCatalog } from '../catalog';
import { codeActions } from './code-actions';
import { complete } from './completion';
import { diagnose } from './diagnose';
import { hover } from './hover';
import { cursorAt, offsetAt } from './position';

// Linting, building and property runs take seconds on a loaded machine: no test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

const catalog = await loadCatalog();

/** Text that looks like a policy often enough to reach deep into the service's code paths. */
const token = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '"',
    '\\',
    ' ',
    '\n',
    '"Version"',
    '"2012-10-17"',
    '"Statement"',
    '"Effect"',
    '"Allow"',
    '"Deny"',
    '"Action"',
    '"NotAction"',
    '"s3:GetObjekt"',
    '"s4:Get*"',
    '"*"',
    '"Resource"',
    '"arn:aws:s3:::b/*"',
    '"Principal"',
    '"AWS"',
    '"Condition"',
    '"StringEqual"',
    '"NullIfExists"',
    '"aws:PrincipalTag/t"',
    '"${aws:username"',
    '"Sid"',
    'true',
    'null',
    '12',
    '\u2028',
    '\ud800',
  ),
  fc.string({ maxLength: 8 }),
);
const jsonish = fc.array(token, { maxLength: 80 }).map((t) => t.join(''));
const policyValue = fc
  .jsonValue({ maxDepth: 6 })
  .map((v) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: v, Resource: v, Condition: v }] }),
  );

function everything(text: string, line: number, column: number): void {
  const pos = { line, column };
  offsetAt(text, pos);
  cursorAt(text, Math.min(text.length, Math.max(0, column)));
  complete(text, pos, catalog);
  hover(text, pos, catalog);
  diagnose(text, { catalog });
  codeActions(text, { start: pos, end: { line, column: column + 3 } }, { catalog });
}

describe('the language service never throws', () => {
  it('on random JSON-like text, at any position', () => {
    fc.assert(
      fc.property(jsonish, fc.integer({ min: -2, max: 12 }), fc.integer({ min: -2, max: 200 }), (text, l, c) => {
        everything(text, l, c);
      }),
      { numRuns: 300 },
    );
  });

  it('on policies with arbitrary JSON values in every element', () => {
    fc.assert(
      fc.property(policyValue, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 400 }), (text, l, c) => {
        everything(text, l, c);
      }),
      { numRuns: 200 },
    );
  });

  it('on documents nested past the 64-level limit: no answer, no stack overflow', () => {
    for (const depth of [65, 1000, 100_000]) {
      const deep = `{"Version": "2012-10-17", "Statement": ${'['.repeat(depth)}"s3:Get"${']'.repeat(depth)}}`;
      const middle = { line: 1, column: 40 + Math.floor(depth / 2) };
      expect(complete(deep, middle, catalog)).toEqual([]);
      expect(hover(deep, middle, catalog)).toBeUndefined();
      expect(codeActions(deep, { start: middle, end: middle }, { catalog })).toEqual([]);
      expect(diagnose(deep, { catalog }).map((f) => f.code)).toEqual(['parse.too-deep']);
      const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      expect(complete(objects, { line: 1, column: depth * 2 }, catalog)).toEqual([]);
      expect(cursorAt(objects, depth * 2)).toMatchObject({ offset: depth * 2, path: [], inString: false });
    }
  });

  it('answers at the edges of a huge document', () => {
    const actions = Array.from({ length: 20_000 }, (_, i) => `s3:GetObject${i % 7 ? '' : 'k'}`);
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
    });
    const at = text.indexOf('"s3:GetObject"') + 3;
    expect(hover(text, { line: 1, column: at }, catalog)?.contents).toContain('GetObject');
    expect(complete(text, { line: 1, column: text.length }, catalog)).toEqual([]);
    const typo = text.indexOf('"s3:GetObjectk"') + 3;
    const fixes = codeActions(text, { start: { line: 1, column: typo }, end: { line: 1, column: typo } }, { catalog });
    expect(fixes.map((f) => f.title)).toEqual(['Change to `s3:GetObject`']);
  });
});

import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../../catalog';
import { FINDINGS, FINDING_CODES } from '../findings';
import { CASES } from './checks.cases';
import { inlineSizeFindings, policySize } from './size';
import { validatePolicy } from './validate';

const textOf = (doc: unknown) => (typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));

describe('validation checks: each triggers on its case and stays quiet on the near miss', async () => {
  const catalog = await loadCatalog();
  for (const c of CASES) {
    it(`${c.code} (${c.type ?? 'identity'}, ${c.severity}): ${c.covers}`, () => {
      const text = textOf(c.doc);
      const found = validatePolicy(text, { type: c.type ?? 'identity', catalog, kind: c.kind }).filter(
        (f) => f.code === c.code && f.severity === c.severity,
      );
      expect(found.length).toBeGreaterThan(0);
      const f = found[0];
      expect(f.message).toBe(c.message);
      expect([f.range.start.line, f.range.start.column, f.range.end.line, f.range.end.column]).toEqual(c.at);
      expect(text.slice(f.range.start.offset, f.range.end.offset)).toBe(c.covers);
      expect(f.message).not.toMatch(/\.$/);
      expect(f.message[0]).toBe(f.message[0].toLowerCase());
      expect(f.help).toBeTruthy();
      const near = validatePolicy(textOf(c.near), { type: c.nearType ?? c.type ?? 'identity', catalog, kind: c.kind });
      expect(near.filter((n) => n.code === c.code)).toEqual([]);
    });
  }

  it('has a triggering case for every registered code, at each severity the registry allows it', () => {
    const covered = new Set(CASES.map((c) => `${c.code} ${c.severity}`));
    const missing: string[] = [];
    for (const code of FINDING_CODES) {
      const entry: { severity: string; also?: string } = FINDINGS[code];
      for (const severity of [entry.severity, entry.also]) {
        if (severity && !covered.has(`${code} ${severity}`)) missing.push(`${code} ${severity}`);
      }
    }
    expect(missing).toEqual([]);
    expect(FINDING_CODES.length).toBe(69);
  });

  it('registers every code its cases use with the severity they expect', () => {
    for (const c of CASES) {
      const entry: { severity: string; also?: string } = FINDINGS[c.code];
      expect([entry.severity, entry.also]).toContain(c.severity);
    }
  });
});

describe('IAM size limits', () => {
  it('counts characters as IAM does: whitespace between tokens is free, inside strings it counts', () => {
    expect(policySize('{ "Sid" : "a b" }')).toBe(13);
    expect(policySize('{\n  "Version": "2012-10-17"\n}')).toBe(24);
    expect(policySize('{"a":"\\" x"}')).toBe(12);
  });

  it('adds up a user’s inline policies: the one that goes over the 2,048 limit and the ones after are refused', () => {
    const doc = (n: number) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(n)}/*` }],
      });
    const small = doc(500); // 610 characters
    expect(policySize(small)).toBe(610);
    const found = inlineSizeFindings([small, small, small, small], 'user-inline');
    expect(found.map((f) => f.length)).toEqual([0, 0, 0, 1]);
    expect(found[3][0]).toMatchObject({
      code: 'validate.policy-too-large',
      severity: 'ERROR',
      message:
        'the user’s inline policies have 2,440 characters without whitespace, over the limit of 2,048 for a user’s inline policies together',
      range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } },
    });
    expect(inlineSizeFindings([small, small, small, small], 'role-inline').flat()).toEqual([]);
  });

  it('makes no size check when the kind is not given', async () => {
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(20_000)}/*` }],
    });
    expect(validatePolicy(big).map((f) => f.code)).toEqual([]);
    expect(validatePolicy(big, { kind: 'role-inline' }).map((f) => f.message)).toEqual([
      'the policy has 20,110 characters without whitespace, over the limit of 10,240 for a role’s inline policies',
    ]);
  });
});

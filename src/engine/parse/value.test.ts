/**
 * The model read straight from a JSON value is the model read from its text, ranges aside, and
 * neither reads a malformed statement as a narrower or wider one: what it cannot read is marked,
 * and the compiler turns such a statement into an invalid one (it never matches, and says why).
 */
import { describe, expect, it, vi } from 'vitest';
import { loadManagedPolicies } from '../../catalog';
import { CASES } from '../validate/checks.cases';
import { compilePolicy } from '../evaluate';
import type { PolicyType } from '../model';
import { parsePolicy } from './parse-policy';
import { policyFromValue } from './value';

// Reading 1,594 policies twice takes seconds on a loaded machine; no test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

const managed = (
  (await loadManagedPolicies()) as {
    policies: { name: string; document: unknown }[];
  }
).policies;

/** The model without ranges, principal entries in name order (their order never matters). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'range') continue;
    out[k] =
      k === 'entries'
        ? (shape(v) as { type: { value: string } }[]).sort((a, b) => (a.type.value < b.type.value ? -1 : 1))
        : shape(v);
  }
  return out;
}

describe('policyFromValue', () => {
  it('reads every AWS managed policy as the text parser does', () => {
    for (const p of managed) {
      const fromText = parsePolicy(JSON.stringify(p.document, null, 2)).policy;
      expect(shape(policyFromValue(p.document)), p.name).toEqual(shape(fromText));
    }
  });

  it('reads every validation case as the text parser does, malformed ones included', () => {
    let compared = 0;
    for (const c of CASES)
      for (const doc of [c.doc, c.near]) {
        if (typeof doc === 'string') continue;
        const parsed = parsePolicy(JSON.stringify(doc, null, 2));
        const hasParseError = parsed.findings.some((f) => f.severity === 'ERROR');
        expect(policyFromValue(doc) === undefined, c.code).toBe(hasParseError || !parsed.policy);
        if (!hasParseError && parsed.policy) {
          expect(shape(policyFromValue(doc)), c.code).toEqual(shape(parsed.policy));
          compared++;
        }
      }
    expect(compared).toBeGreaterThan(120);
  });

  it('answers undefined for what is not a policy document', () => {
    expect(policyFromValue('x')).toBeUndefined();
    expect(policyFromValue([])).toBeUndefined();
    expect(policyFromValue(null)).toBeUndefined();
    expect(policyFromValue({ Statement: [{ Effect: 'Allow' }, 3] })).toBeUndefined();
    expect(policyFromValue({ Statement: 'x' })).toBeUndefined();
  });
});

const V = '2012-10-17';
const base = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const MALFORMED: [string, Record<string, unknown>, PolicyType, string][] = [
  [
    'a misspelled Condtion',
    { ...base, Condtion: { Bool: { 'aws:SecureTransport': 'true' } } },
    'identity',
    '`Condtion` is not a statement element',
  ],
  [
    'a misspelled Conditions',
    { ...base, Conditions: { Bool: { 'aws:SecureTransport': 'true' } } },
    'identity',
    '`Conditions` is not a statement element',
  ],
  [
    'a Condition that is a string',
    { ...base, Condition: 'aws:SecureTransport' },
    'identity',
    '`Condition` must be an object, found a string',
  ],
  [
    'a Condition that is an array',
    { ...base, Condition: [{ Bool: { 'aws:SecureTransport': 'true' } }] },
    'identity',
    '`Condition` must be an object, found an array',
  ],
  ['a Condition that is null', { ...base, Condition: null }, 'identity', '`Condition` must be an object, found `null`'],
  [
    'an operator whose value is not an object',
    { ...base, Condition: { Bool: 'true' } },
    'identity',
    '`Bool` must hold an object of condition keys, found a string',
  ],
  [
    'a condition value that is an object',
    { ...base, Condition: { StringEquals: { 'aws:username': { a: 1 } } } },
    'identity',
    'the value of `aws:username` holds an object',
  ],
  [
    'a misspelled operator in a Deny',
    { ...base, Effect: 'Deny', Condition: { StringEqual: { 'aws:username': 'bob' } } },
    'identity',
    'unknown condition operator `StringEqual`',
  ],
  [
    'an Action list holding a number',
    { ...base, Action: ['s3:GetObject', 7] },
    'identity',
    '`Action` holds a number, not a string',
  ],
  [
    'a NotAction that is an object',
    { ...base, Action: undefined, NotAction: { a: 1 } },
    'identity',
    'the statement has no `Action` or `NotAction`',
  ],
  [
    'a Principal in an identity policy',
    { ...base, Principal: '*' },
    'identity',
    '`Principal` is not allowed in an identity-based policy',
  ],
  [
    'a Principal in an SCP',
    { ...base, Effect: 'Deny', Principal: '*' },
    'scp',
    '`Principal` is not allowed in a service control policy',
  ],
  [
    'an unknown principal type in a NotPrincipal',
    { ...base, Effect: 'Deny', NotPrincipal: { Aws: '111122223333' } },
    'resource',
    '`Aws` is not a principal type',
  ],
  [
    'a Principal string that is not *',
    { ...base, Principal: 'arn:aws:iam::111122223333:root' },
    'resource',
    'a string `Principal` can only be `*`',
  ],
];

describe('malformed statements are invalid, never narrower or wider', () => {
  for (const [name, statement, type, reason] of MALFORMED) {
    it(name, () => {
      const doc = { Version: V, Statement: [JSON.parse(JSON.stringify(statement)) as unknown] };
      const fromText = parsePolicy(JSON.stringify(doc, null, 2)).policy!;
      for (const policy of [fromText, policyFromValue(doc)!]) {
        const c = compilePolicy(policy, { policyId: 'p', policyType: type });
        expect(c.statements[0].effect).toBe('invalid');
        expect(c.statements[0].invalid?.reason).toContain(reason);
      }
    });
  }

  it('keeps a readable statement as it is', () => {
    const doc = { Version: V, Statement: [{ ...base, Condition: { Bool: { 'aws:SecureTransport': true } } }] };
    const c = compilePolicy(policyFromValue(doc)!, { policyId: 'p', policyType: 'identity' });
    expect(c.statements[0].effect).toBe('Allow');
    expect(c.statements[0].invalid).toBeUndefined();
  });
});

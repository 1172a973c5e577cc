import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import { loadCatalog } from '../catalog';
import { checkWorld } from '../world';
import type { World } from '../world/types';
import { findEscalations } from './escalation';
import data from './testdata/iam-vulnerable-tool-testing.json';

const NOW = Date.parse('2026-12-02T00:00:00Z');
const cases = data.cases as Record<string, { note: string; world: unknown }>;
let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

/** Each principal's path to admin as `kind -> to (holds)` steps, by short name. */
function paths(name: string): Record<string, string[]> {
  const checked = checkWorld(cases[name].world);
  expect(checked.ok ? [] : checked.errors.map((e) => e.message)).toEqual([]);
  const e = findEscalations(cases[name].world as World, catalog, { now: NOW });
  const short = (arn: string) => arn.replace(/^arn:aws:iam::\d{12}:(user|role)\//, '');
  return Object.fromEntries(
    e.paths.map((p) => [short(p.principal), p.path.map((s) => `${s.kind} -> ${short(s.to)} (${s.holds})`)]),
  );
}

describe('IAM Vulnerable’s tool-testing cases: false negatives are found', () => {
  it('fn1: RunInstances and PassRole in two different policies', () => {
    expect(paths('fn1')).toEqual({
      'fn1-privesc3-partial-user': ['iam:PassRole+ec2:RunInstances -> ec2-admin (always)'],
      'fn1-privesc3-partial-role': ['iam:PassRole+ec2:RunInstances -> ec2-admin (always)'],
    });
  });

  it('fn2: CreatePolicyVersion on a policy-name pattern', () => {
    expect(paths('fn2')).toEqual({
      'fn2-exploitableResourceConstraint-user': ['iam:CreatePolicyVersion -> admin (always)'],
      'fn2-exploitableResourceConstraint-role': ['iam:CreatePolicyVersion -> admin (always)'],
    });
  });

  it('fn3: CreatePolicyVersion gated by DateGreaterThan aws:TokenIssueTime 2020: conditional for the user, always for the role', () => {
    expect(paths('fn3')).toEqual({
      'fn3-exploitableConditionConstraint-role': ['iam:CreatePolicyVersion -> admin (always)'],
      'fn3-exploitableConditionConstraint-user': ['iam:CreatePolicyVersion -> admin (conditional)'],
    });
    const e = findEscalations(cases.fn3.world as World, catalog, { now: NOW });
    const step = e.paths.find((p) => p.principal.endsWith('user/fn3-exploitableConditionConstraint-user'))!.path[0];
    expect(step.required[0].conditions?.map((c) => [c.effect, c.keys])).toEqual([['Allow', ['aws:TokenIssueTime']]]);
  });

  it('fn4: NotAction iam:Update*, iam:Create*, iam:Attach* still allows iam:PutUserPolicy and iam:PutRolePolicy', () => {
    expect(paths('fn4')).toEqual({
      'fn4-exploitableNotAction-user': ['iam:PutUserPolicy -> admin (always)'],
      'fn4-exploitableNotAction-role': ['iam:PutRolePolicy -> admin (always)'],
    });
  });
});

describe('IAM Vulnerable’s tool-testing cases: false positives are not found', () => {
  for (const name of ['fp1', 'fp2', 'fp3', 'fp4', 'fp5'])
    it(`${name}: ${cases[name].note.replace(/^fp\d: /, '')}`, () => {
      expect(paths(name)).toEqual({});
    });
});

// Pasted files are untrusted: any value, in any of the command's lists, gives a world or findings,
// never an internal error.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { importAuthorizationDetails } from './authorization-details';

const anything = fc.jsonValue({ maxDepth: 4 });
const KEYS = [
  'UserName',
  'RoleName',
  'GroupName',
  'Arn',
  'Path',
  'GroupList',
  'UserPolicyList',
  'RolePolicyList',
  'GroupPolicyList',
  'AttachedManagedPolicies',
  'PermissionsBoundary',
  'Tags',
  'AssumeRolePolicyDocument',
  'InstanceProfileList',
  'RoleLastUsed',
  'MaxSessionDuration',
  'PolicyVersionList',
  'DefaultVersionId',
  'Document',
  'VersionId',
  'IsDefaultVersion',
  'PolicyName',
  'PolicyArn',
  'PolicyDocument',
];
const values = fc.oneof(
  anything,
  fc.constantFrom('arn:aws:iam::123456789012:role/r', 'arn:aws:iam::123456789012:policy/p', '%7B%22', '%ZZ', 'v1', '{'),
);
const entry = fc.dictionary(
  fc.constantFrom(...KEYS),
  fc.oneof(values, fc.array(fc.dictionary(fc.constantFrom(...KEYS), values))),
);
const details = fc.dictionary(
  fc.constantFrom('UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies', 'IsTruncated'),
  fc.oneof(fc.array(entry, { maxLength: 4 }), anything),
);

// Property runs take seconds on a loaded machine: no test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

describe('the import on odd input', () => {
  it('answers findings, never an internal error, for values and for their JSON text', () => {
    fc.assert(
      fc.property(fc.oneof(details, anything), (input) => {
        for (const r of [importAuthorizationDetails(input), importAuthorizationDetails(JSON.stringify(input) ?? '')]) {
          expect(r.findings.filter((f) => f.code === 'parse.import.internal')).toEqual([]);
          if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

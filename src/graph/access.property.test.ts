/**
 * The indexed relation against the engine: random small worlds (users in groups, roles, managed
 * and inline policies with random Allow/Deny, wildcards, NotAction/NotResource, conditions on tags
 * and open keys, bucket policies naming principals, a boundary, an SCP) and random triples. The
 * relation's answer must match `authorize`: `always` is an Allow with the open keys absent and
 * under every candidate context; `never` is no Allow under any candidate; `conditional` is an
 * Allow under its witness. It must also be the per-triple checker's answer.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog';
import type { Catalog } from '../catalog/types';
import type { ContextValue } from '../engine/model';
import { authorize } from '../world/authorize';
import type { World } from '../world/types';
import { buildAccess } from './access';
import { makeChecker } from './check';
import { graphRequest } from './request';

const A = '111122223333';
const B = '444455556666';
const NOW = Date.parse('2026-06-01T12:00:00Z');
const B1 = 'arn:aws:s3:::prop-one';
const B2 = 'arn:aws:s3:::prop-two';
const TABLE = `arn:aws:dynamodb:us-east-1:${A}:table/Prop`;
const USERS = ['u0', 'u1', 'u2'];

const actionArb = fc.constantFrom(
  's3:GetObject',
  's3:*',
  's3:Get*',
  's3:PutObject',
  's3:List*',
  'dynamodb:GetItem',
  '*',
);
const resourceArb = fc.constantFrom(
  '*',
  `${B1}/*`,
  B1,
  `${B1}/home/\${aws:username}/*`,
  `${B2}/*`,
  `${B1}/public/*`,
  TABLE,
  'arn:aws:s3:::prop-*',
);
const conditionArb = fc.constantFrom<Record<string, unknown> | undefined>(
  undefined,
  undefined,
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
  { DateLessThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } },
  { StringEquals: { 'aws:PrincipalAccount': A } },
);

const statementArb = fc
  .record({
    deny: fc.boolean(),
    notAction: fc.boolean(),
    notResource: fc.boolean(),
    actions: fc.array(actionArb, { minLength: 1, maxLength: 2 }),
    resources: fc.array(resourceArb, { minLength: 1, maxLength: 2 }),
    condition: conditionArb,
  })
  .map((s) => {
    const out: Record<string, unknown> = { Effect: s.deny ? 'Deny' : 'Allow' };
    out[s.notAction ? 'NotAction' : 'Action'] = s.actions;
    out[s.notResource ? 'NotResource' : 'Resource'] = s.resources;
    if (s.condition) out.Condition = s.condition;
    return out;
  });

const docArb = fc
  .array(statementArb, { minLength: 1, maxLength: 3 })
  .map((Statement) => ({ Version: '2012-10-17', Statement }));

const principalArb = fc.constantFrom<unknown>(
  '*',
  { AWS: `arn:aws:iam::${A}:root` },
  { AWS: `arn:aws:iam::${A}:user/u0` },
  { AWS: `arn:aws:iam::${A}:role/r0` },
  { AWS: `arn:aws:iam::${B}:root` },
);

const bucketPolicyArb = fc
  .array(
    fc.record({ principal: principalArb, statement: statementArb }).map(({ principal, statement }) => {
      const s: Record<string, unknown> = { ...statement, Principal: principal };
      // A bucket policy names its own bucket's resources.
      delete s.NotResource;
      s.Resource = [B1, `${B1}/*`];
      return s;
    }),
    { minLength: 1, maxLength: 2 },
  )
  .map((Statement) => ({ Version: '2012-10-17', Statement }));

const worldArb = fc
  .record({
    managed: fc.array(docArb, { minLength: 1, maxLength: 2 }),
    inline: fc.array(fc.option(docArb, { nil: undefined }), { minLength: 3, maxLength: 3 }),
    groupPolicies: fc.array(fc.nat(1), { minLength: 1, maxLength: 2 }),
    memberships: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    rolePolicy: docArb,
    tags: fc.array(fc.constantFrom('blue', 'red'), { minLength: 3, maxLength: 3 }),
    boundary: fc.option(docArb, { nil: undefined }),
    scp: fc.option(docArb, { nil: undefined }),
    bucketPolicy: fc.option(bucketPolicyArb, { nil: undefined }),
  })
  .map((g): World => {
    const managedArns = g.managed.map((_, i) => `arn:aws:iam::${A}:policy/m${i}`);
    const managedPolicies = g.managed.map((document, i) => ({
      arn: managedArns[i],
      defaultVersion: 'v1',
      versions: [{ versionId: 'v1', document }],
    }));
    if (g.boundary)
      managedPolicies.push({
        arn: `arn:aws:iam::${A}:policy/boundary`,
        defaultVersion: 'v1',
        versions: [{ versionId: 'v1', document: g.boundary }],
      });
    const world: Record<string, unknown> = {
      accounts: [{ id: A, name: 'prop' }],
      managedPolicies,
      groups: [
        {
          name: 'g',
          account: A,
          managedPolicies: [...new Set(g.groupPolicies.map((i) => managedArns[i % managedArns.length]))],
        },
      ],
      users: USERS.map((name, i) => ({
        name,
        account: A,
        tags: { team: g.tags[i] },
        ...(g.memberships[i] ? { groups: ['g'] } : { managedPolicies: [managedArns[0]] }),
        ...(g.inline[i] ? { inlinePolicies: [{ name: 'p', document: g.inline[i] }] } : {}),
        ...(g.boundary && i === 1 ? { permissionsBoundary: `arn:aws:iam::${A}:policy/boundary` } : {}),
      })),
      roles: [
        {
          name: 'r0',
          account: A,
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }],
          },
          inlinePolicies: [{ name: 'p', document: g.rolePolicy }],
        },
      ],
      resources: [
        {
          type: 's3-bucket',
          arn: B1,
          account: A,
          objects: [{ key: 'public/a.txt' }, { key: 'home/u0/b.txt' }, { key: 'home/u1/c.txt' }],
          ...(g.bucketPolicy ? { policy: g.bucketPolicy } : {}),
        },
        { type: 's3-bucket', arn: B2, account: B, objects: [{ key: 'x.txt' }] },
        {
          type: 'dynamodb-table',
          arn: TABLE,
          account: A,
          keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
          attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
        },
      ],
    };
    if (g.scp)
      world.organization = {
        id: 'o-a1b2c3d4e5',
        managementAccount: '999988887777',
        root: { id: 'r-a1b2', scps: ['FullAWSAccess', 'scp'], accounts: [A] },
        policies: [{ id: 'scp', type: 'SCP', document: g.scp }],
      };
    return world as unknown as World;
  });

const TRIPLES: [string, string][] = [
  ['s3:GetObject', `${B1}/public/a.txt`],
  ['s3:GetObject', `${B1}/home/u0/b.txt`],
  ['s3:PutObject', `${B1}/home/u1/c.txt`],
  ['s3:DeleteObject', `${B1}/public/a.txt`],
  ['s3:ListBucket', B1],
  ['s3:GetObject', `${B2}/x.txt`],
  ['dynamodb:GetItem', TABLE],
];

/** Contexts the engine is asked with besides the witness: open keys absent, and candidate values. */
const CANDIDATES: Record<string, ContextValue>[] = [
  {},
  { 'aws:MultiFactorAuthPresent': 'true' },
  { 'aws:MultiFactorAuthPresent': 'false' },
  { 'aws:SourceIp': '10.1.2.3' },
  { 'aws:SourceIp': '192.0.2.1' },
  { 'aws:MultiFactorAuthPresent': 'true', 'aws:SourceIp': '10.1.2.3' },
  { 'aws:MultiFactorAuthPresent': 'true', 'aws:SourceIp': '192.0.2.1' },
  { 'aws:TokenIssueTime': '2026-06-01T11:00:00Z' },
];

describe('the access relation agrees with authorize on random worlds', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog();
  });

  it('always, conditional and never mean what authorize says', () => {
    fc.assert(
      fc.property(
        worldArb,
        fc.array(fc.tuple(fc.nat(4), fc.nat(TRIPLES.length - 1)), { minLength: 6, maxLength: 6 }),
        (world, picks) => {
          const rel = buildAccess(world, catalog, { now: NOW });
          const checker = makeChecker(world, { now: NOW });
          const principals = rel.principals.filter(
            (p) => p.kind === 'user' || p.kind === 'role' || p.kind === 'anonymous' || p.kind === 'account',
          );
          for (const [pi, ti] of picks) {
            const p = principals[pi % principals.length];
            const [action, resource] = TRIPLES[ti];
            const answer = rel.check(p.id, action, resource);
            expect(answer.holds, `${p.id} ${action} ${resource}`).toBe(checker(p, action, resource).holds);
            const allowedWith = (keys: Record<string, ContextValue>) => {
              const req = graphRequest(p, action, resource, undefined, NOW);
              req.context = { ...req.context, ...keys };
              const r = authorize(world, req, { now: NOW, trace: false, message: false });
              return r.ok && r.value.decision === 'Allow';
            };
            if (answer.holds === 'always')
              for (const c of CANDIDATES)
                expect(allowedWith(c), `${p.id} ${action} ${resource} ${JSON.stringify(c)}`).toBe(true);
            else if (answer.holds === 'never')
              for (const c of CANDIDATES)
                expect(allowedWith(c), `${p.id} ${action} ${resource} ${JSON.stringify(c)}`).toBe(false);
            else {
              expect(answer.witness).toBeDefined();
              expect(
                allowedWith(answer.witness!),
                `${p.id} ${action} ${resource} under ${JSON.stringify(answer.witness)}`,
              ).toBe(true);
              expect(answer.conditions?.length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 30, seed: 13 },
    );
  }, 60_000);
});

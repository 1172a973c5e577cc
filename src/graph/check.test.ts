import { describe, expect, it } from 'vitest';
import { loadCatalog, loadManagedPolicies } from '../catalog';
import { authorize } from '../world/authorize';
import { defaultWorld, managedPolicyLookup } from '../world';
import type { World } from '../world/types';
import { makeChecker } from './check';
import { graphRequest } from './request';
import type { GraphContext, GraphPrincipal } from './types';
import { actionsFor } from './actions';
import { graphPrincipals, graphResources } from './world-nodes';

const A = '111122223333';
const NOW = Date.parse('2026-06-01T12:00:00Z');
const BUCKET = 'arn:aws:s3:::data';
const OBJECT = `${BUCKET}/x.txt`;

const user = (name: string): GraphPrincipal => {
  const arn = `arn:aws:iam::${A}:user/${name}`;
  return { id: arn, kind: 'user', requestAs: arn, label: name, account: A };
};
const role = (name: string): GraphPrincipal => ({
  id: `arn:aws:iam::${A}:role/${name}`,
  kind: 'role',
  requestAs: `arn:aws:sts::${A}:assumed-role/${name}/graph`,
  label: name,
  account: A,
});

function world(statements: Record<string, unknown>[], extra: Partial<World> = {}): World {
  const doc = { Version: '2012-10-17', Statement: statements };
  return {
    accounts: [{ id: A, name: 'test' }],
    users: [{ name: 'u', account: A, tags: { team: 'blue' }, inlinePolicies: [{ name: 'p', document: doc }] }],
    roles: [
      {
        name: 'r',
        account: A,
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }],
        },
        inlinePolicies: [{ name: 'p', document: doc }],
      },
    ],
    resources: [{ type: 's3-bucket', arn: BUCKET, account: A, objects: [{ key: 'x.txt' }] }],
    ...extra,
  } as World;
}

const allowGet = (condition?: Record<string, unknown>) => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: `${BUCKET}/*`,
  ...(condition ? { Condition: condition } : {}),
});

/** The witness makes the request an Allow in `authorize`. */
function allowedUnder(w: World, p: GraphPrincipal, witness: Record<string, string | string[]>, context?: GraphContext) {
  const req = graphRequest(p, 's3:GetObject', OBJECT, context, NOW);
  req.context = { ...req.context, ...witness };
  const r = authorize(w, req, { now: NOW, trace: false });
  return r.ok && r.value.decision;
}

describe('makeChecker: conditions kept, decided by the engine', () => {
  const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

  it('an MFA-gated allow is conditional, with the MFA witness; always when the context says MFA, never when it says none', () => {
    const w = world([allowGet(mfa)]);
    const a = makeChecker(w, { now: NOW })(user('u'), 's3:GetObject', OBJECT);
    expect(a.holds).toBe('conditional');
    expect(a.witness).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
    expect(a.conditions).toEqual([
      {
        policyId: 'user/u:inline/p',
        policyType: 'identity',
        statementIndex: 0,
        effect: 'Allow',
        keys: ['aws:MultiFactorAuthPresent'],
        condition: '{"Bool":{"aws:MultiFactorAuthPresent":"true"}}',
        witness: { 'aws:MultiFactorAuthPresent': 'true' },
      },
    ]);
    expect(allowedUnder(w, user('u'), a.witness!)).toBe('Allow');
    // A role's session too.
    expect(makeChecker(w, { now: NOW })(role('r'), 's3:GetObject', OBJECT).holds).toBe('conditional');
    expect(makeChecker(w, { now: NOW, context: { mfa: true } })(user('u'), 's3:GetObject', OBJECT)).toEqual({
      holds: 'always',
    });
    expect(makeChecker(w, { now: NOW, context: { mfa: false } })(role('r'), 's3:GetObject', OBJECT)).toEqual({
      holds: 'never',
    });
  });

  it('a Deny unless the source IP is inside a range makes an allow conditional, with an address inside as the witness', () => {
    const w = world([
      allowGet(),
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
    ]);
    const a = makeChecker(w, { now: NOW })(user('u'), 's3:GetObject', OBJECT);
    expect(a.holds).toBe('conditional');
    expect(a.witness).toEqual({ 'aws:SourceIp': '203.0.113.0' });
    expect(a.conditions?.map((c) => [c.effect, c.statementIndex, c.keys])).toEqual([['Deny', 1, ['aws:SourceIp']]]);
    expect(allowedUnder(w, user('u'), a.witness!)).toBe('Allow');
    expect(
      makeChecker(w, { now: NOW, context: { sourceIp: '203.0.113.9' } })(user('u'), 's3:GetObject', OBJECT),
    ).toEqual({ holds: 'always' });
    expect(makeChecker(w, { now: NOW, context: { sourceIp: '192.0.2.1' } })(user('u'), 's3:GetObject', OBJECT)).toEqual(
      {
        holds: 'never',
      },
    );
  });

  it('a user’s aws:TokenIssueTime lies in the last 36 hours or is absent: after 2020 is conditional, before 2020 never', () => {
    const after = world([allowGet({ DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } })]);
    const a = makeChecker(after, { now: NOW })(user('u'), 's3:GetObject', OBJECT);
    expect(a.holds).toBe('conditional');
    expect(a.witness).toEqual({ 'aws:TokenIssueTime': '2026-05-31T00:00:00Z' });
    expect(allowedUnder(after, user('u'), a.witness!)).toBe('Allow');
    const before = world([allowGet({ DateLessThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } })]);
    expect(makeChecker(before, { now: NOW })(user('u'), 's3:GetObject', OBJECT)).toEqual({ holds: 'never' });
    // A role session was issued 15 minutes ago: decided, not open.
    expect(makeChecker(after, { now: NOW })(role('r'), 's3:GetObject', OBJECT)).toEqual({ holds: 'always' });
  });

  it('a principal-tag condition is decided by the world, not open', () => {
    const w = world([allowGet({ StringEquals: { 'aws:PrincipalTag/team': 'blue' } })]);
    expect(makeChecker(w, { now: NOW })(user('u'), 's3:GetObject', OBJECT)).toEqual({ holds: 'always' });
    expect(makeChecker(w, { now: NOW })(role('r'), 's3:GetObject', OBJECT)).toEqual({ holds: 'never' });
  });

  it('an SCP and a permissions boundary block what the identity policy allows', () => {
    const scp = {
      accounts: [{ id: A }],
      organization: {
        id: 'o-a1b2c3d4e5',
        managementAccount: '999988887777',
        root: { id: 'r-a1b2', scps: ['FullAWSAccess', 'deny-s3'], accounts: [A] },
        policies: [
          {
            id: 'deny-s3',
            type: 'SCP',
            document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] },
          },
        ],
      },
    } as Partial<World>;
    const w = world([allowGet()], scp);
    expect(makeChecker(w, { now: NOW })(user('u'), 's3:GetObject', OBJECT)).toEqual({ holds: 'never' });
    expect(makeChecker(world([allowGet()]), { now: NOW })(user('u'), 's3:GetObject', OBJECT)).toEqual({
      holds: 'always',
    });
    const bounded = world([allowGet()], {
      managedPolicies: [
        {
          arn: `arn:aws:iam::${A}:policy/only-dynamodb`,
          defaultVersion: 'v1',
          versions: [
            {
              versionId: 'v1',
              document: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }],
              },
            },
          ],
        },
      ],
    } as Partial<World>);
    bounded.users![0].permissionsBoundary = `arn:aws:iam::${A}:policy/only-dynamodb`;
    expect(makeChecker(bounded, { now: NOW })(user('u'), 's3:GetObject', OBJECT)).toEqual({ holds: 'never' });
  });

  it('decides every triple of the default account and agrees with authorize on the unconditional ones', async () => {
    const catalog = await loadCatalog();
    const managedPolicy = managedPolicyLookup(await loadManagedPolicies());
    const w = defaultWorld();
    const check = makeChecker(w, { now: NOW, managedPolicy });
    const counts = { always: 0, conditional: 0, never: 0 };
    let disagree = 0;
    for (const p of graphPrincipals(w))
      for (const r of graphResources(w, catalog))
        for (const a of actionsFor(catalog, r.type)) {
          const answer = check(p, a.action, r.arn);
          counts[answer.holds]++;
          if (answer.holds === 'conditional') continue;
          // Every eighth triple is asked of authorize too.
          if ((counts.always + counts.never) % 8 !== 0) continue;
          const d = authorize(w, graphRequest(p, a.action, r.arn, undefined, NOW), {
            now: NOW,
            trace: false,
            managedPolicy,
          });
          const allow = d.ok && d.value.decision === 'Allow';
          if (allow !== (answer.holds === 'always')) disagree++;
        }
    expect(disagree).toBe(0);
    expect(counts.always).toBeGreaterThan(100);
  }, 60_000);
});

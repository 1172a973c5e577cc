import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog';
import type { World } from '../world/types';
import { graphHost } from './graph-host';
import { layoutGraph } from './graph-layout';
import { escalationDemoWorld, DEMO_DEPLOYER, DEMO_OPS_ADMIN } from '../graph/testdata/demo';
import { loadManagedPolicies } from '../catalog';
import { managedPolicyLookup } from '../world/managed';

const host = graphHost(loadCatalog, async () => () => undefined);
const NOW = Date.parse('2026-12-01T12:00:00Z');
const A = '111122223333';

/** A small world: alice reads one bucket, bob may assume the role `ops`. */
const world = (): World =>
  ({
    accounts: [{ id: A, name: 'small', root: { mfaEnabled: false } }],
    users: [
      {
        account: A,
        name: 'alice',
        inlinePolicies: [
          {
            name: 'read',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::photos' }],
            },
          },
        ],
      },
    ],
    resources: [{ type: 's3-bucket', arn: 'arn:aws:s3:::photos', account: A, region: 'us-east-1' }],
  }) as unknown as World;

describe('the access graph in the worker', () => {
  it('answers the overview and the question box as plain data, and keeps the relation for the same world', async () => {
    const a = await host.overview({ world: world(), now: NOW });
    if (!a.ok) throw new Error(a.errors.join('; '));
    expect(structuredClone(a.value)).toEqual(a.value);
    expect(a.value.principals.map((p) => p.id)).toEqual([
      `arn:aws:iam::${A}:user/alice`,
      `arn:aws:iam::${A}:root`,
      'anonymous',
    ]);
    const alice = a.value.edges.filter((e) => e.principal.endsWith('user/alice'));
    expect(alice.map((e) => [e.resource, e.level, e.holds, e.actions])).toEqual([
      ['arn:aws:s3:::photos', 'List', 'always', ['s3:ListBucket']],
    ]);
    const q = await host.query({ world: world(), now: NOW, question: 'who can list photos' });
    if (!q.ok) throw new Error(q.errors.join('; '));
    expect(q.value.rows.map((r) => r.cells[0])).toEqual(['alice', 'root (small)']);
    expect(q.value.principals).toEqual([`arn:aws:iam::${A}:user/alice`, `arn:aws:iam::${A}:root`]);
    expect(q.value.resources).toEqual(['arn:aws:s3:::photos']);
  }, 30_000);

  it('proves an access: the decision of each action', async () => {
    const p = await host.prove({
      world: world(),
      now: NOW,
      access: {
        principal: `arn:aws:iam::${A}:user/alice`,
        actions: ['s3:ListBucket', 's3:DeleteBucket'],
        resource: 'arn:aws:s3:::photos',
      },
    });
    if (!p.ok) throw new Error(p.errors.join('; '));
    expect(p.value.actions.map((x) => [x.action, x.decision])).toEqual([
      ['s3:ListBucket', 'Allow'],
      ['s3:DeleteBucket', 'ImplicitDeny'],
    ]);
  }, 30_000);
});

describe('the demo world: a path to admin, proved, and the fix that cuts it', () => {
  const managed = graphHost(loadCatalog, async () => managedPolicyLookup(await loadManagedPolicies()));
  it('finds deployer → ops-admin → Admin, and the fix leaves no path', async () => {
    const a = await managed.overview({ world: escalationDemoWorld(), now: NOW });
    if (!a.ok) throw new Error(a.errors.join('; '));
    expect(a.value.escalations.paths.map((p) => [p.principal, p.path.map((s) => [s.to, s.kind])])).toEqual([
      [DEMO_DEPLOYER, [[DEMO_OPS_ADMIN, 'iam:PassRole+ec2:RunInstances']]],
    ]);
    expect(a.value.escalations.admins).toContain(DEMO_OPS_ADMIN);
    const f = await managed.fix({ world: escalationDemoWorld(), now: NOW });
    if (!f.ok) throw new Error(f.errors.join('; '));
    expect(f.value.proposal.changes.length).toBe(1);
    expect(f.value.proposal.remaining).toEqual([]);
    expect(f.value.overview.escalations.paths).toEqual([]);
  }, 60_000);
});

describe('the page layouts', () => {
  const node = (id: string) => ({ id, width: 100, height: 40 });
  it('ranks the paths view by hops to Admin, and places a neighbourhood around its focus', () => {
    const l = layoutGraph({
      kind: 'layered',
      nodes: [node('a'), node('b'), node('admin')],
      edges: [
        { id: 'ab', source: 'a', target: 'b' },
        { id: 'b-admin', source: 'b', target: 'admin' },
      ],
    });
    expect(l.nodes.map((n) => [n.id, n.rank])).toEqual([
      ['a', 0],
      ['b', 1],
      ['admin', 2],
    ]);
    expect(l.edges.map((e) => e.id)).toEqual(['ab', 'b-admin']);
    const f = layoutGraph({ kind: 'neighbourhood', focus: 'b', nodes: [node('a'), node('b')], edges: [] });
    expect(f.nodes.length).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog';
import type { World } from '../world/types';
import { answerQuestion, graphHost } from './graph-host';
import { layered, neighbourhood } from './graph-layout';

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
    expect(q.value.rows.map((r) => r[0])).toEqual(['alice', 'root (small)']);
    expect(q.value.nodes).toEqual(['arn:aws:s3:::photos', `arn:aws:iam::${A}:user/alice`, `arn:aws:iam::${A}:root`]);
  }, 30_000);

  it('says what it could not understand, with suggestions', async () => {
    const a = await host.query({ world: world(), now: NOW, question: 'what can alicia do' });
    if (!a.ok) throw new Error(a.errors.join('; '));
    expect(a.value.error).toBe('there is no principal `alicia` in this account; did you mean `alice`?');
    const b = await host.query({ world: world(), now: NOW, question: 'hello' });
    expect(b.ok && b.value.error?.startsWith('ask, for instance: who can read')).toBe(true);
    void answerQuestion;
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

describe('the page layouts', () => {
  const node = (id: string, rank?: number) => ({ id, width: 100, height: 40, ...(rank === undefined ? {} : { rank }) });
  it('puts nodes in columns by rank (longest path from the sources when no rank is given)', () => {
    const l = layered({
      kind: 'layered',
      nodes: [node('a'), node('b'), node('c'), node('admin')],
      edges: [
        { id: 'ab', source: 'a', target: 'b' },
        { id: 'bc', source: 'b', target: 'admin' },
        { id: 'cx', source: 'c', target: 'admin' },
      ],
    });
    expect(l.nodes.map((n) => [n.id, n.x, n.y, n.rank])).toEqual([
      ['a', 70, 40, 0],
      ['b', 260, 71, 1],
      ['c', 70, 102, 0],
      ['admin', 450, 71, 2],
    ]);
    expect(l.edges[0]!.points).toEqual([
      { x: 120, y: 40 },
      { x: 210, y: 71 },
    ]);
    expect([l.width, l.height]).toEqual([520, 142]);
  });

  it('places a neighbourhood around its focus', () => {
    const l = neighbourhood({
      kind: 'neighbourhood',
      focus: 'f',
      nodes: [node('f'), node('n1'), node('n2')],
      edges: [{ id: 'e', source: 'f', target: 'n1' }],
    });
    expect(l.nodes.map((n) => [n.id, n.x, n.y])).toEqual([
      ['f', 215, 185],
      ['n1', 215, 40],
      ['n2', 215, 330],
    ]);
    expect(l.edges.length).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import type { AccessEdge, EscalationStep, GraphPrincipal, GraphResource } from '../../graph/types';
import {
  accessView,
  collapse,
  hopsToAdmin,
  neighbourhoodView,
  nextNode,
  pathsAround,
  pathsView,
  searchNodes,
  tableRows,
  type OverviewData,
} from './view';

const A = '111122223333';
const user = (name: string, groups?: string[]): GraphPrincipal => ({
  id: `arn:aws:iam::${A}:user/${name}`,
  kind: 'user',
  requestAs: `arn:aws:iam::${A}:user/${name}`,
  label: name,
  account: A,
  path: '/',
  ...(groups ? { groups } : {}),
});
const role = (name: string): GraphPrincipal => ({
  id: `arn:aws:iam::${A}:role/${name}`,
  kind: 'role',
  requestAs: `arn:aws:sts::${A}:assumed-role/${name}/graph`,
  label: name,
  account: A,
  path: '/',
});
const bucket: GraphResource = { arn: 'arn:aws:s3:::photos', type: 's3:bucket', label: 'photos', hasPolicy: false };
const table: GraphResource = {
  arn: `arn:aws:dynamodb:us-east-1:${A}:table/Notes`,
  type: 'dynamodb:table',
  label: 'Notes',
  account: A,
  hasPolicy: false,
};
const edge = (
  p: GraphPrincipal,
  r: GraphResource,
  level: AccessEdge['level'],
  holds: AccessEdge['holds'],
): AccessEdge => ({
  principal: p.id,
  resource: r.arn,
  level,
  holds,
  actions: [`x:${level}`],
});
const step = (from: string, to: string, kind: string, holds: 'always' | 'conditional' = 'always'): EscalationStep => ({
  from,
  to,
  kind,
  category: 'principal-access',
  actions: [kind],
  required: [],
  holds,
  description: `${from} to ${to}`,
});

const admin = user('admin');
const alice = user('alice', ['developers']);
const bob = user('bob', ['developers']);
const ops = role('ops');
const o: OverviewData = {
  principals: [admin, alice, bob, ops],
  resources: [bucket, table],
  edges: [
    edge(alice, bucket, 'List', 'always'),
    edge(alice, bucket, 'Read', 'conditional'),
    edge(bob, bucket, 'Read', 'conditional'),
    edge(bob, table, 'Write', 'always'),
  ],
  escalations: {
    admins: [admin.id],
    edges: [step(alice.id, ops.id, 'sts:AssumeRole'), step(ops.id, 'admin', 'iam:AttachRolePolicy', 'conditional')],
    paths: [],
  },
};

describe('the graph page views', () => {
  it('ranks the paths view by hops to Admin: alice → ops → Admin, the admin one hop away', () => {
    expect([...hopsToAdmin(o.escalations)]).toEqual([
      ['admin', 0],
      [admin.id, 1],
      [ops.id, 1],
      [alice.id, 2],
    ]);
    const g = pathsView(o);
    expect(g.nodes.map((n) => [n.label, n.rank])).toEqual([
      ['admin', 1],
      ['alice', 0],
      ['ops', 1],
      ['Admin', 2],
    ]);
    expect(g.edges.map((e) => [e.id, e.label, e.dashed])).toEqual([
      [`admin:${admin.id}`, 'administrator', false],
      [`step:${alice.id}>${ops.id}`, 'sts:AssumeRole', false],
      [`step:${ops.id}>admin`, 'iam:AttachRolePolicy', true],
    ]);
  });

  it('bundles the access levels of a pair into one edge, only the levels chosen, with a cap', () => {
    const g = accessView(o, ['List', 'Read', 'Write']);
    expect(g.edges.map((e) => [e.source.split('/')[1], e.target.split(/[:/]/).pop(), e.label, e.dashed])).toEqual([
      ['alice', 'photos', 'LR', false],
      ['bob', 'photos', 'R', true],
      ['bob', 'Notes', 'W', false],
    ]);
    expect(g.nodes.map((n) => [n.label, n.rank])).toEqual([
      ['alice', 0],
      ['bob', 0],
      ['photos', 1],
      ['Notes', 1],
    ]);
    const capped = accessView(o, ['Read', 'Write'], 1);
    expect([capped.edges.length, capped.hiddenEdges, capped.hiddenNodes]).toEqual([1, 2, 2]);
  });

  it('collapses by group and by account, merging edges with their counts', () => {
    const byGroup = collapse(accessView(o, ['List', 'Read', 'Write']), 'group', o);
    expect(byGroup.nodes.map((n) => [n.label, n.sub])).toEqual([
      ['group developers', '2 nodes'],
      ['photos', 's3:bucket'],
      ['Notes', 'dynamodb:table'],
    ]);
    expect(byGroup.edges.map((e) => [e.label, e.count, e.dashed])).toEqual([
      ['LR ×2', 2, false],
      ['W ×1', 1, false],
    ]);
    const byAccount = collapse(accessView(o, ['Write']), 'account', o);
    expect(byAccount.nodes.map((n) => n.label)).toEqual([`principals in ${A}`, `resources in ${A}`]);
  });

  it('keeps the paths to a node, the paths from it, and its neighbourhood', () => {
    const g = pathsView(o);
    expect(pathsAround(g, ops.id, 'to').nodes.map((n) => n.label)).toEqual(['alice', 'ops']);
    expect(pathsAround(g, ops.id, 'from').nodes.map((n) => n.label)).toEqual(['ops', 'Admin']);
    expect(neighbourhoodView(g, ops.id).edges.map((e) => e.label)).toEqual(['sts:AssumeRole', 'iam:AttachRolePolicy']);
  });

  it('turns the drawn edges into table rows, one per level and per step', () => {
    const rows = tableRows(accessView(o, ['List', 'Read']));
    expect(rows.map((r) => [r.fromLabel, r.toLabel, r.level, r.holds])).toEqual([
      ['alice', 'photos', 'List', 'always'],
      ['alice', 'photos', 'Read', 'conditional'],
      ['bob', 'photos', 'Read', 'conditional'],
    ]);
    expect(tableRows(pathsView(o)).map((r) => r.technique)).toEqual([
      'administrator',
      'sts:AssumeRole',
      'iam:AttachRolePolicy',
    ]);
  });

  it('moves the arrow keys to the nearest node in their direction, and finds nodes by name or ARN', () => {
    const n = (id: string, x: number, y: number) => ({ id, x, y, width: 10, height: 10 });
    const layout = { nodes: [n('a', 0, 0), n('b', 100, 0), n('c', 100, 60), n('d', 0, 60)] };
    expect(nextNode(layout, 'a', 'right')).toBe('b');
    expect(nextNode(layout, 'a', 'down')).toBe('d');
    expect(nextNode(layout, 'c', 'left')).toBe('d');
    expect(nextNode(layout, 'a', 'left')).toBeUndefined();
    const g = accessView(o, ['List', 'Read', 'Write']);
    expect(searchNodes(g.nodes, 'NOT').map((n) => n.label)).toEqual(['Notes']);
    expect(searchNodes(g.nodes, 'user/bob').map((n) => n.label)).toEqual(['bob']);
  });
});

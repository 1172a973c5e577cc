import { describe, expect, it } from 'vitest';
import type { EscalationStep, GraphPrincipal, Layout } from '../types';
import { bundle } from './bundle';
import { collapse, expand } from './collapse';
import { force } from './force';
import { accessGraph, escalationGraph, labelWidth } from './from-graph';
import { layered, layeredRanks } from './layered';
import { pathsFrom, pathsTo } from './paths';
import { layoutOf } from './request';

/** A layout as short literals: nodes `[id, x, y, rank]`, edges `[id, [[x, y]…]]`. */
const brief = (l: Layout) => ({
  nodes: l.nodes.map((n) => [n.id, n.x, n.y, n.rank]),
  edges: l.edges.map((e) => [e.id, e.points.map((p) => [p.x, p.y])]),
  size: [l.width, l.height],
});

// alice and bob can become each other (a cycle), alice can become the role and admin, the role
// can become admin; `lone` is on no path.
const nodes = [{ id: 'alice' }, { id: 'bob' }, { id: 'role' }, { id: 'admin', width: 100 }, { id: 'lone' }];
const edges = [
  { source: 'alice', target: 'role' },
  { source: 'bob', target: 'alice' },
  { source: 'role', target: 'admin' },
  { source: 'alice', target: 'bob' },
  { source: 'alice', target: 'admin' },
];

describe('the layered layout', () => {
  it('ranks by hops to admin, admin alone at the last rank, with a cycle and a node on no path', () => {
    expect(brief(layered(nodes, edges))).toEqual({
      nodes: [
        ['alice', 340, 40, 1],
        ['bob', 100, 40, 0],
        ['role', 340, 110, 1],
        ['admin', 550, 75, 2],
        ['lone', 100, 110, 0],
      ],
      edges: [
        // alice and the role are both one hop from admin: one rank, a straight edge
        [
          'alice->role',
          [
            [340, 60],
            [340, 90],
          ],
        ],
        [
          'bob->alice',
          [
            [180, 43.33],
            [220, 45],
            [260, 43.33],
          ],
        ],
        [
          'role->admin',
          [
            [420, 110],
            [460, 110],
            [500, 94.44],
          ],
        ],
        // against the ranks: routed backwards by dagre, its points turned to run from alice to bob
        [
          'alice->bob',
          [
            [260, 36.67],
            [220, 35],
            [180, 36.67],
          ],
        ],
        [
          'alice->admin',
          [
            [420, 40],
            [460, 40],
            [500, 55.56],
          ],
        ],
      ],
      size: [620, 150],
    });
    // the same input gives the same layout
    expect(layered(nodes, edges)).toEqual(layered(nodes, edges));
  });

  const n2 = [{ id: 'alice' }, { id: 'web-server' }, { id: 'bucket', width: 120, height: 30 }, { id: 'table' }];
  const e2 = [
    { source: 'alice', target: 'web-server' },
    { source: 'web-server', target: 'bucket' },
    { source: 'alice', target: 'bucket' },
    { source: 'web-server', target: 'table' },
  ];

  it('ranks towards a chosen resource, top to bottom', () => {
    expect(brief(layered(n2, e2, { direction: 'TB', target: 'bucket' }))).toEqual({
      nodes: [
        ['alice', 100, 40, 0],
        ['web-server', 290, 40, 0],
        ['bucket', 195, 155, 1],
        ['table', 480, 40, 0],
      ],
      edges: [
        [
          'alice->web-server',
          [
            [180, 40],
            [210, 40],
          ],
        ],
        [
          'web-server->bucket',
          [
            [290, 60],
            [290, 100],
            [220.91, 140],
          ],
        ],
        [
          'alice->bucket',
          [
            [100, 60],
            [100, 100],
            [169.09, 140],
          ],
        ],
        [
          'web-server->table',
          [
            [370, 40],
            [400, 40],
          ],
        ],
      ],
      size: [580, 190],
    });
  });

  it('without a target ranks by the longest path from the sources', () => {
    const l = layered(n2, e2, { target: null });
    expect(l.nodes.map((n) => [n.id, n.x, n.y, n.rank])).toEqual([
      ['alice', 100, 67.5, 0],
      ['web-server', 340, 95, 1],
      ['bucket', 580, 35, 2],
      ['table', 580, 100, 2],
    ]);
    expect(l.edges[2]).toEqual({
      id: 'alice->bucket',
      source: 'alice',
      target: 'bucket',
      points: [
        { x: 164, y: 47.5 },
        { x: 220, y: 30 },
        { x: 340, y: 30 },
        { x: 460, y: 30 },
        { x: 520, y: 32.5 },
      ],
    });
    expect([l.width, l.height]).toEqual([680, 140]);
  });

  it('breaks a cycle with no source and draws a self edge as a loop', () => {
    const l = layered(
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'c', target: 'a' },
        { source: 'a', target: 'a' },
        { source: 'a', target: 'b' },
        { source: 'a', target: 'gone' },
      ],
    );
    // the second a->b gets its own route
    expect(brief(l)).toEqual({
      nodes: [
        ['a', 100, 45, 0],
        ['b', 340, 60, 1],
        ['c', 580, 40, 2],
      ],
      edges: [
        [
          'a->b',
          [
            [180, 58.33],
            [220, 65],
            [260, 63.33],
          ],
        ],
        [
          'b->c',
          [
            [420, 60],
            [460, 60],
            [500, 53.33],
          ],
        ],
        [
          'c->a',
          [
            [500, 26.67],
            [460, 20],
            [340, 20],
            [220, 20],
            [180, 28.33],
          ],
        ],
        [
          'a->a',
          [
            [170, 25],
            [170, 5],
            [200, 5],
            [200, 45],
            [180, 45],
          ],
        ],
        [
          'a->b#2',
          [
            [180, 45],
            [220, 45],
            [260, 50],
          ],
        ],
      ],
      size: [680, 100],
    });
  });

  it('ranks a node that cannot reach admin before it, and an empty graph is empty', () => {
    expect(
      layeredRanks(
        [{ id: 'x' }, { id: 'y' }, { id: 'z' }, { id: 'admin' }],
        [
          { source: 'x', target: 'y' },
          { source: 'y', target: 'z' },
        ],
      ),
    ).toEqual([0, 1, 2, 3]);
    expect(layered([], [])).toEqual({ nodes: [], edges: [], width: 0, height: 0 });
  });
});

describe('the force layout', () => {
  it('runs a fixed number of ticks from fixed starting points: the same coordinates every time', () => {
    const n = [{ id: 'alice' }, { id: 'web-server' }, { id: 'bucket', width: 120, height: 30 }, { id: 'table' }];
    const e = [
      { source: 'alice', target: 'web-server' },
      { source: 'web-server', target: 'bucket' },
      { source: 'alice', target: 'bucket' },
      { source: 'web-server', target: 'table' },
    ];
    const l = force(n, e, { center: 'web-server' });
    expect(l.nodes.map((x) => [x.id, x.x, x.y])).toEqual([
      ['alice', 244.89, 84.14],
      ['web-server', 105.89, 186.97],
      ['bucket', 80, 35],
      ['table', 109.87, 359.84],
    ]);
    expect(l.edges[0]).toEqual({
      id: 'alice->web-server',
      source: 'alice',
      target: 'web-server',
      points: [
        { x: 217.86, y: 104.14 },
        { x: 132.92, y: 166.97 },
      ],
    });
    expect([l.width, l.height]).toEqual([344.89, 399.84]);
    expect(force(n, e, { center: 'web-server' })).toEqual(l);
  });
});

describe('collapse, expand, bundle and paths', () => {
  const graph = {
    nodes: [
      { id: 'alice', account: '111122223333', groups: ['developers'], path: '/', tags: { team: 'web' } },
      { id: 'bob', account: '111122223333', groups: ['read-only'], path: '/', tags: { team: 'data' } },
      { id: 'carol', account: '111122223333', groups: ['developers'], path: '/admins/', tags: { team: 'web' } },
      { id: 'ext', account: '444455556666' },
      { id: 'bucket', account: '111122223333' },
      { id: 'admin' },
    ],
    edges: [
      { source: 'alice', target: 'bucket', level: 'Read' },
      { source: 'carol', target: 'bucket', level: 'Read' },
      { source: 'carol', target: 'bucket', level: 'Write' },
      { source: 'alice', target: 'carol', level: 'sts:AssumeRole' },
      { source: 'bob', target: 'admin', level: 'iam:PassRole+ec2:RunInstances' },
      { source: 'ext', target: 'bucket', level: 'List' },
    ],
  };

  it('collapses by group: clusters with counts, their edges merged with levels; expand opens them', () => {
    const c = collapse(graph, 'group');
    expect(c.nodes.map((n) => ('cluster' in n ? [n.id, n.count, n.members, n.internalEdges] : n.id))).toEqual([
      ['cluster:group:developers', 2, ['alice', 'carol'], 1],
      ['cluster:group:read-only', 1, ['bob'], 0],
      'ext',
      'bucket',
      'admin',
    ]);
    expect(c.edges).toEqual([
      {
        id: 'cluster:group:developers->bucket',
        source: 'cluster:group:developers',
        target: 'bucket',
        count: 3,
        levels: [
          { level: 'Read', count: 2 },
          { level: 'Write', count: 1 },
        ],
      },
      {
        id: 'cluster:group:read-only->admin',
        source: 'cluster:group:read-only',
        target: 'admin',
        count: 1,
        levels: [{ level: 'iam:PassRole+ec2:RunInstances', count: 1 }],
      },
      { id: 'ext->bucket', source: 'ext', target: 'bucket', count: 1, levels: [{ level: 'List', count: 1 }] },
    ]);
    const one = expand(c, 'cluster:group:developers');
    expect(one.nodes.map((n) => n.id)).toEqual(['alice', 'cluster:group:read-only', 'carol', 'ext', 'bucket', 'admin']);
    expect(one.edges.map((e) => [e.id, e.count])).toEqual([
      ['alice->bucket', 1],
      ['carol->bucket', 2],
      ['alice->carol', 1],
      ['cluster:group:read-only->admin', 1],
      ['ext->bucket', 1],
    ]);
    expect(expand(c).nodes.map((n) => n.id)).toEqual(['alice', 'bob', 'carol', 'ext', 'bucket', 'admin']);
  });

  it('collapses by account, by path and by a tag', () => {
    const ids = (by: Parameters<typeof collapse>[1]) =>
      collapse(graph, by).nodes.map((n) => ('cluster' in n ? `${n.label} (${n.count})` : n.id));
    expect(ids('account')).toEqual(['account 111122223333 (4)', 'account 444455556666 (1)', 'admin']);
    expect(collapse(graph, 'account').edges.map((e) => [e.id, e.count])).toEqual([
      ['cluster:account:111122223333->admin', 1],
      ['cluster:account:444455556666->cluster:account:111122223333', 1],
    ]);
    expect(ids('path')).toEqual(['path / (2)', 'path /admins/ (1)', 'ext', 'bucket', 'admin']);
    expect(ids({ tag: 'team' })).toEqual(['team=web (2)', 'team=data (1)', 'ext', 'bucket', 'admin']);
  });

  it('bundles the access levels between one pair into one edge, in the console’s order', () => {
    expect(
      bundle([
        { principal: 'alice', resource: 'bucket', level: 'Write', holds: 'conditional', actions: ['s3:PutObject'] },
        { principal: 'alice', resource: 'bucket', level: 'List', holds: 'always', actions: ['s3:ListBucket'] },
        {
          principal: 'bob',
          resource: 'bucket',
          level: 'Read',
          holds: 'always',
          actions: ['s3:GetObject', 's3:GetObjectAcl'],
        },
        { source: 'alice', target: 'bucket', level: 'List', holds: 'always' },
      ]),
    ).toEqual([
      {
        id: 'alice->bucket',
        source: 'alice',
        target: 'bucket',
        levels: [
          { level: 'List', count: 2, holds: 'always' },
          { level: 'Write', count: 1, holds: 'conditional' },
        ],
        count: 3,
        holds: 'conditional',
      },
      {
        id: 'bob->bucket',
        source: 'bob',
        target: 'bucket',
        levels: [{ level: 'Read', count: 2, holds: 'always' }],
        count: 2,
        holds: 'always',
      },
    ]);
  });

  it('keeps the nodes and edges on some path to, or from, a node', () => {
    const to = pathsTo(graph, 'bucket');
    expect(to.nodes.map((n) => n.id)).toEqual(['alice', 'carol', 'ext', 'bucket']);
    expect(to.edges.map((e) => `${e.source}>${e.target}:${e.level}`)).toEqual([
      'alice>bucket:Read',
      'carol>bucket:Read',
      'carol>bucket:Write',
      'alice>carol:sts:AssumeRole',
      'ext>bucket:List',
    ]);
    const from = pathsFrom(graph, 'alice');
    expect(from.nodes.map((n) => n.id)).toEqual(['alice', 'carol', 'bucket']);
    expect(from.edges.length).toBe(4);
    expect(pathsTo(graph, 'admin').nodes.map((n) => n.id)).toEqual(['bob', 'admin']);
    expect(pathsTo(graph, 'nobody')).toEqual({ nodes: [], edges: [] });
  });
});

describe('the graph as the layouts take it', () => {
  const A = 'arn:aws:iam::111122223333';
  const principals: GraphPrincipal[] = [
    {
      id: `${A}:user/alice`,
      kind: 'user',
      requestAs: `${A}:user/alice`,
      label: 'alice',
      account: '111122223333',
      path: '/',
      groups: ['developers'],
    },
    { id: `${A}:user/bob`, kind: 'user', requestAs: `${A}:user/bob`, label: 'bob', account: '111122223333', path: '/' },
    {
      id: `${A}:role/web-server`,
      kind: 'role',
      requestAs: 'x',
      label: 'web-server',
      account: '111122223333',
      path: '/',
    },
  ];
  const step = (from: string, to: string, kind: string): EscalationStep => ({
    from,
    to,
    kind,
    category: 'new-passrole',
    actions: [],
    required: [],
    holds: 'always',
    description: '',
  });

  it('turns escalation steps into nodes sized for their labels, admin last, one edge per pair', () => {
    const g = escalationGraph(
      [
        step(`${A}:user/alice`, `${A}:role/web-server`, 'iam:PassRole+ec2:RunInstances'),
        step(`${A}:user/alice`, `${A}:role/web-server`, 'sts:AssumeRole'),
        step(`${A}:role/web-server`, 'admin', 'iam:AttachRolePolicy'),
      ],
      principals,
    );
    expect(g.nodes.map((n) => [n.id, n.label, n.kind, n.width, n.height])).toEqual([
      [`${A}:user/alice`, 'alice', 'user', 80, 36],
      [`${A}:role/web-server`, 'web-server', 'role', 94, 36],
      ['admin', 'admin', 'admin', 80, 36],
    ]);
    expect(g.edges.map((e) => [e.id, e.level, e.steps.length])).toEqual([
      [`${A}:user/alice->${A}:role/web-server`, 'iam:PassRole+ec2:RunInstances', 2],
      [`${A}:role/web-server->admin`, 'iam:AttachRolePolicy', 1],
    ]);
    expect(layered(g.nodes, g.edges).nodes.map((n) => [n.id, n.rank])).toEqual([
      [`${A}:user/alice`, 0],
      [`${A}:role/web-server`, 1],
      ['admin', 2],
    ]);
  });

  it('turns access edges into principals, resources and bundled edges', () => {
    const g = accessGraph(
      [
        {
          principal: `${A}:user/bob`,
          resource: 'arn:aws:s3:::b',
          level: 'Read',
          holds: 'always',
          actions: ['s3:GetObject'],
        },
        {
          principal: `${A}:user/bob`,
          resource: 'arn:aws:s3:::b',
          level: 'List',
          holds: 'always',
          actions: ['s3:ListBucket'],
        },
      ],
      principals,
      [{ arn: 'arn:aws:s3:::b', type: 's3:bucket', label: 'b', hasPolicy: false }],
    );
    expect(g.nodes.map((n) => [n.id, n.kind])).toEqual([
      [`${A}:user/bob`, 'user'],
      ['arn:aws:s3:::b', 'resource'],
    ]);
    expect(g.edges.map((e) => [e.id, e.levels.map((l) => l.level)])).toEqual([
      [`${A}:user/bob->arn:aws:s3:::b`, ['List', 'Read']],
    ]);
    expect(labelWidth('x'.repeat(100))).toBe(280);
  });
});

describe('a layout asked as plain data', () => {
  it('answers layered with the focus ranked last, and neighbourhood as the force layout around it', () => {
    expect(layoutOf({ kind: 'layered', nodes, edges })).toEqual(layered(nodes, edges));
    expect(layoutOf({ kind: 'layered', nodes, edges, focus: 'role' }).nodes.find((n) => n.id === 'role')?.rank).toBe(2);
    expect(layoutOf({ kind: 'neighbourhood', nodes, edges, focus: 'bob' })).toEqual(
      force(nodes, edges, { center: 'bob' }),
    );
  });
});

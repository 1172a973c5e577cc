import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, loadManagedPolicies } from '../catalog';
import type { Catalog } from '../catalog/types';
import { defaultWorld, managedPolicyLookup } from '../world';
import type { AccessRelation } from './access';
import { makeChecker } from './check';
import { answerQuery, answerTable, queryPresets, suggest, words } from './query';
import type { AccessEdge, Escalations, EscalationStep } from './types';
import { graphPrincipals, graphResources } from './world-nodes';

const A = 'arn:aws:iam::111122223333';
const BUCKET = 'arn:aws:s3:::playground-photos';
const WELCOME = `${BUCKET}/public/welcome.txt`;
const NOTES = 'arn:aws:dynamodb:us-east-1:111122223333:table/Notes';

// Edges as the relation bundles them (a few of the default world's, written out, so these tests
// check the question box and not the relation); one triple at a time is asked of the engine.
const EDGES: AccessEdge[] = [
  { principal: `${A}:user/admin`, resource: BUCKET, level: 'Read', holds: 'always', actions: ['s3:GetBucketPolicy'] },
  { principal: `${A}:user/admin`, resource: BUCKET, level: 'Write', holds: 'always', actions: ['s3:PutBucketTagging'] },
  { principal: `${A}:user/alice`, resource: BUCKET, level: 'List', holds: 'always', actions: ['s3:ListBucket'] },
  { principal: `${A}:user/bob`, resource: BUCKET, level: 'Read', holds: 'always', actions: ['s3:GetBucketPolicy'] },
  { principal: `${A}:user/alice`, resource: NOTES, level: 'Read', holds: 'always', actions: ['dynamodb:GetItem'] },
  { principal: 'anonymous', resource: WELCOME, level: 'Read', holds: 'always', actions: ['s3:GetObject'] },
];

const STEPS: EscalationStep[] = [
  {
    from: `${A}:user/alice`,
    to: `${A}:role/web-server`,
    kind: 'iam:PassRole+ec2:RunInstances',
    category: 'new-passrole',
    actions: ['iam:PassRole', 'ec2:RunInstances'],
    required: [],
    holds: 'always',
    description: 'alice can pass web-server to a new instance',
  },
  {
    from: `${A}:role/web-server`,
    to: 'admin',
    kind: 'iam:AttachRolePolicy',
    category: 'self-escalation',
    actions: ['iam:AttachRolePolicy'],
    required: [],
    holds: 'conditional',
    description: 'web-server can attach AdministratorAccess to itself',
  },
];
const ESCALATIONS: Escalations = {
  admins: [`${A}:user/admin`],
  edges: STEPS,
  paths: [
    { principal: `${A}:user/alice`, path: STEPS },
    { principal: `${A}:role/web-server`, path: [STEPS[1]] },
  ],
};
const NONE: Escalations = { admins: [], edges: [], paths: [] };

let catalog: Catalog;
let access: AccessRelation;

beforeAll(async () => {
  catalog = await loadCatalog();
  const world = defaultWorld();
  const principals = graphPrincipals(world);
  const resources = graphResources(world, catalog);
  const checker = makeChecker(world, {
    now: Date.parse('2026-12-01T09:00:00Z'),
    managedPolicy: managedPolicyLookup(await loadManagedPolicies()),
  });
  const byId = new Map(principals.map((p) => [p.id, p]));
  access = {
    principals,
    resources,
    stats: { principals: principals.length, resources: resources.length, decisions: 0, milliseconds: 0 },
    check: (p, a, r) => (byId.has(p) ? checker(byId.get(p)!, a, r) : { holds: 'never' }),
    edgesFrom: (p) => EDGES.filter((e) => e.principal === p),
    edgesTo: (r) => EDGES.filter((e) => e.resource === r),
    whoCan: (a, r) =>
      principals.flatMap((p) => {
        const answer = checker(p, a, r);
        return answer.holds === 'never' ? [] : [{ principal: p.id, answer }];
      }),
    edges: () => EDGES,
  };
});

const ask = (q: string, e: Escalations = ESCALATIONS) => answerQuery(q, access, e, { catalog });

describe('the question box', () => {
  it('who can read the bucket, by its short name or its ARN', () => {
    const a = ask('Who can read playground-photos?');
    expect(a).toMatchObject({
      kind: 'who-can',
      title: '2 principals can read playground-photos',
      columns: ['principal', 'level', 'actions', 'holds'],
      principals: [`${A}:user/admin`, `${A}:user/bob`],
      resources: [BUCKET],
    });
    expect(a.rows.map((r) => r.cells)).toEqual([
      ['admin', 'Read', 's3:GetBucketPolicy', 'always'],
      ['bob', 'Read', 's3:GetBucketPolicy', 'always'],
    ]);
    expect(ask(`who can read ${BUCKET}`).principals).toEqual(a.principals);
    expect(ask('who can list playground-photos').title).toBe('1 principal can list playground-photos');
  });

  it('who can do one action on a resource, asked of the engine', () => {
    const a = ask(`who can s3:getobject on ${WELCOME}`);
    expect(a.kind).toBe('who-can-action');
    expect(a.title).toBe('13 principals can s3:GetObject on playground-photos/public/welcome.txt');
    expect(a.principals?.slice(0, 3)).toEqual([`${A}:user/admin`, `${A}:user/alice`, `${A}:user/bob`]);
    expect(a.principals).toContain('anonymous');
    expect(a.rows[0].cells).toEqual(['admin', 'always', '']);
  });

  it('what a user or a role can do', () => {
    const a = ask('what can alice do');
    expect(a.title).toBe('alice can reach 2 resources');
    expect(a.rows.map((r) => r.cells)).toEqual([
      ['playground-photos', 'List', 's3:ListBucket', 'always'],
      ['Notes', 'Read', 'dynamodb:GetItem', 'always'],
    ]);
    expect(a.steps?.map((s) => s.kind)).toEqual(['iam:PassRole+ec2:RunInstances']);
    const r = ask('what can role/web-server do');
    expect(r).toMatchObject({ kind: 'what-can', title: 'web-server can do nothing to any resource of the world' });
    expect(r.principals).toEqual([`${A}:role/web-server`]);
    expect(ask(`what can ${A}:role/web-server do`).principals).toEqual([`${A}:role/web-server`]);
  });

  it('can a user reach admin: the path, an admin already, or no path', () => {
    const a = ask('can alice reach admin');
    expect(a).toMatchObject({
      kind: 'reach-admin',
      title: 'alice can reach admin in 2 steps, under a condition',
      holds: 'conditional',
    });
    expect(a.rows.map((r) => r.cells)).toEqual([
      ['alice', 'web-server', 'iam:PassRole+ec2:RunInstances', 'iam:PassRole, ec2:RunInstances', 'always'],
      ['web-server', 'admin', 'iam:AttachRolePolicy', 'iam:AttachRolePolicy', 'conditional'],
    ]);
    expect(a.principals).toEqual([`${A}:user/alice`, `${A}:role/web-server`, 'admin']);
    expect(ask('can user/admin become admin').title).toBe('admin already has administrator access');
    expect(ask('can bob reach admin')).toMatchObject({
      title: 'bob cannot reach admin: no escalation path was found',
      holds: 'never',
    });
    expect(ask('can alice reach admin', NONE).holds).toBe('never');
  });

  it('can a user do one action on a resource: yes or no, from the engine', () => {
    expect(ask(`can bob s3:PutObject on ${BUCKET}/home/bob/todo.txt`)).toMatchObject({
      kind: 'can',
      title: 'yes: bob can s3:PutObject on playground-photos/home/bob/todo.txt',
      holds: 'always',
    });
    expect(ask(`can bob s3:PutObject on ${BUCKET}/home/alice/notes.txt`)).toMatchObject({
      title: 'no: bob cannot s3:PutObject on playground-photos/home/alice/notes.txt',
      holds: 'never',
    });
    expect(ask('can alice read Notes')).toMatchObject({ title: 'yes: alice can read Notes', holds: 'always' });
  });

  it('who can pass a role, what is public, the paths to admin, the admins', () => {
    const pass = ask('who can pass role web-server');
    expect(pass).toMatchObject({
      kind: 'who-can-pass',
      title: '2 principals can pass web-server',
      principals: [`${A}:user/admin`, `${A}:root`],
      resources: [`${A}:role/web-server`],
    });
    const pub = ask('what is public');
    expect(pub.title).toBe('1 resource is open to anyone or to other accounts');
    expect(pub.rows.map((r) => r.cells)).toEqual([
      ['anyone (anonymous)', 'playground-photos/public/welcome.txt', 'Read', 's3:GetObject', 'always'],
    ]);
    const paths = ask('paths to admin');
    expect(paths.title).toBe('2 principals can reach admin');
    expect(paths.rows.map((r) => r.cells)).toEqual([
      ['alice', '2', 'alice → web-server → admin'],
      ['web-server', '1', 'web-server → admin'],
    ]);
    expect(ask('paths to admin', NONE).title).toBe('no principal can reach admin');
    expect(ask('who is admin').rows.map((r) => r.cells)).toEqual([['admin']]);
  });

  it('answers an unknown word with a precise message and suggestions, never a throw', () => {
    expect(ask('what can alise do')).toEqual({
      kind: 'error',
      title: 'no principal named `alise`: name a user or role (`alice`, `role/web-server`), an ARN, or `anonymous`',
      columns: [],
      rows: [],
      suggestions: ['alice'],
    });
    expect(ask('who can raed playground-photos')).toMatchObject({
      title:
        '`who can` does not know `raed`: follow it with an access level (list, read, write, manage, tag), an action such as `s3:GetObject`, or `pass role NAME`',
      suggestions: ['read'],
    });
    expect(ask('who can read photos')).toMatchObject({
      title: 'no resource named `photos`: name it by its ARN or its name (`playground-photos`, `Notes`)',
      suggestions: ['playground-photos', 'photos-app-authenticated', 'photos-app-editors'],
    });
    expect(ask('who can s3:GetObjekt on playground-photos')).toMatchObject({
      title: '`s3` has no action `GetObjekt`',
      suggestions: ['s3:GetObject', 's3:PutObject'],
    });
    expect(ask('who can pass role nobody')).toMatchObject({
      kind: 'error',
      title: expect.stringContaining('no role named `nobody`'),
    });
    expect(ask('hello').kind).toBe('error');
    expect(ask('').title).toContain('the question is empty');
    expect(ask('x'.repeat(3000)).title).toBe('the question is longer than 2000 characters');
    expect(ask(`what can ${'a'.repeat(1999)}`).kind).toBe('error');
  });

  it('turns an answer into a plain table for the page', () => {
    expect(answerTable(ask('can alice reach admin'))).toEqual({
      title: 'alice can reach admin in 2 steps, under a condition',
      columns: ['from', 'to', 'kind', 'actions', 'holds'],
      rows: [
        ['alice', 'web-server', 'iam:PassRole+ec2:RunInstances', 'iam:PassRole, ec2:RunInstances', 'always'],
        ['web-server', 'admin', 'iam:AttachRolePolicy', 'iam:AttachRolePolicy', 'conditional'],
      ],
      nodes: [`${A}:user/alice`, `${A}:role/web-server`, 'admin'],
    });
    expect(answerTable(ask('what can alise do')).error).toBe(
      'no principal named `alise`: name a user or role (`alice`, `role/web-server`), an ARN, or `anonymous`; did you mean `alice`?',
    );
  });

  it('splits words without patterns and suggests by bounded comparison', () => {
    expect(words('  who can\tread  bucket? ')).toEqual(['who', 'can', 'read', 'bucket']);
    expect(suggest('bobb', ['alice', 'bob', 'admin'])).toEqual(['bob']);
  });

  it('builds the page’s presets for a world', () => {
    expect(queryPresets(access, ESCALATIONS)).toEqual([
      { label: 'Who can read playground-photos?', query: 'who can read playground-photos' },
      { label: 'What can web-server do?', query: 'what can role/web-server do' },
      { label: 'Can alice reach admin?', query: 'can user/alice reach admin' },
      { label: 'Who can pass web-server?', query: 'who can pass role web-server' },
      { label: 'What is public?', query: 'what is public' },
      { label: 'Paths to admin', query: 'paths to admin' },
    ]);
    for (const p of queryPresets(access, ESCALATIONS)) expect(ask(p.query).kind).not.toBe('error');
  });
});

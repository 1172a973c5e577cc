import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';

// Loading the catalogue and the managed-policy library takes seconds on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const ACCOUNT = '111122223333';
const V = '2012-10-17';
const ec2Trust = {
  Version: V,
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const launch = {
  Version: V,
  Statement: [
    { Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' },
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::ci-artifacts/*',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    },
  ],
};

// dev can pass the ops-admin role (AdministratorAccess) to a new EC2 instance: a path to admin.
const WORLD = {
  format: 2,
  accounts: [{ id: ACCOUNT, name: 'ci' }],
  users: [{ account: ACCOUNT, name: 'dev', inlinePolicies: [{ name: 'launch', document: launch }] }],
  roles: [
    {
      account: ACCOUNT,
      name: 'ops-admin',
      trustPolicy: ec2Trust,
      instanceProfiles: ['ops-admin'],
      managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    },
  ],
  resources: [
    {
      type: 's3-bucket',
      arn: 'arn:aws:s3:::ci-artifacts',
      account: ACCOUNT,
      objects: [{ key: 'build.zip', body: 'x' }],
    },
  ],
};

// The same account as `aws iam get-account-authorization-details` prints it.
const DETAILS = {
  UserDetailList: [
    {
      Path: '/',
      UserName: 'dev',
      UserId: 'AIDAEXAMPLEDEV000001',
      Arn: `arn:aws:iam::${ACCOUNT}:user/dev`,
      CreateDate: '2026-01-01T00:00:00Z',
      UserPolicyList: [{ PolicyName: 'launch', PolicyDocument: encodeURIComponent(JSON.stringify(launch)) }],
      GroupList: [],
      AttachedManagedPolicies: [],
    },
  ],
  GroupDetailList: [],
  RoleDetailList: [
    {
      Path: '/',
      RoleName: 'ops-admin',
      RoleId: 'AROAEXAMPLEOPS000001',
      Arn: `arn:aws:iam::${ACCOUNT}:role/ops-admin`,
      CreateDate: '2026-01-01T00:00:00Z',
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(ec2Trust)),
      RolePolicyList: [],
      AttachedManagedPolicies: [
        { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ],
      InstanceProfileList: [],
    },
  ],
  Policies: [],
};

let home = '';
let world = '';
let details = '';

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'iamplay-graph-'));
  world = join(home, 'world.json');
  details = join(home, 'details.json');
  writeFileSync(world, JSON.stringify(WORLD, null, 2));
  writeFileSync(details, JSON.stringify(DETAILS, null, 2));
});

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

async function run(args: string[], stdinText?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (d) => out.push(String(d)));
  stderr.on('data', (d) => err.push(String(d)));
  if (stdinText !== undefined) stdin.end(stdinText);
  const code = await main(['graph', ...args], { stdin, stdout, stderr });
  return { code, out: out.join(''), err: err.join('') };
}

const NOW = ['--now', '2026-12-01T09:00:00Z'];
const OBJECT = 'arn:aws:s3:::ci-artifacts/build.zip';

describe('iamplay graph', () => {
  it('--who-can lists every principal the engine allows, and reads the world from standard input', async () => {
    const r = await run([world, '--who-can', 's3:getobject', OBJECT, ...NOW, '--mfa', 'false']);
    expect(r).toEqual({
      code: 0,
      out:
        `2 principals can s3:GetObject on ${OBJECT}:\n` +
        `  arn:aws:iam::${ACCOUNT}:role/ops-admin\n` +
        `  arn:aws:iam::${ACCOUNT}:root\n`,
      err: '',
    });
    // with MFA open, dev is among them under the condition
    expect((await run([world, '--who-can', 's3:GetObject', OBJECT, ...NOW])).out).toBe(
      `3 principals can s3:GetObject on ${OBJECT}:\n` +
        `  arn:aws:iam::${ACCOUNT}:user/dev (under a condition)\n` +
        '      if {"Bool":{"aws:MultiFactorAuthPresent":"true"}} (identity policy user/dev:inline/launch, Statement[1]; ' +
        'open keys: aws:MultiFactorAuthPresent; holds with aws:MultiFactorAuthPresent=true)\n' +
        `  arn:aws:iam::${ACCOUNT}:role/ops-admin\n` +
        `  arn:aws:iam::${ACCOUNT}:root\n`,
    );
    const json = await run(
      ['-', '--who-can', 'iam:PassRole', 'role/ops-admin', '--format', 'json', ...NOW],
      JSON.stringify(WORLD),
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual([
      { principal: `arn:aws:iam::${ACCOUNT}:user/dev`, holds: 'always' },
      { principal: `arn:aws:iam::${ACCOUNT}:role/ops-admin`, holds: 'always' },
      { principal: `arn:aws:iam::${ACCOUNT}:root`, holds: 'always' },
    ]);
  });

  it('--can exits 0 when allowed and 1 when not, with the context fixed by --mfa', async () => {
    expect(await run([world, '--can', 'dev', 's3:GetObject', OBJECT, ...NOW, '--mfa', 'true'])).toEqual({
      code: 0,
      out: `allowed: arn:aws:iam::${ACCOUNT}:user/dev can s3:GetObject on ${OBJECT}\n`,
      err: '',
    });
    // MFA open: allowed only under the statement's condition, printed with a context where it holds
    expect(await run([world, '--can', 'dev', 's3:GetObject', OBJECT, ...NOW])).toEqual({
      code: 3,
      out:
        `allowed only under a condition: arn:aws:iam::${ACCOUNT}:user/dev can s3:GetObject on ${OBJECT}\n` +
        '  if {"Bool":{"aws:MultiFactorAuthPresent":"true"}} (identity policy user/dev:inline/launch, Statement[1]; ' +
        'open keys: aws:MultiFactorAuthPresent; holds with aws:MultiFactorAuthPresent=true)\n',
      err: '',
    });
    // a resource by its name, a principal as user/NAME
    expect(await run([world, '--can', 'user/dev', 's3:PutObject', 'ci-artifacts/build.zip', ...NOW])).toEqual({
      code: 1,
      out: `denied: arn:aws:iam::${ACCOUNT}:user/dev cannot s3:PutObject on ${OBJECT}\n`,
      err: '',
    });
    expect(await run([world, '--can', 'dev', 's3:GetObject', OBJECT, ...NOW, '--mfa', 'false'])).toEqual({
      code: 1,
      out: `denied: arn:aws:iam::${ACCOUNT}:user/dev cannot s3:GetObject on ${OBJECT}\n`,
      err: '',
    });
    const json = await run([world, '--can', 'dev', 'iam:PassRole', 'role/ops-admin', '--format', 'json', ...NOW]);
    expect([json.code, JSON.parse(json.out)]).toEqual([
      0,
      {
        principal: `arn:aws:iam::${ACCOUNT}:user/dev`,
        action: 'iam:PassRole',
        resource: `arn:aws:iam::${ACCOUNT}:role/ops-admin`,
        holds: 'always',
      },
    ]);
  });

  it('imports get-account-authorization-details output on the fly', async () => {
    expect(
      await run([details, '--can', 'dev', 'ec2:RunInstances', `arn:aws:iam::${ACCOUNT}:role/ops-admin`, ...NOW]),
    ).toEqual({
      code: 0,
      out: `allowed: arn:aws:iam::${ACCOUNT}:user/dev can ec2:RunInstances on arn:aws:iam::${ACCOUNT}:role/ops-admin\n`,
      err: '',
    });
    expect(
      await run([details, '--can', 'ops-admin', 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/x`, ...NOW]),
    ).toMatchObject({
      code: 0,
    });
  });

  it('--escalations prints one entry per principal that can reach admin and exits 1; 0 when none can', async () => {
    const json = await run([world, '--escalations', '--format', 'json', ...NOW]);
    expect(json.err).toBe('');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual([
      {
        principal: `arn:aws:iam::${ACCOUNT}:user/dev`,
        path: [
          {
            from: `arn:aws:iam::${ACCOUNT}:user/dev`,
            to: `arn:aws:iam::${ACCOUNT}:role/ops-admin`,
            kind: 'iam:PassRole+ec2:RunInstances',
            actions: ['iam:PassRole', 'ec2:RunInstances'],
          },
        ],
      },
    ]);
    const text = await run([world, '--escalations', ...NOW]);
    expect(text.code).toBe(1);
    expect(text.out.split('\n').slice(0, 3)).toEqual([
      `arn:aws:iam::${ACCOUNT}:user/dev can reach admin in 1 step:`,
      `  1. arn:aws:iam::${ACCOUNT}:user/dev -> arn:aws:iam::${ACCOUNT}:role/ops-admin (administrator)`,
      '     iam:PassRole+ec2:RunInstances: iam:PassRole, ec2:RunInstances',
    ]);
    // without iam:PassRole there is no path: exit 0
    const safeWorld = join(home, 'safe.json');
    const noPass = structuredClone(WORLD);
    noPass.users[0].inlinePolicies[0].document.Statement[0].Action = ['ec2:RunInstances'];
    writeFileSync(safeWorld, JSON.stringify(noPass));
    expect(await run([safeWorld, '--escalations', ...NOW])).toEqual({
      code: 0,
      out: 'no principal can reach admin (1 already has administrator access: ops-admin)\n',
      err: '',
    });
    expect(await run([safeWorld, '--escalations', '--format', 'json', ...NOW])).toEqual({
      code: 0,
      out: '[]\n',
      err: '',
    });
  });

  it('exits 2 with a precise message on a usage error or a world it cannot read', async () => {
    const usage =
      'usage: iamplay graph WORLD --who-can ACTION RESOURCE [--format text|json]\n' +
      '       iamplay graph WORLD --can PRINCIPAL ACTION RESOURCE [--format text|json]\n' +
      '       iamplay graph WORLD --escalations [--format text|json]\n';
    expect(await run([world])).toEqual({
      code: 2,
      out: '',
      err: `iamplay graph: say what to ask: --who-can ACTION RESOURCE, --can PRINCIPAL ACTION RESOURCE or --escalations\n${usage}`,
    });
    expect((await run([world, '--who-can', 's3:GetObject'])).err).toBe(
      `iamplay graph: --who-can needs 2 values\n${usage}`,
    );
    expect((await run([world, '--escalations', '--can', 'a', 'b', 'c'])).err).toBe(
      `iamplay graph: choose one of --who-can, --can and --escalations\n${usage}`,
    );
    expect((await run([world, '--escalations', '--format', 'yaml'])).err).toBe(
      `iamplay graph: --format is text or json, not \`yaml\`\n${usage}`,
    );
    expect((await run(['--escalations'])).err).toBe(`iamplay graph: no world file\n${usage}`);
    expect(await run([world, '--can', 'deb', 's3:PutObject', 'ci-artifacts', ...NOW])).toEqual({
      code: 2,
      out: '',
      err: 'iamplay graph: no principal `deb` in the world; did you mean `dev`?\n',
    });
    expect((await run([world, '--who-can', 's3:GetObjekt', 'ci-artifacts', ...NOW])).err).toBe(
      'iamplay graph: `s3` has no action `GetObjekt`; did you mean `s3:GetObject` or `s3:PutObject`?\n',
    );
    const missing = join(home, 'nope.json');
    expect(await run([missing, '--escalations'])).toEqual({
      code: 2,
      out: '',
      err: `iamplay graph: cannot read \`${missing}\`: no such file or directory\n`,
    });
    const bad = await run(['-', '--escalations'], '{"accounts": [');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^-:1:\d+ /);
    expect(bad.err).toContain('iamplay graph: `-` holds no world that can be read (see above)\n');
  });

  it('--help says what it does and exits 0; iamplay --help lists it', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--escalations                   every principal that can reach admin');
    const out: string[] = [];
    const stdout = new PassThrough();
    stdout.on('data', (d) => out.push(String(d)));
    await main(['--help'], { stdin: new PassThrough(), stdout, stderr: new PassThrough() });
    expect(out.join('')).toContain('iamplay graph WORLD --who-can ACTION RESOURCE');
  });
});

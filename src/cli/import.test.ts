// `iamplay import`, in process (main with its own streams), and as a user runs it: the built bin,
// from the current source (beforeAll builds it into a temporary folder, as lint-bin.test.ts does).
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { buildCli } from './built-cli.test-helper';
import { main } from './main';

// Building takes seconds on a loaded machine: no test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = 'tests/fixtures/import/authorization-details.json';

async function run(argv: string[], input?: string) {
  let out = '';
  let err = '';
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  if (input !== undefined) stdin.end(input);
  const code = await main(argv, { stdin, stdout, stderr });
  return { code, out, err };
}

let home = '';
let bin = '';
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'iamplay-import-'));
  bin = await buildCli(home);
}, 120_000);

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('iamplay import', () => {
  it('prints the world of the fixture as JSON, with nothing on standard error', async () => {
    const r = await run(['import', join(root, FIXTURE)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const world = JSON.parse(r.out);
    expect(world.accounts).toEqual([{ id: '123456789012' }]);
    expect(world.users.map((u: { name: string }) => u.name)).toEqual(['alice', 'bob', 'ci-deployer']);
    expect(world.roles.map((u: { name: string }) => u.name)).toEqual([
      'EC2-WebServer',
      'orders-function',
      'AWSServiceRoleForSupport',
      'partner-audit',
    ]);
  });

  it('reads standard input, and reports findings on standard error with the file, line and column', async () => {
    const input = JSON.stringify(
      {
        RoleDetailList: [
          {
            RoleName: 'broken',
            Arn: 'arn:aws:iam::123456789012:role/broken',
            AssumeRolePolicyDocument: '%7B%22Version\u202e%ZZ',
          },
        ],
      },
      null,
      2,
    );
    const r = await run(['import', '-'], input);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      '-:6:35 ERROR parse.import.document the trust policy of `broken` at `RoleDetailList[0].AssumeRolePolicyDocument` cannot be read: it is neither JSON nor URL-encoded JSON (a `%` escape is malformed)\n',
    );
    expect(JSON.parse(r.out).roles[0].trustPolicy).toBe('%7B%22Version\u202e%ZZ');
    expect(r.out).toContain('"trustPolicy": "%7B%22Version\\u202e%ZZ"');
  });

  it('exits 1 when the file cannot be read or holds no account, 2 on a usage error', async () => {
    const missing = await run(['import', join(root, 'tests/fixtures/import/nope.json')]);
    expect([missing.code, missing.out]).toEqual([1, '']);
    expect(missing.err).toBe(
      `iamplay import: cannot read \`${join(root, 'tests/fixtures/import/nope.json')}\`: no such file or directory\n`,
    );
    const notJson = await run(['import', '-'], '{"UserDetailList": [}');
    expect([notJson.code, notJson.out, notJson.err]).toEqual([
      1,
      '',
      '-:1:21 ERROR parse.json-syntax the file is not valid JSON: value expected\n',
    ]);
    expect((await run(['import'])).code).toBe(2);
    const help = await run(['import', '--help']);
    expect([help.code, help.out.split('\n')[0]]).toEqual([0, 'usage: iamplay import FILE|-']);
    const usage = await run(['import', '--pretty', FIXTURE]);
    expect([usage.code, usage.err]).toEqual([
      2,
      'iamplay import: unknown option `--pretty`\nusage: iamplay import FILE|-\n',
    ]);
  });

  it('runs as the built bin: `iamplay import FILE > world.json`', () => {
    const out = join(home, 'world.json');
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" import ${FIXTURE} > "${out}"`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect([r.status, r.stderr]).toEqual([0, '']);
    const world = JSON.parse(readFileSync(out, 'utf8'));
    expect(world.managedPolicies.map((m: { arn: string }) => m.arn)).toEqual([
      'arn:aws:iam::123456789012:policy/DeployArtifacts',
      'arn:aws:iam::123456789012:policy/engineering/DevelopersS3Access',
      'arn:aws:iam::123456789012:policy/DeveloperBoundary',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    ]);
    writeFileSync(join(home, 'empty.json'), '{"UserDetailList": []}');
    const empty = spawnSync(process.execPath, [bin, 'import', join(home, 'empty.json')], { encoding: 'utf8' });
    expect([empty.status, empty.stdout, empty.stderr]).toEqual([
      1,
      '',
      `${join(home, 'empty.json')}:1:1 ERROR parse.import.no-account no ARN in the file names an account, so there is no account to import\n`,
    ]);
  });
});

// Runs the command line as a user does (bin/iamplay.mjs → dist-cli/iamplay.mjs), built from the
// current source: beforeAll builds it with vite.cli.config.ts into a temporary folder, next to a
// copy of the launcher, so the test never runs a stale dist-cli left by `npm install`.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from './built-cli.test-helper';

// Linting, building and property runs take seconds on a loaded machine: no test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

const root = fileURLToPath(new URL('../../', import.meta.url));
let home = '';
let bin = '';

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'iamplay-bin-'));
  bin = await buildCli(home);
}, 120_000);

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

const iamplay = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });

describe('the built iamplay bin', () => {
  it('lints a directory and exits 1 on an ERROR', () => {
    const r = iamplay(['lint', 'tests/lint']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'tests/lint/broken.json:5:17 ERROR validate.invalid-effect `allow` is not an effect\n' +
        'tests/lint/retired.json:6:17 WARNING validate.unknown-action `s3:ListObjects` is not an action of Amazon S3\n' +
        'tests/lint/typo.json:7:18 ERROR validate.unknown-action `s3:GetObjekt` is not an action of Amazon S3; did you mean `s3:GetObject`?\n',
    );
    expect(r.status).toBe(1);
  });

  it('exits 0 on a clean file and 2 on a usage error', () => {
    expect(iamplay(['lint', '--type', 'identity', 'tests/lint/clean.json']).status).toBe(0);
    expect(iamplay(['lint', '--format', 'yaml', 'tests/lint/clean.json']).status).toBe(2);
  });

  it('reads a process substitution as it comes, and refuses /dev/zero instead of growing without end', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" lint <(cat tests/lint/broken.json) /dev/zero`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stdout).toMatch(/^\/dev\/fd\/\d+:5:17 ERROR validate\.invalid-effect `allow` is not an effect\n$/);
    expect(r.stderr).toBe(
      'iamplay lint: `/dev/zero` is larger than 1,048,576 bytes; lint reads policy files up to that size\n',
    );
    expect(r.status).toBe(1);
  });

  it('runs graph: its help, and a usage error exits 2', () => {
    const help = iamplay(['graph', '--help']);
    expect([help.status, help.stdout.split('\n')[0]]).toEqual([
      0,
      'usage: iamplay graph WORLD --who-can ACTION RESOURCE [--format text|json]',
    ]);
    const usage = iamplay(['graph', 'world.json']);
    expect([usage.status, usage.stderr.split('\n')[0]]).toEqual([
      2,
      'iamplay graph: say what to ask: --who-can ACTION RESOURCE, --can PRINCIPAL ACTION RESOURCE or --escalations',
    ]);
  });
});

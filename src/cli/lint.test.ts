import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { MAX_BYTES } from './lint';
import { main } from './main';

// Linting, building and property runs take seconds on a loaded machine: no test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

const dir = fileURLToPath(new URL('../../tests/lint/', import.meta.url));

async function run(argv: string[], stdin = new PassThrough()) {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await main(argv, { stdin, stdout, stderr });
  return { code, out, err };
}

describe('iamplay lint', () => {
  it('prints compiler-style lines, and fails a typo in an action name (an ERROR, as Access Analyzer has it)', async () => {
    const r = await run(['lint', `${dir}typo.json`]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      `${dir}typo.json:7:18 ERROR validate.unknown-action \`s3:GetObjekt\` is not an action of Amazon S3; did you mean \`s3:GetObject\`?\n`,
    );
  });

  it('exits 0 when the only findings are WARNINGs: an action AWS managed policies still name', async () => {
    const r = await run(['lint', `${dir}retired.json`]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `${dir}retired.json:6:17 WARNING validate.unknown-action \`s3:ListObjects\` is not an action of Amazon S3\n`,
    );
  });

  it('exits 1 when a finding is an ERROR', async () => {
    const r = await run(['lint', `${dir}broken.json`]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`${dir}broken.json:5:17 ERROR validate.invalid-effect \`allow\` is not an effect\n`);
  });

  it('checks every *.json of a directory, in name order, as JSON', async () => {
    const r = await run(['lint', '--format', 'json', dir]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as {
      file: string;
      findings: { code: string; severity: string; help: string; range: unknown }[];
    }[];
    expect(out.map((f) => f.file)).toEqual([
      `${dir}broken.json`,
      `${dir}clean.json`,
      `${dir}retired.json`,
      `${dir}typo.json`,
    ]);
    expect(out[1].findings).toEqual([]);
    expect(out[0].findings[0]).toEqual({
      code: 'validate.invalid-effect',
      severity: 'ERROR',
      message: '`allow` is not an effect',
      help: 'Effect values are case-sensitive: write "Allow".',
      range: { start: { line: 5, column: 17 }, end: { line: 5, column: 24 } },
    });
  });

  it('applies --type', async () => {
    const r = await run(['lint', '--type=trust', `${dir}clean.json`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('validate.trust-resource');
    expect(r.out).toContain('validate.missing-principal');
  });

  it('applies --kind: IAM’s size limit for where the policy is stored', async () => {
    const big = join(tmpdir(), `iamplay-kind-${process.pid}.json`);
    const resources = Array.from({ length: 60 }, (_, i) => `arn:aws:s3:::reports-bucket-${i}/*`);
    writeFileSync(
      big,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources }],
      }),
    );
    try {
      const user = await run(['lint', '--kind', 'user-inline', big]);
      expect(user.out).toBe(
        `${big}:1:1 ERROR validate.policy-too-large the policy has 2,184 characters without whitespace, over the limit of 2,048 for a user’s inline policies\n`,
      );
      expect(user.code).toBe(1);
      expect(await run(['lint', '--kind=managed', big])).toMatchObject({ out: '', code: 0 });
      expect((await run(['lint', '--kind', 'inline', big])).err).toContain('unknown policy kind `inline`');
    } finally {
      rmSync(big, { force: true });
    }
  });

  it('--help explains the options and the exit status, and exits 0', async () => {
    const r = await run(['lint', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'usage: iamplay lint [--type identity|resource|trust|boundary|scp|rcp|session] [--kind managed|user-inline|group-inline|role-inline]',
    );
    expect(r.out).toContain(
      'Exit status: 0 no finding is an ERROR; 1 at least one is, or a file could not be checked; 2 usage error.',
    );
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['lint'])).code).toBe(2);
    expect((await run(['lint', '--type', 'group', `${dir}clean.json`])).err).toContain('unknown policy type `group`');
    expect((await run(['lint', '--format', 'xml', `${dir}clean.json`])).code).toBe(2);
    expect((await run(['lint', '--bogus', `${dir}clean.json`])).code).toBe(2);
  });
});

describe('iamplay lint on what a directory can hold', () => {
  let tmp = '';
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'iamplay-lint-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const fresh = (name: string) => {
    const d = join(tmp, name);
    mkdirSync(d);
    copyFileSync(`${dir}clean.json`, join(d, 'a.json'));
    copyFileSync(`${dir}broken.json`, join(d, 'z.json'));
    return d;
  };

  it('skips a FIFO and a device in a directory with a note, and checks the other files', async () => {
    const d = fresh('fifo');
    execFileSync('mkfifo', [join(d, 'pipe.json')]);
    symlinkSync('/dev/zero', join(d, 'zero.json'));
    const r = await run(['lint', d]);
    expect(r.err).toBe(
      `iamplay lint: skipped \`${d}/pipe.json\`: a FIFO, not a regular file\n` +
        `iamplay lint: skipped \`${d}/zero.json\`: a character device, not a regular file\n`,
    );
    expect(r.out).toBe(`${d}/z.json:5:17 ERROR validate.invalid-effect \`allow\` is not an effect\n`);
    expect(r.code).toBe(1);
  });

  it('reports a symlink loop and a dangling link, checks the other files, and exits 1 (not 2)', async () => {
    const d = fresh('loop');
    unlinkSync(join(d, 'z.json'));
    symlinkSync('loop2.json', join(d, 'loop1.json'));
    symlinkSync('loop1.json', join(d, 'loop2.json'));
    symlinkSync('gone', join(d, 'm.json'));
    const r = await run(['lint', '--format', 'json', d]);
    expect(r.err).toBe(
      `iamplay lint: cannot read \`${d}/loop1.json\`: too many levels of symbolic links (a loop)\n` +
        `iamplay lint: cannot read \`${d}/loop2.json\`: too many levels of symbolic links (a loop)\n` +
        `iamplay lint: cannot read \`${d}/m.json\`: no such file or directory\n`,
    );
    const out = JSON.parse(r.out) as { file: string; findings?: unknown[]; error?: string }[];
    expect(out.map((f) => [f.file, f.findings?.length ?? f.error])).toEqual([
      [`${d}/a.json`, 0],
      [`${d}/loop1.json`, `cannot read \`${d}/loop1.json\`: too many levels of symbolic links (a loop)`],
      [`${d}/loop2.json`, `cannot read \`${d}/loop2.json\`: too many levels of symbolic links (a loop)`],
      [`${d}/m.json`, `cannot read \`${d}/m.json\`: no such file or directory`],
    ]);
    expect(r.code).toBe(1);
  });

  it('a missing file named on the command line is reported; the others are still checked', async () => {
    const r = await run(['lint', `${dir}nope.json`, `${dir}clean.json`]);
    expect(r.err).toBe(`iamplay lint: cannot read \`${dir}nope.json\`: no such file or directory\n`);
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
  });

  it('reads a named FIFO as it comes, and standard input for -', async () => {
    const d = fresh('named');
    const fifo = join(d, 'in.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat '${dir}broken.json' > '${fifo}'`]);
    const r = await run(['lint', fifo]);
    writer.kill();
    expect(r.out).toBe(`${fifo}:5:17 ERROR validate.invalid-effect \`allow\` is not an effect\n`);
    expect(r.code).toBe(1);
    const stdin = new PassThrough();
    stdin.end(readFileSync(`${dir}clean.json`));
    expect((await run(['lint', '-'], stdin)).code).toBe(0);
  });

  it('refuses a named file past 1 MiB, /dev/zero included, instead of reading it all', async () => {
    const r = await run(['lint', '/dev/zero', `${dir}clean.json`]);
    expect(r.err).toBe(
      'iamplay lint: `/dev/zero` is larger than 1,048,576 bytes; lint reads policy files up to that size\n',
    );
    expect(r.code).toBe(1);
    const d = fresh('big');
    writeFileSync(join(d, 'big.json'), ' '.repeat(MAX_BYTES + 1));
    const big = await run(['lint', d]);
    expect(big.err).toBe(
      `iamplay lint: \`${d}/big.json\` is larger than 1,048,576 bytes; lint reads policy files up to that size\n`,
    );
  });

  it('escapes file names and messages so that no value can forge a line or send terminal escapes', async () => {
    const d = fresh('escape');
    unlinkSync(join(d, 'z.json'));
    const name = 'x\nok.json:1:1 ERROR forged\u001b[2J.json';
    writeFileSync(
      join(d, name),
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get\\u001b[31m\\n\\u009bX", "Resource": "*"}]}',
    );
    const r = await run(['lint', d]);
    const lines = r.out.split('\n');
    expect(lines).toEqual([
      `${d}/x\\u{a}ok.json:1:1 ERROR forged\\u{1b}[2J.json:1:71 ERROR validate.action-malformed \`s3:Get\\u{1b}[31m\\u{a}\\u{9b}X\` is not an action`,
      '',
    ]);
    const json = await run(['lint', '--format', 'json', d]);
    // eslint-disable-next-line no-control-regex
    expect(json.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect((JSON.parse(json.out) as { findings: { message: string }[] }[])[1].findings[0].message).toBe(
      '`s3:Get\u001b[31m\n\u009bX` is not an action',
    );
  });
});

import { describe, it, expect } from 'vitest';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from './main';

const dir = fileURLToPath(new URL('../../tests/lint/', import.meta.url));

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr });
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

  it('--help explains the options and the exit status, and exits 0', async () => {
    const r = await run(['lint', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('usage: iamplay lint [--type identity|resource|trust|boundary|scp|rcp|session]');
    expect(r.out).toContain(
      'Exit status: 0 no finding is an ERROR; 1 at least one is; 2 usage error or unreadable path.',
    );
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['lint'])).code).toBe(2);
    expect((await run(['lint', '--type', 'group', `${dir}clean.json`])).err).toContain('unknown policy type `group`');
    expect((await run(['lint', '--format', 'xml', `${dir}clean.json`])).code).toBe(2);
    expect((await run(['lint', '--bogus', `${dir}clean.json`])).code).toBe(2);
    const missing = await run(['lint', `${dir}nope.json`]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read');
  });
});

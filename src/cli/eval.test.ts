import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main';

function io(stdinText = '') {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdin, stdout, stderr }, out: () => out, err: () => err };
}

const ALLOW = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const cases = [
  {
    id: 'a',
    request: {
      principal: 'arn:aws:iam::111122223333:user/alice',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
    },
    identityPolicies: [ALLOW],
  },
  {
    id: 'b',
    request: {
      principal: 'arn:aws:iam::111122223333:user/alice',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::b/k',
    },
    identityPolicies: [ALLOW],
  },
];

describe('iamplay eval', () => {
  it('prints one JSON line per case, in order, from standard input', async () => {
    const t = io(JSON.stringify(cases));
    expect(await main(['eval'], t.io)).toBe(0);
    expect(t.out()).toBe('{"id":"a","decision":"Allow"}\n{"id":"b","decision":"ImplicitDeny"}\n');
  });
  it('reads a file and explains with --explain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamplay-'));
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    const t = io();
    expect(await main(['eval', file, '--explain'], t.io)).toBe(0);
    const lines = t
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.decision])).toEqual([
      ['a', 'Allow'],
      ['b', 'ImplicitDeny'],
    ]);
    expect(lines[1].explain.message).toBe(
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:PutObject action',
    );
    expect(lines[0].explain.deciding).toEqual([
      { policy: 'identityPolicies[0]', policyType: 'identity', statement: 0 },
    ]);
  });
  it('answers a case it cannot evaluate with an error line and exit status 1', async () => {
    const t = io(
      JSON.stringify([{ id: 'x', request: { principal: 'nobody', action: 's3:GetObject', resource: '*' } }, cases[0]]),
    );
    expect(await main(['eval', '-'], t.io)).toBe(1);
    expect(t.out()).toBe(
      '{"id":"x","error":{"code":"evaluate.request.principal","message":"`nobody` is not a principal"}}\n{"id":"a","decision":"Allow"}\n',
    );
  });
  it('exits 2 on input that is not a JSON array, a missing file or an unknown option', async () => {
    let t = io('{"id":1}');
    expect(await main(['eval'], t.io)).toBe(2);
    expect(t.err()).toBe('iamplay eval: the input must be a JSON array of cases\n');
    t = io('[{');
    expect(await main(['eval'], t.io)).toBe(2);
    expect(t.err().startsWith('iamplay eval: the input is not valid JSON: ')).toBe(true);
    t = io();
    expect(await main(['eval', '/nonexistent/cases.json'], t.io)).toBe(2);
    expect(t.err()).toBe('iamplay eval: no such file `/nonexistent/cases.json`\n');
    t = io();
    expect(await main(['eval', '--fast'], t.io)).toBe(2);
    expect(t.err()).toBe('iamplay eval: unknown option `--fast`; see `iamplay eval --help`\n');
  });
  it('prints help', async () => {
    const t = io();
    expect(await main(['eval', '--help'], t.io)).toBe(0);
    expect(t.out()).toContain('Exit status: 0 every case was evaluated; 1 at least one case answered with an error;');
  });
  it('evaluates the repository case files', async () => {
    const t = io();
    expect(await main(['eval', join(__dirname, '../../tests/cases/decision-scp.json')], t.io)).toBe(0);
    const lines = t
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.every((l) => typeof l.decision === 'string')).toBe(true);
  });
});

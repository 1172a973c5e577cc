import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  it('evaluates at the time --now gives, and refuses a time it cannot read', async () => {
    const c = [
      {
        id: 'before-2027',
        request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:ListBucket', resource: '*' },
        identityPolicies: [
          {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 's3:ListBucket',
                Resource: '*',
                Condition: { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } },
              },
            ],
          },
        ],
      },
    ];
    let t = io(JSON.stringify(c));
    expect(await main(['eval', '--now', '2026-06-01T00:00:00Z'], t.io)).toBe(0);
    expect(t.out()).toBe('{"id":"before-2027","decision":"Allow"}\n');
    t = io(JSON.stringify(c));
    expect(await main(['eval', '--now', '2027-06-01T00:00:00Z'], t.io)).toBe(0);
    expect(t.out()).toBe('{"id":"before-2027","decision":"ImplicitDeny"}\n');
    t = io();
    expect(await main(['eval', '--now', 'yesterday'], t.io)).toBe(2);
    expect(t.err()).toBe('iamplay eval: `--now` needs a time such as `2026-01-15T12:00:00Z`, found `yesterday`\n');
    t = io();
    expect(await main(['eval', '--now'], t.io)).toBe(2);
    expect(t.err()).toBe('iamplay eval: `--now` needs a time such as `2026-01-15T12:00:00Z`\n');
  });
  it('prints help', async () => {
    const t = io();
    expect(await main(['eval', '--help'], t.io)).toBe(0);
    expect(t.out()).toContain('Exit status: 0 every case was evaluated; 1 at least one case answered with an error;');
  });
  it('answers every repository case with its expected decision, or the refusal it expects', async () => {
    const dir = join(__dirname, '../../tests/cases');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const file = join(dir, name);
      const expected = (
        JSON.parse(readFileSync(file, 'utf8')) as { id: string; expect: { decision: string; refused?: string } }[]
      ).map((c) => [c.id, c.expect.refused ?? c.expect.decision]);
      const t = io();
      // The cases' clock, as src/engine/cases.test.ts fixes it.
      const status = await main(['eval', file, '--now', '2026-01-15T12:00:00Z'], t.io);
      const got = t
        .out()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; decision?: string; error?: { code: string } })
        .map((l) => [l.id, l.decision ?? l.error?.code]);
      expect(got, name).toEqual(expected);
      expect(status, name).toBe(expected.some(([, d]) => d.includes('.')) ? 1 : 0);
    }
  });
  it('answers a case whose policy IAM refuses with the finding and where it is', async () => {
    const conditional = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condtion: { Bool: { 'aws:SecureTransport': 'true' } },
        },
      ],
    };
    const t = io(JSON.stringify([{ ...cases[0], identityPolicies: [ALLOW, conditional] }]));
    expect(await main(['eval'], t.io)).toBe(1);
    expect(JSON.parse(t.out())).toEqual({
      id: 'a',
      error: {
        code: 'validate.unknown-statement-key',
        message:
          '`identityPolicies[1]`: `Condtion` is not a statement element (line 8, column 7; IAM refuses such a document)',
      },
    });
  });
  it('accepts a UTF-8 byte order mark, and says where the JSON breaks', async () => {
    let t = io('\ufeff' + JSON.stringify(cases));
    expect(await main(['eval'], t.io)).toBe(0);
    expect(t.out()).toBe('{"id":"a","decision":"Allow"}\n{"id":"b","decision":"ImplicitDeny"}\n');
    t = io(`[${JSON.stringify(cases[0])},\n  {"id": "b", "request": {"principal": 1,}}]`);
    expect(await main(['eval'], t.io)).toBe(2);
    expect(t.out()).toBe('{"id":"a","decision":"Allow"}\n');
    expect(t.err()).toMatch(
      /^iamplay eval: the input is not valid JSON: expected double-quoted property name at line 2, column 42\n$/,
    );
    t = io(`[${JSON.stringify(cases[0])} ${JSON.stringify(cases[1])}]`);
    expect(await main(['eval'], t.io)).toBe(2);
    expect(t.err()).toMatch(
      /^iamplay eval: the input is not valid JSON: expected a comma or closing bracket at line 1, column \d+, found `\{`\n$/,
    );
    t = io(JSON.stringify(cases).slice(0, -1));
    expect(await main(['eval'], t.io)).toBe(2);
    expect(t.err()).toMatch(/^iamplay eval: the input is not valid JSON: the array is not closed/);
  });
  it('answers each case as soon as it arrives on a pipe', async () => {
    const stdin = new PassThrough();
    let out = '';
    const stdout = new PassThrough();
    stdout.on('data', (d) => (out += d));
    const done = main(['eval', '-'], { stdin, stdout, stderr: new PassThrough() });
    const text = JSON.stringify(cases);
    const cut = text.indexOf('},{') + 2;
    stdin.write(text.slice(0, cut));
    await new Promise((r) => setTimeout(r, 50));
    expect(out).toBe('{"id":"a","decision":"Allow"}\n');
    stdin.end(text.slice(cut));
    expect(await done).toBe(0);
    expect(out).toBe('{"id":"a","decision":"Allow"}\n{"id":"b","decision":"ImplicitDeny"}\n');
  });
  it('reads a FIFO as it comes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamplay-'));
    const fifo = join(dir, 'cases.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat > '${fifo}'`], { stdio: ['pipe', 'ignore', 'ignore'] });
    writer.stdin.end(JSON.stringify(cases));
    const t = io();
    expect(await main(['eval', fifo], t.io)).toBe(0);
    expect(t.out()).toBe('{"id":"a","decision":"Allow"}\n{"id":"b","decision":"ImplicitDeny"}\n');
  });
});

// `iamplay serve`: in process on port 0 (loopback only) with the real AWS SDK v3 clients, and as a
// user runs it: the built bin (beforeAll builds it into a temporary folder, as lint-bin.test.ts does).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { buildCli } from './built-cli.test-helper';
import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { IAMClient, CreateRoleCommand } from '@aws-sdk/client-iam';
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { parseServeArgs, startServe } from './serve';
import { derivedUniqueId } from '../engine/context';
import { stateFromJson } from '../aws/persist';
import { signRequest } from '../aws/auth/sigv4';
import type { RunningServer } from './serve';

// Building and spawning take seconds on a loaded machine: no test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

const root = fileURLToPath(new URL('../../', import.meta.url));
let home = '';
let bin = '';

function streams() {
  let err = '';
  const stderr = new PassThrough();
  stderr.on('data', (c) => (err += String(c)));
  return { io: { stdin: new PassThrough(), stdout: new PassThrough(), stderr }, err: () => err };
}

interface SdkError {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}
async function failure(p: Promise<unknown>): Promise<[string, number | undefined, string]> {
  try {
    await p;
  } catch (e) {
    const err = e as SdkError;
    return [err.name, err.$metadata?.httpStatusCode, err.message];
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'iamplay-serve-'));
}, 120_000);

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('parseServeArgs', () => {
  it('defaults to 127.0.0.1:4566 and reads both option forms', () => {
    expect(parseServeArgs([])).toEqual({ host: '127.0.0.1', port: 4566 });
    expect(parseServeArgs(['--port=0', '--state', 's.json', '--world', 'w.json'])).toEqual({
      host: '127.0.0.1',
      port: 0,
      state: 's.json',
      world: 'w.json',
    });
    expect(parseServeArgs(['--port', '70000'])).toEqual({
      problem: '`--port` must be a number from 0 to 65535, not `70000`',
    });
    expect(parseServeArgs(['--verbose'])).toEqual({ problem: 'unknown option `--verbose`' });
    expect(parseServeArgs(['--state'])).toEqual({ problem: '`--state` needs a value' });
  });
});

describe('iamplay serve in process, with the AWS SDK v3', () => {
  let running: RunningServer;
  let log: () => string;

  beforeAll(async () => {
    const t = streams();
    log = t.err;
    const r = await startServe({ host: '127.0.0.1', port: 0 }, t.io);
    if ('problem' in r) throw new Error(r.problem);
    running = r;
  }, 60_000);
  afterAll(() => running?.close());

  const client = <T>(C: new (c: object) => T, secret?: string, keyId?: string): T =>
    new C({
      endpoint: running.ready.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: {
        accessKeyId: keyId ?? running.ready.credentials.accessKeyId,
        secretAccessKey: secret ?? running.ready.credentials.secretAccessKey,
      },
    });

  it('hands out an administrator of the default world on loopback', () => {
    expect(running.ready.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.ready.region).toBe('us-east-1');
    expect(running.ready.accountId).toBe('111122223333');
    expect(running.ready.credentials.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(running.admin.userName).toBe('iamplay-admin');
  });

  it('STS GetCallerIdentity with the printed keys answers the administrator', async () => {
    const sts = client(STSClient);
    const before = running.simulator.history.length;
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect([who.Account, who.Arn, who.UserId]).toEqual([
      '111122223333',
      'arn:aws:iam::111122223333:user/iamplay-admin',
      // The world gives the administrator no `id`: its unique id is derived from its ARN.
      derivedUniqueId('AIDA', 'arn:aws:iam::111122223333:user/iamplay-admin'),
    ]);
    const x = running.simulator.history[before]!;
    expect([x.service, x.operation, x.caller, x.response.status]).toEqual([
      'sts',
      'GetCallerIdentity',
      'arn:aws:iam::111122223333:user/iamplay-admin',
      200,
    ]);
    expect(log()).toContain('sts GetCallerIdentity arn:aws:iam::111122223333:user/iamplay-admin ');
  });

  it('a role made with IAM, assumed with STS: its temporary credentials sign as the role session', async () => {
    const iam = client(IAMClient);
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'serve-test-role',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    const assumed = await client(STSClient).send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/serve-test-role', RoleSessionName: 'demo' }),
    );
    const c = assumed.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA/);
    const asRole = new STSClient({
      endpoint: running.ready.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
    });
    const who = await asRole.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::111122223333:assumed-role/serve-test-role/demo');
    const forged = new STSClient({
      endpoint: running.ready.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: 'IQoJb3JpZ2luX2VjFORGED',
      },
    });
    expect((await failure(forged.send(new GetCallerIdentityCommand({})))).slice(0, 2)).toEqual([
      'InvalidClientTokenId',
      403,
    ]);
  });

  it('a wrong secret is SignatureDoesNotMatch (403), an unknown key InvalidClientTokenId (403), as the SDK parses them', async () => {
    expect(await failure(client(STSClient, 'x'.repeat(40)).send(new GetCallerIdentityCommand({})))).toEqual([
      'SignatureDoesNotMatch',
      403,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ]);
    expect(
      await failure(client(STSClient, undefined, 'AKIAZZZZZZZZZZZZZZZZ').send(new GetCallerIdentityCommand({}))),
    ).toEqual(['InvalidClientTokenId', 403, 'The security token included in the request is invalid.']);
  });

  it('S3, DynamoDB and Cognito clients with a wrong secret get their services’ codes', async () => {
    const s3 = await failure(client(S3Client, 'x'.repeat(40)).send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })));
    expect(s3.slice(0, 2)).toEqual(['SignatureDoesNotMatch', 403]);
    const ddb = await failure(client(DynamoDBClient, 'x'.repeat(40)).send(new ListTablesCommand({})));
    expect(ddb.slice(0, 2)).toEqual(['InvalidSignatureException', 400]);
    const idp = await failure(
      client(CognitoIdentityProviderClient, undefined, 'AKIAZZZZZZZZZZZZZZZZ').send(
        new ListUserPoolsCommand({ MaxResults: 10 }),
      ),
    );
    expect(idp).toEqual(['UnrecognizedClientException', 400, 'The security token included in the request is invalid.']);
  });

  it('a 6 MB body is refused in the service’s shape and the server keeps answering', async () => {
    const url = new URL(running.ready.endpoint);
    const body = Buffer.alloc(6 * 1024 * 1024, 97);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'PUT',
          path: '/my-bucket/big.bin',
          headers: { 'content-length': body.length },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += String(c)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('<Code>EntityTooLarge</Code>');
    expect(answer.text).toContain('<ProposedSize>6291456</ProposedSize><MaxSizeAllowed>5242880</MaxSizeAllowed>');
    const again = await failure(client(STSClient, 'x'.repeat(40)).send(new GetCallerIdentityCommand({})));
    expect(again[0]).toBe('SignatureDoesNotMatch');
  });

  it('answers 50 concurrent clients, every one of them', async () => {
    const sts = client(STSClient, 'x'.repeat(40));
    const results = await Promise.all(
      Array.from({ length: 50 }, () => failure(sts.send(new GetCallerIdentityCommand({})))),
    );
    expect(new Set(results.map((r) => r[0]))).toEqual(new Set(['SignatureDoesNotMatch']));
  });
});

describe('--state under concurrent writes', () => {
  function put(url: URL, creds: { accessKeyId: string; secretAccessKey: string }, path: string, body: string) {
    const signed = signRequest(
      { method: 'PUT', path, query: '', headers: { host: url.host }, body: new TextEncoder().encode(body) },
      creds,
      { service: 's3', region: 'us-east-1', now: Date.now() },
    );
    return new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, method: 'PUT', path: signed.path, headers: signed.headers },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(Buffer.from(signed.body));
    });
  }

  it('1,000 concurrent acknowledged PutObject calls are all there after a restart with --state', async () => {
    const file = join(home, 'load-state.json');
    const first = await startServe({ host: '127.0.0.1', port: 0, state: file }, streams().io);
    if ('problem' in first) throw new Error(first.problem);
    const url = new URL(first.ready.endpoint);
    expect(await put(url, first.ready.credentials, '/load-bucket', '')).toBe(200);
    const N = 1000;
    const statuses = await Promise.all(
      Array.from({ length: N }, (_, i) => put(url, first.ready.credentials, `/load-bucket/k${i}`, `v${i}`)),
    );
    await first.close();
    expect(statuses.filter((s) => s === 200)).toHaveLength(N);

    const back = stateFromJson(readFileSync(file, 'utf8'), file);
    if (!back.ok) throw new Error(back.errors.join('\n'));
    const again = await startServe({ host: '127.0.0.1', port: 0, state: file }, streams().io);
    if ('problem' in again) throw new Error(again.problem);
    const s3 = new S3Client({
      endpoint: again.ready.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { ...again.ready.credentials },
    });
    const lost: string[] = [];
    for (let i = 0; i < N; i += 100) {
      const batch = Array.from({ length: Math.min(100, N - i) }, (_, j) => i + j);
      await Promise.all(
        batch.map(async (k) => {
          const o = await s3.send(new GetObjectCommand({ Bucket: 'load-bucket', Key: `k${k}` }));
          if ((await o.Body!.transformToString()) !== `v${k}`) lost.push(`k${k}`);
        }),
      );
    }
    await again.close();
    expect(lost).toEqual([]);
  });
});

describe('the built bin: the ready line, --state, signals', () => {
  beforeAll(async () => {
    bin = await buildCli(home);
  }, 120_000);

  function serve(args: string[]) {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
      cwd: root,
    }) as ChildProcessWithoutNullStreams;
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += String(c)));
    child.stderr.on('data', (c) => (err += String(c)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const ready = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        if (out.includes('\n')) resolve(out);
      });
      child.on('exit', () => reject(new Error(`exited before ready: ${err}`)));
    });
    // A test that expects no ready line awaits `exited` instead.
    ready.catch(() => undefined);
    return { child, ready, exited, out: () => out, err: () => err };
  }

  it('prints exactly one JSON line, and SIGTERM exits 0 with the state written', async () => {
    const state = join(home, 'state.json');
    const s = serve(['--state', state]);
    const line = await s.ready;
    expect(line.split('\n')).toHaveLength(2);
    const ready = JSON.parse(line) as {
      endpoint: string;
      region: string;
      accountId: string;
      credentials: Record<string, string>;
    };
    expect(Object.keys(ready)).toEqual(['endpoint', 'region', 'accountId', 'credentials']);
    expect(ready.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(ready.credentials)).toEqual(['accessKeyId', 'secretAccessKey']);
    const sts = new STSClient({
      endpoint: ready.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { ...(ready.credentials as { accessKeyId: string; secretAccessKey: string }) },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::111122223333:user/iamplay-admin');
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.out()).toBe(line);
    expect(s.err()).toContain('iamplay serve: SIGTERM: stopping\n');
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { format: number; world: { users: { name: string }[] } };
    expect(saved.format).toBe(1);
    expect(saved.world.users.map((u) => u.name)).toContain('iamplay-admin');

    // A restart with the same state serves the same administrator.
    const again = serve(['--state', state]);
    const line2 = JSON.parse(await again.ready) as { credentials: Record<string, string> };
    expect(line2.credentials).toEqual(ready.credentials);
    again.child.kill('SIGINT');
    expect([await again.exited, again.err()]).toEqual([0, 'iamplay serve: SIGINT: stopping\n']);
  });

  it('a corrupt --state file is refused (exit 1) and left untouched', async () => {
    const state = join(home, 'corrupt.json');
    writeFileSync(state, '{"format": 1, "world": ');
    const s = serve(['--state', state]);
    expect(await s.exited).toBe(1);
    expect(s.out()).toBe('');
    expect(s.err()).toMatch(/^iamplay serve: .*corrupt\.json: not valid JSON \(/);
    expect(s.err()).toContain('(the state file is left as it is)\n');
    expect(readFileSync(state, 'utf8')).toBe('{"format": 1, "world": ');
    expect(existsSync(`${state}.tmp`)).toBe(false);
  });
});

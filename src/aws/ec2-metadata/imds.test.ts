import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import type { Ec2Instance, World } from '../../world/types';
import { newState } from '../state';
import { SimClock } from '../clock';
import { seededRandom, uuid } from '../random';
import type { AwsContext } from '../context';
import { text } from '../http';
import { Simulator } from '../simulator';
import { signRequest } from '../auth/sigv4';
import { request } from '../http';
import { imdsHandle, imdsRequest, CREDENTIALS_PATH, TOKEN_PATH } from './index';

const INSTANCE = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f67890';
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

function setup(edit?: (w: World) => void) {
  const world = defaultWorld();
  edit?.(world);
  const clock = new SimClock(T0);
  const random = seededRandom('imds');
  const state = newState(world);
  const ctx: AwsContext = { state, clock, random, region: 'us-east-1', requestId: () => uuid(random) };
  const call = (method: 'GET' | 'PUT', path: string, headers: Record<string, string> = {}) =>
    imdsHandle(ctx, INSTANCE, imdsRequest(method, path, headers));
  const token = (ttl = '21600') => text(call('PUT', TOKEN_PATH, { 'X-aws-ec2-metadata-token-ttl-seconds': ttl }).body);
  return { ctx, clock, call, token, state };
}

function optional(w: World) {
  (w.resources!.find((r) => r.type === 'ec2-instance') as Ec2Instance).httpTokens = 'optional';
}

describe('EC2 instance metadata service', () => {
  it('IMDSv2: a token, the role name, then credentials as the real service writes them', () => {
    const { call, token } = setup();
    const t = token();
    expect(t).toMatch(/^AQAEA[A-Za-z0-9+/]{51}==$/);
    const name = call('GET', CREDENTIALS_PATH, { 'X-aws-ec2-metadata-token': t });
    expect(name.status).toBe(200);
    expect(text(name.body)).toBe('web-server');
    expect(name.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('21600');
    const creds = call('GET', `${CREDENTIALS_PATH}web-server`, { 'X-aws-ec2-metadata-token': t });
    expect(creds.status).toBe(200);
    expect(creds.headers['content-type']).toBe('text/plain');
    const body = JSON.parse(text(creds.body)) as Record<string, string>;
    expect(Object.keys(body)).toEqual([
      'Code',
      'LastUpdated',
      'Type',
      'AccessKeyId',
      'SecretAccessKey',
      'Token',
      'Expiration',
    ]);
    expect(body['Code']).toBe('Success');
    expect(body['Type']).toBe('AWS-HMAC');
    expect(body['LastUpdated']).toBe('2026-12-01T09:00:00Z');
    expect(body['Expiration']).toBe('2026-12-01T15:00:00Z');
    expect(body['AccessKeyId']).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(text(creds.body)).toContain('"Code" : "Success",\n');
  });

  it('the credentials work against the other services, as the instance’s role session', async () => {
    const { call, token, state, clock } = setup();
    const t = token();
    const body = JSON.parse(
      text(call('GET', `${CREDENTIALS_PATH}web-server`, { 'X-aws-ec2-metadata-token': t }).body),
    ) as Record<string, string>;
    const sim = new Simulator({ state, clock, random: seededRandom('sim') });
    const req = signRequest(
      request({
        method: 'POST',
        path: '/',
        headers: { host: 'sts.us-east-1.amazonaws.com', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      }),
      { accessKeyId: body['AccessKeyId']!, secretAccessKey: body['SecretAccessKey']!, sessionToken: body['Token']! },
      { service: 'sts', region: 'us-east-1', now: clock.now() },
    );
    const x = await sim.handle(req);
    expect(x.response.status).toBe(200);
    expect(text(x.response.body)).toContain(
      '<Arn>arn:aws:sts::111122223333:assumed-role/web-server/i-0a1b2c3d4e5f67890</Arn>',
    );
    expect(text(x.response.body)).toContain('<UserId>AROAW5HJK2PQ7LMN3XC9V:i-0a1b2c3d4e5f67890</UserId>');
  });

  it('IMDSv1 (no token) gets 401 when tokens are required, and an answer when optional', () => {
    const required = setup();
    const refused = required.call('GET', CREDENTIALS_PATH);
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toBe('text/html');
    expect(text(refused.body)).toContain('<title>401 - Unauthorized</title>');
    const open = setup(optional);
    const answered = open.call('GET', CREDENTIALS_PATH);
    expect(answered.status).toBe(200);
    expect(text(answered.body)).toBe('web-server');
    expect(answered.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBeUndefined();
  });

  it('an invalid token is refused even when IMDSv1 is allowed', () => {
    const { call } = setup(optional);
    expect(call('GET', CREDENTIALS_PATH, { 'X-aws-ec2-metadata-token': 'AQAEAnot-a-token==' }).status).toBe(401);
  });

  it('the TTL must be 1 to 21600 seconds; no TTL is a 400', () => {
    const { call } = setup();
    const put = (ttl?: string) =>
      call('PUT', TOKEN_PATH, ttl === undefined ? {} : { 'X-aws-ec2-metadata-token-ttl-seconds': ttl });
    expect(put('1').status).toBe(200);
    expect(put('21600').status).toBe(200);
    expect(put('21600').headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('21600');
    expect(put('0').status).toBe(400);
    expect(put('21601').status).toBe(400);
    expect(put('ten').status).toBe(400);
    expect(put().status).toBe(400);
    expect(text(put().body)).toContain('<h1>400 - Bad Request</h1>');
  });

  it('a PUT relayed with X-Forwarded-For is refused with 403', () => {
    const { call } = setup();
    const r = call('PUT', TOKEN_PATH, {
      'X-aws-ec2-metadata-token-ttl-seconds': '60',
      'X-Forwarded-For': '203.0.113.7',
    });
    expect(r.status).toBe(403);
    expect(text(r.body)).toContain('<title>403 - Forbidden</title>');
  });

  it('a token expires after its TTL', () => {
    const { call, token, clock } = setup();
    const t = token('60');
    clock.advance(59_000);
    const before = call('GET', CREDENTIALS_PATH, { 'X-aws-ec2-metadata-token': t });
    expect(before.status).toBe(200);
    expect(before.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('1');
    clock.advance(1_000);
    expect(call('GET', CREDENTIALS_PATH, { 'X-aws-ec2-metadata-token': t }).status).toBe(401);
  });

  it('the same set until it is an hour old, then a new one long before the old expires', () => {
    const { call, token, clock } = setup();
    const get = () =>
      JSON.parse(
        text(call('GET', `${CREDENTIALS_PATH}web-server`, { 'X-aws-ec2-metadata-token': token() }).body),
      ) as Record<string, string>;
    const first = get();
    clock.advance(59 * 60_000);
    expect(get()['AccessKeyId']).toBe(first['AccessKeyId']);
    clock.advance(60_000);
    const second = get();
    expect(second['AccessKeyId']).not.toBe(first['AccessKeyId']);
    expect(second['LastUpdated']).toBe('2026-12-01T10:00:00Z');
    expect(second['Expiration']).toBe('2026-12-01T16:00:00Z');
    // The new set came at least five minutes before the old one expired.
    expect(Date.parse(first['Expiration']!) - Date.parse(second['LastUpdated']!)).toBeGreaterThanOrEqual(5 * 60_000);
  });

  it('404 for an unknown role name or path, and when the instance has no profile', () => {
    const { call, token } = setup();
    const t = token();
    expect(call('GET', `${CREDENTIALS_PATH}admin`, { 'X-aws-ec2-metadata-token': t }).status).toBe(404);
    expect(call('GET', '/latest/meta-data/nothing-here', { 'X-aws-ec2-metadata-token': t }).status).toBe(404);
    const bare = setup((w) => {
      delete (w.resources!.find((r) => r.type === 'ec2-instance') as Ec2Instance).instanceProfile;
    });
    const r = bare.call('GET', CREDENTIALS_PATH, { 'X-aws-ec2-metadata-token': bare.token() });
    expect(r.status).toBe(404);
    expect(text(r.body)).toContain('<h1>404 - Not Found</h1>');
  });

  it('no credentials when the role’s trust policy does not let EC2 take it on', () => {
    const { call, token } = setup((w) => {
      const role = w.roles!.find((r) => r.name === 'web-server')!;
      role.trustPolicy = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      };
    });
    expect(call('GET', CREDENTIALS_PATH, { 'X-aws-ec2-metadata-token': token() }).status).toBe(404);
  });

  it('other methods get 405; the instance id is served', () => {
    const { ctx, call, token } = setup();
    const post = imdsHandle(ctx, INSTANCE, { ...imdsRequest('GET', TOKEN_PATH), method: 'POST' });
    expect(post.status).toBe(405);
    expect(text(call('GET', '/latest/meta-data/instance-id', { 'X-aws-ec2-metadata-token': token() }).body)).toBe(
      'i-0a1b2c3d4e5f67890',
    );
  });
});

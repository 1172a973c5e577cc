import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import { ec2InstanceCredentials as flow } from './index';
import { coverage, machinePaths, testRun } from '../testing';

const APP = [
  'sdk.findCredentials:instance-profile',
  'imds.getToken:ok',
  'imds.getRoleName:ok',
  'imds.getCredentials:ok',
  's3.getObject:ok',
  'clock.waitForRotation:ok',
  'imds.refreshCredentials:ok',
].join(' → ');

describe('flow 6: EC2, stored keys versus the instance profile', () => {
  it('enumerates every path of the machine', () => {
    expect(machinePaths(flow)).toEqual([
      'sdk.findCredentials:instance-profile → imds.getToken:error',
      'sdk.findCredentials:instance-profile → imds.getToken:ok → imds.getRoleName:error',
      'sdk.findCredentials:instance-profile → imds.getToken:ok → imds.getRoleName:ok → imds.getCredentials:error',
      'sdk.findCredentials:instance-profile → imds.getToken:ok → imds.getRoleName:ok → imds.getCredentials:ok → s3.getObject:error',
      'sdk.findCredentials:instance-profile → imds.getToken:ok → imds.getRoleName:ok → imds.getCredentials:ok → s3.getObject:ok → clock.waitForRotation:ok → imds.refreshCredentials:error',
      `${APP} → ssrf.fetchCredentials:blocked`,
      `${APP} → ssrf.fetchCredentials:leaked → attacker.useStolenCredentials:error`,
      `${APP} → ssrf.fetchCredentials:leaked → attacker.useStolenCredentials:ok → attacker.afterExpiry:expired`,
      `${APP} → ssrf.fetchCredentials:leaked → attacker.useStolenCredentials:ok → attacker.afterExpiry:ok`,
      'sdk.findCredentials:stored-key → s3.getObject:error',
      'sdk.findCredentials:stored-key → s3.getObject:ok → attacker.useLeakedKey:ok',
      'sdk.findCredentials:stored-key → s3.getObject:ok → attacker.useLeakedKey:refused',
    ]);
  });

  it('instance profile: IMDSv2 token, role name, credentials, S3, rotation; the SSRF gets 401', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'instance-profile' });
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.steps.map((s) => `${s.event}:${s.outcome}`).join(' → ')).toBe(`${APP} → ssrf.fetchCredentials:blocked`);
    expect(run.steps[1]!.messages.map((m) => `${m.from}→${m.to} ${m.label}`)).toEqual([
      'app→imds PUT /latest/api/token',
      'imds→app 200 OK',
    ]);
    expect(run.steps[1]!.messages[0]!.http.startLine).toBe('PUT http://169.254.169.254/latest/api/token HTTP/1.1');
    expect(run.steps[2]!.facts[0]).toEqual({ label: 'Role', value: 'web-server' });
    const first = run.steps[3]!.credentials!;
    expect(first.arn).toBe('arn:aws:sts::111122223333:assumed-role/web-server/i-0a1b2c3d4e5f67890');
    expect(first.accessKeyId).toMatch(/^ASIA/);
    expect(first.source).toBe('IMDS');
    expect(run.steps[4]!.decision?.decision).toBe('Allow');
    expect(run.steps[4]!.decision?.principal).toBe(first.arn);
    expect(run.steps[5]!.messages).toEqual([]);
    const second = run.steps[6]!.credentials!;
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(new Date(first.expiration!).toISOString()).toBe('2026-12-01T15:00:00.000Z');
    expect(new Date(second.expiration!).toISOString()).toBe('2026-12-01T16:00:01.000Z');
    const ssrf = run.steps[7]!;
    expect(ssrf.messages.map((m) => `${m.from}→${m.to} ${m.label}`)).toEqual([
      'app→imds GET /latest/meta-data/iam/security-credentials/',
      'imds→app 401 Unauthorized',
    ]);
    expect(ssrf.messages[1]!.http.body).toContain('<title>401 - Unauthorized</title>');
  }, 60_000);

  it('IMDSv1 allowed: the SSRF leaks the credentials; they work, then expire with ExpiredToken', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'imdsv1' });
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.changes).toEqual(['Set `HttpTokens` of the instance `i-0a1b2c3d4e5f67890` to `optional`.']);
    const ssrf = run.steps[7]!;
    expect(ssrf.outcome).toBe('leaked');
    expect(ssrf.messages.map((m) => m.label)).toEqual([
      'GET /latest/meta-data/iam/security-credentials/',
      '200 OK',
      'GET /latest/meta-data/iam/security-credentials/web-server',
      '200 OK',
    ]);
    expect(ssrf.messages[2]!.http.headers.some(([k]) => k === 'x-aws-ec2-metadata-token')).toBe(false);
    expect(ssrf.credentials?.accessKeyId).toBe(run.steps[6]!.credentials?.accessKeyId);
    const use = run.steps[8]!;
    expect(use.messages.map((m) => `${m.from}→${m.to} ${m.label}`)).toEqual([
      'attacker→sts POST GetCallerIdentity',
      'sts→attacker 200 OK',
      'attacker→s3 GET GetObject',
      's3→attacker 200 OK',
    ]);
    expect(use.facts[0]?.value).toBe('arn:aws:sts::111122223333:assumed-role/web-server/i-0a1b2c3d4e5f67890');
    const expired = run.steps[9]!;
    expect(expired.outcome).toBe('expired');
    expect(expired.error).toEqual({
      code: 'ExpiredToken',
      message: 'The security token included in the request is expired',
      step: 'attacker.afterExpiry',
    });
    expect(expired.at).toBeGreaterThan(ssrf.credentials!.expiration!);
  }, 60_000);

  it('stored keys: the SDK uses alice’s key, which still works for an attacker 90 days later', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'stored-keys' });
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.changes[0]).toBe(
      'Stored alice’s access key `AKIAR7KLMW2QTHX4ALCE` in `~/.aws/credentials` on the instance `i-0a1b2c3d4e5f67890`.',
    );
    expect(run.steps.map((s) => `${s.event}:${s.outcome}`)).toEqual([
      'sdk.findCredentials:stored-key',
      's3.getObject:ok',
      'attacker.useLeakedKey:ok',
    ]);
    expect(run.steps[0]!.credentials?.expiration).toBeUndefined();
    expect(run.steps[1]!.decision?.principal).toBe('arn:aws:iam::111122223333:user/alice');
    expect(run.steps[2]!.facts[0]?.value).toBe('arn:aws:iam::111122223333:user/alice');
    expect(run.steps[2]!.at - run.steps[1]!.at).toBeGreaterThan(90 * 24 * 3600 * 1000);
  }, 60_000);

  it('each break-it switch fails at its declared step with the service’s answer', async () => {
    for (const s of flow.switches) {
      const run = await testRun(flow, defaultWorld(), { variant: 'instance-profile', switches: [s.id] });
      const last = run.steps[run.steps.length - 1]!;
      expect(run.final.status, s.id).toBe('failed');
      expect(last.event, s.id).toBe(s.fails!.step);
      expect(last.error?.code, s.id).toBe(s.fails!.code);
    }
    const ttl = await testRun(flow, defaultWorld(), { switches: ['ttl-too-long'] });
    expect(ttl.steps[1]!.error?.message).toBe('400 - Bad Request');
    expect(ttl.steps[1]!.messages[0]!.http.headers).toContainEqual(['x-aws-ec2-metadata-token-ttl-seconds', '86400']);
    const xff = await testRun(flow, defaultWorld(), { switches: ['forwarded-for'] });
    expect(xff.steps[1]!.error?.message).toBe('403 - Forbidden');
  }, 60_000);

  it('real runs take the machine’s paths, and no other', async () => {
    const c = await coverage(flow, defaultWorld());
    expect(c.strays).toEqual([]);
    expect(c.runs.every((r) => r.final.status !== 'stopped')).toBe(true);
    // Unreachable on the default world: the role always has a name and credentials once a token
    // is granted, it may read the object, rotation never fails, the stolen set works until it
    // expires and never after, and nobody deletes alice's key in this flow.
    expect(c.missed).toEqual([
      'sdk.findCredentials:instance-profile → imds.getToken:ok → imds.getRoleName:error',
      'sdk.findCredentials:instance-profile → imds.getToken:ok → imds.getRoleName:ok → imds.getCredentials:error',
      'sdk.findCredentials:instance-profile → imds.getToken:ok → imds.getRoleName:ok → imds.getCredentials:ok → s3.getObject:error',
      'sdk.findCredentials:instance-profile → imds.getToken:ok → imds.getRoleName:ok → imds.getCredentials:ok → s3.getObject:ok → clock.waitForRotation:ok → imds.refreshCredentials:error',
      `${APP} → ssrf.fetchCredentials:leaked → attacker.useStolenCredentials:error`,
      `${APP} → ssrf.fetchCredentials:leaked → attacker.useStolenCredentials:ok → attacker.afterExpiry:ok`,
      'sdk.findCredentials:stored-key → s3.getObject:error',
      'sdk.findCredentials:stored-key → s3.getObject:ok → attacker.useLeakedKey:refused',
    ]);
  }, 120_000);

  it('the same seed and options give the same run, byte for byte', async () => {
    const a = await testRun(flow, defaultWorld(), { variant: 'imdsv1' }, undefined, 'same');
    const b = await testRun(flow, defaultWorld(), { variant: 'imdsv1' }, undefined, 'same');
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  }, 60_000);
});

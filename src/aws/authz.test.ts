import { describe, expect, it } from 'vitest';
import { emptyWorld } from '../world/default-world';
import { addUser, setInlinePolicy } from '../world/edit';
import type { PolicyDocument } from '../world/types';
import { authorizeCall, callContext } from './authz';
import type { Principal } from './context';
import { testContext, userPrincipal } from './testing';

const A = '111122223333';
const alice = userPrincipal(A, 'alice', 'AKIAR7KLMW2QTHX4ALCE');
const session = (mfa: boolean): Principal => ({
  kind: 'assumed-role',
  arn: `arn:aws:sts::${A}:assumed-role/Reader/demo`,
  account: A,
  userId: 'AROAEXAMPLEROLEID1234:demo',
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  session: { mfa, issuedAt: Date.UTC(2026, 0, 1, 11, 30, 0, 250), expiration: Date.UTC(2026, 0, 1, 12, 30, 0) },
});

describe('callContext: the global condition keys AWS sets on a call', () => {
  it('a long-term key: transport, source IP and the signed region; no MFA or token keys', () => {
    const ctx = testContext(emptyWorld());
    expect(callContext(ctx, { caller: alice, sourceIp: '203.0.113.7', secure: true, region: 'eu-west-1' })).toEqual({
      'aws:SecureTransport': 'true',
      'aws:SourceIp': '203.0.113.7',
      'aws:RequestedRegion': 'eu-west-1',
    });
  });

  it('temporary credentials: MultiFactorAuthPresent, TokenIssueTime in whole seconds, and the MFA age', () => {
    const ctx = testContext(emptyWorld());
    expect(callContext(ctx, { caller: session(true), sourceIp: '127.0.0.1', secure: false })).toEqual({
      'aws:SecureTransport': 'false',
      'aws:SourceIp': '127.0.0.1',
      'aws:RequestedRegion': 'us-east-1',
      'aws:MultiFactorAuthPresent': 'true',
      'aws:TokenIssueTime': '2026-01-01T11:30:00Z',
      'aws:MultiFactorAuthAge': '1799',
    });
    expect(callContext(ctx, { caller: session(false), sourceIp: '127.0.0.1', secure: false })).toEqual({
      'aws:SecureTransport': 'false',
      'aws:SourceIp': '127.0.0.1',
      'aws:RequestedRegion': 'us-east-1',
      'aws:MultiFactorAuthPresent': 'false',
      'aws:TokenIssueTime': '2026-01-01T11:30:00Z',
    });
  });
});

describe('authorizeCall decides with those keys', () => {
  const doc: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' },
      {
        Sid: 'TlsOnly',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'MfaForDeletes',
        Effect: 'Deny',
        Action: 's3:DeleteObject',
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
      {
        Effect: 'Allow',
        Action: 's3:DeleteObject',
        Resource: 'arn:aws:s3:::photos/*',
      },
      {
        Sid: 'Office',
        Effect: 'Deny',
        Action: 's3:PutObject',
        Resource: '*',
        Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
      },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::photos/*' },
      {
        Sid: 'Before2027',
        Effect: 'Deny',
        Action: 's3:ListBucket',
        Resource: '*',
        Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-06-01T00:00:00Z' } },
      },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::photos' },
    ],
  };
  const world = setInlinePolicy(
    addUser(emptyWorld(), A, 'alice'),
    { kind: 'user', account: A, name: 'alice' },
    'p',
    doc,
  );

  it('aws:SecureTransport false is denied by the TLS-only statement; true is allowed', () => {
    const ctx = testContext(world);
    const plain = authorizeCall(
      ctx,
      { caller: alice, sourceIp: '192.0.2.1', secure: false },
      's3:GetObject',
      'arn:aws:s3:::photos/a.jpg',
    );
    expect([plain.decision, plain.message]).toEqual([
      'ExplicitDeny',
      `User: arn:aws:iam::${A}:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::photos/a.jpg with an explicit deny in an identity-based policy`,
    ]);
    const tls = authorizeCall(
      ctx,
      { caller: alice, sourceIp: '192.0.2.1', secure: true },
      's3:GetObject',
      'arn:aws:s3:::photos/a.jpg',
    );
    expect([tls.allowed, tls.decision, tls.message]).toEqual([true, 'Allow', '']);
  });

  it('a long-term key has no MultiFactorAuthPresent, so BoolIfExists denies; the source IP decides PutObject', () => {
    const ctx = testContext(world);
    const call = { caller: alice, sourceIp: '192.0.2.1', secure: true };
    expect(authorizeCall(ctx, call, 's3:DeleteObject', 'arn:aws:s3:::photos/a.jpg').decision).toBe('ExplicitDeny');
    expect(authorizeCall(ctx, call, 's3:PutObject', 'arn:aws:s3:::photos/a.jpg').decision).toBe('Allow');
    expect(
      authorizeCall(ctx, { ...call, sourceIp: '198.51.100.9' }, 's3:PutObject', 'arn:aws:s3:::photos/a.jpg').decision,
    ).toBe('ExplicitDeny');
  });

  it('aws:CurrentTime is the simulated clock', () => {
    const ctx = testContext(world);
    const call = { caller: alice, sourceIp: '192.0.2.1', secure: true };
    expect(authorizeCall(ctx, call, 's3:ListBucket', 'arn:aws:s3:::photos').decision).toBe('Allow');
    ctx.clock.set(Date.UTC(2026, 6, 1));
    expect(authorizeCall(ctx, call, 's3:ListBucket', 'arn:aws:s3:::photos').decision).toBe('ExplicitDeny');
  });
});

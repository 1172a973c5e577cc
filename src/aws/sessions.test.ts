import { describe, it, expect } from 'vitest';
import { issueSession } from './sessions';
import { testContext } from './testing';

const make = (ctx: ReturnType<typeof testContext>, seconds: number) =>
  issueSession(ctx, {
    kind: 'assumed-role',
    arn: 'arn:aws:sts::111122223333:assumed-role/web-server/i-1',
    account: '111122223333',
    userId: 'AROAEXAMPLE:i-1',
    facts: {},
    durationSeconds: seconds,
  });

describe('issueSession', () => {
  it('issues ASIA keys with a 40-character secret, a token and the expiration the duration gives', () => {
    const ctx = testContext();
    const s = make(ctx, 900);
    expect(s.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(s.secretAccessKey).toHaveLength(40);
    expect(s.sessionToken.length).toBeGreaterThan(300);
    expect(s.expiration - s.issuedAt).toBe(900_000);
    expect(s.facts.issuedAt).toBe(ctx.clock.now());
    expect(ctx.state.sts.sessions[s.accessKeyId]).toBe(s);
  });

  it('drops expired sessions as new ones are issued, and keeps the live ones', () => {
    const ctx = testContext();
    const old = Array.from({ length: 100 }, () => make(ctx, 900));
    ctx.clock.advance(901_000);
    const live = Array.from({ length: 200 }, () => make(ctx, 3600));
    for (const s of old) expect(ctx.state.sts.sessions[s.accessKeyId]).toBeUndefined();
    for (const s of live) expect(ctx.state.sts.sessions[s.accessKeyId]).toBe(s);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultWorld, emptyWorld } from '../world/default-world';
import { authorize } from '../world/authorize';
import { testContext } from './testing';
import { issueSession } from './sessions';
import { ensureAdmin, ADMINISTRATOR_ACCESS } from './admin';
import { stateFromJson, stateToJson } from './persist';

describe('ensureAdmin', () => {
  it('creates iamplay-admin with AdministratorAccess and an Active key, without touching the old world', () => {
    const ctx = testContext();
    const before = ctx.state.world;
    const admin = ensureAdmin(ctx);
    expect(admin.userName).toBe('iamplay-admin');
    expect(admin.account).toBe('111122223333');
    expect(admin.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(admin.secretAccessKey).toHaveLength(40);
    expect(before.users!.some((u) => u.name === 'iamplay-admin')).toBe(false);
    const user = ctx.state.world.users!.find((u) => u.name === 'iamplay-admin')!;
    expect(user.managedPolicies).toEqual([ADMINISTRATOR_ACCESS]);
    expect(user.accessKeys).toEqual([
      {
        accessKeyId: admin.accessKeyId,
        secretAccessKey: admin.secretAccessKey,
        status: 'Active',
        createDate: '2026-01-01T12:00:00Z',
      },
    ]);
    const r = authorize(ctx.state.world, {
      principal: 'arn:aws:iam::111122223333:user/iamplay-admin',
      action: 'iam:CreateUser',
      resource: 'arn:aws:iam::111122223333:user/x',
    });
    expect(r.ok && r.value.decision).toBe('Allow');
  });

  it('reuses the administrator it made, and creates one in an empty world', () => {
    const ctx = testContext();
    const first = ensureAdmin(ctx);
    const world = ctx.state.world;
    expect(ensureAdmin(ctx)).toEqual(first);
    expect(ctx.state.world).toBe(world);
    const empty = testContext(emptyWorld());
    expect(ensureAdmin(empty).userName).toBe('iamplay-admin');
  });
});

describe('stateToJson / stateFromJson', () => {
  it('round-trips the world, sessions and keys', () => {
    const ctx = testContext();
    ensureAdmin(ctx);
    const s = issueSession(ctx, {
      kind: 'assumed-role',
      arn: 'arn:aws:sts::111122223333:assumed-role/ReadOnly/demo',
      account: '111122223333',
      userId: 'AROAEXAMPLE:demo',
      facts: {},
      durationSeconds: 3600,
    });
    const back = stateFromJson(stateToJson(ctx.state), 'state.json');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.world.users!.map((u) => u.name)).toContain('iamplay-admin');
    expect(back.value.sts.sessions[s.accessKeyId]!.sessionToken).toBe(s.sessionToken);
    expect(back.value).toEqual(JSON.parse(stateToJson(ctx.state)));
  });

  const state = () => JSON.parse(stateToJson(testContext(defaultWorld()).state)) as Record<string, unknown>;
  const refuse = (text: string) => {
    const r = stateFromJson(text, 'state.json');
    return r.ok ? 'accepted' : r.errors[0];
  };

  it('refuses a file that is not JSON, not a state, or of another format', () => {
    expect(refuse('{"format": 1,')).toMatch(/^state\.json: not valid JSON \(/);
    expect(refuse('[1]')).toBe('state.json: the state is an array, not an object');
    expect(refuse('{"world": {}}')).toBe('state.json: no `format`: this is not an iamplay state file (format 1)');
    expect(refuse(JSON.stringify({ ...state(), format: 2 }))).toBe(
      'state.json: `format` is 2; this iamplay reads state format 1',
    );
  });

  it('refuses a world loadWorld refuses, and sessions or keys of the wrong shape', () => {
    expect(refuse(JSON.stringify({ ...state(), world: { format: 1, accounts: 'x' } }))).toMatch(
      /^state\.json: the world is refused: /,
    );
    expect(refuse(JSON.stringify({ ...state(), sts: {} }))).toBe('state.json: no `sts.sessions` object');
    expect(
      refuse(
        JSON.stringify({
          ...state(),
          sts: { sessions: { ASIAAAAAAAAAAAAAAAAA: { accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' } } },
        }),
      ),
    ).toBe('state.json: the session `sts.sessions.ASIAAAAAAAAAAAAAAAAA` has no `secretAccessKey` string');
    expect(refuse(JSON.stringify({ ...state(), sts: { sessions: { AKIAX: {} } } }))).toBe(
      'state.json: the session `sts.sessions.AKIAX` is not an `ASIA…` temporary access key id',
    );
    expect(
      refuse(JSON.stringify({ ...state(), keys: { 'us-east-1_abc': { kid: 'k', publicJwk: {}, privateJwk: {} } } })),
    ).toBe('state.json: the signing key `keys.us-east-1_abc` has no RSA `privateJwk` (kty, n, e)');
    expect(refuse(JSON.stringify({ ...state(), cognitoIdp: [] }))).toBe(
      'state.json: `cognitoIdp` is an array, not an object',
    );
  });
});

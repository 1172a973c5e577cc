import { describe, expect, it } from 'vitest';
import { flowHost } from './flow-host';
import { defaultWorld } from '../world/default-world';

const host = flowHost(async () => () => undefined);

describe('flows in the worker', () => {
  it('runs a flow whole, and the same request again gives the same bytes (its keys are kept)', async () => {
    const req = { flowId: 'identity-pool-enhanced', world: defaultWorld(), seed: 'w', options: { variant: 'group' } };
    const a = await host.run(req);
    const b = await host.run(req);
    if (!a.ok || !b.ok) throw new Error('not run');
    expect(a.value.final).toEqual({ state: 'done', status: 'done' });
    expect(a.value.events).toEqual([
      'userPool.signIn',
      'idpool.getId',
      'idpool.getCredentialsForIdentity',
      'sts.getCallerIdentity',
    ]);
    expect(JSON.stringify(b.value)).toBe(JSON.stringify(a.value));
    // What crosses to the page is plain data.
    expect(structuredClone(a.value)).toEqual(a.value);
  }, 60_000);

  it('answers an unknown flow, variant or step with a sentence, not an exception', async () => {
    expect(await host.run({ flowId: 'nope<script>', world: defaultWorld(), seed: 's' })).toEqual({
      ok: false,
      errors: ['there is no flow `nope<script>`'],
    });
    expect(
      await host.run({ flowId: 'identity-pool-enhanced', world: defaultWorld(), seed: 's', options: { variant: 'x' } }),
    ).toEqual({ ok: false, errors: ['the flow `identity-pool-enhanced` has no variant `x`'] });
    // A step the state does not accept is ignored: the default is taken.
    const r = await host.run({
      flowId: 'identity-pool-enhanced',
      world: defaultWorld(),
      seed: 's',
      events: ['s3.deleteEverything'],
    });
    expect(r.ok && r.value.events[0]).toBe('userPool.signIn');
  }, 60_000);

  it('says what is wrong with a world the flow cannot use', async () => {
    const world = defaultWorld();
    delete world.identityPools;
    expect(await host.run({ flowId: 'identity-pool-enhanced', world, seed: 's' })).toEqual({
      ok: false,
      errors: ['the world has no identity pool with a user pool provider'],
    });
  });
});

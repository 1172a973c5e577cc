import { describe, expect, it } from 'vitest';
import { checkLink, linkJson, MAX_LINK_STEPS, type FlowLink } from './link';
import { FLOW_INFOS } from './catalog';
import { MAX_STEPS } from './runner';

const good: FlowLink = {
  format: 1,
  app: '0.1.0',
  flow: 'identity-pool-enhanced',
  flowVersion: 1,
  seed: 'k3x9',
  options: { variant: 'group', switches: ['several-groups'] },
  events: ['userPool.signIn', 'idpool.getId'],
  step: 4,
};

describe('flow links', () => {
  it('accepts a link this build made, unchanged', () => {
    expect(checkLink(JSON.parse(JSON.stringify(linkJson(good))), FLOW_INFOS)).toEqual({ ok: true, value: good });
  });

  it('keeps no empty options and sorts the switches', () => {
    expect(linkJson({ ...good, options: { switches: [] } }).options).toEqual({});
    expect(linkJson({ ...good, options: { switches: ['b', 'a'] } }).options).toEqual({ switches: ['a', 'b'] });
  });

  it('stops at the runner’s longest run', () => {
    expect(MAX_LINK_STEPS).toBe(MAX_STEPS);
    expect(checkLink({ ...good, step: 60 }, FLOW_INFOS)).toEqual({ ok: false, error: 'the link is malformed (step)' });
  });

  it('says plainly when the flow is unknown or of another version', () => {
    expect(checkLink({ ...good, flow: 'no-such-flow' }, FLOW_INFOS)).toEqual({
      ok: false,
      error: 'the link names a flow this version of IAM Playground does not have: `no-such-flow`',
    });
    expect(checkLink({ ...good, flowVersion: 2 }, FLOW_INFOS)).toEqual({
      ok: false,
      error:
        'the link was made with a newer version of the flow “Identity pool, enhanced flow” (version 2; this app has version 1)',
    });
    expect(checkLink({ ...good, format: 2 }, FLOW_INFOS)).toEqual({
      ok: false,
      error: 'the link was made by a newer version of IAM Playground',
    });
  });

  it('refuses what the flow does not offer', () => {
    expect(checkLink({ ...good, options: { variant: 'root' } }, FLOW_INFOS)).toEqual({
      ok: false,
      error: 'the flow “Identity pool, enhanced flow” has no variant `root`',
    });
    expect(checkLink({ ...good, options: { switches: ['drop-tables'] } }, FLOW_INFOS)).toEqual({
      ok: false,
      error: 'the flow “Identity pool, enhanced flow” has no switch `drop-tables`',
    });
  });

  it('refuses a hostile shape', () => {
    const cases: [unknown, string][] = [
      [null, 'not an object'],
      [[good], 'not an object'],
      [{ ...good, extra: 1 }, 'unexpected fields'],
      [{ ...good, seed: '<script>' }, 'seed'],
      [{ ...good, seed: 'x'.repeat(65) }, 'seed'],
      [{ ...good, events: Array(101).fill('idpool.getId') }, 'events'],
      [{ ...good, events: [{ type: 'x' }] }, 'events'],
      [{ ...good, step: -1 }, 'step'],
      [{ ...good, step: 1.5 }, 'step'],
      [{ ...good, flowVersion: '1' }, 'flow version'],
      [{ ...good, options: { variant: 'group', __proto__x: 1 } }, 'options'],
      [{ ...good, options: { switches: 'several-groups' } }, 'switches'],
      [{ ...good, options: { switches: ['several-groups', 'several-groups'] } }, 'a switch twice'],
      [{ ...good, app: '' }, 'app version'],
    ];
    for (const [value, what] of cases)
      expect(checkLink(value, FLOW_INFOS), what).toEqual({ ok: false, error: `the link is malformed (${what})` });
  });
});

import { describe, expect, it } from 'vitest';
import { FLOW_INFOS } from '../../flows/catalog';
import { decodeFlowLink, encodeFlowLink, isFlowHash } from './link-hash';
import { bodyParts } from './body-parts';
import { duration, relative } from './time';

const link = {
  format: 1,
  app: '0.1.0',
  flow: 'identity-pool-enhanced',
  flowVersion: 1,
  seed: 'abc123',
  options: { variant: 'group' },
  events: ['userPool.signIn', 'idpool.getId'],
  step: 4,
};

describe('a flow link in the hash', () => {
  it('goes there and back unchanged', async () => {
    const hash = await encodeFlowLink(link);
    expect(hash).toMatch(/^flow=1\.[A-Za-z0-9_-]+$/);
    expect(isFlowHash(`#${hash}`)).toBe(true);
    expect(await decodeFlowLink(`#${hash}`, FLOW_INFOS)).toEqual({ ok: true, value: link });
  });

  it('says why a corrupt, huge or foreign hash opens nothing', async () => {
    expect(await decodeFlowLink('#s=2.abc', FLOW_INFOS)).toBeNull();
    expect(await decodeFlowLink('#flow=1.AAAA', FLOW_INFOS)).toEqual({
      ok: false,
      error: 'the link is corrupt or too large',
    });
    expect(await decodeFlowLink(`#flow=1.${'A'.repeat(9000)}`, FLOW_INFOS)).toEqual({
      ok: false,
      error: 'the link is too long',
    });
    expect(await decodeFlowLink('#flow=7.AAAA', FLOW_INFOS)).toEqual({
      ok: false,
      error: 'the link was made by a newer version of IAM Playground',
    });
    const other = await encodeFlowLink({ ...link, flow: 'not-a-flow' });
    expect(await decodeFlowLink(other, FLOW_INFOS)).toEqual({
      ok: false,
      error: 'the link names a flow this version of IAM Playground does not have: `not-a-flow`',
    });
  });
});

describe('panel helpers', () => {
  it('cuts a body into text and the field names to explain', () => {
    expect(bodyParts('{\n  "IdentityId": "us-east-1:x"\n}')).toEqual([
      { text: '{\n  "' },
      { text: 'IdentityId', field: 'IdentityId' },
      { text: '": "us-east-1:x"\n}' },
    ]);
    expect(bodyParts('<Credentials><AccessKeyId>ASIA</AccessKeyId></Credentials>').filter((p) => p.field)).toEqual([
      { text: 'Credentials', field: 'Credentials' },
      { text: 'AccessKeyId', field: 'AccessKeyId' },
      { text: 'AccessKeyId', field: 'AccessKeyId' },
      { text: 'Credentials', field: 'Credentials' },
    ]);
  });

  it('says durations as a person reads them', () => {
    expect(duration(59_000)).toBe('59 s');
    expect(duration(3_599_520)).toBe('59 min 59 s');
    expect(duration(3_600_000 * 26)).toBe('1 d 2 h');
    expect(relative(10_000, 0)).toBe('in 10 s');
    expect(relative(0, 125_000)).toBe('2 min 5 s ago');
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { accountLink, decodeWorld, encodeWorld, isAccountHash } from './share';
import type { World } from '../../world/types';

async function deflate(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const world: World = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/saves/format-2.json', import.meta.url), 'utf8'),
).world;

describe('sharing the account in a link', () => {
  it('round-trips a world, unicode included', async () => {
    const w: World = { ...world, accounts: [{ id: '111122223333', name: 'Prüfung — 🚀' }] };
    const hash = await encodeWorld(w);
    expect(/^w=2\.[A-Za-z0-9_-]+$/.test(hash)).toBe(true);
    expect(await decodeWorld('#' + hash)).toEqual({ ok: true, world: { ...w, format: 2 } });
  });

  it('makes a full link on the Account page', async () => {
    const link = await accountLink(world, 'http://127.0.0.1:4184');
    expect(link.ok && link.url.startsWith('http://127.0.0.1:4184/account#w=2.')).toBe(true);
  });

  it('answers a hash that is not an account link with nothing', async () => {
    expect(await decodeWorld('')).toBeNull();
    expect(await decodeWorld('#s=2.abc')).toBeNull();
    expect(isAccountHash('#w=2.abc')).toBe(true);
    expect(isAccountHash('#s=2.abc')).toBe(false);
  });

  it('refuses corrupt and hostile links with a reason', async () => {
    expect(await decodeWorld('#w=garbage')).toEqual({ ok: false, error: 'the link has no format version' });
    expect(await decodeWorld('#w=9.abc')).toEqual({
      ok: false,
      error: 'the link was made by a newer version of IAM Playground',
    });
    expect(await decodeWorld('#w=0.abc')).toEqual({ ok: false, error: 'the link has an unknown format version' });
    expect(await decodeWorld('#w=1.abc')).toEqual({ ok: false, error: 'the link has an unknown format version' });
    expect(await decodeWorld('#w=2.!!!')).toEqual({ ok: false, error: 'the link is not valid base64url' });
    expect(await decodeWorld('#w=2.AAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toEqual({
      ok: false,
      error: 'the link is corrupt or too large',
    });
    expect(await decodeWorld('#w=2.' + (await deflate('not json')))).toEqual({
      ok: false,
      error: 'the link does not hold valid JSON',
    });
    expect(
      await decodeWorld(
        '#w=2.' +
          (await deflate(
            '{"accounts":[{"id":"111122223333"}],"users":[{"account":"111122223333","name":"a","groups":["ghost"]}]}',
          )),
      ),
    ).toEqual({
      ok: false,
      error: "the link's account does not pass the world's checks: the group `ghost` is not in account 111122223333",
    });
    expect(await decodeWorld('#w=2.' + 'A'.repeat(1_300_000))).toEqual({ ok: false, error: 'the link is too long' });
  });

  it('refuses a link that inflates beyond the limit (a zip bomb)', async () => {
    const bomb = await deflate(`{"accounts":[],"x":"${'a'.repeat(3_000_000)}"}`);
    expect(bomb.length).toBeLessThan(10_000);
    expect(await decodeWorld('#w=2.' + bomb)).toEqual({ ok: false, error: 'the link is corrupt or too large' });
  });
});

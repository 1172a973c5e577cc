import { describe, it, expect } from 'vitest';
import { decodeState, encodeState } from './share';
import { checkState } from './state-schema';
import { defaultState, splitActions, nextDocId } from './model';

async function deflate(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('sharing the workbench state in the URL hash', () => {
  it('round-trips the default state', async () => {
    const state = defaultState();
    const hash = await encodeState(state);
    expect(hash.startsWith('s=2.')).toBe(true);
    expect(/^s=2\.[A-Za-z0-9_-]+$/.test(hash)).toBe(true);
    expect(await decodeState('#' + hash)).toEqual({ ok: true, value: state });
  });

  it('round-trips unicode text and several documents', async () => {
    const state = defaultState();
    state.docs.push({
      id: 'd2',
      name: 'Guardrail — ünïcødé 🚀',
      kind: 'scp',
      level: 'ou',
      text: '{"Version":"2012-10-17"}',
    });
    state.request.context = [{ key: 'aws:SourceIp', value: '10.0.0.1' }];
    expect(await decodeState(await encodeState(state))).toEqual({ ok: true, value: state });
  });

  it('answers an empty hash with no state', async () => {
    expect(await decodeState('')).toBeNull();
    expect(await decodeState('#')).toBeNull();
  });

  it('refuses corrupt and hostile links with a reason', async () => {
    expect(await decodeState('#foo=bar')).toEqual({ ok: false, error: 'the link does not hold a workbench state' });
    expect(await decodeState('#s=garbage')).toEqual({ ok: false, error: 'the link has no format version' });
    expect(await decodeState('#s=9.abc')).toEqual({
      ok: false,
      error: 'the link was made by a newer version of IAM Playground',
    });
    expect(await decodeState('#s=1.!!!')).toEqual({ ok: false, error: 'the link is not valid base64url' });
    expect(await decodeState('#s=1.AAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toEqual({
      ok: false,
      error: 'the link is corrupt or too large',
    });
    expect(await decodeState('#s=1.' + (await deflate('not json')))).toEqual({
      ok: false,
      error: 'the link does not hold valid JSON',
    });
    expect(
      await decodeState('#s=1.' + (await deflate('{"v":1,"docs":[],"active":"","request":{},"__proto__":1}'))),
    ).toEqual({
      ok: false,
      error: 'the state has an unknown field `__proto__`',
    });
  });

  it('refuses a state that inflates beyond the limit (a zip bomb)', async () => {
    const bomb = '{"v":1,"docs":[],"active":"","request":' + ' '.repeat(3_000_000) + '}';
    expect(await decodeState('#s=1.' + (await deflate(bomb)))).toEqual({
      ok: false,
      error: 'the link is corrupt or too large',
    });
  });

  it('refuses a link that is too long', async () => {
    expect(await decodeState('#s=1.' + 'A'.repeat(1_300_000))).toEqual({ ok: false, error: 'the link is too long' });
  });
});

describe('checking a decoded state', () => {
  it('accepts the default state', () => {
    expect(checkState(defaultState())).toEqual({ ok: true, value: defaultState() });
  });

  it('refuses unknown fields, wrong types and bad references', () => {
    const s = defaultState() as unknown as Record<string, unknown>;
    expect(checkState({ ...s, extra: 1 })).toEqual({ ok: false, error: 'the state has an unknown field `extra`' });
    expect(checkState({ ...s, v: 3 })).toEqual({
      ok: false,
      error: 'the link was made by a newer version of IAM Playground',
    });
    expect(checkState({ ...s, v: '1' })).toEqual({ ok: false, error: 'the state has an unknown format version' });
    expect(checkState({ ...s, active: 'd9' })).toEqual({ ok: false, error: 'the active document does not exist' });
    expect(checkState({ ...s, docs: 'x' })).toEqual({ ok: false, error: 'the documents are not a list' });
    expect(checkState({ ...s, docs: [{ id: 'd1', name: 'x', kind: 'wizard', text: '' }] })).toEqual({
      ok: false,
      error: 'document 1 has an unknown kind',
    });
    expect(checkState({ ...s, docs: [{ id: '<img>', name: 'x', kind: 'identity', text: '' }] })).toEqual({
      ok: false,
      error: 'document 1 has a malformed id',
    });
    expect(checkState({ ...s, docs: [{ id: 'd1', name: 'x', kind: 'identity', level: 'root', text: '' }] })).toEqual({
      ok: false,
      error: 'document 1 has an invalid level',
    });
    expect(checkState({ ...s, docs: [{ id: 'd1', name: 'x', kind: 'scp', level: 'ou9', text: '' }] })).toEqual({
      ok: false,
      error: 'document 1 has an invalid level',
    });
    const nested = checkState({ ...s, docs: [{ id: 'd1', name: 'x', kind: 'scp', level: 'ou3', text: '' }] });
    expect(nested.ok && nested.value.docs[0].level).toBe('ou3');
    expect(checkState({ ...s, docs: [{ id: 'd1', name: 7, kind: 'identity', text: '' }] })).toEqual({
      ok: false,
      error: "document 1's name is not text",
    });
    expect(checkState(null)).toEqual({ ok: false, error: 'the state is not an object' });
    expect(checkState([])).toEqual({ ok: false, error: 'the state is not an object' });
  });

  it('keeps how an identity policy is stored (format version 2), and reads version 1 without it', () => {
    const s = defaultState();
    const inline = { ...s, docs: [{ ...s.docs[0], storedAs: 'user-inline' }] };
    expect(checkState(inline)).toEqual({ ok: true, value: inline });
    // Version 1 had no storage: it reads as a customer managed policy, saved again as version 2.
    expect(checkState({ ...s, v: 1 })).toEqual({ ok: true, value: { ...s, v: 2 } });
    expect(checkState({ ...inline, v: 1 })).toEqual({
      ok: false,
      error: 'document 1 has an unknown field `storedAs`',
    });
    expect(checkState({ ...s, docs: [{ ...s.docs[0], storedAs: 'group-inline' }] })).toEqual({
      ok: false,
      error: 'document 1 has an invalid storage',
    });
    expect(checkState({ ...s, docs: [{ ...s.docs[0], kind: 'boundary', storedAs: 'role-inline' }] })).toEqual({
      ok: false,
      error: 'document 1 has an invalid storage',
    });
  });

  it('refuses too many documents and oversized text', () => {
    const s = defaultState();
    const many = Array.from({ length: 41 }, (_, i) => ({ id: `d${i + 1}`, name: 'x', kind: 'identity', text: '' }));
    expect(checkState({ ...s, docs: many })).toEqual({ ok: false, error: 'the state has more than 40 documents' });
    expect(checkState({ ...s, docs: [{ id: 'd1', name: 'x', kind: 'identity', text: 'x'.repeat(400_001) }] })).toEqual({
      ok: false,
      error: "document 1's text is longer than 400000 characters",
    });
  });

  it('keeps only known fields of the request', () => {
    const s = defaultState();
    const r = checkState({
      ...s,
      request: { ...s.request, context: [{ key: 'aws:SourceIp', value: '10.0.0.1', evil: 1 }] },
    });
    expect(r).toEqual({ ok: false, error: 'context entry 1 has an unknown field `evil`' });
  });
});

describe('model helpers', () => {
  it('splits actions on commas, spaces and new lines, dropping duplicates', () => {
    expect(splitActions(' s3:GetObject, s3:PutObject\ns3:getobject  ,, ')).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(splitActions('')).toEqual([]);
  });
  it('finds a free document id', () => {
    expect(
      nextDocId([
        { id: 'd1', name: '', kind: 'identity', text: '' },
        { id: 'd2', name: '', kind: 'identity', text: '' },
      ]),
    ).toBe('d3');
    expect(nextDocId([{ id: 'd2', name: '', kind: 'identity', text: '' }])).toBe('d3');
  });
});

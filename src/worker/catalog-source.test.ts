import { describe, it, expect } from 'vitest';
import { gzipSync } from 'node:zlib';
import { decodeJson } from './catalog-source';

describe('the worker reads the compressed catalogue', () => {
  const data = { meta: { updatedAt: '2026-09-26' }, services: [{ prefix: 's3', name: 'Amazon S3' }] };

  it('decompresses gzipped JSON', async () => {
    expect(await decodeJson(new Uint8Array(gzipSync(JSON.stringify(data))))).toEqual(data);
  });

  it('reads JSON a server already decoded as it is', async () => {
    expect(await decodeJson(new TextEncoder().encode(JSON.stringify(data)))).toEqual(data);
  });

  it('rejects corrupt bytes with an error, not a hang', async () => {
    const bad = new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4]);
    await expect(decodeJson(bad)).rejects.toThrow();
  });
});

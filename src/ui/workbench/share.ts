/**
 * The workbench state in a URL hash: JSON, deflate-raw compressed with the platform's
 * CompressionStream, base64url-encoded, prefixed with the format version (`#s=2.<data>`).
 * Decoding bounds every size (the hash, the inflated bytes) and checks the shape strictly.
 */
import { READABLE_STATE_VERSIONS, STATE_FORMAT_VERSION } from '../../version';
import type { WorkbenchState } from './model';
import { checkState, type Checked } from './state-schema';

export const HASH_KEY = 's';
/** Longest hash accepted (characters). */
export const MAX_HASH = 1_200_000;
/** Most bytes a shared state may inflate to. */
export const MAX_INFLATED = 2_500_000;

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export async function pump(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  max: number,
): Promise<Uint8Array | null> {
  const writer = stream.writable.getWriter();
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) {
        await reader.cancel().catch(() => {});
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The hash (without `#`) that holds `state`. */
export async function encodeState(state: WorkbenchState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  const packed = await pump(json, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
  return `${HASH_KEY}=${STATE_FORMAT_VERSION}.${toBase64Url(packed ?? new Uint8Array())}`;
}

/** Reads a state from a hash (with or without `#`). `null` when the hash holds no state at all. */
export async function decodeState(hash: string): Promise<Checked<WorkbenchState> | null> {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h === '') return null;
  if (!h.startsWith(`${HASH_KEY}=`)) return { ok: false, error: 'the link does not hold a workbench state' };
  if (h.length > MAX_HASH) return { ok: false, error: 'the link is too long' };
  const read = await readLinkBody(h.slice(HASH_KEY.length + 1), READABLE_STATE_VERSIONS, STATE_FORMAT_VERSION);
  if (!read.ok) return read;
  return checkState(read.value);
}

/**
 * A link's body after its key (`VERSION.BASE64URL` of deflate-raw JSON) as a JSON value: the
 * format version checked against those this build reads, the bytes inflated with a size cap. The
 * workbench's and the account's links share it.
 */
export async function readLinkBody(
  body: string,
  readable: readonly number[],
  current: number,
): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  const dot = body.indexOf('.');
  const version = dot > 0 ? body.slice(0, dot) : '';
  if (!/^[0-9]{1,4}$/.test(version)) return { ok: false, error: 'the link has no format version' };
  if (!readable.includes(Number(version))) {
    return {
      ok: false,
      error:
        Number(version) > current
          ? 'the link was made by a newer version of IAM Playground'
          : 'the link has an unknown format version',
    };
  }
  const bytes = fromBase64Url(body.slice(dot + 1));
  if (!bytes || bytes.length === 0) return { ok: false, error: 'the link is not valid base64url' };
  const inflated = await pump(bytes, new DecompressionStream('deflate-raw'), MAX_INFLATED);
  if (!inflated) return { ok: false, error: 'the link is corrupt or too large' };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated)) };
  } catch {
    return { ok: false, error: 'the link does not hold valid JSON' };
  }
}

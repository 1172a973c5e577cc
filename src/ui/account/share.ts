/**
 * The account in a link: the world as JSON, deflate-raw compressed, base64url, prefixed with the
 * save format (`/account#w=2.<data>`), as the workbench's links carry its state (same encoding,
 * same limits). Opening a link never trusts it: every size is bounded and the world passes the
 * same checks as a saved account before anything changes.
 */
import type { World } from '../../world/types';
import { MAX_HASH, pump, readLinkBody, toBase64Url } from '../workbench/share';
import { ACCOUNT_SAVE_FORMAT, checkSavedWorld } from './persistence';

export const ACCOUNT_HASH_KEY = 'w';
/** The page a shared account opens on. */
export const ACCOUNT_LINK_PATH = '/account';
/** The link formats read: links began with save format 2 (format 1 saves were never linked). */
export const READABLE_LINK_FORMATS: readonly number[] = [2];

export type Decoded = { ok: true; world: World } | { ok: false; error: string };

/** The hash (without `#`) that holds `world`. */
export async function encodeWorld(world: World): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(world));
  const packed = await pump(json, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
  return `${ACCOUNT_HASH_KEY}=${ACCOUNT_SAVE_FORMAT}.${toBase64Url(packed ?? new Uint8Array())}`;
}

/** Whether a hash (with or without `#`) is meant as a shared account (well formed or not). */
export function isAccountHash(hash: string): boolean {
  return (hash.startsWith('#') ? hash.slice(1) : hash).startsWith(`${ACCOUNT_HASH_KEY}=`);
}

/** Reads a world from a hash; `null` when the hash holds no account at all. */
export async function decodeWorld(hash: string): Promise<Decoded | null> {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!isAccountHash(h)) return null;
  if (h.length > MAX_HASH) return { ok: false, error: 'the link is too long' };
  const read = await readLinkBody(h.slice(ACCOUNT_HASH_KEY.length + 1), READABLE_LINK_FORMATS, ACCOUNT_SAVE_FORMAT);
  if (!read.ok) return read;
  const value = read.value;
  const checked = checkSavedWorld(value);
  return checked.ok
    ? { ok: true, world: checked.world }
    : { ok: false, error: `the link's account ${checked.why.replace(/^its world /, '')}` };
}

/** The full link to `world` on `origin`, or why there is none (beyond what a link can carry). */
export async function accountLink(
  world: World,
  origin: string,
): Promise<{ ok: true; url: string } | { ok: false; error: string }> {
  const hash = await encodeWorld(world);
  if (hash.length > MAX_HASH) return { ok: false, error: 'the account is too large for a link' };
  return { ok: true, url: `${origin}${ACCOUNT_LINK_PATH}#${hash}` };
}

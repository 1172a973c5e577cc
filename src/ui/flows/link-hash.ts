/**
 * A flow's link in the address bar's hash (`/flows#flow=1.<data>`): the link's JSON
 * (`src/flows/link.ts`), deflate-raw compressed and base64url-encoded with the workbench's own
 * helpers. Reading bounds every size and checks the shape strictly before anything runs.
 */
import { FLOW_LINK_FORMAT, checkLink, linkJson, type FlowLink, type LinkCheck } from '../../flows/link';
import type { FlowInfo } from '../../flows/catalog-types';
import { pump, readLinkBody, toBase64Url } from '../workbench/share';

export const FLOW_HASH_KEY = 'flow';
/** Longest flow hash read (characters): a link holds ids and an event log, a few hundred bytes. */
export const MAX_FLOW_HASH = 8_000;

export function isFlowHash(hash: string): boolean {
  return (hash.startsWith('#') ? hash.slice(1) : hash).startsWith(`${FLOW_HASH_KEY}=`);
}

/** The hash (without `#`) that holds `link`. */
export async function encodeFlowLink(link: FlowLink): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(linkJson(link)));
  const packed = await pump(json, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
  return `${FLOW_HASH_KEY}=${FLOW_LINK_FORMAT}.${toBase64Url(packed ?? new Uint8Array())}`;
}

/** Reads a flow link from a hash; `null` when the hash holds none. */
export async function decodeFlowLink(hash: string, flows: readonly FlowInfo[]): Promise<LinkCheck | null> {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h.startsWith(`${FLOW_HASH_KEY}=`)) return null;
  if (h.length > MAX_FLOW_HASH) return { ok: false, error: 'the link is too long' };
  const read = await readLinkBody(h.slice(FLOW_HASH_KEY.length + 1), [FLOW_LINK_FORMAT], FLOW_LINK_FORMAT);
  if (!read.ok) return read;
  return checkLink(read.value, flows);
}

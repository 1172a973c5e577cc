/**
 * ListObjectsV2 (and the older ListObjects) over a bucket's keys in S3's order: `prefix`,
 * `delimiter` (keys sharing the part up to the next delimiter roll up into one `CommonPrefixes`
 * entry), `max-keys` (at most 1,000, keys and common prefixes counted together), `start-after`,
 * and an opaque `continuation-token`. Every step is a binary search or a step forward, so a page
 * costs O(log n + page), whatever the bucket's size.
 */
import type { S3Object } from '../../world/types';
import type { BucketObjects } from './store';
import { fromBase64, toBase64 } from './bytes';

export interface ListQuery {
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  /** Start strictly after this key (start-after, marker, or a continuation token's key). */
  after?: string;
  /** Resume after this common prefix (a continuation token's). */
  afterPrefix?: string;
}

export interface ListPage {
  objects: S3Object[];
  commonPrefixes: string[];
  truncated: boolean;
  /** The last key or common prefix of the page, and which it was. */
  last?: { value: string; prefix: boolean };
}

export function listPage(store: BucketObjects, q: ListQuery): ListPage {
  const { keys, lineage } = store;
  const all = keys.keys();
  let i = keys.lowerBound(q.prefix);
  if (q.after !== undefined) i = Math.max(i, keys.upperBound(q.after));
  if (q.afterPrefix !== undefined) {
    const from = keys.lowerBound(q.afterPrefix);
    i = Math.max(i, keys.endOfPrefix(from, q.afterPrefix));
  }
  const objects: S3Object[] = [];
  const commonPrefixes: string[] = [];
  let last: ListPage['last'];
  let count = 0;
  while (i < all.length) {
    const key = all[i];
    if (!key.startsWith(q.prefix)) break;
    if (count >= q.maxKeys) return { objects, commonPrefixes, truncated: true, last };
    const d = q.delimiter ? key.indexOf(q.delimiter, q.prefix.length) : -1;
    if (q.delimiter && d >= 0) {
      const cp = key.slice(0, d + q.delimiter.length);
      commonPrefixes.push(cp);
      last = { value: cp, prefix: true };
      i = keys.endOfPrefix(i, cp);
    } else {
      const o = lineage.live.get(key);
      if (o) objects.push(o);
      last = { value: key, prefix: false };
      i++;
    }
    count++;
  }
  return { objects, commonPrefixes, truncated: false, last };
}

/** The opaque token that resumes after the page's last entry. */
export function continuationToken(last: { value: string; prefix: boolean }): string {
  return toBase64(new TextEncoder().encode((last.prefix ? 'p' : 'k') + last.value));
}

/** The entry a continuation token resumes after, or undefined when it is not one of ours. */
export function readToken(token: string): { value: string; prefix: boolean } | undefined {
  const bytes = fromBase64(token);
  if (!bytes || bytes.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const kind = text[0];
  if (kind !== 'p' && kind !== 'k') return undefined;
  return { value: text.slice(1), prefix: kind === 'p' };
}

/**
 * S3's view of the world: buckets by name, each bucket's objects through a `Lineage` (so a put is
 * amortized O(1) and never changes a world anyone holds) with the keys in S3's order, the bytes
 * and ETag of each object (computed once per object), and the runtime facts the world's schema has
 * no place for (a bucket's creation date), kept in `AwsState.s3`.
 */
import type { S3Bucket, S3Object, World } from '../../world/types';
import type { AwsState } from '../state';
import { utf8 } from '../http';
import { etagOf, fromBase64 } from './bytes';
import { Lineage, lineageOf, withVersion } from './lineage';
import { SortedKeys } from './sorted-keys';

declare module '../state' {
  interface AwsState {
    /** S3's runtime records (added by the S3 service; absent until a bucket is created through it). */
    s3?: S3State;
  }
}

export interface S3State {
  /** By bucket name: when it was created through the service (ISO 8601). */
  buckets: Record<string, { creationDate: string }>;
}

export const BUCKET_ARN_PREFIX = 'arn:aws:s3:::';

export function bucketArn(name: string): string {
  return BUCKET_ARN_PREFIX + name;
}

export function findBucket(world: World, name: string): S3Bucket | undefined {
  const arn = bucketArn(name);
  return world.resources?.find((r): r is S3Bucket => r.type === 's3-bucket' && r.arn === arn);
}

export function bucketName(bucket: S3Bucket): string {
  return bucket.arn.slice(BUCKET_ARN_PREFIX.length);
}

/** The account that owns the bucket: its `account`, else the world's first account. */
export function bucketAccount(world: World, bucket: S3Bucket): string {
  return bucket.account ?? world.accounts[0]?.id ?? '';
}

const keysOfLineage = new WeakMap<Lineage<S3Object>, SortedKeys>();

export interface BucketObjects {
  lineage: Lineage<S3Object>;
  keys: SortedKeys;
}

/** The bucket's objects: the live map and the keys in order. */
export function objectsOf(bucket: S3Bucket): BucketObjects {
  const lineage = lineageOf<S3Object, S3Bucket>(
    bucket,
    'objects',
    (o) => o.key,
    (l) => {
      const keys = new SortedKeys(l.live.keys(), (k) => l.live.has(k));
      l.listen((key, before, after) => {
        if (after && !before) keys.add(key);
        else if (!after && before) keys.remove();
      });
      keysOfLineage.set(l, keys);
    },
  );
  return { lineage, keys: keysOfLineage.get(lineage)! };
}

/** A world whose resource `old` is `next` (the other resources are shared). */
export function replaceResource(world: World, old: object, next: S3Bucket | object): World {
  const resources = (world.resources ?? []).slice();
  const i = resources.indexOf(old as (typeof resources)[number]);
  if (i < 0) resources.push(next as (typeof resources)[number]);
  else resources[i] = next as (typeof resources)[number];
  return { ...world, resources };
}

/** Writes (or with `undefined` deletes) an object; answers the new world. */
export function writeObject(state: AwsState, bucket: S3Bucket, key: string, object: S3Object | undefined): World {
  const { lineage } = objectsOf(bucket);
  lineage.write(key, object);
  const next = withVersion<S3Object, S3Bucket>(bucket, 'objects', lineage);
  return replaceResource(state.world, bucket, next);
}

const bytesCache = new WeakMap<S3Object, Uint8Array>();
const etagCache = new WeakMap<S3Object, string>();

export function objectBytes(o: S3Object): Uint8Array {
  let b = bytesCache.get(o);
  if (!b) {
    b = o.encoding === 'base64' ? (fromBase64(o.body) ?? utf8(o.body)) : utf8(o.body);
    bytesCache.set(o, b);
  }
  return b;
}

export function objectEtag(o: S3Object): string {
  let e = etagCache.get(o);
  if (!e) {
    e = etagOf(objectBytes(o));
    etagCache.set(o, e);
  }
  return e;
}

/** Records the bytes and ETag of an object just made from them. */
export function remember(o: S3Object, bytes: Uint8Array, etag: string): void {
  bytesCache.set(o, bytes);
  etagCache.set(o, etag);
}

/** An object's last modification in milliseconds (an object without a date is dated 2025-01-01). */
export function lastModifiedMs(o: S3Object): number {
  const t = o.lastModified ? Date.parse(o.lastModified) : NaN;
  return Number.isNaN(t) ? Date.UTC(2025, 0, 1) : t;
}

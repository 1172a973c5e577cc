/**
 * Whether an S3 bucket is public: what an anonymous caller may do to it, asked of the engine
 * rather than read off the policy's text, so a statement for `*` narrowed by `aws:SourceVpce`,
 * `aws:PrincipalOrgID` or `aws:SourceIp` does not make the bucket public. The checklist uses it to
 * flag public buckets, and `authorize` to apply Block Public Access's `RestrictPublicBuckets`.
 */
import type { Policy } from '../engine/model';
import { parseDocument } from './documents';
import { isDocument, list } from './checklist/common';
import type { S3Bucket } from './types';

/** What an anonymous caller is asked to do, on the bucket or on one of its objects. */
const PROBES: { action: string; onObject: boolean; verb: string }[] = [
  { action: 's3:GetObject', onObject: true, verb: 'read' },
  { action: 's3:ListBucket', onObject: false, verb: 'list' },
  { action: 's3:PutObject', onObject: true, verb: 'write' },
  { action: 's3:DeleteObject', onObject: true, verb: 'delete' },
];
/** At most this many object keys are tried per bucket (the bucket's objects and the policy's resources). */
const MAX_KEYS = 50;

/** Object keys to ask about: the bucket's own objects, and one key inside each object pattern of its policy. */
function probeKeys(bucket: S3Bucket): string[] {
  const keys = new Set<string>();
  for (const o of list(bucket.objects)) if (typeof o?.key === 'string' && keys.size < MAX_KEYS) keys.add(o.key);
  const policy = isDocument(bucket.policy) ? parseDocument(bucket.policy).policy : undefined;
  const prefix = `${bucket.arn}/`;
  for (const st of policy?.statements ?? []) {
    for (const r of st.resource?.values ?? []) {
      if (keys.size >= MAX_KEYS) break;
      const text = r.value;
      if (text === '*' || text === 'arn:aws:s3:::*') keys.add('object');
      else if (text.startsWith(prefix)) {
        let key = '';
        for (const c of text.slice(prefix.length)) key += c === '*' || c === '?' ? 'x' : c;
        keys.add(key === '' ? 'object' : key);
      }
    }
  }
  if (keys.size === 0) keys.add('object');
  return [...keys];
}

/**
 * Whether any Allow statement of the policy could name an anonymous caller at all: `"*"`, a
 * principal value with a wildcard, or a `NotPrincipal`. Only a screen that saves asking the engine
 * about buckets shared with named principals; the engine decides the rest.
 */
function mayAllowAnyone(policy: Policy | undefined): boolean {
  if (!policy) return false;
  return policy.statements.some(
    (st) =>
      st.effect?.value === 'Allow' &&
      (st.notPrincipal !== undefined ||
        st.principal?.anyone === true ||
        (st.principal?.entries ?? []).some((e) =>
          e.values.values.some((v) => v.value.includes('*') || v.value.includes('?')),
        )),
  );
}

/** An anonymous request to try, and whether the policies allow it (the caller's `authorize`, so this module imports none). */
export type AnonymousProbe = (request: { principal: 'anonymous'; action: string; resource: string }) => boolean;

/**
 * What anyone may do to the bucket without signing in (`read`, `list`, `write`, `delete`), as
 * `allowed` decides it; empty when the bucket is not public. Only an S3 bucket whose policy could
 * name an anonymous caller is asked about, with at most 50 object keys.
 */
export function anonymousVerbs(bucket: S3Bucket, allowed: AnonymousProbe): string[] {
  if (!isDocument(bucket.policy) || !mayAllowAnyone(parseDocument(bucket.policy).policy)) return [];
  const keys = probeKeys(bucket);
  const verbs: string[] = [];
  for (const probe of PROBES) {
    const resources = probe.onObject ? keys.map((k) => `${bucket.arn}/${k}`) : [bucket.arn];
    if (resources.some((resource) => allowed({ principal: 'anonymous', action: probe.action, resource })))
      verbs.push(probe.verb);
  }
  return verbs;
}

/**
 * S3 buckets that anyone may read or write without signing in. Whether a bucket is public is the
 * engine's answer, not a pattern match on the policy: the rule asks `authorize` whether an
 * anonymous caller (no account, no organization, no VPC endpoint) may get, put, delete or list,
 * so a statement for `*` narrowed by `aws:SourceVpce`, `aws:PrincipalOrgID` or `aws:SourceIp`
 * does not make the bucket public.
 *
 * The fix is S3 Block Public Access, as AWS recommends (S3 User Guide, "Blocking public access to
 * your Amazon S3 storage"; IAM Access Analyzer's "Block all public access"): `restrictPublicBuckets`
 * makes the bucket's public statements ineffective for anyone outside the account and AWS
 * services, and `blockPublicPolicy` refuses a new public policy. It leaves the policy text as the
 * learner wrote it, so the statement that made the bucket public stays in view, and undoing the fix
 * turns one setting back.
 */
import type { CheckItem, CheckRule } from './types';
import type { S3Bucket, World } from '../types';
import type { Policy } from '../../engine/model';
import { authorize } from '../authorize';
import { parseDocument } from '../documents';
import { copy, isDocument, list } from './common';

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

/** What anyone may do to the bucket, per the engine (`read`, `list`, …); empty when it is not public. */
export function publicVerbs(world: World, bucket: S3Bucket, now: number): string[] {
  if (!isDocument(bucket.policy) || !mayAllowAnyone(parseDocument(bucket.policy).policy)) return [];
  const keys = probeKeys(bucket);
  const verbs: string[] = [];
  for (const probe of PROBES) {
    const resources = probe.onObject ? keys.map((k) => `${bucket.arn}/${k}`) : [bucket.arn];
    const allowed = resources.some((resource) => {
      try {
        const r = authorize(world, { principal: 'anonymous', action: probe.action, resource }, { trace: false, now });
        return r.ok && r.value.decision === 'Allow';
      } catch {
        return false; // a world the schema would refuse (a list that is not a list): no answer, so no item
      }
    });
    if (allowed) verbs.push(probe.verb);
  }
  return verbs;
}

const bucketName = (arn: string) => arn.slice('arn:aws:s3:::'.length);

function joinWords(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export const publicBucket: CheckRule = (world, now) => {
  const items: CheckItem[] = [];
  for (const r of list(world.resources)) {
    if (r?.type !== 's3-bucket' || typeof r.arn !== 'string' || !r.arn.startsWith('arn:aws:s3:::')) continue;
    if (r.blockPublicAccess?.restrictPublicBuckets === true) continue;
    const verbs = publicVerbs(world, r, now);
    if (verbs.length === 0) continue;
    const arn = r.arn;
    const account = r.account ?? world.accounts?.[0]?.id ?? '';
    items.push({
      id: `public-bucket:${account}:${arn}`,
      rule: 'public-bucket',
      severity: 'high',
      title: `The bucket \`${bucketName(arn)}\` is public: anyone can ${joinWords(verbs)} objects without signing in`,
      why:
        'Its bucket policy allows `*` with no condition that narrows who calls, so anyone on the internet can do this, with no AWS account at all. ' +
        'Unless the bucket is meant to be a public website, AWS recommends S3 Block Public Access: RestrictPublicBuckets stops the public statements from taking effect, and BlockPublicPolicy refuses new ones.',
      subject: { kind: 'resource', account, name: arn },
      fix: {
        label: 'Block public access to the bucket',
        apply: (w) => {
          const out = copy(w);
          const b = list(out.resources).find((x): x is S3Bucket => x?.type === 's3-bucket' && x.arn === arn);
          if (b) b.blockPublicAccess = { ...b.blockPublicAccess, blockPublicPolicy: true, restrictPublicBuckets: true };
          return out;
        },
      },
    });
  }
  return items;
};

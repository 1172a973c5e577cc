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
import { authorize } from '../authorize';
import { anonymousVerbs } from '../public-access';
import { copy, list } from './common';

/** What anyone may do to the bucket, per the engine (`read`, `list`, …); empty when it is not public. */
export function publicVerbs(world: World, bucket: S3Bucket, now: number): string[] {
  return anonymousVerbs(bucket, (request) => {
    try {
      // Block Public Access is what the fix turns on: the question here is what the policy itself allows.
      const r = authorize(world, request, { trace: false, now, ignoreBlockPublicAccess: true });
      return r.ok && r.value.decision === 'Allow';
    } catch {
      return false; // a world the schema would refuse (a list that is not a list): no answer, so no item
    }
  });
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

/**
 * PutBucketPolicy's checks, fail closed: the engine's parser and validator read the document as a
 * resource-based policy, and a document IAM would refuse is refused with S3's `MalformedPolicy`
 * and the message S3 gives for that fault (`Missing required field Principal`, `Invalid principal
 * in policy`, `Policy has invalid resource`, …). S3 also refuses a resource outside the bucket, an
 * action of another service, and a document over 20 KB. Then, when the bucket blocks public
 * policies, whether the new policy is public is asked of the engine (`anonymousVerbs`).
 */
import type { Finding } from '../../engine/diagnostics';
import type { Policy } from '../../engine/model';
import { globMatch } from '../../engine/validate';
import { screenDocument } from '../../world/documents';
import { anonymousVerbs } from '../../world/public-access';
import { authorize } from '../../world/authorize';
import type { S3Bucket, World } from '../../world/types';
import { BUCKET_ARN_PREFIX, bucketName } from './store';

export type PolicyCheck = { ok: true; policy: Policy } | { ok: false; message: string };

/** S3's bucket policy size limit. */
export const MAX_POLICY_BYTES = 20 * 1024;

/** S3's message for the first refusing finding. */
function messageFor(f: Finding, text: string): string {
  switch (f.code) {
    case 'parse.empty-document':
      return "Policies must be valid JSON and the first byte must be '{'";
    case 'parse.json-syntax':
    case 'parse.too-deep':
    case 'parse.not-an-object':
    case 'parse.statement-shape':
    case 'validate.element-type':
    case 'validate.condition-value-type':
      return 'This policy contains invalid Json';
    case 'validate.missing-statement':
      return 'Missing required field Statement';
    case 'validate.invalid-version':
      return 'The policy must contain a valid version string';
    case 'validate.missing-effect':
      return 'Missing required field Effect';
    case 'validate.invalid-effect':
      return `Invalid effect: ${textAt(f, text).replace(/^"|"$/g, '')}`;
    case 'validate.missing-action':
      return 'Missing required field Action';
    case 'validate.missing-resource':
      return 'Missing required field Resource';
    case 'validate.missing-principal':
      return 'Missing required field Principal';
    case 'validate.principal-shape':
    case 'validate.principal-type':
    case 'validate.principal-group':
    case 'validate.principal-malformed':
      return 'Invalid principal in policy';
    case 'validate.unknown-top-level-key':
    case 'validate.unknown-statement-key':
      return `Unknown field ${textAt(f, text).replace(/^"|"$/g, '')}`;
    case 'validate.resource-malformed':
      return 'Policy has invalid resource';
    case 'validate.action-malformed':
    case 'validate.unknown-service':
    case 'validate.unknown-action':
      return 'Policy has invalid action';
    case 'validate.duplicate-sid':
      return 'Statement IDs (SID) in a single policy must be unique.';
    case 'validate.conflicting-elements':
      return 'Policy has an invalid combination of elements';
    case 'validate.policy-too-large':
      return 'Policy exceeds the maximum allowed document size.';
    default:
      return 'Invalid policy syntax.';
  }
}

function textAt(f: Finding, text: string): string {
  return text.slice(f.range.start.offset, f.range.end.offset);
}

/** Reads and judges a bucket policy for `bucket`. */
export function checkBucketPolicy(text: string, bucket: S3Bucket): PolicyCheck {
  const first = text.trimStart();
  if (first === '' || first[0] !== '{')
    return { ok: false, message: "Policies must be valid JSON and the first byte must be '{'" };
  if (new TextEncoder().encode(text).length > MAX_POLICY_BYTES)
    return { ok: false, message: 'Policy exceeds the maximum allowed document size.' };
  const s = screenDocument(text, { id: bucket.arn, type: 'resource' });
  if (s.refusal || !s.policy) {
    const f = s.refusal?.finding;
    return { ok: false, message: f ? messageFor(f, text) : 'This policy contains invalid Json' };
  }
  const policy = s.policy;
  if (policy.statements.length === 0) return { ok: false, message: 'Could not parse the policy: Statement is empty!' };
  const name = bucketName(bucket);
  for (const st of policy.statements) {
    for (const a of [...(st.action?.values ?? []), ...(st.notAction?.values ?? [])]) {
      const v = a.value.toLowerCase();
      if (v !== '*' && !v.startsWith('s3:')) return { ok: false, message: 'Policy has invalid action' };
    }
    for (const r of [...(st.resource?.values ?? []), ...(st.notResource?.values ?? [])]) {
      if (r.value === '*') continue;
      if (!r.value.startsWith(BUCKET_ARN_PREFIX)) return { ok: false, message: 'Policy has invalid resource' };
      const rest = r.value.slice(BUCKET_ARN_PREFIX.length);
      const slash = rest.indexOf('/');
      const pattern = slash < 0 ? rest : rest.slice(0, slash);
      if (!globMatch(pattern, name)) return { ok: false, message: 'Policy has invalid resource' };
    }
  }
  return { ok: true, policy };
}

/** Whether `text` as the bucket's policy lets anyone in without signing (asked of the engine, Block Public Access set aside). */
export function isPublicPolicy(world: World, bucket: S3Bucket, text: string, now: number): boolean {
  const probe: S3Bucket = { type: 's3-bucket', arn: bucket.arn, policy: text };
  if (bucket.account !== undefined) probe.account = bucket.account;
  const resources = (world.resources ?? []).map((r) => (r === bucket ? probe : r));
  const w: World = { ...world, resources };
  return (
    anonymousVerbs(probe, (request) => {
      const r = authorize(w, request, { trace: false, message: false, now, ignoreBlockPublicAccess: true });
      return r.ok && r.value.decision === 'Allow';
    }).length > 0
  );
}

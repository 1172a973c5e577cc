/**
 * STS: the Query protocol (`Version=2011-06-15`), XML answers; GetCallerIdentity, AssumeRole,
 * AssumeRoleWithWebIdentity, GetSessionToken. AssumeRole is decided by the engine in one call
 * (`sts:AssumeRole` on the role ARN gathers the trust policy and the caller's identity policies,
 * boundary and session policies), plus `sts:TagSession` when the request has session tags and
 * `sts:SetSourceIdentity` when it sets a source identity.
 */
import type { ContextValue } from '../../engine/model';
import { roleArn as arnOfRole, userArn } from '../../world/edit';
import type { Tags, User } from '../../world/types';
import type { ServiceModule } from '../service';
import { queryAuthError } from '../auth/errors';
import { el } from '../protocol/xml';
import type { XmlNode } from '../protocol/xml';
import { issueSession } from '../sessions';
import { dispatch, authorize, signedCaller } from '../iam/dispatch';
import type { OpContext, Operation } from '../iam/dispatch';
import { Fault, PATTERNS } from '../iam/input';
import { roleId } from '../iam/shapes';
import {
  checkMfa,
  checkPackedSize,
  checkSessionPolicies,
  credentialsXml,
  packedPolicySize,
  readSessionPolicies,
  roleDuration,
} from './session-policies';
import { assumeRoleWithWebIdentity } from './web-identity';

const ROLE_ARN = { required: true, min: 20, max: 2048 };
const SESSION_NAME = { required: true, min: 2, max: 64, pattern: PATTERNS.sessionName };

function getCallerIdentity(x: OpContext): XmlNode {
  // No permission is needed: it answers even under an explicit deny of sts:GetCallerIdentity.
  const caller = signedCaller(x);
  return [el('UserId', caller.userId), el('Account', caller.account), el('Arn', caller.arn)];
}

/** The IAM user behind a caller, for its MFA devices: the user, or the user of a GetSessionToken session. */
function userBehind(x: OpContext): User | undefined {
  const caller = x.call.caller;
  if (!caller) return undefined;
  const arn = caller.kind === 'user' ? caller.arn : caller.session?.userArn;
  return arn ? x.ctx.state.world.users?.find((u) => userArn(u) === arn) : undefined;
}

async function assumeRole(x: OpContext): Promise<XmlNode> {
  const caller = signedCaller(x);
  const input = x.input;
  const roleArn = input.string('RoleArn', ROLE_ARN);
  const sessionName = input.string('RoleSessionName', SESSION_NAME);
  const policyInput = readSessionPolicies(input);
  const duration = input.int('DurationSeconds', { min: 900, max: 43200 });
  const tags = input.tags();
  const transitive = input.list('TransitiveTagKeys', { min: 1, max: 128, pattern: PATTERNS.tagKey, maxItems: 50 });
  const externalId = input.string('ExternalId', { min: 2, max: 1224, pattern: PATTERNS.externalId });
  const serial = input.string('SerialNumber', { min: 9, max: 256, pattern: PATTERNS.serialNumber });
  const code = input.string('TokenCode', { min: 6, max: 6, pattern: PATTERNS.tokenCode });
  const sourceIdentity = input.string('SourceIdentity', { min: 2, max: 64, pattern: PATTERNS.sessionName });
  input.done();
  const seen = new Set<string>();
  for (const [k] of tags) {
    if (seen.has(k.toLowerCase()))
      throw new Fault('ValidationError', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(k.toLowerCase());
  }
  for (const k of transitive)
    if (!seen.has(k.toLowerCase()))
      throw new Fault('ValidationError', 'The specified transitive tag key must be included in the requested tags.');

  const chained = caller.kind === 'assumed-role';
  const mfa = checkMfa(x.ctx, userBehind(x), serial, code);
  const role = x.ctx.state.world.roles?.find((r) => arnOfRole(r) === roleArn);

  // Tags carried from a chained session (its transitive keys), then this request's.
  const previous = x.ctx.state.sts.sessions[caller.accessKeyId];
  const inherited: [string, string][] = [];
  const inheritedKeys = chained ? (previous?.transitiveTagKeys ?? []) : [];
  for (const k of inheritedKeys) {
    const v = caller.session?.tags?.[k];
    if (v !== undefined) inherited.push([k, v]);
  }
  for (const [k] of tags)
    if (inheritedKeys.some((i) => i.toLowerCase() === k.toLowerCase()))
      throw new Fault(
        'InvalidParameterValue',
        `One or more of the specified session tag keys are already transitive session tag keys: ${k}`,
      );

  const context: Record<string, ContextValue> = { 'sts:RoleSessionName': sessionName! };
  if (externalId !== undefined) context['sts:ExternalId'] = externalId;
  if (sourceIdentity !== undefined) context['sts:SourceIdentity'] = sourceIdentity;
  if (mfa) {
    context['aws:MultiFactorAuthPresent'] = 'true';
    context['aws:MultiFactorAuthAge'] = '0';
  }
  if (tags.length > 0) {
    context['aws:TagKeys'] = tags.map(([k]) => k);
    for (const [k, v] of tags) context[`aws:RequestTag/${k}`] = v;
  }
  if (transitive.length > 0) context['sts:TransitiveTagKeys'] = transitive;

  if (!role) {
    x.decision = undefined;
    throw new Fault(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn!}`,
      403,
    );
  }
  authorize(x, 'sts:AssumeRole', roleArn!, { context });
  const assumeDecision = x.decision;
  if (tags.length > 0) authorize(x, 'sts:TagSession', roleArn!, { context });
  if (sourceIdentity !== undefined) authorize(x, 'sts:SetSourceIdentity', roleArn!, { context });
  x.decision = assumeDecision;

  const seconds = roleDuration(duration, role.maxSessionDuration ?? 3600, chained);
  const policies = checkSessionPolicies(x.ctx, role.account, policyInput);
  const allTags = [...inherited, ...tags];
  const packed = packedPolicySize(policyInput, allTags);
  checkPackedSize(packed);

  const sessionTags: Tags = {};
  for (const [k, v] of allTags)
    Object.defineProperty(sessionTags, k, { value: v, enumerable: true, writable: true, configurable: true });
  const assumedRoleId = `${roleId(role)}:${sessionName!}`;
  const stickySource = caller.session?.sourceIdentity ?? sourceIdentity;
  const transitiveKeys = [...inheritedKeys, ...transitive];
  const session = issueSession(x.ctx, {
    kind: 'assumed-role',
    arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName!}`,
    account: role.account,
    userId: assumedRoleId,
    roleArn: arnOfRole(role),
    facts: { ...policies, ...(allTags.length > 0 ? { tags: sessionTags } : {}), mfa },
    ...(chained ? { chained: true } : {}),
    ...(stickySource !== undefined ? { sourceIdentity: stickySource } : {}),
    ...(transitiveKeys.length > 0 ? { transitiveTagKeys: transitiveKeys } : {}),
    durationSeconds: seconds,
  });
  const hasPacked = policyInput.policy !== undefined || policyInput.policyArns.length > 0 || allTags.length > 0;
  return [
    credentialsXml(session),
    el('AssumedRoleUser', [el('AssumedRoleId', assumedRoleId), el('Arn', session.arn)]),
    hasPacked ? el('PackedPolicySize', packed) : undefined,
    stickySource !== undefined ? el('SourceIdentity', stickySource) : undefined,
  ];
}

async function assumeRoleWithWebIdentityOp(x: OpContext): Promise<XmlNode> {
  const input = x.input;
  const roleArn = input.string('RoleArn', ROLE_ARN);
  const sessionName = input.string('RoleSessionName', SESSION_NAME);
  const token = input.string('WebIdentityToken', { required: true, min: 4, max: 20000, quiet: true });
  const policyInput = readSessionPolicies(input);
  const duration = input.int('DurationSeconds', { min: 900, max: 43200 });
  input.string('ProviderId', { min: 4, max: 2048 });
  input.done();
  const r = await assumeRoleWithWebIdentity(x.ctx, x.call, {
    roleArn: roleArn!,
    roleSessionName: sessionName!,
    webIdentityToken: token!,
    durationSeconds: duration,
    sessionPolicies: policyInput,
  });
  x.decision = r.decision;
  if (!r.ok) throw new Fault(r.code, r.message, r.status);
  return [
    credentialsXml(r.session),
    el('SubjectFromWebIdentityToken', r.subject),
    el('AssumedRoleUser', [el('AssumedRoleId', r.assumedRoleId), el('Arn', r.session.arn)]),
    r.packedPolicySize !== undefined ? el('PackedPolicySize', r.packedPolicySize) : undefined,
    el('Provider', r.provider),
    el('Audience', r.audience),
  ];
}

function getSessionToken(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const duration = x.input.int('DurationSeconds', { min: 900, max: 129600 });
  const serial = x.input.string('SerialNumber', { min: 9, max: 256, pattern: PATTERNS.serialNumber });
  const code = x.input.string('TokenCode', { min: 6, max: 6, pattern: PATTERNS.tokenCode });
  x.input.done();
  if (caller.session || (caller.kind !== 'user' && caller.kind !== 'root'))
    throw new Fault('AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);
  const mfa = checkMfa(x.ctx, userBehind(x), serial, code);
  // The root user's sessions last at most an hour (longer requests get an hour).
  const seconds = caller.kind === 'root' ? Math.min(duration ?? 3600, 3600) : (duration ?? 43200);
  const session = issueSession(x.ctx, {
    kind: caller.kind,
    arn: caller.arn,
    account: caller.account,
    userId: caller.userId,
    ...(caller.kind === 'user' ? { userArn: caller.arn } : {}),
    facts: { mfa },
    durationSeconds: seconds,
  });
  return credentialsXml(session);
}

export const STS_OPERATIONS: Record<string, Operation> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentityOp,
  GetSessionToken: getSessionToken,
};

export const sts: ServiceModule = {
  name: 'sts',
  protocol: 'query',
  handle(call, ctx) {
    return dispatch('sts', STS_OPERATIONS, call, ctx);
  },
  authError(kind, detail, ctx) {
    return queryAuthError('sts', kind, detail, ctx);
  },
};

export { assumeRoleWithWebIdentity } from './web-identity';
export type { WebIdentityParams, WebIdentityResult, WebIdentityFailure } from './web-identity';

/**
 * What AssumeRole* and GetSessionToken share: session policies (`Policy`, `PolicyArns`) checked by
 * the engine's validator, the packed size of policies and tags, the duration rules, MFA codes,
 * and the `Credentials` element.
 */
import { TOTP, Secret } from 'otpauth';
import { policySize } from '../../engine/validate/size';
import { isAwsManaged } from '../../world/edit';
import type { PolicyDocument, User } from '../../world/types';
import type { AwsContext } from '../context';
import { isoSeconds } from '../clock';
import { el } from '../protocol/xml';
import type { XmlNode } from '../protocol/xml';
import type { TemporarySession } from '../sessions';
import { acceptDocument } from '../iam/documents';
import { Fault, PATTERNS } from '../iam/input';
import type { Input } from '../iam/input';

export interface SessionPolicyInput {
  policy?: string;
  policyArns: string[];
}

/** Reads `Policy` and `PolicyArns.member.N.arn` with the model's limits. */
export function readSessionPolicies(input: Input): SessionPolicyInput {
  const policy = input.string('Policy', { min: 1, max: 2048, pattern: PATTERNS.document, quiet: true });
  const arns: string[] = [];
  for (let i = 1; input.params.has(`PolicyArns.member.${i}.arn`); i++) {
    const arn = input.params.get(`PolicyArns.member.${i}.arn`)!;
    if (input.check(arn, `policyArns.${i}.member.arn`, { min: 20, max: 2048 }) !== undefined) arns.push(arn);
  }
  if (arns.length > 10)
    input.errors.push(
      `Value '[${arns.length} policy ARNs]' at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10`,
    );
  return { policy, policyArns: arns };
}

export interface CheckedSessionPolicies {
  policies?: PolicyDocument[];
  policyArns?: string[];
}

/**
 * The session policies as the session keeps them: the inline one validated as a session policy
 * (`MalformedPolicyDocument` when IAM would refuse it), the managed ones known to the world or the
 * library and in the role's account (or AWS managed).
 */
export function checkSessionPolicies(
  ctx: AwsContext,
  account: string,
  input: SessionPolicyInput,
): CheckedSessionPolicies {
  const out: CheckedSessionPolicies = {};
  if (input.policy !== undefined) out.policies = [acceptDocument(input.policy, 'session')];
  for (const arn of input.policyArns) {
    const known =
      ctx.state.world.managedPolicies?.some((p) => p.arn === arn) || (isAwsManaged(arn) && ctx.managedPolicy?.(arn));
    const sameAccount = isAwsManaged(arn) || arn.split(':')[4] === account;
    if (!known || !sameAccount)
      throw new Fault('MalformedPolicyDocument', `Policy ${arn} does not exist or is not attachable.`);
  }
  if (input.policyArns.length > 0) out.policyArns = input.policyArns;
  return out;
}

/**
 * The packed size as a percentage of the allowance. AWS packs the inline policy, the managed
 * policy ARNs and the session tags into a compressed binary form whose exact size it does not
 * publish; this counts their characters (the policy without whitespace) against 4,096, so a
 * full 2,048-character policy takes half and many tags push it over.
 */
export function packedPolicySize(input: SessionPolicyInput, tags: [string, string][]): number {
  let n = input.policy !== undefined ? policySize(input.policy) : 0;
  for (const arn of input.policyArns) n += arn.length;
  for (const [k, v] of tags) n += k.length + v.length;
  return Math.ceil((n * 100) / 4096);
}

export function checkPackedSize(percent: number): void {
  if (percent > 100)
    throw new Fault(
      'PackedPolicyTooLarge',
      `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`,
    );
}

/**
 * Checks `SerialNumber` + `TokenCode` against the user's virtual MFA device (TOTP, RFC 6238:
 * SHA-1, 6 digits, 30 s, one step of drift either way), at the simulated clock's time.
 * Answers whether MFA was given; a wrong or unknown device answers AccessDenied as STS does.
 */
export function checkMfa(
  ctx: AwsContext,
  user: User | undefined,
  serialNumber: string | undefined,
  tokenCode: string | undefined,
): boolean {
  if (serialNumber === undefined && tokenCode === undefined) return false;
  if (serialNumber === undefined || tokenCode === undefined)
    throw new Fault(
      'AccessDenied',
      'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.',
      403,
    );
  const device = user?.mfaDevices?.find((d) => d.serialNumber === serialNumber);
  if (!device?.seed)
    throw new Fault(
      'AccessDenied',
      'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
      403,
    );
  const totp = new TOTP({ secret: Secret.fromBase32(device.seed), algorithm: 'SHA1', digits: 6, period: 30 });
  const delta = totp.validate({ token: tokenCode, timestamp: ctx.clock.now(), window: 1 });
  if (delta === null)
    throw new Fault('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.', 403);
  return true;
}

export function credentialsXml(s: TemporarySession): XmlNode {
  return el('Credentials', [
    el('AccessKeyId', s.accessKeyId),
    el('SecretAccessKey', s.secretAccessKey),
    el('SessionToken', s.sessionToken),
    el('Expiration', isoSeconds(s.expiration)),
  ]);
}

/** `DurationSeconds` within the role's `MaxSessionDuration`, and one hour when chaining. */
export function roleDuration(requested: number | undefined, maxSession: number, chained: boolean): number {
  const d = requested ?? 3600;
  if (chained && d > 3600)
    throw new Fault(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  if (d > maxSession)
    throw new Fault(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  return d;
}

/**
 * Statement-level rules: `Effect`, required elements and forbidden pairs, `Sid`, and what each
 * policy type allows (IAM User Guide: "IAM JSON policy elements"; "Role trust policies";
 * Organizations: "SCP syntax", "RCP syntax").
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { lastProperty, rangeOf } from '../parse';
import type { PrincipalElement, Statement } from '../model';
import type { Ctx } from './context';
import { NEEDS_PRINCIPAL, TYPE_NAMES } from './context';
import { headOf } from './ranges';

const has = (node: JsonNode, name: string) => lastProperty(node, name) !== undefined;
const keyRange = (ctx: Ctx, node: JsonNode, name: string) => rangeOf(lastProperty(node, name)!.key, ctx.lines);

function checkEffect(ctx: Ctx, s: Statement, node: JsonNode): void {
  if (!has(node, 'Effect')) {
    ctx.report(
      'validate.missing-effect',
      'the statement has no `Effect`',
      headOf(s.range, ctx.lines),
      'Add "Effect": "Allow" or "Effect": "Deny".',
    );
    return;
  }
  const e = s.effect;
  if (!e || e.value === 'Allow' || e.value === 'Deny') return;
  const fixed = e.value.toLowerCase() === 'allow' ? 'Allow' : e.value.toLowerCase() === 'deny' ? 'Deny' : undefined;
  ctx.report(
    'validate.invalid-effect',
    `\`${e.value}\` is not an effect`,
    e.range,
    fixed ? `Effect values are case-sensitive: write "${fixed}".` : 'The effect is "Allow" or "Deny".',
  );
}

function checkElements(ctx: Ctx, s: Statement, node: JsonNode): void {
  const head = headOf(s.range, ctx.lines);
  if (!has(node, 'Action') && !has(node, 'NotAction')) {
    ctx.report(
      'validate.missing-action',
      'the statement has no `Action` or `NotAction`',
      head,
      'Every statement names the actions it is about, e.g. "Action": "s3:GetObject".',
    );
  }
  for (const [a, b] of [
    ['Action', 'NotAction'],
    ['Resource', 'NotResource'],
    ['Principal', 'NotPrincipal'],
  ]) {
    if (has(node, a) && has(node, b)) {
      ctx.report(
        'validate.conflicting-elements',
        `the statement has both \`${a}\` and \`${b}\``,
        keyRange(ctx, node, b),
        `A statement uses \`${a}\` or \`${b}\`, never both: split it into two statements.`,
      );
    }
  }
  const hasResource = has(node, 'Resource') || has(node, 'NotResource');
  if (ctx.type === 'trust') {
    if (hasResource) {
      const name = has(node, 'Resource') ? 'Resource' : 'NotResource';
      ctx.report(
        'validate.trust-resource',
        `a role trust policy has no \`${name}\``,
        keyRange(ctx, node, name),
        'IAM rejects it ("Has prohibited field Resource"): the resource is the role itself. Remove the element.',
      );
    }
  } else if (!hasResource) {
    ctx.report(
      'validate.missing-resource',
      'the statement has no `Resource` or `NotResource`',
      head,
      `Statements in ${TYPE_NAMES[ctx.type]} name the resources they apply to; write "Resource": "*" for actions that take none.`,
    );
  }
}

function checkPrincipalPresence(ctx: Ctx, s: Statement, node: JsonNode): void {
  const hasP = has(node, 'Principal');
  const hasNP = has(node, 'NotPrincipal');
  if (NEEDS_PRINCIPAL.has(ctx.type)) {
    if (!hasP && !hasNP) {
      ctx.report(
        'validate.missing-principal',
        'the statement has no `Principal`',
        headOf(s.range, ctx.lines),
        `Statements in ${TYPE_NAMES[ctx.type]} say who they apply to, e.g. "Principal": {"AWS": "arn:aws:iam::111122223333:root"}.`,
      );
    }
    if (ctx.type === 'rcp') checkRcp(ctx, s, node);
    return;
  }
  for (const name of ['Principal', 'NotPrincipal']) {
    if (!has(node, name)) continue;
    ctx.report(
      'validate.principal-not-allowed',
      `${TYPE_NAMES[ctx.type]} cannot have \`${name}\``,
      keyRange(ctx, node, name),
      ctx.type === 'scp'
        ? 'An SCP applies to the principals of the accounts it is attached to; remove the element and use a condition on aws:PrincipalArn to exempt principals.'
        : 'The principal is whoever the policy is attached to; IAM rejects it ("Policy document should not specify a principal"). Remove the element.',
    );
  }
}

/** RCPs: `Principal` must be `"*"`, no `NotPrincipal`, and `Allow` only in the shape of RCPFullAWSAccess. */
function checkRcp(ctx: Ctx, s: Statement, node: JsonNode): void {
  if (s.principal && !s.principal.anyone) {
    ctx.report(
      'validate.rcp-principal',
      'the `Principal` of a resource control policy must be `"*"`',
      s.principal.range,
      'RCPs apply to every principal; narrow them with conditions such as aws:PrincipalOrgID.',
    );
  }
  if (has(node, 'NotPrincipal')) {
    ctx.report(
      'validate.rcp-principal',
      'a resource control policy cannot have `NotPrincipal`',
      keyRange(ctx, node, 'NotPrincipal'),
      'Write "Principal": "*" and exempt principals with a condition.',
    );
  }
  if (s.effect?.value === 'Allow') {
    const star = (l?: { values: { value: string }[] }) => l?.values.length === 1 && l.values[0].value === '*';
    const full = star(s.action) && star(s.resource) && !s.condition;
    if (!full) {
      ctx.report(
        'validate.rcp-allow',
        'a resource control policy can only deny',
        s.effect.range,
        'RCPs support "Deny" statements; the one "Allow" is AWS\'s RCPFullAWSAccess ("Action": "*", "Resource": "*", no condition).',
      );
    }
  }
}

/** IAM accepts only ASCII letters and digits in a `Sid`; resource policies of other services allow more. */
function checkSids(ctx: Ctx): void {
  const seen = new Map<string, Statement>();
  for (const s of ctx.policy.statements) {
    if (!s.sid) continue;
    const v = s.sid.value;
    if (ctx.type !== 'resource' && !/^[A-Za-z0-9]*$/.test(v)) {
      ctx.report(
        'validate.invalid-sid',
        `the \`Sid\` \`${v}\` may contain only letters and digits`,
        s.sid.range,
        `IAM accepts A-Z, a-z and 0-9 in ${ctx.type === 'scp' || ctx.type === 'rcp' ? 'organization policies' : 'IAM policies'}. Remove spaces and punctuation.`,
      );
    }
    const first = seen.get(v);
    if (first && v !== '') {
      ctx.report(
        'validate.duplicate-sid',
        `the \`Sid\` \`${v}\` is used by another statement`,
        s.sid.range,
        `Statement ids must be unique within a policy; statement ${first.index + 1} already uses it.`,
      );
    } else seen.set(v, s);
  }
}

/** A user's or role's unique id (IAM User Guide, "IAM identifiers", unique identifiers): `AIDA…`, `AROA…`. */
const UNIQUE_ID = /^A(?:IDA|ROA)[A-Z0-9]{12,124}$/;
const ACCOUNT = /^\d{12}$/;
const IAM_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):(root|user\/.+|role\/.+|federated-user\/.+|group\/.+)$/;
const STS_ARN = /^arn:aws[a-z-]*:sts::\d{12}:(assumed-role\/[^/]+\/.+|federated-user\/.+)$/;

function checkPrincipalValues(ctx: Ctx, el: PrincipalElement | undefined): void {
  if (!el) return;
  for (const entry of el.entries) {
    for (const v of entry.values.values) {
      const value = v.value;
      if (entry.type.value === 'AWS') {
        if (value === '*' || ACCOUNT.test(value) || STS_ARN.test(value) || UNIQUE_ID.test(value)) continue;
        if (IAM_ARN.test(value)) {
          if (/:group\//.test(value)) {
            ctx.report(
              'validate.principal-group',
              `a group cannot be a principal: \`${value}\``,
              v.range,
              'Groups are not principals: name the users, or the role they assume, or grant the group an identity-based policy instead.',
            );
          } else if (value.includes('*') || value.includes('?')) {
            ctx.report(
              'validate.principal-malformed',
              `a principal ARN cannot contain wildcards: \`${value}\``,
              v.range,
              'Use "*" with a condition on aws:PrincipalArn (ArnLike) to match principals by pattern.',
            );
          }
          continue;
        }
        ctx.report(
          'validate.principal-malformed',
          `\`${value}\` is not an AWS principal`,
          v.range,
          'Use a 12-digit account id, an ARN such as arn:aws:iam::111122223333:root, :user/NAME or :role/NAME, an assumed-role session ARN, or "*".',
        );
      } else if (entry.type.value === 'Service') {
        if (
          value === '*' ||
          /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(value) ||
          /^[a-z0-9.-]+\.amazon\.com$/.test(value)
        )
          continue;
        ctx.report(
          'validate.principal-malformed',
          `\`${value}\` does not look like a service principal`,
          v.range,
          'Service principals are written like "ec2.amazonaws.com" or "lambda.amazonaws.com".',
          'WARNING',
        );
      } else if (entry.type.value === 'CanonicalUser') {
        if (/^[0-9a-f]{64}$/.test(value)) continue;
        ctx.report(
          'validate.principal-malformed',
          `\`${value}\` is not a canonical user id`,
          v.range,
          'A canonical user id is 64 hexadecimal characters.',
        );
      }
    }
  }
}

export function checkStatements(ctx: Ctx, nodes: JsonNode[]): void {
  ctx.policy.statements.forEach((s, i) => {
    const node = nodes[i];
    if (!node) return;
    checkEffect(ctx, s, node);
    checkElements(ctx, s, node);
    checkPrincipalPresence(ctx, s, node);
    checkPrincipalValues(ctx, s.principal);
    checkPrincipalValues(ctx, s.notPrincipal);
  });
  checkSids(ctx);
}

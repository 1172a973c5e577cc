/**
 * IAM's size limits for policy documents (IAM User Guide, "IAM and AWS STS quotas": "IAM doesn't
 * count white space when computing the size of a policy against these limits"): 6,144 characters
 * for a customer managed policy, 2,048 for all of a user's inline policies together, 5,120 for a
 * group's and 10,240 for a role's. IAM refuses a document over its limit (`LimitExceeded`), so
 * the finding is an ERROR.
 *
 * Whitespace is counted as IAM leaves it out: between JSON tokens, not inside string values. The
 * count is one pass over the text.
 */
import type { Finding } from '../diagnostics';
import { LineIndex } from '../diagnostics';
import { FINDINGS } from '../findings';
import type { Ctx, PolicyKind } from './context';

export type InlineKind = Exclude<PolicyKind, 'managed'>;

export const SIZE_LIMITS: Record<PolicyKind, number> = {
  managed: 6144,
  'user-inline': 2048,
  'group-inline': 5120,
  'role-inline': 10240,
};

const WHAT: Record<PolicyKind, string> = {
  managed: 'a customer managed policy',
  'user-inline': 'a user’s inline policies',
  'group-inline': 'a group’s inline policies',
  'role-inline': 'a role’s inline policies',
};

const OWNER: Record<InlineKind, string> = {
  'user-inline': 'user',
  'group-inline': 'group',
  'role-inline': 'role',
};

/** The document's size as IAM counts it: every character but the whitespace between JSON tokens. */
export function policySize(text: string): number {
  let n = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      n++;
      if (c === 92 /* \ */ && i + 1 < text.length) {
        n++;
        i++;
      } else if (c === 34 /* " */) inString = false;
    } else if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    else {
      n++;
      if (c === 34) inString = true;
    }
  }
  return n;
}

const fmt = (n: number) => n.toLocaleString('en-US');

function sizeHelp(kind: PolicyKind): string {
  return `IAM refuses it with LimitExceeded: ${WHAT[kind]} may hold at most ${fmt(SIZE_LIMITS[kind])} characters, not counting whitespace. Split it into several policies, or use wildcards such as s3:Get* for long lists of actions.`;
}

/** Where the document begins: its first character that is not whitespace. */
function startOf(text: string): number {
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  return Math.min(i, Math.max(0, text.length - 1));
}

/** The size check of one document, when the caller named the kind it is stored as. */
export function checkSize(ctx: Ctx, kind: PolicyKind | undefined): void {
  if (!kind) return;
  const size = policySize(ctx.text);
  const limit = SIZE_LIMITS[kind];
  if (size <= limit) return;
  ctx.report(
    'validate.policy-too-large',
    `the policy has ${fmt(size)} characters without whitespace, over the limit of ${fmt(limit)} for ${WHAT[kind]}`,
    ctx.lines.range(startOf(ctx.text), ctx.text.length > 0 ? 1 : 0),
    sizeHelp(kind),
  );
}

/**
 * "In total": the inline policies of one user (group, role), in the order they were put. IAM adds
 * them up; the document that takes the total over the limit, and every one after it, is refused.
 * Returns one list of findings per document (empty for those that fit).
 */
export function inlineSizeFindings(texts: readonly string[], kind: InlineKind): Finding[][] {
  const limit = SIZE_LIMITS[kind];
  let total = 0;
  return texts.map((text) => {
    total += policySize(text);
    if (total <= limit) return [];
    const lines = new LineIndex(text);
    return [
      {
        code: 'validate.policy-too-large',
        severity: FINDINGS['validate.policy-too-large'].severity,
        message: `the ${OWNER[kind]}’s inline policies have ${fmt(total)} characters without whitespace, over the limit of ${fmt(limit)} for ${WHAT[kind]} together`,
        help: sizeHelp(kind),
        range: lines.range(startOf(text), text.length > 0 ? 1 : 0),
      },
    ];
  });
}

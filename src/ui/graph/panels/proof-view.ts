/**
 * Words the proof panel shows for a decision, for how the graph holds an access, and for a
 * condition row: text, not only colour, so a screen reader and a colour-blind reader read the same.
 */
import type { ActionProof, ProofCondition, ProofStatement } from '../../../graph/proof';
import type { ContextValue, PolicyType } from '../../../engine/model';

export const DECISION_BADGE: Record<ActionProof['decision'], { text: string; tone: 'allow' | 'deny' | 'implicit' }> = {
  Allow: { text: 'Allowed', tone: 'allow' },
  ExplicitDeny: { text: 'Denied explicitly', tone: 'deny' },
  ImplicitDeny: { text: 'Denied implicitly', tone: 'implicit' },
};

const POLICY_TYPE_SHORT: Record<PolicyType, string> = {
  identity: 'Identity policy',
  resource: 'Resource policy',
  trust: 'Trust policy',
  boundary: 'Permissions boundary',
  session: 'Session policy',
  scp: 'SCP',
  rcp: 'RCP',
};

/** How the graph holds an action, in words; a conditional one names its open keys. */
export function holdsText(a: Pick<ActionProof, 'holds' | 'openConditions'>): string {
  if (a.holds === 'always') return 'Holds always, whatever the open keys';
  if (a.holds === 'never') return 'Holds for no request in this context';
  const keys = [...new Set((a.openConditions ?? []).flatMap((n) => n.keys))];
  const deny = (a.openConditions ?? []).some((n) => n.effect === 'Deny');
  const allow = (a.openConditions ?? []).some((n) => n.effect === 'Allow');
  const on = keys.length > 0 ? ` on ${keys.join(', ')}` : '';
  if (deny && !allow) return `Holds unless a Deny’s condition${on} holds`;
  return `Holds only under a condition${on}`;
}

/** A statement's heading: `ReadPhotos` or `Statement 2`, and its policy type. */
export function statementTitle(s: ProofStatement): string {
  const name = s.sid ? s.sid : `Statement ${s.statementIndex + 1}`;
  return `${s.effect} · ${name}`;
}

/** A statement's place: `the inline policy S3Notes of alice` (backticks dropped for display). */
export function statementPlace(s: ProofStatement): string {
  const where = s.where ?? [POLICY_TYPE_SHORT[s.policyType], s.name, s.from ? `of ${s.from}` : ''].join(' ');
  return where.replace(/`/g, '');
}

export function policyTypeShort(t: PolicyType): string {
  return POLICY_TYPE_SHORT[t];
}

/** A request value for a condition row: `absent` when the request lacks the key. */
export function actualText(v: ProofCondition['actual']): string {
  if (v === null) return 'absent';
  if (Array.isArray(v)) return v.length === 0 ? '[] (empty)' : v.join(', ');
  return v;
}

/** A context value for the list of evaluated keys. */
export function contextValueText(v: ContextValue): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : v;
}

/** The context keys worth showing first (those a condition reads), then the rest, sorted. */
export function contextRows(
  context: Record<string, ContextValue>,
  conditions: readonly ProofCondition[],
): { key: string; value: string; read: boolean }[] {
  const read = new Set(conditions.map((c) => c.key.toLowerCase()));
  return Object.keys(context)
    .sort((a, b) => {
      const ra = read.has(a.toLowerCase()) ? 0 : 1;
      const rb = read.has(b.toLowerCase()) ? 0 : 1;
      return ra - rb || a.localeCompare(b);
    })
    .map((key) => ({ key, value: contextValueText(context[key]), read: read.has(key.toLowerCase()) }));
}

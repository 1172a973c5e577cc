/**
 * The statements that decided a flow's decision: the engine's own `deciding` list when the
 * decision carries it (the list the workbench shows for the same request), else read from the
 * trace: for an allow, the Allow statements that matched; for an explicit deny, the Deny
 * statements that matched; for an implicit deny, none (nothing allowed it).
 */
import type { DecisionView } from '../../aws/view';

export interface DecidingStatement {
  policyId: string;
  policyType: string;
  sid?: string;
  index: number;
  effect: 'Allow' | 'Deny';
}

export function decidingStatements(d: DecisionView): DecidingStatement[] {
  const wanted = d.decision === 'Allow' ? 'Allow' : d.decision === 'ExplicitDeny' ? 'Deny' : undefined;
  if (!wanted) return [];
  if (d.deciding)
    return d.deciding.map((ref) => ({
      policyId: ref.policyId,
      policyType: ref.policyType,
      ...(ref.sid ? { sid: ref.sid } : {}),
      index: ref.statementIndex,
      effect: wanted,
    }));
  const out: DecidingStatement[] = [];
  for (const e of d.trace ?? [])
    if (e.kind === 'statement' && e.matched && e.effect === wanted)
      out.push({
        policyId: e.ref.policyId,
        policyType: e.ref.policyType,
        ...(e.ref.sid ? { sid: e.ref.sid } : {}),
        index: e.ref.statementIndex,
        effect: wanted,
      });
  return out;
}

export const statementLabel = (s: DecidingStatement) => (s.sid ? `“${s.sid}”` : `statement ${s.index + 1}`);

/**
 * An exchange as plain data for the page and the flows: the engine's decision keeps its verdicts,
 * message and trace, not the compiled policies it decided with.
 */
import type { Exchange } from './simulator';
import type { Decision, Verdict } from '../engine/decision/types';
import type { PolicyType, StatementRef } from '../engine/model';
import type { TraceEvent } from '../engine/trace';
import type { WorldRequest } from '../world/authorize';

export interface DecisionView {
  principal: string;
  action: string;
  resource: string;
  allowed: boolean;
  decision: Decision | 'Error';
  message: string;
  deniedBy?: PolicyType;
  /** The statements that decided (the matching Denies, or the Allows that were needed); empty for an implicit deny. */
  deciding?: StatementRef[];
  byPolicyType?: Partial<Record<PolicyType, Verdict>>;
  trace?: TraceEvent[];
  /** The request as the engine was asked it (plain data). */
  request?: WorldRequest;
}

export type ExchangeView = Omit<Exchange, 'decision'> & { decision?: DecisionView };

export function exchangeView(x: Exchange): ExchangeView {
  const { decision, ...rest } = x;
  if (!decision) return rest;
  const a = decision.authorized;
  const d: DecisionView = {
    principal: decision.principal,
    action: decision.action,
    resource: decision.resource,
    allowed: decision.allowed,
    decision: decision.decision,
    message: decision.message,
    request: decision.request,
  };
  if (a) {
    if (a.deniedBy) d.deniedBy = a.deniedBy;
    d.deciding = a.deciding;
    d.byPolicyType = a.byPolicyType;
    d.trace = a.trace;
  }
  return { ...rest, decision: d };
}

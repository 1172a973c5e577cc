/**
 * Evaluates every statement of a compiled policy against a request (IAM User Guide, "Policy
 * evaluation logic": a statement applies when all of its elements match; several values in one
 * element are OR-ed, elements are AND-ed). Emits `statement`, `element` and `condition` trace
 * events. With tracing on, every element is evaluated so the trace shows each one; with tracing
 * off, a statement stops at its first failing element.
 */
import { TraceBuilder } from '../trace';
import type { TraceEvent } from '../trace';
import { matchActions } from './action';
import type { CompiledPolicy, CompiledStatement } from './compile';
import { idleOutcomes, ready, statementsForAction } from './compile';
import { evaluateCondition } from './condition';
import { foldCase } from './fold-case';
import { exemptByNotPrincipal, matchPrincipal, notPrincipalListing } from './principal';
import { matchResources, resourcesMatch } from './resource';
import type { EvalRequest, PrincipalMatch, StatementOutcome } from './types';

type StatementEvent = Extract<TraceEvent, { kind: 'statement' }>;
type FailedOn = NonNullable<StatementEvent['failedOn']>;

const OFF = new TraceBuilder(false);

let lastAction = '';
let lastFolded = '';
function foldAction(action: string): string {
  if (action !== lastAction) {
    lastAction = action;
    lastFolded = foldCase(action);
  }
  return lastFolded;
}

/**
 * One outcome per statement, in order. Untraced outcomes of statements that did not match are
 * shared frozen objects, and when none matched the list itself is shared: do not mutate either.
 */
export function evaluatePolicy(
  compiled: CompiledPolicy,
  request: EvalRequest,
  trace: TraceBuilder,
  parent?: number,
): StatementOutcome[] {
  const action = foldAction(request.action);
  if (trace.enabled) return compiled.statements.map((s) => evaluateStatement(s, request, action, trace, parent));
  // Only the statements whose action element matches are looked at; the list of outcomes is
  // copied from the shared idle one only when one of them matches.
  let out: StatementOutcome[] | undefined;
  for (const i of statementsForAction(compiled, action)) {
    const s = compiled.statements[i];
    const principalMatch = restMatches(s, request);
    if (principalMatch === false) continue;
    const o: StatementOutcome = { ref: s.ref, effect: s.effect, matched: true, traceId: 0 };
    if (principalMatch !== true) o.principalMatch = principalMatch;
    out ??= idleOutcomes(compiled).slice();
    out[i] = o;
  }
  return out ?? (idleOutcomes(compiled) as StatementOutcome[]);
}

/**
 * Untraced and sparse: only the outcomes that matter to a decision, in statement order: each
 * matching statement, and each statement that cannot be evaluated (effect `invalid`). Its cost
 * grows with the statements that name the action, not with the policy. The list may be shared
 * when empty: do not mutate it.
 */
export function matchedOutcomes(compiled: CompiledPolicy, request: EvalRequest): StatementOutcome[] {
  const action = foldAction(request.action);
  const hits = statementsForAction(compiled, action);
  const invalid = compiled.invalid;
  if (hits.length === 0 && invalid.length === 0) return NO_OUTCOMES;
  let out: StatementOutcome[] | undefined;
  for (const i of hits) {
    const s = compiled.statements[i];
    const principalMatch = restMatches(s, request);
    if (principalMatch === false) continue;
    const o: StatementOutcome = { ref: s.ref, effect: s.effect, matched: true, traceId: 0 };
    if (principalMatch !== true) o.principalMatch = principalMatch;
    (out ??= []).push(o);
  }
  if (invalid.length > 0) {
    const idle = idleOutcomes(compiled);
    out ??= [];
    for (const i of invalid) out.push(idle[i]);
    out.sort((a, b) => a.ref.statementIndex - b.ref.statementIndex);
  }
  return out ?? NO_OUTCOMES;
}
const NO_OUTCOMES: StatementOutcome[] = [];

/** Untraced check of everything but the action: false, or true / how Principal matched. */
function restMatches(s: CompiledStatement, req: EvalRequest): boolean | PrincipalMatch {
  if (!s.rest) ready(s);
  if (s.resource) {
    if (!resourcesMatch(s.resource.compiled, req.resource, req.context)) return false;
  } else if (s.notResource) {
    if (resourcesMatch(s.notResource.compiled, req.resource, req.context)) return false;
  }
  let how: PrincipalMatch | undefined;
  if (s.principal) {
    const m = matchPrincipal(s.principal.compiled, req.caller);
    if (!m) return false;
    how = m.how;
  } else if (s.notPrincipal && exemptByNotPrincipal(s.notPrincipal.compiled, req.caller)) return false;
  if (s.condition && !evaluateCondition(s.condition, req.context, OFF, 0)) return false;
  return how ?? true;
}

function evaluateStatement(
  s: CompiledStatement,
  req: EvalRequest,
  foldedAction: string,
  trace: TraceBuilder,
  parent?: number,
): StatementOutcome {
  if (!s.rest) ready(s);
  const on = trace.enabled;
  let ev: StatementEvent | undefined;
  let traceId = 0;
  if (on) {
    const base: Parameters<TraceBuilder['add']>[0] = {
      kind: 'statement',
      ref: s.ref,
      effect: s.effect,
      matched: false,
    };
    if (parent) base.parent = parent;
    traceId = trace.add(base);
    ev = trace.events[trace.events.length - 1] as StatementEvent;
  }
  if (s.invalid) {
    if (ev) {
      ev.failedOn = s.invalid.failedOn;
      trace.add({ kind: 'error', parent: traceId, message: s.invalid.reason, range: s.invalid.range });
    }
    return { ref: s.ref, effect: 'invalid', matched: false, traceId };
  }

  let failed: FailedOn | undefined;
  const fail = (what: FailedOn) => {
    if (!failed) failed = what;
  };
  let principalMatch: PrincipalMatch | undefined;

  // Action / NotAction
  if (s.action) {
    const i = matchActions(s.action.compiled, foldedAction);
    if (i < 0) fail('action');
    if (on) {
      const e: Parameters<TraceBuilder['add']>[0] = {
        kind: 'element',
        parent: traceId,
        element: 'action',
        matched: i >= 0,
        range: s.action.range,
      };
      if (i >= 0) e.matchedValue = s.action.compiled.values[i];
      else e.note = `no value matches \`${req.action}\``;
      trace.add(e);
    }
  } else if (s.notAction) {
    const i = matchActions(s.notAction.compiled, foldedAction);
    if (i >= 0) fail('notAction');
    if (on) {
      const e: Parameters<TraceBuilder['add']>[0] = {
        kind: 'element',
        parent: traceId,
        element: 'notAction',
        matched: i < 0,
        range: s.notAction.range,
      };
      if (i >= 0) {
        e.matchedValue = s.notAction.compiled.values[i];
        e.note = `\`${req.action}\` is excluded by \`NotAction\``;
      } else e.note = `\`${req.action}\` is not listed, so \`NotAction\` applies`;
      trace.add(e);
    }
  }
  if (failed && !on) return { ref: s.ref, effect: s.effect, matched: false, traceId };

  // Resource / NotResource
  if (s.resource) {
    const m = matchResources(s.resource.compiled, req.resource, req.context);
    if (m.index < 0) fail('resource');
    if (on) {
      const e: Parameters<TraceBuilder['add']>[0] = {
        kind: 'element',
        parent: traceId,
        element: 'resource',
        matched: m.index >= 0,
        range: s.resource.range,
      };
      if (m.value !== undefined) e.matchedValue = m.value;
      const notes: string[] = [];
      if (m.index < 0) notes.push(`no value matches \`${req.resource}\``);
      if (m.missing.length)
        notes.push(`variable ${m.missing.map((k) => `\`${k}\``).join(', ')} has no value in the request`);
      if (notes.length) e.note = notes.join('; ');
      trace.add(e);
    }
  } else if (s.notResource) {
    const m = matchResources(s.notResource.compiled, req.resource, req.context);
    if (m.index >= 0) fail('notResource');
    if (on) {
      const e: Parameters<TraceBuilder['add']>[0] = {
        kind: 'element',
        parent: traceId,
        element: 'notResource',
        matched: m.index < 0,
        range: s.notResource.range,
      };
      if (m.value !== undefined) {
        e.matchedValue = m.value;
        e.note = `\`${req.resource}\` is excluded by \`NotResource\``;
      } else e.note = `\`${req.resource}\` is not listed, so \`NotResource\` applies`;
      trace.add(e);
    }
  }
  if (failed && !on) return { ref: s.ref, effect: s.effect, matched: false, traceId };

  // Principal / NotPrincipal
  if (s.principal) {
    const m = matchPrincipal(s.principal.compiled, req.caller);
    if (!m) fail('principal');
    else principalMatch = m.how;
    if (on) {
      const e: Parameters<TraceBuilder['add']>[0] = {
        kind: 'element',
        parent: traceId,
        element: 'principal',
        matched: !!m,
        range: s.principal.range,
      };
      if (m) {
        e.matchedValue = m.value;
        e.note = `matched as ${m.how}`;
      } else e.note = `\`${req.caller.arn || req.caller.service || req.caller.provider || 'anonymous'}\` is not named`;
      trace.add(e);
    }
  } else if (s.notPrincipal) {
    const listing = notPrincipalListing(s.notPrincipal.compiled, req.caller);
    const exempt = listing === 'all';
    if (exempt) fail('notPrincipal');
    if (on)
      trace.add({
        kind: 'element',
        parent: traceId,
        element: 'notPrincipal',
        matched: !exempt,
        range: s.notPrincipal.range,
        note: exempt
          ? 'every identity of the caller is listed: exempt'
          : listing === 'some'
            ? 'only some identities of the caller are listed (a session needs its session ARN, its role ARN and its account; a user its ARN and its account), so `NotPrincipal` applies'
            : 'the caller is not listed, so `NotPrincipal` applies',
      });
  }
  if (failed && !on) return { ref: s.ref, effect: s.effect, matched: false, traceId };

  // Condition
  if (s.condition && !evaluateCondition(s.condition, req.context, trace, traceId)) fail('condition');

  const matched = !failed;
  if (ev) {
    ev.matched = matched;
    if (failed) ev.failedOn = failed;
  }
  const out: StatementOutcome = { ref: s.ref, effect: s.effect, matched, traceId };
  if (principalMatch && matched) out.principalMatch = principalMatch;
  return out;
}

/**
 * One access decided for the graph: `makeChecker(world, options)` answers, for a principal, an
 * action and a resource, whether the access holds always, only under a condition, or never.
 *
 * The request is gathered once (`gather`, with a screen cache: each document is read and judged
 * once per checker) and decided by the engine's `evaluate`. When a statement that matches the
 * request's action, resource and principal has a condition reading an open key (see
 * `access/conditions.ts`), the engine is asked again with candidate values for the open keys:
 * Allow under every candidate context is `always`, under none `never`, else `conditional`, with a
 * `ConditionNote` per deciding statement and a witness context under which `authorize` allows.
 */
import type { ContextValue, Policy, Statement } from '../engine/model';
import type { Caller, Context, EvalRequest } from '../engine/evaluate/types';
import type { PolicySet } from '../engine/decision/types';
import type { TraceEvent } from '../engine/trace';
import { evaluate } from '../engine/authorize';
import { parseCaller } from '../engine/caller';
import { gather } from '../world/authorize';
import type { AuthorizeOptions } from '../world/authorize';
import { screenDocument } from '../world/documents';
import type { Screen, Screened } from '../world/documents';
import type { ManagedPolicy, PolicyDocument, World } from '../world/types';
import { graphRequest, timeOf } from './request';
import type { AccessAnswer, ConditionNote, GraphOptions, GraphPrincipal, PrincipalKind } from './types';
import { candidates, combinations, isDecided, keyRules } from './access/conditions';
import { worldNarrower } from './access/world-index';
import type { KeyRules, KeyUse } from './access/conditions';

export interface CheckOptions extends GraphOptions {
  managedPolicy?: (arn: string) => ManagedPolicy | undefined;
  /** The screen documents go through (default: the world's, cached per checker). */
  screen?: Screen;
}

export type Checker = (principal: GraphPrincipal, action: string, resource: string) => AccessAnswer;

/** A screen that judges each (document, place) once: the world is fixed for a checker's life. */
export function cachedScreen(inner: Screen = screenDocument): Screen {
  const byObject = new WeakMap<object, Map<string, Screened>>();
  const byText = new Map<string, Map<string, Screened>>();
  return (doc: PolicyDocument, place) => {
    const key = `${place.type}|${place.storedAs ?? ''}|${place.id}`;
    let m: Map<string, Screened> | undefined;
    if (typeof doc === 'string') {
      m = byText.get(doc);
      if (!m) byText.set(doc, (m = new Map()));
    } else {
      m = byObject.get(doc);
      if (!m) byObject.set(doc, (m = new Map()));
    }
    let s = m.get(key);
    if (!s) m.set(key, (s = inner(doc, place)));
    return s;
  };
}

/** Every policy of a set, by the id the answer gives it. */
function policiesById(set: PolicySet): Map<string, Policy> {
  const out = new Map<string, Policy>();
  for (const e of set.identity ?? []) out.set(e.id, e.policy);
  if (set.resource) out.set(set.resource.id, set.resource.policy);
  if (set.boundary) out.set(set.boundary.id, set.boundary.policy);
  for (const e of set.session ?? []) out.set(e.id, e.policy);
  for (const level of set.scps ?? []) for (const e of level) out.set(e.id, e.policy);
  for (const level of set.rcps ?? []) for (const e of level) out.set(e.id, e.policy);
  return out;
}

function* setPolicies(set: PolicySet): Generator<Policy> {
  for (const e of set.identity ?? []) yield e.policy;
  if (set.resource) yield set.resource.policy;
  if (set.boundary) yield set.boundary.policy;
  for (const e of set.session ?? []) yield e.policy;
  for (const level of set.scps ?? []) for (const e of level) yield e.policy;
  for (const level of set.rcps ?? []) for (const e of level) yield e.policy;
}

/** The statement's `Condition` element as JSON text (values as written; one value as a string). */
export function conditionText(s: Statement): string {
  const out: Record<string, Record<string, string | string[]>> = {};
  for (const op of s.condition ?? []) {
    const keys = (out[op.operator.value] ??= {});
    for (const k of op.keys)
      keys[k.key.value] = k.values.length === 1 ? k.values[0].value : k.values.map((v) => v.value);
  }
  return JSON.stringify(out);
}

/** The open keys a statement's condition reads, as written (first spelling wins), in order. */
function openKeysOf(s: Statement, kind: PrincipalKind, rules: KeyRules): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const op of s.condition ?? [])
    for (const k of op.keys) {
      const lower = k.key.value.toLowerCase();
      if (seen.has(lower) || isDecided(lower, kind, rules)) continue;
      seen.add(lower);
      out.push(k.key.value);
    }
  return out;
}

type StatementEvent = Extract<TraceEvent, { kind: 'statement' }>;
type ConditionEvent = Extract<TraceEvent, { kind: 'condition' }>;

export function makeChecker(world: World, options: CheckOptions = {}): Checker {
  const now = options.now ?? Date.now();
  const time = timeOf(options.context, now);
  const rules = keyRules(options.context);
  const screen = options.screen ?? cachedScreen();
  const gatherOptions: AuthorizeOptions = { now: time, managedPolicy: options.managedPolicy, screen };
  const callers = new Map<string, Caller | null>();
  // `gather` scans the world's lists: each request gets a world narrowed to what it can name.
  const narrow = worldNarrower(world);
  // Per principal kind class (users / others): whether a policy has a statement reading an open key.
  const mayBeOpen = [new WeakMap<Policy, boolean>(), new WeakMap<Policy, boolean>()];
  const hasOpen = (p: Policy, kind: PrincipalKind) => {
    const cache = mayBeOpen[kind === 'user' ? 0 : 1];
    let v = cache.get(p);
    if (v === undefined) {
      v = p.statements.some((s) => s.condition !== undefined && openKeysOf(s, kind, rules).length > 0);
      cache.set(p, v);
    }
    return v;
  };

  return (principal, action, resource) => {
    const request = graphRequest(principal, action, resource, options.context, now);
    let caller = callers.get(request.principal);
    if (caller === undefined) {
      const parsed = parseCaller(request.principal);
      caller = parsed.ok ? parsed.value : null;
      callers.set(request.principal, caller);
    }
    if (caller === null) return { holds: 'never' };
    const g = gather(narrow(request), request, { ...gatherOptions, caller });
    if (!g.ok) return { holds: 'never' };
    const { set, request: evalRequest, resourceAccount } = g.value;
    const evalOptions = { message: false, resourceAccount };
    let open = false;
    for (const p of setPolicies(set))
      if (hasOpen(p, principal.kind)) {
        open = true;
        break;
      }
    if (!open) {
      const d = evaluate(set, evalRequest, { ...evalOptions, trace: false });
      return { holds: d.decision === 'Allow' ? 'always' : 'never' };
    }
    return decideOpen(set, evalRequest, evalOptions, principal.kind, rules, time);
  };
}

/** Decides a request whose policies read open keys: the statements that could decide it, and the engine asked per candidate. */
function decideOpen(
  set: PolicySet,
  evalRequest: EvalRequest,
  evalOptions: { message: boolean; resourceAccount: string | undefined },
  kind: PrincipalKind,
  rules: KeyRules,
  now: number,
): AccessAnswer {
  const traced = evaluate(set, evalRequest, { ...evalOptions, trace: true });
  const policies = policiesById(set);
  // Statements that match but for their condition, and whose condition reads an open key.
  const relevant: { ev: StatementEvent; statement: Statement; keys: string[] }[] = [];
  const relevantIds = new Set<number>();
  for (const ev of traced.trace) {
    if (ev.kind !== 'statement' || ev.effect === 'invalid') continue;
    if (!ev.matched && ev.failedOn !== 'condition') continue;
    const statement = policies.get(ev.ref.policyId)?.statements[ev.ref.statementIndex];
    if (!statement?.condition) continue;
    const keys = openKeysOf(statement, kind, rules);
    if (keys.length === 0) continue;
    relevant.push({ ev, statement, keys });
    relevantIds.add(ev.id);
  }
  const baseAllow = traced.decision === 'Allow';
  if (relevant.length === 0) return { holds: baseAllow ? 'always' : 'never' };

  // The uses of each open key, with the values after substitution the trace recorded.
  const uses = new Map<string, { written: string; uses: KeyUse[] }>();
  for (const r of relevant)
    for (const k of r.keys) {
      const lower = k.toLowerCase();
      if (!uses.has(lower)) uses.set(lower, { written: k, uses: [] });
    }
  for (const ev of traced.trace) {
    if (ev.kind !== 'condition' || ev.parent === undefined || !relevantIds.has(ev.parent)) continue;
    const u = uses.get((ev as ConditionEvent).key.toLowerCase());
    if (u) u.uses.push({ operator: ev.operator, values: ev.policyValues });
  }
  const keys = [...uses.keys()];
  const lists = keys.map((k) => candidates(k, uses.get(k)!.uses, { base: evalRequest.context[k]?.value, kind, now }));
  let allowed = 0;
  let witness: (ContextValue | undefined)[] | undefined;
  const combos = combinations(lists);
  for (const combo of combos) {
    const context: Context = { ...evalRequest.context };
    keys.forEach((k, i) => {
      const v = combo[i];
      if (v === undefined) delete context[k];
      else context[k] = { key: uses.get(k)!.written, value: v };
    });
    const d = evaluate(set, { ...evalRequest, context }, { ...evalOptions, trace: false });
    if (d.decision === 'Allow') {
      allowed++;
      witness ??= combo;
    }
  }
  if (allowed === combos.length) return { holds: 'always' };
  if (allowed === 0 || !witness) return { holds: 'never' };
  const w: Record<string, ContextValue> = {};
  keys.forEach((k, i) => {
    const v = witness![i];
    if (v !== undefined) w[uses.get(k)!.written] = v;
  });
  const conditions: ConditionNote[] = relevant.map(({ ev, statement, keys: written }) => {
    const note: ConditionNote = {
      policyId: ev.ref.policyId,
      policyType: ev.ref.policyType,
      statementIndex: ev.ref.statementIndex,
      effect: ev.effect as 'Allow' | 'Deny',
      keys: written,
      condition: conditionText(statement),
    };
    if (ev.ref.sid !== undefined) note.sid = ev.ref.sid;
    const own: Record<string, ContextValue> = {};
    for (const k of written) {
      const v = w[uses.get(k.toLowerCase())!.written];
      if (v !== undefined) own[k] = v;
    }
    note.witness = own;
    return note;
  });
  return { holds: 'conditional', conditions, witness: w };
}

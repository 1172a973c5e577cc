/**
 * Compiles a parsed policy once for many evaluations: wildcards become matchers, actions are
 * indexed by service prefix, CIDRs, dates and numbers in conditions are parsed ahead of time.
 */
import type { Range } from '../diagnostics';
import type { Policy, PolicyType, Statement, StatementRef } from '../model';
import { POLICY_TYPE_PHRASES } from '../model';
import type { CompiledActions } from './action';
import { compileActions, matchActions, serviceOf, servicesOf } from './action';
import type { CompiledCondition } from './condition';
import { compileCondition } from './condition';
import { parseOperator } from './operators';
import type { CompiledPrincipal } from './principal';
import { compilePrincipal } from './principal';
import type { CompiledResources } from './resource';
import { compileResources } from './resource';
import type { StatementOutcome } from './types';

export interface PolicySource {
  policyId: string;
  policyType: PolicyType;
}

export interface CompiledElement<T> {
  compiled: T;
  range: Range;
}

export interface CompiledStatement {
  ref: StatementRef;
  effect: 'Allow' | 'Deny' | 'invalid';
  /** Why the statement cannot be evaluated (it then never matches). */
  invalid?: {
    reason: string;
    failedOn: 'effect' | 'action' | 'resource' | 'principal' | 'condition';
    range: Range;
  };
  action?: CompiledElement<CompiledActions>;
  notAction?: CompiledElement<CompiledActions>;
  resource?: CompiledElement<CompiledResources>;
  notResource?: CompiledElement<CompiledResources>;
  principal?: CompiledElement<CompiledPrincipal>;
  notPrincipal?: CompiledElement<CompiledPrincipal>;
  condition?: CompiledCondition;
  /** True once Resource, Principal and Condition are compiled: call `ready` before reading them. */
  rest: boolean;
  /** What `ready` compiles. */
  pending?: Pending;
}

export interface CompiledPolicy {
  source: PolicySource;
  policy: Policy;
  statements: CompiledStatement[];
  /** One frozen "did not match" outcome per statement, shared by untraced evaluations (see `idleOutcomes`; built on first need). */
  idle: readonly StatementOutcome[] | undefined;
  /** Positions of the statements that cannot be evaluated (usually none). */
  invalid: readonly number[];
  /** The last folded action looked up, and its statements (a document read once meets one action). */
  lastAction: string | undefined;
  lastHits: number[];
  /** Folded action -> indexes of the valid statements whose Action/NotAction element matches it (from the second action on). */
  actionHits: Map<string, number[]> | undefined;
  /** Service prefix -> valid statements whose `Action` names that service (long policies only: a short one tries every valid statement). */
  byService: Map<string, number[]> | undefined;
  /** Valid statements to check for every action (NotAction, or a wildcard in the service part); for a short policy, every valid one. */
  anyService: number[];
}

const NONE: readonly number[] = Object.freeze([]);

/** Policies up to this many statements are not indexed by service: each valid statement is tried. */
const SMALL_POLICY = 16;

/** The frozen "did not match" outcome of each statement (an "invalid" one for a statement that cannot be evaluated). */
export function idleOutcomes(c: CompiledPolicy): readonly StatementOutcome[] {
  if (c.idle === undefined)
    c.idle = Object.freeze(
      c.statements.map((s) =>
        Object.freeze<StatementOutcome>({ ref: s.ref, effect: s.effect, matched: false, traceId: 0 }),
      ),
    );
  return c.idle;
}

/** Forgets the statements remembered per action (for benches that measure a first lookup). */
export function forgetActions(c: CompiledPolicy): void {
  c.lastAction = undefined;
  c.lastHits = [];
  c.actionHits = undefined;
}

/** Policy types whose statements have no `Principal` (IAM User Guide, "Principal"). */
const NO_PRINCIPAL: ReadonlySet<PolicyType> = new Set<PolicyType>(['identity', 'boundary', 'session', 'scp']);

function failedOnOf(element: string): NonNullable<CompiledStatement['invalid']>['failedOn'] {
  if (element === 'Action' || element === 'NotAction') return 'action';
  if (element === 'Resource' || element === 'NotResource') return 'resource';
  if (element === 'Principal' || element === 'NotPrincipal') return 'principal';
  if (element === 'Effect') return 'effect';
  return 'condition';
}

export function compilePolicy(policy: Policy, source: PolicySource): CompiledPolicy {
  const statements = policy.statements.map((s) => compileStatement(s, policy, source));
  let invalid: number[] | undefined;
  const small = statements.length <= SMALL_POLICY;
  const byService = small ? undefined : new Map<string, number[]>();
  const anyService: number[] = [];
  statements.forEach((s, i) => {
    if (s.invalid) {
      (invalid ??= []).push(i);
      return;
    }
    const services = byService && s.action ? servicesOf(s.action.compiled) : undefined;
    if (!services) {
      anyService.push(i);
      return;
    }
    for (const svc of services) {
      const list = byService!.get(svc);
      if (list) list.push(i);
      else byService!.set(svc, [i]);
    }
  });
  return {
    source,
    policy,
    statements,
    idle: undefined,
    invalid: invalid ?? NONE,
    lastAction: undefined,
    lastHits: [],
    actionHits: undefined,
    byService,
    anyService,
  };
}

const ACTION_CACHE_LIMIT = 2048;

/** The valid statements whose action element matches a folded action (memoised per policy). */
export function statementsForAction(c: CompiledPolicy, foldedAction: string): number[] {
  if (c.lastAction === foldedAction) return c.lastHits;
  let hits = c.actionHits?.get(foldedAction);
  if (!hits) {
    hits = [];
    const service = serviceOf(foldedAction);
    const named = c.byService?.get(service) ?? [];
    const candidates =
      c.anyService.length === 0
        ? named
        : named.length === 0
          ? c.anyService
          : [...named, ...c.anyService].sort((a, b) => a - b);
    for (const i of candidates) {
      const s = c.statements[i];
      if (
        s.action
          ? matchActions(s.action.compiled, foldedAction, service) >= 0
          : matchActions(s.notAction!.compiled, foldedAction, service) < 0
      )
        hits.push(i);
    }
    if (c.lastAction !== undefined) {
      if (c.actionHits === undefined) {
        c.actionHits = new Map();
        c.actionHits.set(c.lastAction, c.lastHits);
      }
      if (c.actionHits.size >= ACTION_CACHE_LIMIT) c.actionHits.clear();
      c.actionHits.set(foldedAction, hits);
    }
  }
  c.lastAction = foldedAction;
  c.lastHits = hits;
  return hits;
}

/**
 * `Resource`, `Principal` and `Condition` are compiled on first use (see `ready`), so a statement
 * that never meets a request of its actions costs only its action list.
 */
interface Pending {
  statement: Statement;
  variables: boolean;
}

/** Compiles the rest of a statement (Resource, Principal, Condition) the first time it is needed. */
export function ready(cs: CompiledStatement): CompiledStatement {
  if (cs.rest !== true) {
    const p = cs.pending;
    if (p) {
      const s = p.statement;
      const v = p.variables;
      if (s.resource) cs.resource = { compiled: compileResources(s.resource, v), range: s.resource.range };
      if (s.notResource) cs.notResource = { compiled: compileResources(s.notResource, v), range: s.notResource.range };
      if (s.principal) cs.principal = { compiled: compilePrincipal(s.principal), range: s.principal.range };
      if (s.notPrincipal) cs.notPrincipal = { compiled: compilePrincipal(s.notPrincipal), range: s.notPrincipal.range };
      if (s.condition) cs.condition = compileCondition(s.condition, v);
      cs.pending = undefined;
    }
    cs.rest = true;
  }
  return cs;
}

function compileStatement(s: Statement, policy: Policy, source: PolicySource): CompiledStatement {
  const ref: StatementRef = {
    policyId: source.policyId,
    policyType: source.policyType,
    statementIndex: s.index,
    range: s.range,
  };
  if (s.sid) ref.sid = s.sid.value;
  const effect = s.effect?.value === 'Allow' || s.effect?.value === 'Deny' ? s.effect.value : 'invalid';
  // Every field from the start, so all compiled statements share one shape (fast property reads).
  const cs: CompiledStatement = {
    ref,
    effect,
    invalid: undefined,
    action: undefined,
    notAction: undefined,
    resource: undefined,
    notResource: undefined,
    principal: undefined,
    notPrincipal: undefined,
    condition: undefined,
    rest: false,
    pending: { statement: s, variables: policy.variablesEnabled },
  };
  if (s.action) cs.action = { compiled: compileActions(s.action), range: s.action.range };
  if (s.notAction) cs.notAction = { compiled: compileActions(s.notAction), range: s.notAction.range };

  if (effect === 'invalid') {
    cs.invalid = {
      reason: s.effect
        ? `\`Effect\` must be \`Allow\` or \`Deny\`, found \`${s.effect.value}\``
        : 'the statement has no `Effect`',
      failedOn: 'effect',
      range: s.effect?.range ?? s.range,
    };
  } else if (!s.action === !s.notAction) {
    cs.invalid = {
      reason: s.action
        ? 'the statement has both `Action` and `NotAction`'
        : 'the statement has no `Action` or `NotAction`',
      failedOn: 'action',
      range: s.range,
    };
  } else if (s.resource && s.notResource) {
    cs.invalid = {
      reason: 'the statement has both `Resource` and `NotResource`',
      failedOn: 'resource',
      range: s.range,
    };
  } else if (!s.resource && !s.notResource && source.policyType !== 'trust') {
    cs.invalid = { reason: 'the statement has no `Resource` or `NotResource`', failedOn: 'resource', range: s.range };
  } else if (s.principal && s.notPrincipal) {
    cs.invalid = {
      reason: 'the statement has both `Principal` and `NotPrincipal`',
      failedOn: 'principal',
      range: s.range,
    };
  }
  // A statement IAM would refuse is never read as a narrower or wider one: an unreadable element
  // (a misspelled `Condtion`, a `Condition` that is a string, an `Action` list holding a number…),
  // a `Principal` where the policy type has none, an operator that does not exist.
  if (!cs.invalid) {
    const bad = s.unreadable?.[0];
    const misplaced = (s.principal ?? s.notPrincipal) && NO_PRINCIPAL.has(source.policyType);
    const badOperator = s.condition?.find((o) => !parseOperator(o.operator.value).ok);
    if (bad) {
      cs.invalid = {
        reason: `${bad.reason}: the statement cannot be read`,
        failedOn: failedOnOf(bad.element),
        range: bad.range,
      };
    } else if (misplaced) {
      const name = s.principal ? 'Principal' : 'NotPrincipal';
      cs.invalid = {
        reason: `\`${name}\` is not allowed in ${POLICY_TYPE_PHRASES[source.policyType]}`,
        failedOn: 'principal',
        range: (s.principal ?? s.notPrincipal)!.range,
      };
    } else if (badOperator) {
      const why = parseOperator(badOperator.operator.value);
      cs.invalid = {
        reason: `${why.ok ? '' : why.message}: the statement cannot be read`,
        failedOn: 'condition',
        range: badOperator.range,
      };
    }
  }
  if (cs.invalid) cs.effect = 'invalid';
  return cs;
}

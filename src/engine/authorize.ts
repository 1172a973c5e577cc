/**
 * The decision (IAM User Guide, "Policy evaluation logic" and its flowchart; "Cross-account policy
 * evaluation logic"; "Permissions boundaries"; "Session policies"; Organizations "SCPs" and
 * "RCPs"), split the way Cedar's authorizer is:
 *
 * 1. `applicability`: which policy types apply to the request (pure);
 * 2. `evaluateBins`: every applicable policy evaluated once, its matching statements sorted into
 *    allow and deny bins (the only part that runs statements and writes their trace);
 * 3. `decide`: the flowchart's steps over the bins, in AWS's order (pure; each step's note says
 *    what decided):
 *    1. explicit deny: a matching Deny in any applicable policy ends in ExplicitDeny;
 *    2. RCPs of the resource's account: every level needs an Allow (`RCPFullAWSAccess` is implied);
 *    3. SCPs of the principal's account: every level needs an Allow;
 *    4. the resource-based policy: same account, an Allow naming the caller's user or session ARN
 *       decides alone (a trust policy naming a user still needs the user's permissions boundary:
 *       "Update a role trust policy"); naming the role ARN still meets the boundary and session
 *       policies; naming the account delegates to the identity policies. Cross account, it must
 *       allow and so must the identity policies. Trust policies and KMS key policies must allow;
 *    5. identity-based policies, 6. the permissions boundary, 7. session policies must allow (a
 *       federated user from GetFederationToken with no session policy has no permissions);
 * 4. the AccessDenied message for the policy type that denied.
 */
import type { Finding } from './diagnostics';
import type { PolicyType, StatementRef } from './model';
import type { EvalRequest, PrincipalMatch, StatementOutcome } from './evaluate/types';
import type { FlowStep } from './trace';
import { TraceBuilder } from './trace';
import { evaluatePolicy, matchedOutcomes } from './evaluate';
import { accessDeniedMessage } from './messages';
import { arnAccount } from './arn';
import { isServiceLinkedRole } from './caller';
import { compiled } from './decision/compile';
import { RCP_FULL_AWS_ACCESS_ID, rcpFullAwsAccess } from './decision/implied';
import {
  RCP_SERVICES,
  hasIdentityPolicies,
  isAssumeRole,
  isKmsKey,
  rcpsApply,
  scpsApply,
  servicePrefix,
} from './decision/applicability';
import type { Decision, DecisionResult, EvaluateOptions, PolicyEntry, PolicySet, Verdict } from './decision/types';

/** Order in which a denying policy type is named when several deny (only one is named). */
const DENY_ORDER: PolicyType[] = ['scp', 'rcp', 'trust', 'resource', 'identity', 'boundary', 'session'];

/** Principal matches that name the caller itself (user ARN, session ARN) or everyone: they decide alone in the same account. */
const DIRECT: ReadonlySet<PrincipalMatch> = new Set<PrincipalMatch>([
  'exact',
  'anyone',
  'service',
  'federated',
  'canonical',
]);

/** A sentinel caller listed in no `NotPrincipal`: a principal with a permissions boundary is treated so (IAM User Guide, "NotPrincipal"). */
const NOBODY = { kind: 'user', arn: 'arn:aws:iam::000000000000:user/\u0000', account: '000000000000' } as const;

// ---------------------------------------------------------------------------------------------
// 1. Which policies apply.

/** What applies to one request: the facts `decide` needs besides the evaluated policies. */
export interface Applicability {
  /** How the resource policy acts: a plain resource policy, a role trust policy, a KMS key policy. */
  kind: 'resource' | 'trust' | 'key';
  resourceType: PolicyType;
  /** The caller has identity-based policies of its own (users, roles, sessions, federated users). */
  identityApplies: boolean;
  callerKind: EvalRequest['caller']['kind'];
  serviceLinked: boolean;
  service: string;
  sameAccount: boolean;
  resourceAccount?: string;
  scpOn: boolean;
  rcpOn: boolean;
  /** SCPs / RCPs were given but do not apply to this request. */
  scpsGiven: boolean;
  rcpsGiven: boolean;
  scpLevelNames: string[];
  rcpLevelNames: string[];
  /** Trust and key policies must allow; so must any resource policy for callers without identity policies. */
  resourceRequired: boolean;
}

/** The name of level `i` of `count` when none is given: `root`, `OU 1` …, `account`. */
export function defaultLevelName(i: number, count: number): string {
  if (i === 0) return 'root';
  if (i === count - 1) return 'account';
  return `OU ${i}`;
}

function levelNames(given: string[] | undefined, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const g = given?.[i];
    out.push(typeof g === 'string' && g !== '' ? g : defaultLevelName(i, count));
  }
  return out;
}

export function applicability(set: PolicySet, request: EvalRequest, options: EvaluateOptions = {}): Applicability {
  const { caller, action, resource } = request;
  const ctxAccount = request.context['aws:resourceaccount']?.value;
  const resourceAccount =
    options.resourceAccount ??
    (typeof ctxAccount === 'string' ? ctxAccount : undefined) ??
    arnAccount(resource) ??
    caller.account;
  const kind =
    set.resourceKind ?? (isAssumeRole(action, resource) ? 'trust' : isKmsKey(action, resource) ? 'key' : 'resource');
  const identityApplies = hasIdentityPolicies(caller);
  const scpsGiven = set.scps !== undefined && set.scps.length > 0;
  const rcpsGiven = set.rcps !== undefined && set.rcps.length > 0;
  return {
    kind,
    resourceType: kind === 'trust' ? 'trust' : 'resource',
    identityApplies,
    callerKind: caller.kind,
    serviceLinked: isServiceLinkedRole(caller),
    service: servicePrefix(action),
    sameAccount: caller.account !== undefined && caller.account === resourceAccount,
    resourceAccount,
    scpOn: scpsGiven && scpsApply(caller),
    rcpOn: rcpsGiven && rcpsApply(caller, action),
    scpsGiven,
    rcpsGiven,
    scpLevelNames: levelNames(set.scpLevelNames, set.scps?.length ?? 0),
    rcpLevelNames: levelNames(set.rcpLevelNames, set.rcps?.length ?? 0),
    resourceRequired: kind !== 'resource' || (!identityApplies && caller.kind !== 'account'),
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Evaluate each applicable policy into allow and deny bins.

/** One evaluated policy: its matching Allow and Deny statements. */
export interface Binned {
  type: PolicyType;
  id: string;
  level?: number;
  allows: StatementOutcome[];
  denies: StatementOutcome[];
}

export interface Bins {
  scp: Binned[][];
  rcp: Binned[][];
  resource?: Binned;
  identity: Binned[];
  boundary?: Binned;
  session?: Binned[];
  /** Every matching Deny, in evaluation order, with its policy type. */
  denies: { type: PolicyType; ref: StatementRef }[];
  /** Notes on denies the caller's own run did not show (a `NotPrincipal` Deny against a bounded principal). */
  denyNotes: string[];
}

class Evaluator {
  readonly errors: Finding[] = [];
  constructor(
    readonly request: EvalRequest,
    readonly trace: TraceBuilder,
  ) {}

  run(entry: PolicyEntry, type: PolicyType, level?: number, levelName?: string): Binned {
    const policyEvent = !this.trace.enabled
      ? 0
      : this.trace.add(
          level === undefined
            ? { kind: 'policy', policyId: entry.id, policyType: type }
            : { kind: 'policy', policyId: entry.id, policyType: type, level: String(level), levelName },
        );
    const c = compiled(entry.policy, entry.id, type);
    const outcomes = this.trace.enabled
      ? evaluatePolicy(c, this.request, this.trace, policyEvent || undefined)
      : matchedOutcomes(c, this.request);
    const out: Binned = { type, id: entry.id, allows: [], denies: [] };
    if (level !== undefined) out.level = level;
    for (const o of outcomes) {
      if (o.effect === 'invalid') {
        this.errors.push({
          code: 'evaluate.statement-invalid',
          severity: 'ERROR',
          message: `statement ${o.ref.statementIndex}${o.ref.sid ? ` (\`${o.ref.sid}\`)` : ''} of \`${entry.id}\` cannot be evaluated and is ignored`,
          help: 'A statement needs `Effect` (`Allow` or `Deny`) and `Action` or `NotAction`; validation explains what is wrong.',
          range: o.ref.range,
        });
      } else if (o.matched) (o.effect === 'Deny' ? out.denies : out.allows).push(o);
    }
    return out;
  }
}

function sameRef(a: StatementRef, b: StatementRef): boolean {
  return a === b || (a.policyId === b.policyId && a.statementIndex === b.statementIndex);
}

/** Evaluates every applicable policy once (trace events in evaluation order) and bins the matches. */
export function evaluateBins(
  set: PolicySet,
  request: EvalRequest,
  app: Applicability,
  trace: TraceBuilder,
): { bins: Bins; errors: Finding[] } {
  const r = new Evaluator(request, trace);
  const scp = app.scpOn ? set.scps!.map((level, i) => level.map((p) => r.run(p, 'scp', i, app.scpLevelNames[i]))) : [];
  const rcp = app.rcpOn
    ? set.rcps!.map((level, i) => [
        r.run({ id: RCP_FULL_AWS_ACCESS_ID, policy: rcpFullAwsAccess() }, 'rcp', i, app.rcpLevelNames[i]),
        ...level.map((p) => r.run(p, 'rcp', i, app.rcpLevelNames[i])),
      ])
    : [];
  const resource = set.resource ? r.run(set.resource, app.resourceType) : undefined;
  const identity = app.identityApplies ? (set.identity ?? []).map((p) => r.run(p, 'identity')) : [];
  const boundary = app.identityApplies && set.boundary ? r.run(set.boundary, 'boundary') : undefined;
  const session =
    app.identityApplies && set.session && set.session.length > 0
      ? set.session.map((p) => r.run(p, 'session'))
      : undefined;

  const denies: Bins['denies'] = [];
  // Evaluation order, as the trace has it: SCPs, RCPs, resource, identity, boundary, session.
  const collect = (b: Binned) => {
    for (const o of b.denies) denies.push({ type: b.type, ref: o.ref });
  };
  for (const level of scp) level.forEach(collect);
  for (const level of rcp) level.forEach(collect);
  if (resource) collect(resource);
  identity.forEach(collect);
  if (boundary) collect(boundary);
  session?.forEach(collect);

  // A principal with a permissions boundary is always denied by `Deny` + `NotPrincipal` (IAM User Guide, "NotPrincipal").
  const denyNotes: string[] = [];
  if (boundary && set.resource && resource && set.resource.policy.statements.some((s) => s.notPrincipal)) {
    const st = set.resource.policy.statements;
    const probe = evaluatePolicy(
      compiled(set.resource.policy, set.resource.id, app.resourceType),
      { ...request, caller: { ...NOBODY } },
      new TraceBuilder(false),
    );
    for (const o of probe) {
      if (
        o.matched &&
        o.effect === 'Deny' &&
        st.find((s) => s.index === o.ref.statementIndex)?.notPrincipal &&
        !denies.some((d) => sameRef(d.ref, o.ref))
      ) {
        denies.push({ type: app.resourceType, ref: o.ref });
        resource.denies.push(o);
        denyNotes.push(
          `statement ${o.ref.statementIndex} of \`${set.resource.id}\` denies with \`NotPrincipal\`: a principal with a permissions boundary is always denied by it`,
        );
        // The statement list must not call the deciding statement "not matched".
        for (const e of trace.events)
          if (e.kind === 'statement' && sameRef(e.ref, o.ref)) {
            e.matched = true;
            delete e.failedOn;
          }
      }
    }
  }
  return { bins: { scp, rcp, resource, identity, boundary, session, denies, denyNotes }, errors: r.errors };
}

// ---------------------------------------------------------------------------------------------
// 3. Decide (pure).

export type StepOutcome = 'allow' | 'deny' | 'implicit-deny' | 'not-applicable' | 'continue';

export interface Decided {
  decision: Decision;
  deciding: StatementRef[];
  /** The policy type named in the message; absent when allowed. */
  deniedBy?: PolicyType;
  explicit: boolean;
  byPolicyType: Partial<Record<PolicyType, Verdict>>;
  /** The flowchart's steps as taken, the decision last. */
  steps: { step: FlowStep; outcome: StepOutcome; note: string }[];
}

function allowsOf(list: Binned[]): StatementOutcome[] {
  if (list.length === 1) return list[0].allows;
  const out: StatementOutcome[] = [];
  for (const b of list) for (const o of b.allows) out.push(o);
  return out;
}

function hasAllow(list: Binned[]): boolean {
  for (const b of list) if (b.allows.length > 0) return true;
  return false;
}

function hasDeny(list: Binned[]): boolean {
  for (const b of list) if (b.denies.length > 0) return true;
  return false;
}

function verdictOf(list: Binned[]): Verdict {
  if (hasDeny(list)) return 'ExplicitDeny';
  return hasAllow(list) ? 'Allow' : 'ImplicitDeny';
}

/** The first level (0-based) with no matching Allow, or -1. */
function firstLevelWithoutAllow(levels: Binned[][]): number {
  return levels.findIndex((level) => !hasAllow(level));
}

function orgVerdict(on: boolean, levels: Binned[][]): Verdict {
  if (!on) return 'NotApplicable';
  if (levels.some(hasDeny)) return 'ExplicitDeny';
  return firstLevelWithoutAllow(levels) >= 0 ? 'ImplicitDeny' : 'Allow';
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Why RCPs do not apply although some were given: the engine knows which reason holds. */
function rcpNotApplicableNote(app: Applicability): string {
  if (!app.rcpsGiven) return 'the resource account is not governed by RCPs';
  if (!RCP_SERVICES.has(app.service)) return `RCPs do not apply: \`${app.service}\` is not a service that RCPs govern`;
  return 'RCPs do not apply: the caller is a service-linked role, which RCPs never limit';
}

function scpNotApplicableNote(app: Applicability): string {
  if (!app.scpsGiven) return "the principal's account is not governed by SCPs";
  if (app.serviceLinked) return 'SCPs do not apply: the caller is a service-linked role, which SCPs never limit';
  const who =
    app.callerKind === 'anonymous'
      ? 'an anonymous caller'
      : app.callerKind === 'service'
        ? 'an AWS service principal'
        : app.callerKind === 'saml'
          ? 'a SAML identity'
          : 'a web identity';
  return `SCPs do not apply: ${who} belongs to no account`;
}

/** The flowchart over the bins. Pure: the same applicability and bins always give the same answer. */
export function decide(app: Applicability, bins: Bins): Decided {
  const steps: Decided['steps'] = [];
  const step = (s: FlowStep, outcome: StepOutcome, note: string) => steps.push({ step: s, outcome, note });
  const { kind, resourceType, identityApplies, callerKind, sameAccount } = app;

  const byPolicyType: Partial<Record<PolicyType, Verdict>> = {};
  byPolicyType.scp = orgVerdict(app.scpOn, bins.scp);
  byPolicyType.rcp = orgVerdict(app.rcpOn, bins.rcp);
  const res = bins.resource;
  byPolicyType[resourceType] = res
    ? res.denies.length > 0
      ? 'ExplicitDeny'
      : res.allows.length > 0
        ? 'Allow'
        : 'ImplicitDeny'
    : app.resourceRequired
      ? 'ImplicitDeny'
      : 'NotApplicable';
  byPolicyType.identity = identityApplies
    ? verdictOf(bins.identity)
    : callerKind === 'account'
      ? 'Allow'
      : 'NotApplicable';
  byPolicyType.boundary = bins.boundary ? verdictOf([bins.boundary]) : 'NotApplicable';
  const federatedWithoutSession = callerKind === 'federated-user' && !bins.session;
  byPolicyType.session = bins.session
    ? verdictOf(bins.session)
    : federatedWithoutSession
      ? 'ImplicitDeny'
      : 'NotApplicable';

  const finish = (decision: Decision, deciding: StatementRef[], deniedBy?: PolicyType, explicit = false): Decided => {
    step('decision', decision === 'Allow' ? 'allow' : decision === 'ExplicitDeny' ? 'deny' : 'implicit-deny', decision);
    const out: Decided = { decision, deciding, explicit, byPolicyType, steps };
    if (deniedBy) out.deniedBy = deniedBy;
    return out;
  };
  const denyImplicit = (s: FlowStep, type: PolicyType, note: string): Decided => {
    step(s, 'implicit-deny', note);
    return finish('ImplicitDeny', [], type);
  };

  // 1. Explicit deny anywhere.
  if (bins.denies.length > 0) {
    const types = new Set(bins.denies.map((d) => d.type));
    const named = DENY_ORDER.find((t) => types.has(t)) ?? bins.denies[0].type;
    step(
      'explicit-deny',
      'deny',
      [
        `${plural(bins.denies.length, 'matching `Deny` statement', 'matching `Deny` statements')}: an explicit deny overrides every allow`,
        ...bins.denyNotes,
      ].join('; '),
    );
    return finish(
      'ExplicitDeny',
      bins.denies.map((d) => d.ref),
      named,
      true,
    );
  }
  step('explicit-deny', 'continue', 'no applicable `Deny` statement matches');

  const needed: StatementRef[] = [];

  // 2. RCPs.
  if (app.rcpOn) {
    const missing = firstLevelWithoutAllow(bins.rcp);
    if (missing >= 0)
      return denyImplicit(
        'rcp',
        'rcp',
        `no resource control policy at \`${app.rcpLevelNames[missing]}\` of the resource's organization path allows the request`,
      );
    step(
      'rcp',
      'continue',
      `every level of the resource's organization path allows (\`${RCP_FULL_AWS_ACCESS_ID}\` is attached at every level)`,
    );
  } else step('rcp', 'not-applicable', rcpNotApplicableNote(app));

  // 3. SCPs.
  if (app.scpOn) {
    const missing = firstLevelWithoutAllow(bins.scp);
    if (missing >= 0)
      return denyImplicit(
        'scp',
        'scp',
        `no service control policy at \`${app.scpLevelNames[missing]}\` of the organization path allows the request`,
      );
    for (const level of bins.scp) for (const o of allowsOf(level)) needed.push(o.ref);
    step(
      'scp',
      'continue',
      `every level of the organization path has an SCP that allows: ${app.scpLevelNames.map((n) => `\`${n}\``).join(', ')}`,
    );
  } else step('scp', 'not-applicable', scpNotApplicableNote(app));

  // 4. The resource-based policy.
  const resAllows = res ? res.allows : [];
  const direct = resAllows.filter((o) => o.principalMatch !== undefined && DIRECT.has(o.principalMatch));
  const viaRole = resAllows.filter((o) => o.principalMatch === 'role');
  const noun = kind === 'trust' ? 'trust policy' : kind === 'key' ? 'key policy' : 'resource-based policy';
  let identityNeeded = true;
  let sessionApplies = true;
  if (!identityApplies && callerKind !== 'account') {
    // Anonymous callers, AWS services, web identities: only the resource policy can allow.
    if (resAllows.length === 0) {
      return denyImplicit(
        'resource',
        resourceType,
        res
          ? `the ${noun} does not allow this caller, and the caller has no identity-based policies`
          : `there is no ${noun}, and this caller has no identity-based policies`,
      );
    }
    step('resource', 'allow', `the ${noun} allows this caller`);
    return finish('Allow', [...needed, ...resAllows.map((o) => o.ref)]);
  }
  if (sameAccount && direct.length > 0 && !(kind === 'trust' && bins.boundary)) {
    step(
      'resource',
      'allow',
      `the ${noun} allows the caller's own ARN in the same account: boundaries, session policies and identity policies do not limit it`,
    );
    return finish('Allow', [...needed, ...direct.map((o) => o.ref)]);
  }
  if (sameAccount && direct.length > 0) {
    // A trust policy naming the caller: its permissions boundary must still allow ("Update a role trust policy").
    identityNeeded = false;
    sessionApplies = false;
    needed.push(...direct.map((o) => o.ref));
    step(
      'resource',
      'continue',
      "the trust policy names the caller: the identity-based policies are not needed, but the caller's permissions boundary must still allow",
    );
  } else if (sameAccount && viaRole.length > 0) {
    identityNeeded = false;
    needed.push(...viaRole.map((o) => o.ref));
    step(
      'resource',
      'continue',
      `the ${noun} allows the caller's role ARN: the permissions boundary and session policies still apply`,
    );
  } else if (!sameAccount) {
    if (resAllows.length === 0) {
      return denyImplicit(
        'resource',
        resourceType,
        res
          ? `cross-account: the ${noun} of account ${app.resourceAccount ?? '(unknown)'} does not allow the caller`
          : `cross-account: the resource in account ${app.resourceAccount ?? '(unknown)'} has no ${noun}, so nothing there allows the caller`,
      );
    }
    needed.push(...resAllows.map((o) => o.ref));
    step(
      'resource',
      'continue',
      `cross-account: the ${noun} allows; the caller's identity-based policies must allow too`,
    );
  } else if (resAllows.length > 0) {
    needed.push(...resAllows.map((o) => o.ref));
    step(
      'resource',
      'continue',
      `the ${noun} allows the caller's account: that delegates to the account's identity-based policies`,
    );
  } else if (kind !== 'resource') {
    return denyImplicit(
      'resource',
      resourceType,
      res ? `the ${noun} does not allow the caller` : `there is no ${noun}, and it is required`,
    );
  } else {
    step(
      'resource',
      res ? 'continue' : 'not-applicable',
      res
        ? `the ${noun} does not allow the caller; the identity-based policies must`
        : 'the resource has no resource-based policy',
    );
  }

  // 5. Identity-based policies.
  if (identityNeeded) {
    if (callerKind === 'account') {
      step('identity', 'continue', "the account's root user has every permission in its own account");
    } else {
      const idAllows = allowsOf(bins.identity);
      if (idAllows.length === 0)
        return denyImplicit(
          'identity',
          'identity',
          bins.identity.length === 0
            ? 'the caller has no identity-based policy, so none allows the request'
            : 'no identity-based policy allows the request',
        );
      needed.push(...idAllows.map((o) => o.ref));
      step(
        'identity',
        'continue',
        `${plural(idAllows.length, 'identity-based statement allows', 'identity-based statements allow')} the request`,
      );
    }
  } else {
    step('identity', 'not-applicable', `the ${noun}'s allow stands in for the identity-based policies`);
  }

  // 6. Permissions boundary.
  if (bins.boundary) {
    const b = bins.boundary.allows;
    if (b.length === 0)
      return denyImplicit('boundary', 'boundary', 'the permissions boundary does not allow the request');
    needed.push(...b.map((o) => o.ref));
    step('boundary', 'continue', 'the permissions boundary allows the request');
  } else step('boundary', 'not-applicable', 'the principal has no permissions boundary');

  // 7. Session policies.
  if (!sessionApplies) {
    step('session', 'not-applicable', 'the trust policy names the caller: session policies do not limit it');
  } else if (bins.session) {
    const s = allowsOf(bins.session);
    if (s.length === 0) return denyImplicit('session', 'session', 'no session policy allows the request');
    needed.push(...s.map((o) => o.ref));
    step(
      'session',
      'continue',
      `${plural(s.length, 'session policy statement allows', 'session policy statements allow')} the request`,
    );
  } else if (federatedWithoutSession) {
    return denyImplicit(
      'session',
      'session',
      'a federated user (GetFederationToken) created without a session policy has no permissions',
    );
  } else step('session', 'not-applicable', 'no session policy was passed');

  return finish('Allow', needed);
}

// ---------------------------------------------------------------------------------------------
// 4. The answer and its message.

const UNIQUE_ID = /^(AIDA|AROA)[A-Z0-9]{8,}$/;

/**
 * The caller's unique id from `aws:userid` (`AIDA…`, or `AROA…:session` for a role session) when
 * the caller does not carry one: a `Principal` naming that id then matches it.
 */
function withUniqueId(request: EvalRequest): EvalRequest {
  const c = request.caller;
  if (c.uniqueId !== undefined || (c.kind !== 'user' && c.kind !== 'role' && c.kind !== 'assumed-role')) return request;
  const v = request.context['aws:userid']?.value;
  if (typeof v !== 'string') return request;
  const colon = v.indexOf(':');
  const id = c.kind === 'assumed-role' && colon >= 0 ? v.slice(0, colon) : v;
  if (!UNIQUE_ID.test(id) || (c.kind === 'user') !== id.startsWith('AIDA')) return request;
  return { ...request, caller: { ...c, uniqueId: id } };
}

/**
 * Decides one request against a set of policies. Never throws for bad policies: statements that
 * cannot be evaluated are reported in `errors` and ignored.
 */
export function evaluate(set: PolicySet, given: EvalRequest, options: EvaluateOptions = {}): DecisionResult {
  // Only a resource policy (Principal) can name the caller by its unique id.
  const request = set.resource ? withUniqueId(given) : given;
  const trace = new TraceBuilder(options.trace !== false);
  const { caller, action, resource } = request;
  if (trace.enabled) {
    const context: Record<string, string | string[]> = {};
    for (const v of Object.values(request.context)) context[v.key] = v.value;
    trace.add({ kind: 'request', principal: caller.arn === '' ? 'anonymous' : caller.arn, action, resource, context });
  }
  const app = applicability(set, request, options);
  const { bins, errors } = evaluateBins(set, request, app, trace);
  const d = decide(app, bins);
  if (trace.enabled)
    for (const s of d.steps) trace.add({ kind: 'step', step: s.step, outcome: s.outcome, note: s.note });
  const out: DecisionResult = {
    decision: d.decision,
    deciding: d.deciding,
    byPolicyType: d.byPolicyType,
    message:
      d.deniedBy && options.message !== false
        ? accessDeniedMessage({
            principalArn: caller.arn,
            action,
            resource,
            kind: d.explicit ? 'explicit' : 'implicit',
            policyType: d.deniedBy,
          })
        : '',
    trace: trace.events,
    errors,
  };
  if (d.deniedBy) out.deniedBy = d.deniedBy;
  return out;
}

export type { DecisionResult, EvaluateOptions, PolicyEntry, PolicySet, Verdict, Decision } from './decision/types';

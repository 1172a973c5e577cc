/**
 * The decision (IAM User Guide, "Policy evaluation logic" and its flowchart; "Cross-account policy
 * evaluation logic"; "Permissions boundaries"; "Session policies"; Organizations "SCPs" and
 * "RCPs"). Every applicable policy is evaluated once; then the flowchart's steps run in AWS's
 * order, each recorded as a `step` trace event so the UI can replay it:
 *
 * 1. explicit deny: a matching Deny in any applicable policy ends in ExplicitDeny;
 * 2. RCPs of the resource's account: every level needs an Allow (`RCPFullAWSAccess` is implied);
 * 3. SCPs of the principal's account: every level needs an Allow;
 * 4. the resource-based policy: same account, an Allow naming the caller's user or session ARN
 *    decides alone; naming the role ARN still meets the boundary and session policies; naming the
 *    account delegates to the identity policies. Cross account, it must allow and so must the
 *    identity policies. Trust policies and KMS key policies must always allow;
 * 5. identity-based policies, 6. the permissions boundary, 7. session policies must allow.
 */
import type { Finding } from './diagnostics';
import type { PolicyType, StatementRef } from './model';
import type { EvalRequest, PrincipalMatch, StatementOutcome } from './evaluate/types';
import type { FlowStep } from './trace';
import { TraceBuilder } from './trace';
import { evaluatePolicy } from './evaluate';
import { accessDeniedMessage } from './messages';
import { arnAccount } from './context';
import { compiled } from './decision/compile';
import { RCP_FULL_AWS_ACCESS_ID, rcpFullAwsAccess } from './decision/implied';
import { hasIdentityPolicies, isAssumeRole, isKmsKey, rcpsApply, scpsApply } from './decision/applicability';
import type { DecisionResult, EvaluateOptions, PolicyEntry, PolicySet, Verdict } from './decision/types';

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

interface Evaluated {
  type: PolicyType;
  entry: PolicyEntry;
  outcomes: StatementOutcome[];
  level?: number;
}

class Run {
  readonly trace: TraceBuilder;
  readonly errors: Finding[] = [];
  readonly denies: { type: PolicyType; ref: StatementRef }[] = [];
  constructor(
    readonly request: EvalRequest,
    traceOn: boolean,
  ) {
    this.trace = new TraceBuilder(traceOn);
  }

  run(entry: PolicyEntry, type: PolicyType, level?: number): Evaluated {
    const policyEvent = this.trace.add(
      level === undefined
        ? { kind: 'policy', policyId: entry.id, policyType: type }
        : { kind: 'policy', policyId: entry.id, policyType: type, level: String(level) },
    );
    const c = compiled(entry.policy, entry.id, type);
    const outcomes = evaluatePolicy(c, this.request, this.trace, policyEvent || undefined);
    for (const o of outcomes) {
      if (o.effect === 'invalid') {
        this.errors.push({
          code: 'evaluate.statement-invalid',
          severity: 'ERROR',
          message: `statement ${o.ref.statementIndex}${o.ref.sid ? ` (\`${o.ref.sid}\`)` : ''} of \`${entry.id}\` cannot be evaluated and is ignored`,
          help: 'A statement needs `Effect` (`Allow` or `Deny`) and `Action` or `NotAction`; validation explains what is wrong.',
          range: o.ref.range,
        });
      } else if (o.matched && o.effect === 'Deny') this.denies.push({ type, ref: o.ref });
    }
    return { type, entry, outcomes, level };
  }

  step(
    step: FlowStep,
    outcome: 'allow' | 'deny' | 'implicit-deny' | 'not-applicable' | 'continue',
    note: string,
  ): void {
    this.trace.add({ kind: 'step', step, outcome, note });
  }
}

function allows(e: Evaluated | undefined): StatementOutcome[] {
  if (!e) return [];
  return e.outcomes.filter((o) => o.matched && o.effect === 'Allow');
}

function allowsOf(list: Evaluated[]): StatementOutcome[] {
  const out: StatementOutcome[] = [];
  for (const e of list) for (const o of e.outcomes) if (o.matched && o.effect === 'Allow') out.push(o);
  return out;
}

function hasDeny(list: Evaluated[]): boolean {
  return list.some((e) => e.outcomes.some((o) => o.matched && o.effect === 'Deny'));
}

function verdictOf(list: Evaluated[], applicable: boolean): Verdict {
  if (!applicable) return 'NotApplicable';
  if (hasDeny(list)) return 'ExplicitDeny';
  return allowsOf(list).length > 0 ? 'Allow' : 'ImplicitDeny';
}

/** Levels that have no matching Allow (0-based), for SCPs and RCPs. */
function levelsWithoutAllow(levels: Evaluated[][]): number[] {
  const missing: number[] = [];
  levels.forEach((level, i) => {
    if (allowsOf(level).length === 0) missing.push(i);
  });
  return missing;
}

/**
 * Decides one request against a set of policies. Never throws for bad policies: statements that
 * cannot be evaluated are reported in `errors` and ignored.
 */
export function evaluate(set: PolicySet, request: EvalRequest, options: EvaluateOptions = {}): DecisionResult {
  const r = new Run(request, options.trace !== false);
  const { caller, action, resource } = request;
  const ctxAccount = request.context['aws:resourceaccount']?.value;
  const resourceAccount =
    options.resourceAccount ??
    (typeof ctxAccount === 'string' ? ctxAccount : undefined) ??
    arnAccount(resource) ??
    caller.account;
  const sameAccount = caller.account !== undefined && caller.account === resourceAccount;
  const contextForTrace: Record<string, string | string[]> = {};
  if (r.trace.enabled) for (const v of Object.values(request.context)) contextForTrace[v.key] = v.value;
  r.trace.add({
    kind: 'request',
    principal: caller.arn === '' ? 'anonymous' : caller.arn,
    action,
    resource,
    context: contextForTrace,
  });

  // Which policies apply.
  const kind =
    set.resourceKind ?? (isAssumeRole(action, resource) ? 'trust' : isKmsKey(action, resource) ? 'key' : 'resource');
  const resourceType: PolicyType = kind === 'trust' ? 'trust' : 'resource';
  const identityApplies = hasIdentityPolicies(caller);
  const scpOn = set.scps !== undefined && set.scps.length > 0 && scpsApply(caller);
  const rcpOn = set.rcps !== undefined && set.rcps.length > 0 && rcpsApply(caller, action);
  /** Trust and key policies must allow; so must any resource policy for callers without identity policies. */
  const resourceRequired = kind !== 'resource' || (!identityApplies && caller.kind !== 'account');

  // Evaluate every applicable policy once.
  const scpLevels = scpOn ? set.scps!.map((level, i) => level.map((p) => r.run(p, 'scp', i))) : [];
  const rcpLevels = rcpOn
    ? set.rcps!.map((level, i) => [
        r.run({ id: RCP_FULL_AWS_ACCESS_ID, policy: rcpFullAwsAccess() }, 'rcp', i),
        ...level.map((p) => r.run(p, 'rcp', i)),
      ])
    : [];
  const res = set.resource ? r.run(set.resource, resourceType) : undefined;
  const identity = identityApplies ? (set.identity ?? []).map((p) => r.run(p, 'identity')) : [];
  const boundary = identityApplies && set.boundary ? r.run(set.boundary, 'boundary') : undefined;
  const session =
    identityApplies && set.session && set.session.length > 0 ? set.session.map((p) => r.run(p, 'session')) : undefined;

  // A principal with a permissions boundary is always denied by `Deny` + `NotPrincipal` (IAM User Guide, "NotPrincipal").
  const notPrincipalNotes: string[] = [];
  if (boundary && set.resource) {
    const st = set.resource.policy.statements;
    if (st.some((s) => s.notPrincipal !== undefined)) {
      const probe = evaluatePolicy(
        compiled(set.resource.policy, set.resource.id, resourceType),
        { ...request, caller: { ...NOBODY } },
        new TraceBuilder(false),
      );
      for (const o of probe) {
        if (
          o.matched &&
          o.effect === 'Deny' &&
          st.find((s) => s.index === o.ref.statementIndex)?.notPrincipal &&
          !r.denies.some(
            (d) =>
              d.ref === o.ref || (d.ref.policyId === o.ref.policyId && d.ref.statementIndex === o.ref.statementIndex),
          )
        ) {
          r.denies.push({ type: resourceType, ref: o.ref });
          notPrincipalNotes.push(
            `statement ${o.ref.statementIndex} of \`${set.resource.id}\` denies with \`NotPrincipal\`: a principal with a permissions boundary is always denied by it`,
          );
        }
      }
    }
  }

  const byPolicyType: Partial<Record<PolicyType, Verdict>> = {};
  // SCPs and RCPs: a deny anywhere denies; otherwise every level of the path needs an allow.
  const orgVerdict = (on: boolean, levels: typeof scpLevels): Verdict =>
    !on
      ? 'NotApplicable'
      : hasDeny(levels.flat())
        ? 'ExplicitDeny'
        : levelsWithoutAllow(levels).length > 0
          ? 'ImplicitDeny'
          : 'Allow';
  byPolicyType.scp = orgVerdict(scpOn, scpLevels);
  byPolicyType.rcp = orgVerdict(rcpOn, rcpLevels);
  byPolicyType[resourceType] = res
    ? r.denies.some((d) => d.type === resourceType)
      ? 'ExplicitDeny'
      : allows(res).length > 0
        ? 'Allow'
        : 'ImplicitDeny'
    : resourceRequired
      ? 'ImplicitDeny'
      : 'NotApplicable';
  byPolicyType.identity = identityApplies
    ? verdictOf(identity, true)
    : caller.kind === 'account'
      ? 'Allow'
      : 'NotApplicable';
  byPolicyType.boundary = boundary ? verdictOf([boundary], true) : 'NotApplicable';
  byPolicyType.session = session ? verdictOf(session, true) : 'NotApplicable';

  const principalArn = caller.arn;
  const finish = (
    decision: DecisionResult['decision'],
    deciding: StatementRef[],
    deniedBy?: PolicyType,
    explicit = false,
  ): DecisionResult => {
    const out: DecisionResult = {
      decision,
      deciding,
      byPolicyType,
      message: deniedBy
        ? accessDeniedMessage({
            principalArn,
            action,
            resource,
            kind: explicit ? 'explicit' : 'implicit',
            policyType: deniedBy,
          })
        : '',
      trace: r.trace.events,
      errors: r.errors,
    };
    if (deniedBy) out.deniedBy = deniedBy;
    r.step(
      'decision',
      decision === 'Allow' ? 'allow' : decision === 'ExplicitDeny' ? 'deny' : 'implicit-deny',
      decision,
    );
    return out;
  };
  const denyImplicit = (step: FlowStep, type: PolicyType, note: string): DecisionResult => {
    r.step(step, 'implicit-deny', note);
    return finish('ImplicitDeny', [], type);
  };

  // 1. Explicit deny anywhere.
  if (r.denies.length > 0) {
    const types = new Set(r.denies.map((d) => d.type));
    const named = DENY_ORDER.find((t) => types.has(t)) ?? r.denies[0].type;
    r.step(
      'explicit-deny',
      'deny',
      [
        `${r.denies.length} matching \`Deny\` statement${r.denies.length === 1 ? '' : 's'}: an explicit deny overrides every allow`,
        ...notPrincipalNotes,
      ].join('; '),
    );
    return finish(
      'ExplicitDeny',
      r.denies.map((d) => d.ref),
      named,
      true,
    );
  }
  r.step('explicit-deny', 'continue', 'no applicable `Deny` statement matches');

  const needed: StatementRef[] = [];

  // 2. RCPs.
  if (rcpOn) {
    const missing = levelsWithoutAllow(rcpLevels);
    if (missing.length > 0)
      return denyImplicit('rcp', 'rcp', `no resource control policy at level ${missing[0]} allows the request`);
    r.step(
      'rcp',
      'continue',
      `every level of the resource's organization path allows (\`${RCP_FULL_AWS_ACCESS_ID}\` is attached at every level)`,
    );
  } else {
    r.step(
      'rcp',
      'not-applicable',
      set.rcps?.length
        ? 'RCPs do not apply to this request (service not supported by RCPs, or a service-linked role)'
        : 'the resource account is not governed by RCPs',
    );
  }

  // 3. SCPs.
  if (scpOn) {
    const missing = levelsWithoutAllow(scpLevels);
    if (missing.length > 0)
      return denyImplicit(
        'scp',
        'scp',
        `no service control policy at level ${missing[0]} of the organization path allows the request`,
      );
    for (const level of scpLevels) for (const o of allowsOf(level)) needed.push(o.ref);
    r.step('scp', 'continue', 'every level of the organization path, root first, has an SCP that allows');
  } else {
    r.step(
      'scp',
      'not-applicable',
      set.scps?.length
        ? 'SCPs do not govern this caller (a service-linked role, or a caller outside any account)'
        : "the principal's account is not governed by SCPs",
    );
  }

  // 4. The resource-based policy.
  const resAllows = allows(res);
  const direct = resAllows.filter((o) => o.principalMatch !== undefined && DIRECT.has(o.principalMatch));
  const viaRole = resAllows.filter((o) => o.principalMatch === 'role');
  const noun = kind === 'trust' ? 'trust policy' : kind === 'key' ? 'key policy' : 'resource-based policy';
  let identityNeeded = true;
  if (!identityApplies && caller.kind !== 'account') {
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
    r.step('resource', 'allow', `the ${noun} allows this caller`);
    return finish('Allow', [...needed, ...resAllows.map((o) => o.ref)]);
  }
  if (sameAccount && direct.length > 0) {
    r.step(
      'resource',
      'allow',
      `the ${noun} allows the caller's own ARN in the same account: boundaries, session policies and identity policies do not limit it`,
    );
    return finish('Allow', [...needed, ...direct.map((o) => o.ref)]);
  }
  if (sameAccount && viaRole.length > 0) {
    identityNeeded = false;
    needed.push(...viaRole.map((o) => o.ref));
    r.step(
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
          ? `cross-account: the ${noun} of account ${resourceAccount ?? '?'} does not allow the caller`
          : `cross-account: the resource in account ${resourceAccount ?? '?'} has no ${noun}, so nothing there allows the caller`,
      );
    }
    needed.push(...resAllows.map((o) => o.ref));
    r.step(
      'resource',
      'continue',
      `cross-account: the ${noun} allows; the caller's identity-based policies must allow too`,
    );
  } else if (resAllows.length > 0) {
    needed.push(...resAllows.map((o) => o.ref));
    r.step(
      'resource',
      'continue',
      `the ${noun} allows the caller's account: that delegates to the account's identity-based policies`,
    );
  } else if (kind !== 'resource') {
    return denyImplicit(
      'resource',
      resourceType,
      set.resource ? `the ${noun} does not allow the caller` : `there is no ${noun}, and it is required`,
    );
  } else {
    r.step(
      'resource',
      res ? 'continue' : 'not-applicable',
      res
        ? `the ${noun} does not allow the caller; the identity-based policies must`
        : 'the resource has no resource-based policy',
    );
  }

  // 5. Identity-based policies.
  if (identityNeeded) {
    if (caller.kind === 'account') {
      r.step('identity', 'continue', "the account's root user has every permission in its own account");
    } else {
      const idAllows = allowsOf(identity);
      if (idAllows.length === 0)
        return denyImplicit('identity', 'identity', 'no identity-based policy allows the request');
      needed.push(...idAllows.map((o) => o.ref));
      r.step(
        'identity',
        'continue',
        `${idAllows.length} identity-based statement${idAllows.length === 1 ? '' : 's'} allow${idAllows.length === 1 ? 's' : ''} the request`,
      );
    }
  } else {
    r.step('identity', 'not-applicable', "the resource-based policy's allow stands in for the identity-based policies");
  }

  // 6. Permissions boundary.
  if (boundary) {
    const b = allows(boundary);
    if (b.length === 0)
      return denyImplicit('boundary', 'boundary', 'the permissions boundary does not allow the request');
    needed.push(...b.map((o) => o.ref));
    r.step('boundary', 'continue', 'the permissions boundary allows the request');
  } else r.step('boundary', 'not-applicable', 'the principal has no permissions boundary');

  // 7. Session policies.
  if (session) {
    const s = allowsOf(session);
    if (s.length === 0) return denyImplicit('session', 'session', 'no session policy allows the request');
    needed.push(...s.map((o) => o.ref));
    r.step('session', 'continue', 'a session policy allows the request');
  } else r.step('session', 'not-applicable', 'no session policy was passed');

  return finish('Allow', needed);
}

export type { DecisionResult, EvaluateOptions, PolicyEntry, PolicySet, Verdict, Decision } from './decision/types';

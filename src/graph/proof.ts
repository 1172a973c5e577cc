/**
 * Every edge is a proof: for each action an access edge or an escalation step needs, the engine's
 * decision with its reasons (deciding statements, condition values), and the request that opens
 * it in the workbench.
 *
 * The proof asks `authorize` with the trace on (and `gather` for the documents' names), so what it
 * shows is what the engine decided, not a second opinion: the deciding statements are the engine's
 * own list, the condition rows are the trace's condition events, and the sentences are worded from
 * the decision's verdicts per policy type.
 */
import type { Catalog } from '../catalog/types';
import type { ConditionRule, TraceEvent } from '../engine/trace';
import type { ContextValue, PolicyType, StatementRef } from '../engine/model';
import { CONDITION_RULE_NAMES, policyViews, showValue } from '../engine/explain';
import type { Authorized, GatheredDocument, WorldRequest } from '../world/authorize';
import { authorize, gather } from '../world/authorize';
import type { World } from '../world/types';
import type { CheckOptions } from './check';
import { makeChecker } from './check';
import { graphRequest, timeOf } from './request';
import type { ConditionNote, EscalationStep, GraphPrincipal, Holds } from './types';
import { graphPrincipals, statementsOf } from './world-nodes';

export interface ProofStatement {
  policyId: string;
  policyType: PolicyType;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Who holds the policy and its name: `alice`, `inline S3Notes`. */
  from?: string;
  name?: string;
  /** The statement's JSON text. */
  text: string;
  /** Where the statement is, in words: `the inline policy \`S3Notes\` of alice`, `the SCP \`DenyPassRole\` of the root`. */
  where?: string;
}

export interface ProofCondition {
  operator: string;
  key: string;
  values: string[];
  /** The request's value of the key (`null`: absent). */
  actual: string | string[] | null;
  result: boolean;
  /** The statement the condition belongs to (additive). */
  policyId?: string;
  statementIndex?: number;
  sid?: string;
  effect?: 'Allow' | 'Deny';
  /** True when the statement is one of the decision's deciding statements. */
  deciding?: boolean;
  /** The rule that decided the key, as a learner reads it (`value comparison`, `the missing-key rule`). */
  rule?: string;
}

export interface ActionProof {
  principal: string;
  action: string;
  resource: string;
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** How the graph holds it (with open keys): always, conditional, never. */
  holds: Holds;
  deciding: ProofStatement[];
  conditions: ProofCondition[];
  /** The request's context as evaluated. */
  context: Record<string, ContextValue>;
  /** Plain sentences from the trace, in order. */
  reasons: string[];
  /** The request, for "Open in workbench" (the worker's `scenarioFromRequest`). */
  request: WorldRequest;
  /** For a conditional access: the statements whose conditions decide it, with their open keys (additive). */
  openConditions?: ConditionNote[];
  /**
   * Statements that matched the action and the resource but whose condition stopped them (an Allow
   * that would have allowed, a Deny that would have denied) (additive).
   */
  stopped?: ProofStatement[];
  /**
   * For a conditional access: the checker's witness (context values under which the engine
   * allows it) and the same request decided again with them (additive).
   */
  witness?: WitnessProof;
}

/** The request of a conditional access with the witness's values, decided again. */
export interface WitnessProof {
  values: Record<string, ContextValue>;
  decision: ActionProof['decision'];
  deciding: ProofStatement[];
  conditions: ProofCondition[];
  reasons: string[];
  request: WorldRequest;
}

export interface EdgeProof {
  title: string;
  from: string;
  to: string;
  actions: ActionProof[];
}

export interface AccessToProve {
  principal: string;
  actions: string[];
  resource: string;
}

type Of<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;

const tick = (s: string) => `\`${s}\``;

/** The short name of an ARN for sentences: a bucket's name, a role's name, the ARN's last part. */
export function shortName(arn: string): string {
  if (arn.startsWith('arn:aws:s3:::')) return arn.slice('arn:aws:s3:::'.length);
  const slash = arn.lastIndexOf('/');
  if (slash >= 0) return arn.slice(slash + 1);
  const colon = arn.lastIndexOf(':');
  return colon >= 0 ? arn.slice(colon + 1) : arn;
}

/** `of alice`, `of the group developers`: who holds an identity policy. */
function ofHolder(from: string | undefined): string {
  if (!from) return '';
  const g = / \(group\)$/.exec(from);
  return g ? ` of the group ${from.slice(0, g.index)}` : ` of ${from}`;
}

/** The organization level an SCP or RCP is attached to, in words: `the root`, `the OU Workloads`, `the account playground`. */
function ofLevel(doc: GatheredDocument): string {
  const at = doc.pathLevel;
  if (!at) return doc.from ? ` of ${doc.from}` : '';
  if (at.index === 0) return ' of the root';
  if (at.index === at.of - 1) return ` of the account ${doc.from}`;
  return ` of the OU ${doc.from}`;
}

/** Where a policy is, in words (`the inline policy \`S3Notes\` of alice`); `doc` is how `gather` named it. */
export function policyPlace(
  type: PolicyType,
  policyId: string,
  doc: GatheredDocument | undefined,
  /** For SCPs and RCPs: the policy's name in the organization, when it has one. */
  orgName?: string,
): string {
  const name = orgName ?? doc?.name ?? policyId;
  switch (type) {
    case 'identity': {
      if (name.startsWith('inline ')) return `the inline policy ${tick(name.slice(7))}${ofHolder(doc?.from)}`;
      const kind = doc?.storedAs === 'aws-managed' ? 'the AWS managed policy' : 'the managed policy';
      return `${kind} ${tick(name)}${ofHolder(doc?.from)}`;
    }
    case 'resource': {
      const arn = doc?.from || policyId;
      if (arn.startsWith('arn:aws:s3:::')) return `the bucket policy of ${shortName(arn)}`;
      return `the resource policy of ${shortName(arn)}`;
    }
    case 'trust':
      return `the trust policy of the role ${doc?.from || shortName(policyId.replace(/:trust$/, ''))}`;
    case 'boundary':
      return `the permissions boundary ${tick(name)}`;
    case 'session':
      return `the session ${name.startsWith('policy ') ? name : `policy ${tick(name)}`}`;
    case 'scp':
      return `the SCP ${tick(name)}${doc ? ofLevel(doc) : ''}`;
    case 'rcp':
      return `the RCP ${tick(name)}${doc ? ofLevel(doc) : ''}`;
  }
}

/** `the statement \`ReadPhotos\` of …`; a statement without a Sid is named by its position when its policy has several. */
export function statementPhrase(s: Pick<ProofStatement, 'sid' | 'statementIndex' | 'where'>, count: number): string {
  const where = s.where ?? '';
  if (s.sid) return `the statement ${tick(s.sid)} of ${where}`;
  if (count > 1) return `statement ${s.statementIndex + 1} of ${where}`;
  return where;
}

function findDoc(docs: GatheredDocument[], policyId: string, type: PolicyType): GatheredDocument | undefined {
  return docs.find((d) => d.id === policyId && d.type === type) ?? docs.find((d) => d.id === policyId);
}

interface StatementInfo extends ProofStatement {
  /** How many statements the policy has (to name one without a Sid). */
  count: number;
}

function statementInfo(
  ref: Pick<StatementRef, 'policyId' | 'policyType' | 'statementIndex' | 'sid'>,
  effect: string,
  docs: GatheredDocument[],
  orgName: (id: string) => string | undefined = () => undefined,
): StatementInfo {
  const doc = findDoc(docs, ref.policyId, ref.policyType);
  const list = statementsOf(doc?.document);
  const st = list[ref.statementIndex];
  const out: StatementInfo = {
    policyId: ref.policyId,
    policyType: ref.policyType,
    statementIndex: ref.statementIndex,
    effect: effect === 'Deny' ? 'Deny' : 'Allow',
    text: st ? JSON.stringify(st, null, 2) : '',
    where: policyPlace(ref.policyType, ref.policyId, doc, orgName(ref.policyId)),
    count: list.length,
  };
  if (ref.sid !== undefined) out.sid = ref.sid;
  if (doc) {
    if (doc.from) out.from = doc.from;
    out.name = doc.name;
  }
  return out;
}

function plain(s: StatementInfo): ProofStatement {
  const { count, ...rest } = s;
  void count;
  return rest;
}

function conditionRow(e: Of<'condition'>, s: Of<'statement'>, deciding: boolean): ProofCondition {
  const rule: ConditionRule = e.rule ?? (e.requestValue === null ? 'missing-key' : 'compare');
  const row: ProofCondition = {
    operator: e.operator,
    key: e.key,
    values: e.policyValues.map((v) => (v === null ? '(unresolved variable)' : v)),
    actual: e.requestValue,
    result: e.result,
    policyId: s.ref.policyId,
    statementIndex: s.ref.statementIndex,
    effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
    deciding,
    rule: CONDITION_RULE_NAMES[rule],
  };
  if (s.ref.sid !== undefined) row.sid = s.ref.sid;
  return row;
}

/** One condition row in words: `\`Bool\` on \`aws:MultiFactorAuthPresent\` expects \`true\`; the request has \`false\``. */
export function conditionSentence(c: ProofCondition): string {
  const values = c.values.map(tick).join(', ') || 'no value';
  const actual =
    c.actual === null ? 'the request does not have this key' : `the request has ${tick(showValue(c.actual))}`;
  return `${tick(c.operator)} on ${tick(c.key)} expects ${values}; ${actual}: it ${c.result ? 'holds' : 'fails'}`;
}

const capital = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

export interface ReasonInput {
  principal: Pick<GraphPrincipal, 'label' | 'account' | 'kind'> | undefined;
  action: string;
  resource: string;
  decision: Authorized['decision'];
  byPolicyType: Authorized['byPolicyType'];
  deniedBy?: PolicyType;
  resourceAccount?: string;
  deciding: StatementInfo[];
  stopped: StatementInfo[];
  conditions: ProofCondition[];
  holds: Holds;
  openConditions: ConditionNote[];
  /** The trace's flowchart notes, for an implicit deny no rule below words. */
  steps: Of<'step'>[];
  /** Names the catalogue's resource type gives the resource (`bucket policy` for S3). */
  resourceIsBucket: boolean;
}

/** The sentences a learner reads for one action's decision, in order. */
export function proofReasons(x: ReasonInput): string[] {
  const out: string[] = [];
  const act = tick(x.action);
  const crossAccount =
    x.principal?.account !== undefined &&
    x.resourceAccount !== undefined &&
    x.resourceAccount !== '' &&
    x.principal.account !== x.resourceAccount;
  const resourcePolicy = x.resourceIsBucket ? 'the bucket policy' : 'the resource policy';
  if (x.decision === 'Allow') {
    const org = (s: StatementInfo) => s.policyType === 'scp' || s.policyType === 'rcp';
    for (const s of x.deciding) if (!org(s)) out.push(`Allowed by ${statementPhrase(s, s.count)}`);
    for (const type of ['scp', 'rcp'] as const) {
      const list = x.deciding.filter((s) => s.policyType === type);
      if (list.length > 0)
        out.push(
          `Every level of the ${type === 'scp' ? 'principal' : 'resource'}’s organization allows it: ${list.map((s) => statementPhrase(s, s.count)).join(', ')}`,
        );
    }
    if (crossAccount) out.push(`Across accounts, both the caller’s own policies and ${resourcePolicy} allow it`);
  } else if (x.decision === 'ExplicitDeny') {
    for (const s of x.deciding) out.push(`Denied by ${statementPhrase(s, s.count)}`);
    out.push('An explicit deny wins over every allow');
  } else {
    const v = x.byPolicyType;
    const allowed = (t: PolicyType) => v[t] === 'Allow';
    if (x.principal?.kind !== 'anonymous' && v.scp === 'ImplicitDeny')
      out.push(`The SCPs of the principal’s organization do not allow ${act}: implicit deny`);
    else if (v.rcp === 'ImplicitDeny')
      out.push(`The RCPs of the resource’s organization do not allow ${act}: implicit deny`);
    else if (crossAccount && allowed('identity') && !allowed('resource'))
      out.push(`Across accounts, ${resourcePolicy} must also allow it: it does not`);
    else if (crossAccount && allowed('resource') && !allowed('identity'))
      out.push(`Across accounts, the caller’s own policies must also allow it: they do not`);
    else if ((allowed('identity') || allowed('resource')) && v.boundary === 'ImplicitDeny')
      out.push(`The permissions boundary does not allow ${act}: implicit deny`);
    else if ((allowed('identity') || allowed('resource')) && v.session === 'ImplicitDeny')
      out.push(`The session policies do not allow ${act}: implicit deny`);
    else if (v.trust !== undefined && v.trust !== 'Allow' && allowed('identity'))
      out.push(`The role’s trust policy does not allow this caller to ${act}: implicit deny`);
    else if (!allowed('identity') && !allowed('resource')) out.push(`No statement allows ${act}: implicit deny`);
    else {
      const step = [...x.steps].reverse().find((e) => e.outcome === 'implicit-deny');
      out.push(step ? `${capital(step.note)}: implicit deny` : `Nothing allows ${act}: implicit deny`);
    }
  }
  // Statements a condition stopped: an Allow that would have allowed, a Deny that would have denied.
  for (const s of x.stopped) {
    const failed = x.conditions.filter(
      (c) => !c.result && c.policyId === s.policyId && c.statementIndex === s.statementIndex,
    );
    const why = failed.length > 0 ? `: ${failed.map(conditionSentence).join('; ')}` : '';
    out.push(
      s.effect === 'Allow'
        ? `${capital(statementPhrase(s, s.count))} would allow it, but its condition fails${why}`
        : `${capital(statementPhrase(s, s.count))} does not deny it: its condition fails${why}`,
    );
  }
  if (x.holds === 'conditional') {
    const keys = [...new Set(x.openConditions.flatMap((n) => n.keys))];
    const allow = x.openConditions.some((n) => n.effect === 'Allow');
    const deny = x.openConditions.some((n) => n.effect === 'Deny');
    const list = keys.map(tick).join(', ') || 'keys the context does not fix';
    if (allow && deny) out.push(`The graph holds it only under a condition on ${list}, which the context leaves open`);
    else if (deny)
      out.push(`The graph holds it unless a Deny’s condition on ${list} holds; the context leaves it open`);
    else out.push(`The graph holds it only when a condition on ${list} holds; the context leaves it open`);
  } else if (x.holds === 'never' && x.decision === 'Allow') {
    out.push('The graph holds it for no request: this request’s values are not all the graph’s');
  }
  return out;
}

/** One request decided with its trace, in the proof's terms (no `holds`: that is the checker's). */
interface Decided {
  decision: ActionProof['decision'];
  deciding: StatementInfo[];
  stopped: StatementInfo[];
  conditions: ProofCondition[];
  context: Record<string, ContextValue>;
  base: Omit<ReasonInput, 'holds' | 'openConditions'>;
  errors?: string[];
}

function decide(
  world: World,
  principal: GraphPrincipal | undefined,
  request: WorldRequest,
  opts: { now: number; managedPolicy: CheckOptions['managedPolicy'] },
): Decided {
  const { action, resource } = request;
  const r = authorize(world, request, { ...opts, trace: true });
  const empty = { deciding: [], stopped: [], conditions: [], context: {} };
  if (!r.ok)
    return {
      decision: 'ImplicitDeny',
      ...empty,
      errors: r.errors.map((e) => e.message),
      base: {
        principal,
        action,
        resource,
        decision: 'ImplicitDeny',
        byPolicyType: {},
        ...empty,
        steps: [],
        resourceIsBucket: false,
      },
    };
  const v = r.value;
  const g = gather(world, request, { ...opts, documents: true });
  const docs = g.ok ? g.value.documents : [];
  const views = policyViews(v.trace, v.deciding);
  const orgName = (id: string) => world.organization?.policies?.find((x) => x.id === id)?.name;
  // The deciding statements in the trace's order, each with the document of its own organization level.
  const deciding: StatementInfo[] = [];
  const stopped: StatementInfo[] = [];
  const conditions: ProofCondition[] = [];
  for (const p of views) {
    const level = p.event.level === undefined ? undefined : Number(p.event.level);
    const ofLevel = docs.filter((d) => d.level === undefined || level === undefined || d.level === level);
    for (const s of p.statements) {
      const stoppedHere = !s.deciding && !s.event.matched && s.event.failedOn === 'condition';
      if (s.deciding) deciding.push(statementInfo(s.event.ref, s.event.effect, ofLevel, orgName));
      else if (stoppedHere && s.event.effect !== 'invalid')
        stopped.push(statementInfo(s.event.ref, s.event.effect, ofLevel, orgName));
      if (s.deciding || stoppedHere)
        for (const c of s.conditions) conditions.push(conditionRow(c, s.event, s.deciding));
    }
  }
  // A deciding statement the trace does not show (it always does): from the engine's list.
  for (const ref of v.deciding)
    if (!deciding.some((d) => sameRef(d, ref)))
      deciding.push(statementInfo(ref, v.decision === 'ExplicitDeny' ? 'Deny' : 'Allow', docs, orgName));
  const context = Object.fromEntries(Object.values(v.request.context).map((c) => [c.key, c.value]));
  return {
    decision: v.decision,
    deciding,
    stopped,
    conditions,
    context,
    base: {
      principal,
      action,
      resource,
      decision: v.decision,
      byPolicyType: v.byPolicyType,
      deniedBy: v.deniedBy,
      resourceAccount: g.ok ? g.value.resourceAccount : undefined,
      deciding,
      stopped,
      conditions,
      steps: v.trace.filter((e): e is Of<'step'> => e.kind === 'step'),
      resourceIsBucket: resource.startsWith('arn:aws:s3:::'),
    },
  };
}

function proveOne(
  world: World,
  principal: GraphPrincipal | undefined,
  principalId: string,
  action: string,
  resource: string,
  options: CheckOptions,
  check: ReturnType<typeof makeChecker>,
): ActionProof {
  const now = options.now ?? Date.now();
  const request: WorldRequest = principal
    ? graphRequest(principal, action, resource, options.context, now)
    : { principal: principalId, action, resource };
  const opts = { now: timeOf(options.context, now), managedPolicy: options.managedPolicy };
  const answer = principal ? check(principal, action, resource) : { holds: 'never' as const };
  const d = decide(world, principal, request, opts);
  const openConditions = answer.conditions ?? [];
  const reasons = d.errors ?? proofReasons({ ...d.base, holds: answer.holds, openConditions });
  const out: ActionProof = {
    principal: principalId,
    action,
    resource,
    decision: d.decision,
    holds: answer.holds,
    deciding: d.deciding.map(plain),
    conditions: d.conditions,
    context: d.context,
    reasons,
    request,
  };
  if (openConditions.length > 0) out.openConditions = openConditions;
  if (d.stopped.length > 0) out.stopped = d.stopped.map(plain);
  // A conditional access: the same request with the checker's witness values, decided again.
  if (answer.holds === 'conditional' && answer.witness && !d.errors) {
    const withWitness: WorldRequest = { ...request, context: { ...(request.context ?? {}), ...answer.witness } };
    const w = decide(world, principal, withWitness, opts);
    out.witness = {
      values: answer.witness,
      decision: w.decision,
      deciding: w.deciding.map(plain),
      conditions: w.conditions,
      reasons: proofReasons({ ...w.base, holds: 'always', openConditions: [] }),
      request: withWitness,
    };
  }
  return out;
}

function sameRef(a: Pick<StatementRef, 'policyId' | 'policyType' | 'statementIndex'>, b: typeof a): boolean {
  return a.policyId === b.policyId && a.policyType === b.policyType && a.statementIndex === b.statementIndex;
}

/** A principal's label for a title (`alice`), or its id. */
function labelOf(world: World, id: string): string {
  return graphPrincipals(world).find((p) => p.id === id)?.label ?? (id === 'admin' ? 'admin' : shortName(id));
}

export function proveAccess(
  world: World,
  catalog: Catalog,
  access: AccessToProve,
  options: CheckOptions = {},
): EdgeProof {
  void catalog;
  const principal = graphPrincipals(world).find((p) => p.id === access.principal);
  const check = makeChecker(world, options);
  const actions = access.actions.map((action) =>
    proveOne(world, principal, access.principal, action, access.resource, options, check),
  );
  const who = principal?.label ?? access.principal;
  return { title: `${who} → ${shortName(access.resource)}`, from: access.principal, to: access.resource, actions };
}

export function proveStep(world: World, catalog: Catalog, step: EscalationStep, options: CheckOptions = {}): EdgeProof {
  void catalog;
  const principal = graphPrincipals(world).find((p) => p.id === step.from);
  const check = makeChecker(world, options);
  // A step may fix keys for one action (`iam:PassedToService` for PassRole): its proof asks the same question.
  const actions = step.required.map((r) => {
    if (!r.context) return proveOne(world, principal, step.from, r.action, r.resource, options, check);
    const fixed: CheckOptions = {
      ...options,
      context: { ...options.context, keys: { ...options.context?.keys, ...r.context } },
    };
    return proveOne(world, principal, step.from, r.action, r.resource, fixed, makeChecker(world, fixed));
  });
  const title = step.description || `${labelOf(world, step.from)} → ${labelOf(world, step.to)}`;
  return { title, from: step.from, to: step.to, actions };
}

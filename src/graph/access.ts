/**
 * The access relation of a world: for each principal, each action a resource's type supports and
 * each resource, whether the access holds (always, under a condition, or never), bundled by
 * access level. `buildAccess` computes it once; the answers are read through `AccessRelation`.
 *
 * The relation is indexed, so the work grows with the statements, not principals × actions ×
 * resources. Per principal (its policies gathered once, as `authorize` gathers them) and per
 * resource type, the type's actions fall into classes that the same statements name; per class,
 * each statement's `Resource` becomes a bitset over the type's sorted ARNs (each pattern once, a
 * pattern with `${aws:username}` once per substituted text), its condition is decided once for
 * the principal, and the bitsets are combined as the engine's decision does: explicit deny first,
 * every SCP level, the resource policy (same account: naming the caller decides alone, naming the
 * role still meets the boundary; across accounts both sides must allow), the identity policies,
 * the boundary. Resource policies are read per resource, reduced to the statements that name the
 * principal. Cells the index cannot decide this way (an open or resource-dependent condition, a
 * trust or key policy, RCPs, `NotPrincipal`, Block Public Access) are asked of the checker, and
 * cells that open conditions decide the same way share one answer: the engine stays the judge.
 * Edges are built on demand from the bitsets.
 */
import type { Catalog } from '../catalog/types';
import type { Caller, Context } from '../engine/evaluate/types';
import type { CompiledStatement } from '../engine/evaluate/compile';
import type { PolicyEntry } from '../engine/decision/types';
import type { Statement } from '../engine/model';
import { ready } from '../engine/evaluate/compile';
import { compiled } from '../engine/decision/compile';
import { evaluateCondition } from '../engine/evaluate/condition';
import { matchPrincipal } from '../engine/evaluate/principal';
import { TraceBuilder } from '../engine/trace';
import { arnAccount } from '../engine/arn';
import {
  RCP_SERVICES,
  hasIdentityPolicies,
  isAssumeRole,
  isKmsKey,
  scpsApply,
  servicePrefix,
} from '../engine/decision/applicability';
import { gather } from '../world/authorize';
import type { PolicyDocument, Resource, S3Bucket, World } from '../world/types';
import type { TypedAction } from './actions';
import { actionsFor } from './actions';
import type { CheckOptions } from './check';
import { cachedScreen, makeChecker } from './check';
import { graphRequest, timeOf } from './request';
import type {
  AccessAnswer,
  AccessEdge,
  AccessLevel,
  AccessStats,
  ConditionNote,
  GraphPrincipal,
  GraphResource,
} from './types';
import { ACCESS_LEVELS } from './types';
import { graphPrincipals, graphResources } from './world-nodes';
import type { Bits } from './access/bitset';
import { andInto, andNotInto, count, forEach, has, isEmpty, ones, orInto, zeros } from './access/bitset';
import { keyRules } from './access/conditions';
import type { ConditionDependence, TypeGroup } from './access/statements';
import { actionMask, conditionDependence, resourceBits, resourceDependence, typeGroup } from './access/statements';
import { worldNarrower } from './access/world-index';

export interface AccessRelation {
  readonly principals: readonly GraphPrincipal[];
  /** Sorted by ARN. */
  readonly resources: readonly GraphResource[];
  readonly stats: AccessStats;
  /** One triple's answer (any action, even one the resource's type does not list). */
  check(principal: string, action: string, resource: string): AccessAnswer;
  /** A principal's bundled edges, by resource (in ARN order) then access level. */
  edgesFrom(principal: string): AccessEdge[];
  /** The bundled edges to a resource, by principal (in `principals` order) then access level. */
  edgesTo(resource: string): AccessEdge[];
  /** Who can do one action on one resource: every principal for whom it is not `never`. */
  whoCan(action: string, resource: string): { principal: string; answer: AccessAnswer }[];
  /** Every bundled edge, at most `limit` of them (default: all). */
  edges(limit?: number): AccessEdge[];
}

/** Counts of how cells were decided (for the bench and tests). */
export interface IndexCounts {
  /** Cells asked of the checker one by one. */
  checked: number;
  /** Cells answered from a shared answer of the checker (same deciding statements). */
  shared: number;
  /** Action classes computed (principal × type × class). */
  classes: number;
}

/** One class of a type's actions for one principal: the statements that name them are the same. */
interface ActionClass {
  actions: TypedAction[];
  /** Resources (positions in the type) where every action of the class always holds. */
  always: Bits;
  /** Resources where they hold only under a condition: regions sharing one answer, and single cells. */
  regions: { bits: Bits; answer: AccessAnswer }[];
  cells: Map<number, AccessAnswer>;
}

function conditionalAt(cls: ActionClass, li: number): AccessAnswer | undefined {
  const c = cls.cells.get(li);
  if (c) return c;
  for (const r of cls.regions) if (has(r.bits, li)) return r.answer;
  return undefined;
}

interface PrincipalTypeCells {
  classes: ActionClass[];
  /** Action (as the catalogue spells it) → its class. */
  classOf: Map<string, number>;
}

/** A statement of a principal's own policies, as the index reads it. */
interface OwnStatement {
  cs: CompiledStatement;
  /** Which bin: identity, boundary, or SCP level `scp`. */
  bin: 'identity' | 'boundary' | 'scp';
  scpLevel: number;
  deny: boolean;
  cond: ConditionDependence | 'true' | 'false';
  variables: ConditionDependence;
}

/** A statement of a resource's policy. */
interface ResourceStatement {
  cs: CompiledStatement;
  statement: Statement;
  deny: boolean;
  /** Matches the resource it belongs to (its `Resource` element against that ARN), per resource. */
  id: string;
}

const TRUE_TRACE = new TraceBuilder(false);
const DIRECT = new Set(['exact', 'anyone', 'service', 'federated', 'canonical']);

function policyOfEntry(e: PolicyEntry, type: 'identity' | 'boundary' | 'scp' | 'resource') {
  return compiled(e.policy, e.id, type).statements.map((cs, i) => ({
    cs: ready(cs),
    statement: e.policy.statements[i],
  }));
}

const bucketOf = (byArn: Map<string, Resource>, arn: string): S3Bucket | undefined => {
  if (!arn.startsWith('arn:aws:s3:::')) return undefined;
  const slash = arn.indexOf('/');
  const r = byArn.get(slash < 0 ? arn : arn.slice(0, slash));
  return r?.type === 's3-bucket' ? r : undefined;
};

export function buildAccess(
  world: World,
  catalog: Catalog,
  options: CheckOptions = {},
): AccessRelation & { counts: IndexCounts } {
  const started = performance.now();
  const principals = graphPrincipals(world);
  const resources = graphResources(world, catalog);
  const byId = new Map(principals.map((p) => [p.id, p]));
  const resourceIndex = new Map(resources.map((r, i) => [r.arn, i]));
  const screen = options.screen ?? cachedScreen();
  const checker = makeChecker(world, { ...options, screen });
  const now = options.now ?? Date.now();
  const time = timeOf(options.context, now);
  const rules = keyRules(options.context);
  const narrow = worldNarrower(world);
  const counts: IndexCounts = { checked: 0, shared: 0, classes: 0 };
  const worldResources = new Map((world.resources ?? []).map((r) => [r.arn, r]));
  const hasRcps = (world.organization?.policies ?? []).some((p) => p.type === 'RCP');

  // Resource types: each type's resources in ARN order.
  const groups = new Map<string, TypeGroup & { actions: TypedAction[] }>();
  resources.forEach((r, i) => {
    let g = groups.get(r.type);
    if (!g) {
      const actions = actionsFor(catalog, r.type);
      groups.set(r.type, (g = { ...typeGroup(r.type, actions), actions }));
    }
    g.global.push(i);
    g.arns.push(r.arn);
  });
  const localOf = new Int32Array(resources.length);
  for (const g of groups.values()) g.global.forEach((gi, li) => (localOf[gi] = li));

  // Each resource's policy (an object's is its bucket's), screened as `authorize` screens it.
  const resourcePolicies = new Map<string, ResourceStatement[] | 'unsure'>();
  const policyOf = (arn: string): ResourceStatement[] | 'unsure' | undefined => {
    const exact = worldResources.get(arn);
    const found = exact ?? (arn.includes('/') ? bucketOf(worldResources, arn) : undefined);
    if (!found) return undefined;
    if (found.type === 's3-bucket' && found.blockPublicAccess?.restrictPublicBuckets === true && found.policy)
      return 'unsure';
    if (found.policy === undefined) return undefined;
    let list = resourcePolicies.get(found.arn);
    if (list) return list;
    const type = /^arn:[a-z-]+:iam::\d{12}:role\//.test(found.arn) ? 'trust' : 'resource';
    const s = screen(found.policy as PolicyDocument, { id: found.arn, type });
    if (s.refusal || !s.policy) list = [];
    else if (type === 'trust') list = 'unsure';
    else {
      const policy = s.policy;
      list = compiled(policy, found.arn, 'resource').statements.map((cs, i) => ({
        cs: ready(cs),
        statement: policy.statements[i],
        deny: cs.effect === 'Deny',
        id: `${found.arn}#${i}`,
      }));
      if (list.some((x) => x.cs.notPrincipal || x.cs.effect === 'invalid')) list = 'unsure';
    }
    resourcePolicies.set(found.arn, list);
    return list;
  };
  const resourceAccountOf = (r: GraphResource, callerAccount: string | undefined) =>
    r.account ?? arnAccount(r.arn) ?? callerAccount;

  // Per type: the resource policies over its resources (each with the resources it covers), and
  // per action the resource statements that name it (part of the action classes).
  interface TypePolicies {
    policies: { list: ResourceStatement[] | 'unsure'; domain: Bits }[];
    signature: string[];
  }
  const typePolicies = new Map<string, TypePolicies>();
  const resourcePoliciesOf = (group: TypeGroup & { actions: TypedAction[] }): TypePolicies => {
    let tp = typePolicies.get(group.type);
    if (tp) return tp;
    const n = group.arns.length;
    const byList = new Map<ResourceStatement[] | 'unsure', Bits>();
    for (let li = 0; li < n; li++) {
      if (!resources[group.global[li]].hasPolicy) continue;
      const list = policyOf(group.arns[li]);
      if (list === undefined || (Array.isArray(list) && list.length === 0)) continue;
      let d = byList.get(list);
      if (!d) byList.set(list, (d = zeros(n)));
      d[li >>> 5] |= 1 << (li & 31);
    }
    const policies = [...byList].map(([list, domain]) => ({ list, domain }));
    const signature = group.actions.map((a, ai) => {
      const special =
        isAssumeRole(a.action, group.arns[0]) ||
        isKmsKey(a.action, group.arns[0]) ||
        (hasRcps && RCP_SERVICES.has(servicePrefix(a.action)));
      if (special) return `!${ai}`;
      let sig = '';
      policies.forEach((pol, pi) => {
        if (pol.list === 'unsure') return;
        pol.list.forEach((st, k) => {
          if (actionMask(st.cs, group)[ai]) sig += `${pi}.${k},`;
        });
      });
      return sig;
    });
    typePolicies.set(group.type, (tp = { policies, signature }));
    return tp;
  };
  const cells = new Map<string, Map<string, PrincipalTypeCells>>();
  // Per (account, type): the resources in that account (the same for every principal of it).
  const sameAccountBits = new Map<string, Bits>();
  // Per type: scratch bitsets reused by every class (only the answers are kept).
  const scratch = new Map<string, Bits[]>();
  const userDeps = new Map<ResourceStatement, { dep: ConditionDependence; rdep: ConditionDependence }>();
  const otherDeps = new Map<ResourceStatement, { dep: ConditionDependence; rdep: ConditionDependence }>();
  let decisions = 0;

  for (const p of principals) {
    const byType = new Map<string, PrincipalTypeCells>();
    cells.set(p.id, byType);
    // The principal's own policies and context, gathered once as `authorize` gathers them.
    const probe = graphRequest(p, 'sts:GetCallerIdentity', '*', options.context, now);
    const g = gather(narrow(probe), probe, { now: time, managedPolicy: options.managedPolicy, screen });
    for (const group of groups.values()) decisions += group.arns.length * group.actions.length;
    if (!g.ok) {
      for (const group of groups.values())
        byType.set(group.type, {
          classes: [{ actions: group.actions, always: zeros(group.arns.length), regions: [], cells: new Map() }],
          classOf: new Map(group.actions.map((a) => [a.action, 0])),
        });
      continue;
    }
    const { set, request } = g.value;
    const caller = withUniqueId(request.caller, request.context);
    const ctx = request.context;
    const mode: 'policies' | 'all' | 'none' = hasIdentityPolicies(caller)
      ? 'policies'
      : caller.kind === 'account'
        ? 'all'
        : 'none';
    const scpOn = (set.scps?.length ?? 0) > 0 && scpsApply(caller);
    const scpLevels = scpOn ? set.scps!.length : 0;
    const hasBoundary = mode === 'policies' && set.boundary !== undefined;
    const own: OwnStatement[] = [];
    const addOwn = (e: PolicyEntry, bin: OwnStatement['bin'], type: 'identity' | 'boundary' | 'scp', level = 0) => {
      for (const { cs, statement } of policyOfEntry(e, type)) {
        if (cs.effect === 'invalid') continue;
        let cond: OwnStatement['cond'] = conditionDependence(statement, p.kind, rules);
        if (cs.principal || cs.notPrincipal) cond = 'cell';
        if (cond === 'principal') cond = evaluateCondition(cs.condition!, ctx, TRUE_TRACE, 0) ? 'true' : 'false';
        if (cond === 'false') continue;
        const variables = resourceDependence(cs, p.kind, rules);
        own.push({ cs, bin, scpLevel: level, deny: cs.effect === 'Deny', cond, variables });
      }
    };
    if (mode === 'policies') {
      for (const e of set.identity ?? []) addOwn(e, 'identity', 'identity');
      if (set.boundary) addOwn(set.boundary, 'boundary', 'boundary');
    }
    if (scpOn) set.scps!.forEach((level, i) => level.forEach((e) => addOwn(e, 'scp', 'scp', i)));
    const depCache = p.kind === 'user' ? userDeps : otherDeps;
    const depsOf = (s: ResourceStatement) => {
      let d = depCache.get(s);
      if (!d)
        depCache.set(
          s,
          (d = { dep: conditionDependence(s.statement, p.kind, rules), rdep: resourceDependence(s.cs, p.kind, rules) }),
        );
      return d;
    };

    const principalMatches = new Map<ResourceStatement, string | null>();
    const howOf = (st: ResourceStatement) => {
      let h = principalMatches.get(st);
      if (h === undefined) {
        const m = st.cs.principal ? matchPrincipal(st.cs.principal.compiled, caller) : undefined;
        principalMatches.set(st, (h = m ? m.how : null));
      }
      return h;
    };

    for (const group of groups.values()) {
      const n = group.arns.length;
      const A = group.actions.length;
      const rp = resourcePoliciesOf(group);
      let pool = scratch.get(group.type);
      if (!pool) scratch.set(group.type, (pool = []));
      const all = ones(n);
      // Which own statements name each action.
      const ownMasks = own.map((o) => actionMask(o.cs, group));
      // Classes: actions with the same own statements, the same resource statements and the same special rules.
      const classIds = new Map<string, number>();
      const members: number[][] = [];
      const classOf = new Map<string, number>();
      for (let ai = 0; ai < A; ai++) {
        let sig = rp.signature[ai];
        if (!sig.startsWith('!')) {
          sig += '|';
          for (let k = 0; k < own.length; k++) if (ownMasks[k][ai]) sig += `${k},`;
        }
        let c = classIds.get(sig);
        if (c === undefined) {
          c = members.length;
          classIds.set(sig, c);
          members.push([]);
        }
        members[c].push(ai);
        classOf.set(group.actions[ai].action, c);
      }
      const sameKey = `${caller.account ?? ''}|${group.type}`;
      let same = sameAccountBits.get(sameKey);
      if (!same) {
        same = zeros(n);
        for (let li = 0; li < n; li++) {
          const acct = resourceAccountOf(resources[group.global[li]], caller.account);
          if (caller.account !== undefined && acct === caller.account) same[li >>> 5] |= 1 << (li & 31);
        }
        sameAccountBits.set(sameKey, same);
      }

      const classes: ActionClass[] = members.map((list) => {
        counts.classes++;
        let used = 0;
        const tmp = (fill = 0): Bits => {
          if (used === pool.length) pool.push(zeros(n));
          const t = pool[used++];
          t.fill(0);
          if (fill) orInto(t, all);
          return t;
        };
        const actions = list.map((ai) => group.actions[ai]);
        const a0 = list[0];
        const action0 = group.actions[a0].action;
        const out: ActionClass = { actions, always: zeros(n), regions: [], cells: new Map() };
        const ask = (li: number): AccessAnswer => {
          counts.checked++;
          return checker(p, action0, group.arns[li]);
        };
        const record = (li: number, answer: AccessAnswer) => {
          if (answer.holds === 'always') out.always[li >>> 5] |= 1 << (li & 31);
          else if (answer.holds === 'conditional') out.cells.set(li, answer);
        };
        if (rp.signature[a0].startsWith('!')) {
          for (let li = 0; li < n; li++) record(li, ask(li));
          return out;
        }
        // The certain bins as bitsets, and the statements whose conditions stay open.
        const identityAllow = tmp(mode === 'all' ? 1 : 0);
        const boundaryAllow = tmp(hasBoundary ? 0 : 1);
        const deny = tmp();
        const scpOk = tmp(1);
        const scpAllow: Bits[] = [];
        for (let l = 0; l < scpLevels; l++) scpAllow.push(tmp());
        const open: Bits[] = [];
        const perCell: Bits = tmp();
        const rpAny = tmp();
        const rpDirect = tmp();
        const rpRole = tmp();
        for (let k = 0; k < own.length; k++) {
          if (!ownMasks[k][a0]) continue;
          const o = own[k];
          if (o.variables === 'cell') {
            orInto(perCell, all);
            continue;
          }
          const bits = resourceBits(o.cs, group, ctx, o.variables === 'principal');
          if (o.cond === 'cell') orInto(perCell, bits);
          else if (o.cond === 'open') open.push(bits);
          else if (o.deny) orInto(deny, bits);
          else if (o.bin === 'identity') orInto(identityAllow, bits);
          else if (o.bin === 'boundary') orInto(boundaryAllow, bits);
          else orInto(scpAllow[o.scpLevel], bits);
        }
        for (const sa of scpAllow) andInto(scpOk, sa);
        // Resource policies: each statement that names this principal, over the resources the policy covers.
        for (const pol of rp.policies) {
          if (pol.list === 'unsure') {
            orInto(perCell, pol.domain);
            continue;
          }
          for (const st of pol.list) {
            if (!actionMask(st.cs, group)[a0]) continue;
            const how = howOf(st);
            if (how === null) continue;
            const { dep, rdep } = depsOf(st);
            if (rdep !== 'none' || dep === 'cell') {
              orInto(perCell, pol.domain);
              continue;
            }
            if (dep === 'principal' && !evaluateCondition(st.cs.condition!, ctx, TRUE_TRACE, 0)) continue;
            const bits = tmp();
            orInto(bits, resourceBits(st.cs, group, ctx, false));
            andInto(bits, pol.domain);
            if (dep === 'open') open.push(bits);
            else if (st.deny) orInto(deny, bits);
            else {
              orInto(rpAny, bits);
              if (DIRECT.has(how)) orInto(rpDirect, bits);
              else if (how === 'role') orInto(rpRole, bits);
            }
          }
        }
        // allow = no deny, every SCP level, and: the policy names the caller (same account), or names
        // its role (same account; the boundary applies), or the identity policies and the boundary allow
        // (same account, or a resource policy allows across accounts).
        const allow = tmp();
        if (mode === 'none') orInto(allow, rpAny);
        else {
          const viaIdentity = tmp();
          orInto(viaIdentity, same);
          orInto(viaIdentity, rpAny);
          if (mode === 'policies') andInto(viaIdentity, identityAllow);
          andInto(viaIdentity, boundaryAllow);
          const viaRole = tmp();
          orInto(viaRole, rpRole);
          andInto(viaRole, same);
          andInto(viaRole, boundaryAllow);
          const direct = tmp();
          orInto(direct, rpDirect);
          andInto(direct, same);
          orInto(allow, viaIdentity);
          orInto(allow, viaRole);
          orInto(allow, direct);
        }
        andInto(allow, scpOk);
        andNotInto(allow, deny);
        // Cells an open condition decides, and cells the index cannot read: the checker decides them.
        const unsure = tmp();
        for (const o of open) orInto(unsure, o);
        orInto(unsure, perCell);
        andNotInto(unsure, deny);
        andNotInto(allow, unsure);
        orInto(out.always, allow);
        if (isEmpty(unsure)) return out;
        forEach(perCell, (li) => {
          if (!has(deny, li)) record(li, ask(li));
        });
        andNotInto(unsure, perCell);
        if (isEmpty(unsure)) return out;
        // Cells that the same open statements and the same certain facts decide share one answer.
        let regions: Bits[] = [Uint32Array.from(unsure)];
        const facts = [...open, identityAllow, boundaryAllow, scpOk, same, rpAny, rpDirect, rpRole];
        for (const f of facts) {
          const next: Bits[] = [];
          for (const r of regions) {
            const inside = zeros(n);
            orInto(inside, r);
            andInto(inside, f);
            const outside = zeros(n);
            orInto(outside, r);
            andNotInto(outside, f);
            if (!isEmpty(inside)) next.push(inside);
            if (!isEmpty(outside)) next.push(outside);
          }
          regions = next;
        }
        for (const r of regions) {
          let first = -1;
          forEach(r, (li) => {
            if (first < 0) first = li;
          });
          const answer = ask(first);
          counts.shared += count(r) - 1;
          if (answer.holds === 'always') orInto(out.always, r);
          else if (answer.holds === 'conditional') out.regions.push({ bits: r, answer });
        }
        return out;
      });
      byType.set(group.type, { classes, classOf });
    }
  }

  const stats: AccessStats = {
    principals: principals.length,
    resources: resources.length,
    decisions,
    milliseconds: performance.now() - started,
  };

  const answerOf = (p: GraphPrincipal, action: string, resource: string): AccessAnswer => {
    const gi = resourceIndex.get(resource);
    if (gi !== undefined) {
      const r = resources[gi];
      const t = cells.get(p.id)?.get(r.type);
      const c = t?.classOf.get(action);
      if (t && c !== undefined) {
        const cls = t.classes[c];
        const li = localOf[gi];
        if (has(cls.always, li)) return { holds: 'always' };
        return conditionalAt(cls, li) ?? { holds: 'never' };
      }
    }
    return checker(p, action, resource);
  };

  const edgesOf = (p: GraphPrincipal, gi: number, out: AccessEdge[]) => {
    const r = resources[gi];
    const t = cells.get(p.id)?.get(r.type);
    if (!t) return;
    const li = localOf[gi];
    const byLevel = new Map<AccessLevel, AccessEdge>();
    for (const cls of t.classes) {
      const always = has(cls.always, li);
      const cond = always ? undefined : conditionalAt(cls, li);
      if (!always && !cond) continue;
      for (const a of cls.actions) {
        let e = byLevel.get(a.level);
        if (!e)
          byLevel.set(
            a.level,
            (e = {
              principal: p.id,
              resource: r.arn,
              level: a.level,
              holds: always ? 'always' : 'conditional',
              actions: [],
            }),
          );
        e.actions.push(a.action);
        if (always) e.holds = 'always';
        else {
          (e.conditionalActions ??= []).push(a.action);
          for (const n of cond!.conditions ?? []) addNote(e, n);
        }
      }
    }
    for (const level of ACCESS_LEVELS) {
      const e = byLevel.get(level);
      if (!e) continue;
      e.actions.sort();
      e.conditionalActions?.sort();
      out.push(e);
    }
  };

  return {
    principals,
    resources,
    stats,
    counts,
    check(principal, action, resource) {
      const p = byId.get(principal);
      return p ? answerOf(p, action, resource) : { holds: 'never' };
    },
    edgesFrom(principal) {
      const p = byId.get(principal);
      const out: AccessEdge[] = [];
      if (p) for (let gi = 0; gi < resources.length; gi++) edgesOf(p, gi, out);
      return out;
    },
    edgesTo(resource) {
      const gi = resourceIndex.get(resource);
      const out: AccessEdge[] = [];
      if (gi !== undefined) for (const p of principals) edgesOf(p, gi, out);
      return out;
    },
    whoCan(action, resource) {
      const out: { principal: string; answer: AccessAnswer }[] = [];
      for (const p of principals) {
        const answer = answerOf(p, action, resource);
        if (answer.holds !== 'never') out.push({ principal: p.id, answer });
      }
      return out;
    },
    edges(limit = Infinity) {
      const out: AccessEdge[] = [];
      for (const p of principals) {
        const t = cells.get(p.id);
        if (!t) continue;
        // Skip principals with nothing: no class holds anywhere.
        let any = false;
        for (const c of t.values())
          for (const cls of c.classes)
            if (!isEmpty(cls.always) || cls.cells.size > 0 || cls.regions.length > 0) any = true;
        if (!any) continue;
        for (let gi = 0; gi < resources.length; gi++) {
          edgesOf(p, gi, out);
          if (out.length >= limit) return out.slice(0, limit);
        }
      }
      return out;
    },
  };
}

function addNote(e: AccessEdge, n: ConditionNote): void {
  const list = (e.conditions ??= []);
  if (
    !list.some(
      (x) => x.policyId === n.policyId && x.statementIndex === n.statementIndex && x.policyType === n.policyType,
    )
  )
    list.push(n);
}

const UNIQUE_ID = /^(AIDA|AROA)[A-Z0-9]{8,}$/;

/** The caller as the engine matches it against a resource policy: with the unique id of `aws:userid` (as `evaluate` does). */
function withUniqueId(c: Caller, ctx: Context): Caller {
  if (c.uniqueId !== undefined || (c.kind !== 'user' && c.kind !== 'role' && c.kind !== 'assumed-role')) return c;
  const v = ctx['aws:userid']?.value;
  if (typeof v !== 'string') return c;
  const colon = v.indexOf(':');
  const id = c.kind === 'assumed-role' && colon >= 0 ? v.slice(0, colon) : v;
  if (!UNIQUE_ID.test(id) || (c.kind === 'user') !== id.startsWith('AIDA')) return c;
  return { ...c, uniqueId: id };
}

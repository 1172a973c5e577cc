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
import { resourcesMatch } from '../engine/evaluate/resource';
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
import { andInto, andNotInto, has, isEmpty, ones, orInto, zeros, forEach } from './access/bitset';
import { keyRules } from './access/conditions';
import type { ConditionDependence, TypeGroup } from './access/statements';
import { actionMask, conditionDependence, foldedActions, resourceBits, resourceDependence } from './access/statements';
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
  /** Resources where they hold only under a condition, with the answer. */
  conditional: Map<number, AccessAnswer>;
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
  const groups = new Map<string, TypeGroup & { actions: TypedAction[]; local: number[] }>();
  resources.forEach((r, i) => {
    let g = groups.get(r.type);
    if (!g) {
      const actions = actionsFor(catalog, r.type);
      groups.set(
        r.type,
        (g = {
          type: r.type,
          global: [],
          arns: [],
          folded: foldedActions(actions),
          patterns: new Map(),
          actions,
          local: [],
        }),
      );
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

  const cells = new Map<string, Map<string, PrincipalTypeCells>>();
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
          classes: [{ actions: group.actions, always: zeros(group.arns.length), conditional: new Map() }],
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
    const memo = new Map<string, AccessAnswer>();
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
    const sameAccountBits = new Map<string, Bits>();

    for (const group of groups.values()) {
      const n = group.arns.length;
      const A = group.actions.length;
      // Which own statements name each action; the resource policies' statements of the type, too.
      const ownMasks = own.map((o) => actionMask(o.cs, group));
      const rpLocal: number[] = [];
      const rpLists = new Map<number, ResourceStatement[] | 'unsure'>();
      for (let li = 0; li < n; li++) {
        if (!resources[group.global[li]].hasPolicy) continue;
        const list = policyOf(group.arns[li]);
        if (list === undefined || (Array.isArray(list) && list.length === 0)) continue;
        rpLocal.push(li);
        rpLists.set(li, list);
      }
      const rpMaskCache = new Map<ResourceStatement, Uint8Array>();
      const rpMask = (s: ResourceStatement) => {
        let m = rpMaskCache.get(s);
        if (!m) rpMaskCache.set(s, (m = actionMask(s.cs, group)));
        return m;
      };
      // Classes: actions with the same own statements, the same resource statements and the same special rules.
      const signatureOf = (ai: number): string => {
        const action = group.actions[ai].action;
        let sig = '';
        for (let k = 0; k < own.length; k++) if (ownMasks[k][ai]) sig += `${k},`;
        sig += '|';
        for (const li of rpLocal) {
          const list = rpLists.get(li)!;
          if (list === 'unsure') continue;
          for (let k = 0; k < list.length; k++) if (rpMask(list[k])[ai]) sig += `${li}.${k},`;
        }
        const special =
          isAssumeRole(action, group.arns[0]) ||
          isKmsKey(action, group.arns[0]) ||
          (hasRcps && RCP_SERVICES.has(servicePrefix(action)));
        return special ? `!${ai}` : sig;
      };
      const classIds = new Map<string, number>();
      const members: number[][] = [];
      const classOf = new Map<string, number>();
      for (let ai = 0; ai < A; ai++) {
        const sig = signatureOf(ai);
        let c = classIds.get(sig);
        if (c === undefined) {
          c = members.length;
          classIds.set(sig, c);
          members.push([]);
        }
        members[c].push(ai);
        classOf.set(group.actions[ai].action, c);
      }
      let same = sameAccountBits.get(`${caller.account ?? ''}|${group.type}`);
      if (!same) {
        same = zeros(n);
        for (let li = 0; li < n; li++) {
          const acct = resourceAccountOf(resources[group.global[li]], caller.account);
          if (caller.account !== undefined && acct === caller.account) same[li >>> 5] |= 1 << (li & 31);
        }
        sameAccountBits.set(`${caller.account ?? ''}|${group.type}`, same);
      }

      const classes: ActionClass[] = members.map((list, c) => {
        counts.classes++;
        const actions = list.map((ai) => group.actions[ai]);
        const a0 = list[0];
        const action0 = group.actions[a0].action;
        const out: ActionClass = { actions, always: zeros(n), conditional: new Map() };
        const ask = (li: number): AccessAnswer => {
          counts.checked++;
          return checker(p, action0, group.arns[li]);
        };
        const record = (li: number, answer: AccessAnswer) => {
          if (answer.holds === 'always') out.always[li >>> 5] |= 1 << (li & 31);
          else if (answer.holds === 'conditional') out.conditional.set(li, answer);
        };
        if (signatureOf(a0).startsWith('!')) {
          for (let li = 0; li < n; li++) record(li, ask(li));
          return out;
        }
        // The certain bins, and the statements whose conditions stay open.
        const identityAllow = mode === 'all' ? ones(n) : zeros(n);
        const boundaryAllow = zeros(n);
        const deny = zeros(n);
        const scpAllow: Bits[] = [];
        for (let l = 0; l < scpLevels; l++) scpAllow.push(zeros(n));
        const open: { k: number; bits: Bits }[] = [];
        const perCell: Bits = zeros(n);
        for (let k = 0; k < own.length; k++) {
          if (!ownMasks[k][a0]) continue;
          const o = own[k];
          if (o.variables === 'cell') {
            orInto(perCell, ones(n));
            continue;
          }
          const bits = resourceBits(o.cs, group, ctx, o.variables === 'principal');
          if (o.cond === 'cell') {
            orInto(perCell, bits);
            continue;
          }
          if (o.cond === 'open') {
            open.push({ k, bits });
            continue;
          }
          if (o.deny) orInto(deny, bits);
          else if (o.bin === 'identity') orInto(identityAllow, bits);
          else if (o.bin === 'boundary') orInto(boundaryAllow, bits);
          else orInto(scpAllow[o.scpLevel], bits);
        }
        // Cells decided by the bitsets alone (no resource policy, no open statement).
        const base = mode === 'none' ? zeros(n) : ones(n);
        if (mode !== 'none') {
          andInto(base, same);
          if (mode === 'policies') andInto(base, identityAllow);
          if (hasBoundary) andInto(base, boundaryAllow);
          for (const s of scpAllow) andInto(base, s);
          andNotInto(base, deny);
        }
        const openAny = zeros(n);
        for (const o of open) orInto(openAny, o.bits);
        andNotInto(openAny, deny);
        orInto(out.always, base);
        // Cells of resources with a policy, and cells where an open statement matches: one by one.
        const special = zeros(n);
        orInto(special, openAny);
        orInto(special, perCell);
        for (const li of rpLocal) special[li >>> 5] |= 1 << (li & 31);
        const scpOk = (li: number) => {
          for (const s of scpAllow) if (!has(s, li)) return false;
          return true;
        };
        forEach(special, (li) => {
          out.always[li >>> 5] &= ~(1 << (li & 31));
          if (has(deny, li)) return;
          if (has(perCell, li)) return record(li, ask(li));
          const list = rpLists.get(li);
          if (list === 'unsure') return record(li, ask(li));
          // The resource policy's statements that match this action, this resource and this principal.
          let rpDeny = false;
          let rpDirect = false;
          let rpRole = false;
          let rpAny = false;
          let unsure = false;
          let sig = '';
          for (const s of list ?? []) {
            if (!rpMask(s)[a0]) continue;
            const cs = s.cs;
            const r = cs.resource
              ? resourcesMatch(cs.resource.compiled, group.arns[li], ctx)
              : cs.notResource
                ? !resourcesMatch(cs.notResource.compiled, group.arns[li], ctx)
                : false;
            if (!r) continue;
            const m = cs.principal ? matchPrincipal(cs.principal.compiled, caller) : undefined;
            if (!m) continue;
            const { dep, rdep } = depsOf(s);
            if (dep === 'cell' || rdep !== 'none') {
              unsure = true;
              continue;
            }
            if (dep === 'open') {
              sig += `${s.id}/${m.how},`;
              continue;
            }
            if (dep === 'principal' && !evaluateCondition(cs.condition!, ctx, TRUE_TRACE, 0)) continue;
            if (s.deny) rpDeny = true;
            else {
              rpAny = true;
              if (DIRECT.has(m.how)) rpDirect = true;
              else if (m.how === 'role') rpRole = true;
            }
          }
          if (rpDeny) return;
          if (unsure) return record(li, ask(li));
          const openHere = open.filter((o) => has(o.bits, li)).map((o) => o.k);
          if (openHere.length > 0 || sig !== '') {
            // Decided by open conditions: cells with the same deciding statements share one answer.
            const key = `${c}|${openHere.join(',')}|${sig}|${has(identityAllow, li) ? 1 : 0}${hasBoundary && has(boundaryAllow, li) ? 1 : 0}${scpOk(li) ? 1 : 0}${has(same, li) ? 1 : 0}${rpAny ? 1 : 0}${rpDirect ? 1 : 0}${rpRole ? 1 : 0}`;
            let answer = memo.get(key);
            if (answer) counts.shared++;
            else memo.set(key, (answer = ask(li)));
            return record(li, answer);
          }
          if (!scpOk(li)) return;
          if (mode === 'none') return rpAny ? record(li, { holds: 'always' }) : undefined;
          const sameAcct = has(same, li);
          if (sameAcct && rpDirect) return record(li, { holds: 'always' });
          if (!sameAcct && !rpAny) return;
          const identityNeeded = !(sameAcct && rpRole);
          if (identityNeeded && mode === 'policies' && !has(identityAllow, li)) return;
          if (hasBoundary && !has(boundaryAllow, li)) return;
          record(li, { holds: 'always' });
        });
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
        return cls.conditional.get(li) ?? { holds: 'never' };
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
      const cond = always ? undefined : cls.conditional.get(li);
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
          for (const cls of c.classes) if (!isEmpty(cls.always) || cls.conditional.size > 0) any = true;
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

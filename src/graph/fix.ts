/**
 * The fewest changes that cut every path to admin, proposed and proved: applied to a copy of the
 * world, escalations recomputed (none must be left), and the accesses the learner marks as
 * needed decided again.
 *
 * Every non-administrator must be left without a path, and each edge into `admin` (or into an
 * administrator) is by itself a path for the principal it starts from: so the minimum cut of the
 * escalation graph lies on those edges, and the question is which changes cut them with the fewest
 * changes. A change is a targeted Deny: one action on the resources it needs, in an inline policy
 * of the step's principal (one Deny of `iam:PassRole` on a role cuts every service that role could
 * be passed to), or, for `sts:AssumeRole` into an administrator role, one Deny statement in that
 * role's trust policy naming every principal that can assume it. Administrators' own access is
 * never touched, and a Deny that would stop an access marked as needed is not proposed. The
 * fewest changes are a set cover (`fix/cover.ts`). The result is proved by recomputation: the
 * changes are applied, `findEscalations` runs again (and, should a path be left, the proposal is
 * repeated on the changed world, at most three rounds), and each needed access is decided again.
 */
import type { Catalog } from '../catalog/types';
import type { PolicyDocument, World } from '../world/types';
import type { CheckOptions } from './check';
import { makeChecker } from './check';
import { findEscalations } from './escalation';
import { holders } from './escalation/facts';
import { smallestCover } from './fix/cover';
import type { EscalationStep, Escalations, FixChange, FixProposal, NeededAccess } from './types';
import { ADMIN } from './types';
import { graphPrincipals, statementsOf } from './world-nodes';

export interface FixOptions extends CheckOptions {
  needed?: NeededAccess[];
}

/** The name of the inline policy the fix adds its denies to. */
export const FIX_POLICY_NAME = 'iamplay-escalation-fix';

interface Candidate {
  change: FixChange;
  covers: number[];
}

const isNeeded = (needed: readonly NeededAccess[], principal: string, action: string, resource: string) =>
  needed.some(
    (n) =>
      n.principal === principal &&
      n.action.toLowerCase() === action.toLowerCase() &&
      (n.resource === resource || resource === '*'),
  );

function candidatesFor(
  world: World,
  esc: Escalations,
  cut: readonly EscalationStep[],
  needed: readonly NeededAccess[],
): Candidate[] {
  const hs = holders(world);
  const labels = new Map(graphPrincipals(world).map((p) => [p.id, p.label]));
  const name = (id: string) => labels.get(id) ?? id;
  const deny = new Map<string, { principal: string; action: string; resources: Set<string> }>();
  const trust = new Map<string, Set<string>>();
  cut.forEach((e) => {
    if (hs.has(e.from))
      for (const r of e.required) {
        if (isNeeded(needed, e.from, r.action, r.resource)) continue;
        const key = `${e.from} ${r.action}`;
        if (!deny.has(key)) deny.set(key, { principal: e.from, action: r.action, resources: new Set() });
        deny.get(key)!.resources.add(r.resource);
      }
    if (e.kind === 'sts:AssumeRole' && esc.admins.includes(e.to) && !isNeeded(needed, e.from, 'sts:AssumeRole', e.to)) {
      if (!trust.has(e.to)) trust.set(e.to, new Set());
      trust.get(e.to)!.add(e.from);
    }
  });
  const out: Candidate[] = [];
  // Specific resources before `*`: a Deny on `*` stops more than the path.
  const specific = [...deny.values()].sort((a, b) => Number(a.resources.has('*')) - Number(b.resources.has('*')));
  for (const d of specific) {
    const resources = [...d.resources].sort();
    const covers = cut.flatMap((e, i) =>
      e.from === d.principal && e.required.some((r) => r.action === d.action && d.resources.has(r.resource)) ? [i] : [],
    );
    out.push({
      covers,
      change: {
        description: `Deny ${d.action} on ${resources.join(', ')} for ${name(d.principal)}`,
        principal: d.principal,
        kind: 'add-deny',
        actions: [d.action],
        resources,
        place: 'inline-policy',
      },
    });
  }
  for (const [role, froms] of trust) {
    const denied = [...froms];
    const covers = cut.flatMap((e, i) =>
      e.kind === 'sts:AssumeRole' && e.to === role && froms.has(e.from) ? [i] : [],
    );
    out.push({
      covers,
      change: {
        description: `Deny sts:AssumeRole to ${denied.map(name).join(', ')} in the trust policy of ${name(role)}`,
        principal: role,
        kind: 'add-deny',
        actions: ['sts:AssumeRole'],
        resources: [role],
        place: 'trust-policy',
        denied,
      },
    });
  }
  return out;
}

/** A copy of the world with the changes applied. */
export function applyFix(world: World, changes: readonly FixChange[]): World {
  const w = structuredClone(world);
  const hs = holders(w);
  for (const c of changes) {
    if (c.kind !== 'add-deny') continue;
    const h = hs.get(c.principal);
    const holder = h?.user ?? h?.role;
    if (!holder) continue;
    if (c.place === 'trust-policy' && h?.role) {
      const doc = h.role.trustPolicy;
      const value = (typeof doc === 'string' ? JSON.parse(doc) : structuredClone(doc)) as Record<string, unknown>;
      const statements = statementsOf(value as PolicyDocument);
      statements.push({
        Sid: `EscalationFix${statements.length}`,
        Effect: 'Deny',
        Principal: { AWS: [...(c.denied ?? [])] },
        Action: 'sts:AssumeRole',
      });
      value.Statement = statements;
      h.role.trustPolicy = value;
      continue;
    }
    const policies = (holder.inlinePolicies ??= []);
    let fix = policies.find((p) => p.name === FIX_POLICY_NAME);
    if (!fix) policies.push((fix = { name: FIX_POLICY_NAME, document: { Version: '2012-10-17', Statement: [] } }));
    const doc = (typeof fix.document === 'string' ? JSON.parse(fix.document) : fix.document) as Record<string, unknown>;
    const statements = statementsOf(doc as PolicyDocument);
    statements.push({ Effect: 'Deny', Action: c.actions, Resource: c.resources });
    doc.Statement = statements;
    fix.document = doc;
  }
  return w;
}

export function proposeFix(
  world: World,
  catalog: Catalog,
  options: FixOptions = {},
): { proposal: FixProposal; world: World } {
  const needed = options.needed ?? [];
  const opts: CheckOptions = { ...options, now: options.now ?? Date.now() };
  delete (opts as FixOptions).needed;
  let current = world;
  let esc = findEscalations(current, catalog, opts);
  const changes: FixChange[] = [];
  for (let round = 0; round < 3 && esc.paths.length > 0; round++) {
    const admins = new Set(esc.admins);
    const cut = esc.edges.filter((e) => e.to === ADMIN || admins.has(e.to));
    const candidates = candidatesFor(current, esc, cut, needed);
    const chosen = smallestCover(cut.length, candidates);
    const picked = chosen
      ? chosen.map((i) => candidates[i].change)
      : // Some edge cannot be cut without stopping a needed access: cut the others.
        candidates.map((c) => c.change);
    if (picked.length === 0) break;
    changes.push(...picked);
    current = applyFix(current, picked);
    esc = findEscalations(current, catalog, opts);
  }
  const check = makeChecker(current, opts);
  const principals = new Map(graphPrincipals(current).map((p) => [p.id, p]));
  return {
    proposal: {
      changes,
      remaining: esc.paths,
      needed: needed.map((n) => {
        const p = principals.get(n.principal);
        return { ...n, holds: p ? check(p, n.action, n.resource).holds : 'never' };
      }),
    },
    world: current,
  };
}

/**
 * The escalation edges of a world: for each principal (users and roles that are not
 * administrators, and the other accounts that trust policies name), each technique and each
 * target it can have, the required actions decided by the checker. A step exists when no required
 * action is `never`; it is `conditional` when some action holds only under a condition. Where the
 * effect of a step depends on more than the permission to take it (a new policy version, a group
 * joined, a rewritten trust policy), the effect is applied to a copy of the world and the engine
 * judges the result: a boundary or an SCP that would still stop the principal removes the step.
 */
import type { ContextValue } from '../../engine/model';
import type { World } from '../../world/types';
import type { Checker, CheckOptions } from '../check';
import { makeChecker } from '../check';
import type { ConditionNote, EscalationStep, GraphPrincipal, Holds, RequiredAction } from '../types';
import { ADMIN } from '../types';
import { isAdmin } from './admin';
import type { Holder } from './facts';
import {
  customerPoliciesOf,
  existingResources,
  identityMayAllow,
  trustMayAdmit,
  trustNames,
  groupArn,
  groupsOf,
  withAllowAll,
  withDefaultVersion,
  withGroup,
  withTrust,
} from './facts';
import type { Technique } from './techniques';
import { TECHNIQUES } from './techniques';

/** A checker that remembers its answers. */
export function cached(check: Checker): Checker {
  const memo = new Map<string, ReturnType<Checker>>();
  return (p, action, resource) => {
    const key = `${p.id}\u0000${action}\u0000${resource}`;
    let a = memo.get(key);
    if (!a) memo.set(key, (a = check(p, action, resource)));
    return a;
  };
}

export interface EdgeWorld {
  world: World;
  options: CheckOptions;
  principals: readonly GraphPrincipal[];
  byId: Map<string, GraphPrincipal>;
  holders: Map<string, Holder>;
  check: Checker;
  admins: Set<string>;
}

interface Candidate {
  to: string;
  /** The ARN the `target` slot stands for. */
  target?: string;
  role?: string;
  resource?: string;
  /** Actions needed before the technique's own (a key to delete first, an instance profile to make). */
  before?: { action: string; resource: string }[];
  /** A judgement on a changed world: the step exists only when it holds. */
  judge?: () => Holds;
}

const label = (ew: EdgeWorld, id: string) => (id === ADMIN ? 'admin' : (ew.byId.get(id)?.label ?? lastPart(id)));

export function lastPart(arn: string): string {
  const i = Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':'));
  return arn.slice(i + 1);
}

function serviceChecker(ew: EdgeWorld, memo: Map<string, Checker>, service: string): Checker {
  let c = memo.get(service);
  if (!c) {
    const keys: Record<string, ContextValue> = { ...(ew.options.context?.keys ?? {}), 'iam:PassedToService': service };
    c = cached(makeChecker(ew.world, { ...ew.options, context: { ...ew.options.context, keys } }));
    memo.set(service, c);
  }
  return c;
}

export function findEdges(ew: EdgeWorld): EscalationStep[] {
  const steps: EscalationStep[] = [];
  const passChecks = new Map<string, Checker>();
  const trusted = new Map<string, boolean>();
  const grantedAdmin = new Map<string, Holds>();
  const adminIn = (world: World, p: GraphPrincipal): Holds =>
    isAdmin(makeChecker(world, ew.options), p) ? 'always' : 'never';
  const adminIfGranted = (h: Holder, p: GraphPrincipal): Holds => {
    let v = grantedAdmin.get(h.arn);
    if (v === undefined) grantedAdmin.set(h.arn, (v = adminIn(withAllowAll(ew.world, h), p)));
    return v;
  };
  const trusts = (service: string, role: string): boolean => {
    const key = `${service} ${role}`;
    let v = trusted.get(key);
    if (v === undefined) {
      const svc: GraphPrincipal = { id: service, kind: 'service', requestAs: service, label: service };
      // A trust policy that does not spell the service (or `*`) cannot let it in.
      const text = JSON.stringify(ew.holders.get(role)?.role?.trustPolicy ?? '');
      const named = text.includes(service) || text.includes('"*"');
      trusted.set(key, (v = named && ew.check(svc, 'sts:AssumeRole', role).holds !== 'never'));
    }
    return v;
  };
  // Resources whose own policy may allow an action without an identity statement.
  const withPolicy = new Set((ew.world.resources ?? []).filter((r) => r.policy !== undefined).map((r) => r.arn));
  const namesOf = new Map<string, Set<string> | 'any'>();
  const mayAllow = new Map<string, (action: string) => boolean>();
  /**
   * False when the checker need not be asked: `sts:AssumeRole` into a role whose trust policy names
   * neither the principal, its account nor `*`; any other action that no identity statement names,
   * on a resource without a policy of its own.
   */
  const worthAsking = (p: GraphPrincipal, action: string, resource: string): boolean => {
    if (action === 'sts:AssumeRole') {
      const r = ew.holders.get(resource);
      if (r?.role) {
        let names = namesOf.get(resource);
        if (names === undefined) namesOf.set(resource, (names = trustNames(r.role.trustPolicy)));
        if (!trustMayAdmit(names, p)) return false;
      }
    }
    const h = ew.holders.get(p.id);
    if (!h) return true;
    let may = mayAllow.get(p.id);
    if (!may) mayAllow.set(p.id, (may = identityMayAllow(ew.world, h, ew.options.managedPolicy)));
    if (may(action)) return true;
    // The trust policy may admit the principal by name, without an identity allow.
    if (action === 'sts:AssumeRole') return true;
    return withPolicy.has(resource);
  };
  const roles = [...ew.holders.values()].filter((h) => h.kind === 'role');
  const users = [...ew.holders.values()].filter((h) => h.kind === 'user');
  const byService = new Map<string, Holder[]>();
  const trustingRoles = (service: string): Holder[] => {
    let list = byService.get(service);
    if (!list) byService.set(service, (list = roles.filter((r) => trusts(service, r.arn))));
    return list;
  };
  /** False when a technique cannot apply to the principal at all: an action it needs on IAM or on a new resource (never granted by a resource policy) that no identity statement of the principal names. */
  const mayUse = (t: Technique, p: GraphPrincipal): boolean => {
    const h = ew.holders.get(p.id);
    if (!h) return true;
    let may = mayAllow.get(p.id);
    if (!may) mayAllow.set(p.id, (may = identityMayAllow(ew.world, h, ew.options.managedPolicy)));
    return t.required.every((r) => r.action === 'sts:AssumeRole' || r.on === 'resource' || may(r.action));
  };

  for (const p of ew.principals) {
    if (ew.admins.has(p.id)) continue;
    const h = ew.holders.get(p.id);
    const external = p.kind === 'account';
    if (!h && !external) continue;
    for (const t of TECHNIQUES) {
      if (external && t.id !== 'sts:AssumeRole') continue;
      if (t.actor && t.actor !== h?.kind) continue;
      if (!mayUse(t, p)) continue;
      for (const c of candidates(t, p, h)) {
        const step = decide(t, p, c);
        if (step) steps.push(step);
      }
    }
  }
  return steps;

  function candidates(t: Technique, p: GraphPrincipal, h: Holder | undefined): Candidate[] {
    const account = p.account;
    switch (t.target) {
      case 'other-user':
        return users
          .filter((u) => u.account === account && u.arn !== p.id)
          .flatMap((u): Candidate[] => {
            const user = u.user!;
            const mfa = (user.mfaDevices ?? []).length > 0;
            if (t.id === 'iam:CreateAccessKey') {
              const full = (user.accessKeys ?? []).length >= 2;
              return [
                { to: u.arn, target: u.arn, before: full ? [{ action: 'iam:DeleteAccessKey', resource: u.arn }] : [] },
              ];
            }
            // The console asks a user with an MFA device for a code: a password alone does not sign in.
            if (mfa) return [];
            if (t.id === 'iam:CreateLoginProfile' && user.loginProfile) return [];
            if (t.id === 'iam:UpdateLoginProfile' && !user.loginProfile) return [];
            return [{ to: u.arn, target: u.arn }];
          });
      case 'role':
        if (t.id === 'sts:AssumeRole')
          return roles.filter((r) => r.arn !== p.id).map((r) => ({ to: r.arn, target: r.arn }));
        return roles
          .filter((r) => r.account === account && r.arn !== p.id && !r.role?.serviceLinked)
          .map((r) => ({
            to: r.arn,
            target: r.arn,
            // The step rewrites the trust policy to name the principal; the engine then decides the assume.
            judge: () => makeChecker(withTrust(ew.world, r.arn, h!.arn), ew.options)(p, 'sts:AssumeRole', r.arn).holds,
          }));
      case 'assumable-role':
        return roles
          .filter((r) => r.account === account && r.arn !== p.id && !ew.admins.has(r.arn))
          .map((r) => ({
            to: ADMIN,
            target: r.arn,
            // The role, given everything, must then be an administrator (its boundary, SCPs still apply).
            judge: () => {
              const rp = ew.byId.get(r.arn);
              return rp ? adminIfGranted(r, rp) : 'never';
            },
          }));
      case 'self':
        return [{ to: ADMIN, target: p.id, judge: () => adminIfGranted(h!, p) }];
      case 'own-group':
        return groupsOf(ew.world, h!.user!).map((g) => ({
          to: ADMIN,
          target: groupArn(g),
          judge: () => adminIfGranted(h!, p),
        }));
      case 'group': {
        const mine = new Set(h!.user!.groups ?? []);
        return (ew.world.groups ?? [])
          .filter((g) => g.account === account && !mine.has(g.name))
          .map((g) => ({
            to: ADMIN,
            target: groupArn(g),
            judge: () => adminIn(withGroup(ew.world, h!, g.name), p),
          }));
      }
      case 'own-policy':
        return customerPoliciesOf(ew.world, h!).flatMap((arn): Candidate[] => {
          const m = (ew.world.managedPolicies ?? []).find((x) => x.arn === arn)!;
          if (t.id === 'iam:CreatePolicyVersion') {
            // IAM keeps at most five versions: a sixth needs one deleted first.
            const full = m.versions.length >= 5;
            return [
              {
                to: ADMIN,
                target: arn,
                before: full ? [{ action: 'iam:DeletePolicyVersion', resource: arn }] : [],
                judge: () => adminIfGranted(h!, p),
              },
            ];
          }
          const others = m.versions.filter((v) => v.versionId !== m.defaultVersion);
          if (others.length === 0) return [];
          return [
            {
              to: ADMIN,
              target: arn,
              judge: () =>
                others.some((v) => adminIn(withDefaultVersion(ew.world, arn, v.versionId), p) === 'always')
                  ? 'always'
                  : 'never',
            },
          ];
        });
      case 'passed-role':
        return trustingRoles(t.service!)
          .filter((r) => r.account === account && r.arn !== p.id)
          .map((r): Candidate => {
            const c: Candidate = { to: r.arn, role: r.arn };
            if (t.service === 'ec2.amazonaws.com' && (r.role?.instanceProfiles ?? []).length === 0) {
              const profile = `arn:aws:iam::${r.account}:instance-profile/${r.role!.name}`;
              c.before = [
                { action: 'iam:CreateInstanceProfile', resource: profile },
                { action: 'iam:AddRoleToInstanceProfile', resource: profile },
              ];
            }
            return c;
          });
      case 'existing':
        return existingResources(ew.world, t.existing!)
          .filter((x) => x.account === account && x.role !== p.id)
          .map((x) => ({ to: x.role, role: x.role, resource: x.arn }));
    }
  }

  function decide(t: Technique, p: GraphPrincipal, c: Candidate): EscalationStep | undefined {
    const wanted: { action: string; resource: string; check: Checker; context?: Record<string, ContextValue> }[] = [];
    for (const b of c.before ?? []) wanted.push({ action: b.action, resource: b.resource, check: ew.check });
    for (const r of t.required) {
      const resource =
        r.on === '*'
          ? '*'
          : r.on === 'self'
            ? p.id
            : r.on === 'target'
              ? c.target
              : r.on === 'role'
                ? c.role
                : c.resource;
      if (!resource) return undefined;
      if (r.action === 'iam:PassRole' && t.service)
        wanted.push({
          action: r.action,
          resource,
          check: serviceChecker(ew, passChecks, t.service),
          context: { 'iam:PassedToService': t.service },
        });
      else wanted.push({ action: r.action, resource, check: ew.check });
    }
    // Ask the shared `*` actions first: they are cached across targets and most often fail.
    const order = [...wanted.keys()].sort(
      (a, b) => Number(wanted[b].resource === '*') - Number(wanted[a].resource === '*'),
    );
    const answers: ReturnType<Checker>[] = [];
    for (const i of order) {
      const w = wanted[i];
      if (!worthAsking(p, w.action, w.resource)) return undefined;
      const a = w.check(p, w.action, w.resource);
      if (a.holds === 'never') return undefined;
      answers[i] = a;
    }
    const judged = c.judge ? c.judge() : 'always';
    if (judged === 'never') return undefined;
    const required: RequiredAction[] = wanted.map((w, i) => {
      const r: RequiredAction = {
        action: w.action,
        resource: w.resource,
        holds: answers[i].holds as 'always' | 'conditional',
      };
      const notes: ConditionNote[] | undefined = answers[i].conditions;
      if (notes?.length) r.conditions = notes;
      if (w.context) r.context = w.context;
      return r;
    });
    const holds =
      required.some((r) => r.holds === 'conditional') || judged === 'conditional' ? 'conditional' : 'always';
    const resource = c.resource ?? c.target ?? c.role ?? '';
    return {
      from: p.id,
      to: c.to,
      kind: t.id,
      category: t.category,
      actions: required.map((r) => r.action),
      required,
      holds,
      description: t.description
        .replaceAll('{from}', p.label)
        .replaceAll('{to}', label(ew, c.to))
        .replaceAll('{resource}', lastPart(resource)),
    };
  }
}

/**
 * Over-broad grants, as IAM Access Analyzer reports them (SECURITY_WARNING): `Allow` with
 * `NotAction`, `NotResource` or `NotPrincipal`; `iam:PassRole` on `*`; a public principal with no
 * condition; full access (`*` on `*`); permissions-management actions on `*`.
 */
import type { Statement } from '../model';
import type { Ctx } from './context';
import { globMatch } from './glob';
import { resolveAction } from './resolve';

const GRANTING = new Set(['identity', 'resource', 'session', 'trust']);

function passRole(ctx: Ctx, value: string): boolean {
  if (!ctx.catalog) return globMatch(value, 'iam:PassRole', true);
  return resolveAction(value, ctx.catalog).actions.some((a) => a.fullName === 'iam:PassRole');
}

function check(ctx: Ctx, s: Statement): void {
  if (s.effect?.value !== 'Allow') return;
  const grants = GRANTING.has(ctx.type);
  if (s.notAction && grants) {
    ctx.report(
      'validate.allow-with-notaction',
      '`Allow` with `NotAction` allows every action not listed, in every service',
      s.notAction.range,
      'This includes services that do not exist yet. List the allowed actions in `Action` instead, or use NotAction with "Deny".',
    );
  }
  if (s.notResource && grants) {
    ctx.report(
      'validate.allow-with-notresource',
      '`Allow` with `NotResource` allows every resource not listed',
      s.notResource.range,
      'This includes resources created later and in other accounts. List the allowed resources in `Resource`.',
    );
  }
  if (s.notPrincipal) {
    ctx.report(
      'validate.allow-with-notprincipal',
      '`Allow` with `NotPrincipal` allows everyone not listed, anonymous callers included',
      s.notPrincipal.range,
      'Name the allowed principals in `Principal` instead.',
    );
  }
  const star = s.resource?.values.find((v) => v.value === '*');
  const actions = s.action?.values ?? [];
  const full = actions.find((a) => a.value === '*' || a.value === '*:*');
  if (full && star && (ctx.type === 'identity' || ctx.type === 'resource')) {
    ctx.report(
      'validate.full-access',
      'the statement allows every action on every resource',
      full.range,
      'This is administrator access. Grant the actions the job needs, on the resources it needs.',
    );
    return;
  }
  if (star && grants) {
    const pr = actions.find((a) => passRole(ctx, a.value));
    if (pr) {
      ctx.report(
        'validate.passrole-on-star',
        '`iam:PassRole` on `*` lets the principal pass any role to a service',
        star.range,
        'A principal that can pass an administrator role to EC2 or Lambda can act as that role. Name the roles it may pass: "Resource": "arn:aws:iam::111122223333:role/app-*".',
      );
    }
    if (ctx.catalog) {
      const pm = actions.find(
        (a) =>
          a.value !== '*' &&
          resolveAction(a.value, ctx.catalog!).actions.some(
            (x) => x.accessLevel === 'Permissions management' && x.fullName !== 'iam:PassRole',
          ),
      );
      if (pm) {
        ctx.report(
          'validate.permissions-management-on-star',
          `\`${pm.value}\` grants permissions-management actions on every resource`,
          pm.range,
          'Actions that change permissions (policies, grants, ACLs) on "*" can be used to escalate privileges. Limit them to named resources.',
        );
      }
    }
  }
  const p = s.principal;
  if (p && !s.condition && (ctx.type === 'resource' || ctx.type === 'trust')) {
    const anyone =
      p.anyone || p.entries.some((e) => e.type.value === 'AWS' && e.values.values.some((v) => v.value === '*'));
    if (anyone) {
      ctx.report(
        'validate.public-principal',
        'the statement allows anyone, with no condition',
        p.range,
        'Principal "*" includes every AWS account and anonymous callers. Name the principals, or add a condition such as aws:PrincipalOrgID or aws:SourceAccount.',
      );
    }
  }
}

export function checkSecurity(ctx: Ctx): void {
  for (const s of ctx.policy.statements) check(ctx, s);
}

/**
 * Plain-English summaries of a policy, statement by statement, in the spirit of the IAM console's
 * policy summary: counts of actions by access level per service, the resources and the
 * conditions. "Allows 1 read action in Amazon S3 on objects in bucket `reports`, only from
 * `10.0.0.0/8`". Pure data out; the UI renders it.
 */
import type { AccessLevel, ActionInfo, Catalog } from '../catalog';
import type { Range } from '../engine/diagnostics';
import type { ConditionOperatorEntry, Policy, PrincipalElement, Statement, ValueList } from '../engine/model';
import { globsIntersect, parseOperator, resolveAction } from '../engine/validate';

export const LEVELS: AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

export interface ServiceSummary {
  prefix: string;
  name: string;
  /** Matched actions by access level (levels with none are left out). */
  levels: Partial<Record<AccessLevel, number>>;
  /** Matched actions in this service. */
  count: number;
  /** Actions the service has. */
  total: number;
  /** `Full access` or `Limited: List, Read` (as the console writes it). */
  access: string;
}

export interface StatementSummary {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny' | 'unknown';
  range: Range;
  /** True when the statement uses NotAction: the services list what is excluded. */
  exceptActions: boolean;
  services: ServiceSummary[];
  /** Action values that match nothing in the catalogue. */
  unknownActions: string[];
  resources: string;
  conditions: string[];
  principals?: string;
  /** The whole sentence. */
  text: string;
}

export interface PolicySummary {
  statements: StatementSummary[];
  /** Per service, what the Allow statements grant (before Denies), as in the console's table. */
  allowed: ServiceSummary[];
}

const tick = (s: string) => `\`${s}\``;

function orList(items: string[], word = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

function serviceSummaries(actions: ActionInfo[], catalog: Catalog): ServiceSummary[] {
  const by = new Map<string, ActionInfo[]>();
  for (const a of actions) {
    const l = by.get(a.service);
    if (l) l.push(a);
    else by.set(a.service, [a]);
  }
  return [...by.entries()].map(([prefix, list]) => {
    const service = catalog.service(prefix)!;
    const levels: Partial<Record<AccessLevel, number>> = {};
    for (const a of list) levels[a.accessLevel] = (levels[a.accessLevel] ?? 0) + 1;
    const present = LEVELS.filter((l) => levels[l]);
    return {
      prefix,
      name: service.name,
      levels,
      count: list.length,
      total: service.actions.length,
      access: list.length === service.actions.length ? 'Full access' : `Limited: ${present.join(', ')}`,
    };
  });
}

function actionsPhrase(services: ServiceSummary[], all: boolean): string {
  if (all) return 'every action in every service';
  if (services.length === 0) return 'no known action';
  return orList(
    services.map((s) => {
      if (s.count === s.total) return `all ${s.total} actions in ${s.name}`;
      const parts = LEVELS.filter((l) => s.levels[l]).map((l) => `${s.levels[l]} ${l.toLowerCase()}`);
      return `${orList(parts, 'and')} action${s.count === 1 ? '' : 's'} in ${s.name}`;
    }),
    'and',
  );
}

/** Describes one resource ARN the way a person would: "objects in bucket `reports`", "role `app`". */
function describeResource(arn: string, actions: ActionInfo[], catalog: Catalog): string {
  if (arn === '*') return 'all resources';
  const s3 = /^arn:aws[a-z-]*:s3:::([^/]+)(\/(.*))?$/.exec(arn);
  if (s3) {
    if (s3[2] === undefined) return `bucket ${tick(s3[1])}`;
    if (s3[3] === '*') return `objects in bucket ${tick(s3[1])}`;
    return `objects ${tick(s3[3])} in bucket ${tick(s3[1])}`;
  }
  const tried = new Set<string>();
  for (const a of actions) {
    for (const rt of a.resourceTypes) {
      const key = `${a.service}:${rt.name}`;
      if (tried.has(key)) continue;
      tried.add(key);
      const info = catalog.resourceType(a.service, rt.name);
      if (info && globsIntersect(info.arn.replace(/\$\{[^}]*\}/g, '*'), arn.replace(/\$\{[^}]*\}/g, '*')))
        return `${rt.name} ${tick(arn)}`;
    }
  }
  return tick(arn);
}

function resourcesPhrase(s: Statement, actions: ActionInfo[], catalog: Catalog): string {
  const list = (l: ValueList) =>
    orList(
      l.values.map((v) => describeResource(v.value, actions, catalog)),
      'and',
    );
  if (s.resource) return s.resource.values.some((v) => v.value === '*') ? 'on all resources' : `on ${list(s.resource)}`;
  if (s.notResource) return `on every resource except ${list(s.notResource)}`;
  return '';
}

const OPERATOR_WORDS: Record<string, string> = {
  StringEquals: 'is',
  StringNotEquals: 'is not',
  StringEqualsIgnoreCase: 'is (ignoring case)',
  StringNotEqualsIgnoreCase: 'is not (ignoring case)',
  StringLike: 'matches',
  StringNotLike: 'does not match',
  NumericEquals: 'equals',
  NumericNotEquals: 'does not equal',
  NumericLessThan: 'is less than',
  NumericLessThanEquals: 'is at most',
  NumericGreaterThan: 'is greater than',
  NumericGreaterThanEquals: 'is at least',
  DateEquals: 'is',
  DateNotEquals: 'is not',
  DateLessThan: 'is before',
  DateLessThanEquals: 'is at or before',
  DateGreaterThan: 'is after',
  DateGreaterThanEquals: 'is at or after',
  Bool: 'is',
  BinaryEquals: 'is',
  IpAddress: 'is in',
  NotIpAddress: 'is not in',
  ArnEquals: 'matches',
  ArnLike: 'matches',
  ArnNotEquals: 'does not match',
  ArnNotLike: 'does not match',
};

function conditionPhrases(condition: ConditionOperatorEntry[] | undefined): string[] {
  const out: string[] = [];
  for (const op of condition ?? []) {
    const parsed = parseOperator(op.operator.value);
    for (const k of op.keys) {
      const key = k.key.value;
      const lower = key.toLowerCase();
      const values = k.values.map((v) => tick(v.value));
      const vals = orList(values);
      if (!parsed) {
        out.push(`when ${tick(key)} passes the unknown operator ${tick(op.operator.value)}`);
        continue;
      }
      const first = k.values[0]?.value.toLowerCase();
      if (parsed.base === 'Null') {
        out.push(`when ${tick(key)} is ${first === 'true' ? 'absent' : 'present'}`);
      } else if (lower === 'aws:sourceip' && (parsed.base === 'IpAddress' || parsed.base === 'NotIpAddress')) {
        out.push(parsed.base === 'IpAddress' ? `only from ${vals}` : `except from ${vals}`);
      } else if (lower === 'aws:securetransport' && parsed.base === 'Bool') {
        out.push(first === 'true' ? 'only over TLS' : 'only without TLS');
      } else if (lower === 'aws:multifactorauthpresent' && parsed.base === 'Bool') {
        out.push(
          first === 'true'
            ? 'only with MFA'
            : `when MFA was not used${parsed.ifExists ? ' (or the key is absent)' : ''}`,
        );
      } else {
        const set =
          parsed.set === 'ForAllValues' ? 'every value of ' : parsed.set === 'ForAnyValue' ? 'any value of ' : '';
        out.push(
          `when ${set}${tick(key)} ${OPERATOR_WORDS[parsed.base] ?? parsed.base} ${vals}${parsed.ifExists ? ' (if present)' : ''}`,
        );
      }
    }
  }
  return out;
}

function principalsPhrase(p: PrincipalElement | undefined, not: boolean): string | undefined {
  if (!p) return undefined;
  if (p.anyone) return not ? 'to nobody (everyone is excluded)' : 'to anyone';
  const who = p.entries.flatMap((e) =>
    e.values.values.map((v) =>
      v.value === '*' && e.type.value === 'AWS'
        ? 'anyone'
        : `${e.type.value === 'AWS' ? '' : e.type.value.toLowerCase() + ' '}${tick(v.value)}`,
    ),
  );
  return `${not ? 'to everyone except' : 'to'} ${orList(who, 'and')}`;
}

export function summarizeStatement(s: Statement, catalog: Catalog): StatementSummary {
  const effect = s.effect?.value === 'Allow' || s.effect?.value === 'Deny' ? s.effect.value : 'unknown';
  const list = s.action ?? s.notAction;
  const seen = new Set<ActionInfo>();
  const unknownActions: string[] = [];
  let all = false;
  for (const v of list?.values ?? []) {
    const r = resolveAction(v.value, catalog);
    if (r.kind === 'all') all = true;
    if (r.actions.length === 0) unknownActions.push(v.value);
    for (const a of r.actions) seen.add(a);
  }
  const actions = [...seen];
  const services = all ? [] : serviceSummaries(actions, catalog);
  const exceptActions = !s.action && !!s.notAction;
  const resources = resourcesPhrase(s, actions, catalog);
  const conditions = conditionPhrases(s.condition);
  const principals = principalsPhrase(s.principal, false) ?? principalsPhrase(s.notPrincipal, true);
  const verb = effect === 'Allow' ? 'Allows' : effect === 'Deny' ? 'Denies' : 'Would apply to';
  const what = exceptActions
    ? all
      ? 'nothing (every action is excluded)'
      : `every action except ${actionsPhrase(services, false)}`
    : actionsPhrase(services, all);
  const parts = [`${verb} ${what}`];
  if (resources) parts.push(resources);
  if (principals) parts.push(principals);
  let text = parts.join(' ');
  if (conditions.length) text += `, ${orList(conditions, 'and')}`;
  if (unknownActions.length) text += ` (not recognised: ${unknownActions.map(tick).join(', ')})`;
  const out: StatementSummary = {
    index: s.index,
    effect,
    range: s.range,
    exceptActions,
    services,
    unknownActions,
    resources,
    conditions,
    text,
  };
  if (s.sid) out.sid = s.sid.value;
  if (principals) out.principals = principals;
  return out;
}

export function summarizePolicy(policy: Policy, catalog: Catalog): PolicySummary {
  const statements = policy.statements.map((s) => summarizeStatement(s, catalog));
  const granted = new Set<ActionInfo>();
  for (const s of policy.statements) {
    if (s.effect?.value !== 'Allow' || !s.action) continue;
    for (const v of s.action.values) for (const a of resolveAction(v.value, catalog).actions) granted.add(a);
  }
  return { statements, allowed: serviceSummaries([...granted], catalog) };
}

/**
 * The nodes of the access graph, read from a world: its principals (users, roles standing for
 * their sessions, root users, the other accounts and services its policies name, anonymous) and
 * its resources (each resource and S3 object, and the IAM users, groups, roles and customer
 * managed policies as resources of IAM), each with the catalogue's resource type.
 */
import type { Catalog } from '../catalog/types';
import type { PolicyDocument, World } from '../world/types';
import type { GraphPrincipal, GraphResource } from './types';

const ACCOUNT = /^\d{12}$/;

/** The role session name the graph's requests use (`arn:aws:sts::ACCOUNT:assumed-role/NAME/graph`). */
export const SESSION_NAME = 'graph';

export function iamArn(kind: 'user' | 'role' | 'group', account: string, name: string, path?: string): string {
  return `arn:aws:iam::${account}:${kind}${path ?? '/'}${name}`;
}

/** The statements of a policy document, read leniently (a document that is not JSON has none here). */
export function statementsOf(doc: PolicyDocument | undefined): Record<string, unknown>[] {
  if (doc === undefined) return [];
  let value: unknown = doc;
  if (typeof doc === 'string') {
    try {
      value = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  if (!value || typeof value !== 'object') return [];
  const st = (value as Record<string, unknown>).Statement;
  const list = Array.isArray(st) ? st : st && typeof st === 'object' ? [st] : [];
  return list.filter((s): s is Record<string, unknown> => !!s && typeof s === 'object' && !Array.isArray(s));
}

const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The `AWS` and `Service` principals a document's `Principal` elements name. */
function namedPrincipals(doc: PolicyDocument | undefined): { aws: string[]; services: string[] } {
  const aws: string[] = [];
  const services: string[] = [];
  for (const s of statementsOf(doc)) {
    const p = s.Principal;
    if (p && typeof p === 'object') {
      const o = p as Record<string, unknown>;
      for (const a of strings(o.AWS)) if (a !== '*') aws.push(a);
      services.push(...strings(o.Service));
    }
  }
  return { aws, services };
}

/** The account a principal named in a policy belongs to (`123456789012`, `arn:aws:iam::123456789012:root`, a user ARN). */
function accountOfNamed(name: string): string | undefined {
  if (ACCOUNT.test(name)) return name;
  const m = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(name);
  return m ? m[1] : undefined;
}

/** The principals of a world, users and roles first (in the world's order), then roots, other accounts, services, anonymous. */
export function graphPrincipals(world: World): GraphPrincipal[] {
  const out: GraphPrincipal[] = [];
  const known = new Set(world.accounts.map((a) => a.id));
  for (const u of world.users ?? []) {
    const arn = iamArn('user', u.account, u.name, u.path);
    const p: GraphPrincipal = { id: arn, kind: 'user', requestAs: arn, label: u.name, account: u.account };
    p.path = u.path ?? '/';
    if (u.groups?.length) p.groups = [...u.groups];
    if (u.tags) p.tags = { ...u.tags };
    out.push(p);
  }
  for (const r of world.roles ?? []) {
    const arn = iamArn('role', r.account, r.name, r.path);
    const p: GraphPrincipal = {
      id: arn,
      kind: 'role',
      requestAs: `arn:aws:sts::${r.account}:assumed-role/${r.name}/${SESSION_NAME}`,
      label: r.name,
      account: r.account,
    };
    p.path = r.path ?? '/';
    if (r.tags) p.tags = { ...r.tags };
    out.push(p);
  }
  for (const a of world.accounts) {
    const arn = `arn:aws:iam::${a.id}:root`;
    out.push({ id: arn, kind: 'root', requestAs: arn, label: `root (${a.name ?? a.id})`, account: a.id });
  }
  // Other accounts and services that resource and trust policies name.
  const docs: (PolicyDocument | undefined)[] = [
    ...(world.roles ?? []).map((r) => r.trustPolicy),
    ...(world.resources ?? []).map((r) => r.policy),
  ];
  const others = new Set<string>();
  const services = new Set<string>();
  for (const d of docs) {
    const n = namedPrincipals(d);
    for (const a of n.aws) {
      const acct = accountOfNamed(a);
      if (acct && !known.has(acct)) others.add(acct);
    }
    for (const s of n.services) services.add(s);
  }
  for (const acct of [...others].sort()) {
    const arn = `arn:aws:iam::${acct}:root`;
    out.push({ id: arn, kind: 'account', requestAs: arn, label: `account ${acct}`, account: acct, external: true });
  }
  for (const s of [...services].sort()) out.push({ id: s, kind: 'service', requestAs: s, label: s, external: true });
  out.push({ id: 'anonymous', kind: 'anonymous', requestAs: 'anonymous', label: 'anyone (anonymous)' });
  return out;
}

/** The catalogue's resource type of an ARN (`s3:object`), by the service's ARN templates; the most specific template wins. */
export function resourceTypeOf(catalog: Catalog, arn: string): string | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const service = catalog.service(parts[2]);
  if (!service) return undefined;
  let best: { name: string; literal: number } | undefined;
  for (const rt of service.resourceTypes) {
    if (!arnMatchesTemplate(rt.arn, arn)) continue;
    const literal = rt.arn.replace(/\$\{[^}]*\}/g, '').length;
    if (!best || literal > best.literal) best = { name: rt.name, literal };
  }
  return best ? `${service.prefix}:${best.name}` : undefined;
}

/**
 * Whether an ARN fits a catalogue template (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`):
 * each `${…}` stands for one or more characters; `${Partition}`, `${Region}` and `${Account}` hold
 * no `:`. Literal segments are found left to right, so the cost is linear, never a RegExp.
 */
export function arnMatchesTemplate(template: string, arn: string): boolean {
  const tParts = template.split(':');
  const aParts = arn.split(':');
  // The first five fields (arn, partition, service, region, account) are colon-free; the rest may hold colons.
  if (aParts.length < 6 || tParts.length < 6) return false;
  for (let i = 0; i < 5; i++) {
    const t = tParts[i];
    const a = aParts[i];
    if (t.startsWith('${') && t.endsWith('}')) {
      if (a === '' && i !== 3 && i !== 4) return false;
      continue;
    }
    if (t !== a) return false;
  }
  return segmentMatches(tParts.slice(5).join(':'), aParts.slice(5).join(':'));
}

function segmentMatches(template: string, text: string): boolean {
  const literals: string[] = [];
  let rest = template;
  for (;;) {
    const open = rest.indexOf('${');
    const close = open < 0 ? -1 : rest.indexOf('}', open);
    if (open < 0 || close < 0) {
      literals.push(rest);
      break;
    }
    literals.push(rest.slice(0, open));
    rest = rest.slice(close + 1);
  }
  if (literals.length === 1) return template === text;
  const first = literals[0];
  const last = literals[literals.length - 1];
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let pos = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < literals.length - 1; i++) {
    const at = text.indexOf(literals[i], pos + 1);
    if (at < 0 || at + literals[i].length > end) return false;
    pos = at + literals[i].length;
  }
  return end - pos >= 1;
}

const lastPart = (arn: string) => {
  const slash = arn.lastIndexOf('/');
  const colon = arn.lastIndexOf(':');
  return arn.slice(Math.max(slash, colon) + 1);
};

/** The resources of a world, sorted by ARN: each resource and S3 object, and IAM's users, groups, roles and customer managed policies. */
export function graphResources(world: World, catalog: Catalog): GraphResource[] {
  const out: GraphResource[] = [];
  const add = (arn: string, label: string, extra: Partial<GraphResource> = {}) => {
    const type = extra.type ?? resourceTypeOf(catalog, arn) ?? `${arn.split(':')[2] ?? ''}:unknown`;
    out.push({ arn, type, label, hasPolicy: false, ...extra });
  };
  for (const r of world.resources ?? []) {
    const extra: Partial<GraphResource> = { hasPolicy: r.policy !== undefined };
    const account = r.account ?? (/^\d{12}$/.test(r.arn.split(':')[4] ?? '') ? r.arn.split(':')[4] : undefined);
    if (account) extra.account = account;
    if (r.tags) extra.tags = { ...r.tags };
    add(r.arn, r.type === 's3-bucket' ? r.arn.slice('arn:aws:s3:::'.length) : lastPart(r.arn), extra);
    if (r.type === 's3-bucket')
      for (const o of r.objects ?? []) {
        const ox: Partial<GraphResource> = { hasPolicy: r.policy !== undefined };
        if (account) ox.account = account;
        if (o.tags) ox.tags = { ...o.tags };
        add(`${r.arn}/${o.key}`, `${r.arn.slice('arn:aws:s3:::'.length)}/${o.key}`, ox);
      }
  }
  for (const u of world.users ?? [])
    add(iamArn('user', u.account, u.name, u.path), u.name, {
      type: 'iam:user',
      account: u.account,
      path: u.path ?? '/',
      ...(u.tags ? { tags: { ...u.tags } } : {}),
    });
  for (const g of world.groups ?? [])
    add(iamArn('group', g.account, g.name, g.path), g.name, {
      type: 'iam:group',
      account: g.account,
      path: g.path ?? '/',
    });
  for (const r of world.roles ?? [])
    add(iamArn('role', r.account, r.name, r.path), r.name, {
      type: 'iam:role',
      account: r.account,
      path: r.path ?? '/',
      hasPolicy: true,
      ...(r.tags ? { tags: { ...r.tags } } : {}),
    });
  for (const m of world.managedPolicies ?? []) {
    if (m.arn.startsWith('arn:aws:iam::aws:')) continue;
    add(m.arn, lastPart(m.arn), { type: 'iam:policy', account: m.arn.split(':')[4] });
  }
  out.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  return out;
}

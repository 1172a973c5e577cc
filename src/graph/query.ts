/**
 * The question box: what a person types ("who can read playground-photos", "what can alice do",
 * "can alice reach admin", "can bob s3:PutObject on arn:aws:s3:::playground-photos/public/x",
 * "who can pass role web-server", "what is public", "paths to admin") parsed into a query and
 * answered over the access relation and the escalations, as plain data for a table and for
 * highlighting nodes. Names resolve to principals and resources by label, ARN or `user/NAME`,
 * `role/NAME`; a word the box does not know gets a precise message with suggestions, never a
 * throw. Matching is by comparing whole words and fixed strings: no pattern is built from what was
 * typed, and the fuzzy suggestions compare bounded prefixes, so the work is linear in the input.
 */
import type { Catalog } from '../catalog/types';
import type { AccessRelation } from './access';
import type {
  AccessEdge,
  AccessLevel,
  ConditionNote,
  EscalationStep,
  Escalations,
  GraphPrincipal,
  GraphResource,
  Holds,
} from './types';
import { ADMIN } from './types';

export type QueryKind =
  | 'who-can'
  | 'who-can-action'
  | 'who-can-pass'
  | 'what-can'
  | 'can'
  | 'reach-admin'
  | 'public'
  | 'paths-to-admin'
  | 'admins'
  | 'error';

export interface QueryRow {
  /** The row's cells, in the order of the answer's `columns`. */
  cells: string[];
  principal?: string;
  resource?: string;
  holds?: Holds;
  conditions?: ConditionNote[];
  step?: EscalationStep;
}

export interface QueryAnswer {
  kind: QueryKind;
  /** One sentence that answers (or, for `error`, says what is wrong). */
  title: string;
  columns: string[];
  rows: QueryRow[];
  /** The nodes to highlight: principal ids and resource ARNs. */
  principals?: string[];
  resources?: string[];
  /** The access edges that answer it. */
  edges?: AccessEdge[];
  /** The escalation steps that answer it. */
  steps?: EscalationStep[];
  /** For `can` and `reach-admin`: the answer. */
  holds?: Holds;
  /** For `error`: what the person may have meant, as whole questions or names. */
  suggestions?: string[];
}

export interface QueryPreset {
  label: string;
  query: string;
}

export interface QueryOptions {
  /** When given, actions are checked and spelled as the catalogue spells them. */
  catalog?: Catalog;
}

/** The longest question answered (characters). */
export const MAX_QUERY_LENGTH = 2000;

const LEVEL_WORDS: Record<string, AccessLevel> = {
  list: 'List',
  read: 'Read',
  write: 'Write',
  manage: 'Permissions management',
  'permissions-management': 'Permissions management',
  tag: 'Tagging',
  tagging: 'Tagging',
};

const EXAMPLES = [
  'who can read BUCKET',
  'who can s3:GetObject on ARN',
  'what can alice do',
  'can alice reach admin',
  'can bob s3:PutObject on ARN',
  'who can pass role NAME',
  'what is public',
  'paths to admin',
];

const tick = (s: string) => `\`${s.length > 80 ? `${s.slice(0, 80)}…` : s}\``;

/** Splits on spaces, tabs and line breaks, dropping a final `?` (a loop, linear). */
export function words(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  if (out.length) {
    const last = out[out.length - 1];
    if (last === '?') out.pop();
    else if (last.endsWith('?')) out[out.length - 1] = last.slice(0, -1);
  }
  return out;
}

/** Edit distance of two names, compared on their first 64 characters (so bounded work), capped at `max + 1`. */
function distance(a: string, b: string, max: number): number {
  a = a.slice(0, 64);
  b = b.slice(0, 64);
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Up to three of `names` close to `typed`: containing it (or it them) first, then by edit distance. */
export function suggest(typed: string, names: readonly string[]): string[] {
  const t = typed.toLowerCase();
  const scored: { name: string; score: number; at: number }[] = [];
  const seen = new Set<string>();
  names.forEach((name, at) => {
    if (seen.has(name)) return;
    seen.add(name);
    const n = name.toLowerCase();
    if (t.length >= 2 && (n.includes(t) || t.includes(n))) scored.push({ name, score: 0, at });
    else {
      const max = Math.max(1, Math.min(3, Math.floor(t.length / 2)));
      const d = distance(t, n, max);
      if (d <= max) scored.push({ name, score: d, at });
    }
  });
  scored.sort((x, y) => x.score - y.score || x.at - y.at);
  return scored.slice(0, 3).map((s) => s.name);
}

interface Names {
  access: AccessRelation;
  escalations: Escalations;
  catalog?: Catalog;
  principalById: Map<string, GraphPrincipal>;
  resourceByArn: Map<string, GraphResource>;
}

const KIND_PREFIX: Record<string, GraphPrincipal['kind']> = { user: 'user', role: 'role' };
const RESOURCE_PREFIX: Record<string, string> = {
  user: 'iam:user',
  role: 'iam:role',
  group: 'iam:group',
  policy: 'iam:policy',
  table: 'dynamodb:table',
  bucket: 's3:bucket',
};

function principalLabel(n: Names, id: string): string {
  if (id === ADMIN) return 'admin';
  return n.principalById.get(id)?.label ?? id;
}

function resourceLabel(n: Names, arn: string): string {
  return n.resourceByArn.get(arn)?.label ?? arn;
}

type Found<T> = { ok: true; value: T } | { ok: false; answer: QueryAnswer };

function error(title: string, suggestions: string[] = []): QueryAnswer {
  return { kind: 'error', title, columns: [], rows: [], ...(suggestions.length ? { suggestions } : {}) };
}

function findPrincipal(n: Names, typed: string): Found<GraphPrincipal> {
  const ps = n.access.principals;
  const exact = ps.find((p) => p.id === typed || p.requestAs === typed);
  if (exact) return { ok: true, value: exact };
  const lower = typed.toLowerCase();
  if (lower === 'anonymous' || lower === 'anyone') {
    const anon = ps.find((p) => p.kind === 'anonymous');
    if (anon) return { ok: true, value: anon };
  }
  const slash = typed.indexOf('/');
  if (slash > 0) {
    const kind = KIND_PREFIX[typed.slice(0, slash).toLowerCase()];
    const name = typed.slice(slash + 1);
    if (kind) {
      const hit = ps.filter((p) => p.kind === kind && p.label === name);
      const loose = hit.length
        ? hit
        : ps.filter((p) => p.kind === kind && p.label.toLowerCase() === name.toLowerCase());
      if (loose.length === 1) return { ok: true, value: loose[0] };
    }
  }
  if (/^\d{12}$/.test(typed)) {
    const acct = ps.find((p) => (p.kind === 'root' || p.kind === 'account') && p.account === typed);
    if (acct) return { ok: true, value: acct };
  }
  let hits = ps.filter((p) => p.label === typed);
  if (!hits.length) hits = ps.filter((p) => p.label.toLowerCase() === lower);
  if (hits.length === 1) return { ok: true, value: hits[0] };
  if (hits.length > 1) {
    const names = hits.map((p) => (p.kind === 'user' || p.kind === 'role' ? `${p.kind}/${p.label}` : p.id));
    return {
      ok: false,
      answer: error(`${tick(typed)} names more than one principal: ${names.map(tick).join(', ')}`, names),
    };
  }
  const named = ps.filter((p) => p.kind === 'user' || p.kind === 'role').map((p) => p.label);
  return {
    ok: false,
    answer: error(
      `no principal named ${tick(typed)}: name a user or role (\`alice\`, \`role/web-server\`), an ARN, or \`anonymous\``,
      suggest(slash > 0 ? typed.slice(slash + 1) : typed, named),
    ),
  };
}

/** The order suggestions offer resources in: the kinds people ask about by name first. */
const typeRank = (type: string) => {
  const i = ['s3:bucket', 'dynamodb:table', 'lambda:function', 'iam:role'].indexOf(type);
  return i < 0 ? 4 : i;
};

function findResource(n: Names, typed: string, type?: string): Found<GraphResource> {
  const rs = n.access.resources.filter((r) => type === undefined || r.type === type);
  const exact = rs.find((r) => r.arn === typed);
  if (exact) return { ok: true, value: exact };
  let name = typed;
  let want = type;
  const slash = typed.indexOf('/');
  if (slash > 0 && !typed.startsWith('arn:')) {
    const t = RESOURCE_PREFIX[typed.slice(0, slash).toLowerCase()];
    if (t && (type === undefined || t === type)) {
      name = typed.slice(slash + 1);
      want = t;
    }
  }
  const pool = rs.filter((r) => want === undefined || r.type === want);
  let hits = pool.filter((r) => r.label === name);
  if (!hits.length) hits = pool.filter((r) => r.label.toLowerCase() === name.toLowerCase());
  // A bucket's name and a role's name may coincide with another resource's label: prefer the
  // resource kinds people ask about by name (buckets, tables, roles) before IAM users and groups.
  if (hits.length > 1) {
    const first = ['s3:bucket', 'dynamodb:table', 'iam:role'];
    const preferred = hits.filter((r) => first.includes(r.type));
    if (preferred.length === 1) hits = preferred;
  }
  if (hits.length === 1) return { ok: true, value: hits[0] };
  if (hits.length > 1)
    return {
      ok: false,
      answer: error(
        `${tick(typed)} names more than one resource: ${hits.map((r) => tick(r.arn)).join(', ')}`,
        hits.map((r) => r.arn),
      ),
    };
  const what = type === 'iam:role' ? 'role' : 'resource';
  return {
    ok: false,
    answer: error(
      `no ${what} named ${tick(typed)}: name it by its ARN or its name (\`playground-photos\`, \`Notes\`)`,
      suggest(
        name,
        [...pool].sort((a, b) => typeRank(a.type) - typeRank(b.type)).map((r) => r.label),
      ),
    ),
  };
}

function findAction(n: Names, typed: string, resource?: GraphResource): Found<string> {
  const colon = typed.indexOf(':');
  if (colon <= 0 || colon === typed.length - 1)
    return {
      ok: false,
      answer: error(`${tick(typed)} is not an action: write it as \`service:Action\`, such as \`s3:GetObject\``),
    };
  if (!n.catalog) return { ok: true, value: typed };
  const info = n.catalog.action(typed);
  if (info) return { ok: true, value: info.fullName };
  const service = n.catalog.service(typed.slice(0, colon).toLowerCase());
  const pool = service ? service.actions.map((a) => a.fullName) : n.catalog.services.map((s) => `${s.prefix}:`);
  const typeFirst = resource
    ? (service?.actions ?? []).filter((a) =>
        a.resourceTypes.some((t) => `${service!.prefix}:${t.name}` === resource.type),
      )
    : [];
  return {
    ok: false,
    answer: error(
      service
        ? `${tick(service.prefix)} has no action ${tick(typed.slice(colon + 1))}`
        : `no service ${tick(typed.slice(0, colon))} in the catalogue`,
      suggest(typed, [...typeFirst.map((a) => a.fullName), ...pool]),
    ),
  };
}

const holdsWord = (h: Holds) => (h === 'always' ? 'always' : h === 'conditional' ? 'under a condition' : 'never');

const conditionCell = (cs: ConditionNote[] | undefined) =>
  (cs ?? []).map((c) => `${c.effect === 'Allow' ? 'if' : 'unless'} ${c.condition}`).join('; ');

function edgeRows(n: Names, edges: AccessEdge[], columns: 'by-principal' | 'by-resource' | 'both'): QueryRow[] {
  return edges.map((e) => {
    const cells =
      columns === 'by-principal'
        ? [principalLabel(n, e.principal), e.level, e.actions.join(', '), e.holds]
        : columns === 'by-resource'
          ? [resourceLabel(n, e.resource), e.level, e.actions.join(', '), e.holds]
          : [principalLabel(n, e.principal), resourceLabel(n, e.resource), e.level, e.actions.join(', '), e.holds];
    const row: QueryRow = { cells, principal: e.principal, resource: e.resource, holds: e.holds };
    if (e.conditions?.length) row.conditions = e.conditions;
    return row;
  });
}

const unique = (xs: string[]) => [...new Set(xs)];

function whoCanLevel(n: Names, level: AccessLevel, r: GraphResource): QueryAnswer {
  const edges = n.access.edgesTo(r.arn).filter((e) => e.level === level);
  const who = unique(edges.map((e) => e.principal));
  return {
    kind: 'who-can',
    title: who.length
      ? `${who.length} principal${who.length === 1 ? '' : 's'} can ${level === 'Permissions management' ? 'manage permissions of' : level.toLowerCase()} ${r.label}`
      : `no principal can ${level.toLowerCase()} ${r.label}`,
    columns: ['principal', 'level', 'actions', 'holds'],
    rows: edgeRows(n, edges, 'by-principal'),
    principals: who,
    resources: [r.arn],
    edges,
  };
}

function whoCanAction(n: Names, action: string, r: GraphResource, kind: QueryKind): QueryAnswer {
  const who = n.access.whoCan(action, r.arn);
  const verb = kind === 'who-can-pass' ? `pass ${r.label}` : `${action} on ${r.label}`;
  return {
    kind,
    title: who.length
      ? `${who.length} principal${who.length === 1 ? '' : 's'} can ${verb}`
      : `no principal can ${verb}`,
    columns: ['principal', 'holds', 'conditions'],
    rows: who.map((w) => {
      const row: QueryRow = {
        cells: [principalLabel(n, w.principal), holdsWord(w.answer.holds), conditionCell(w.answer.conditions)],
        principal: w.principal,
        resource: r.arn,
        holds: w.answer.holds,
      };
      if (w.answer.conditions?.length) row.conditions = w.answer.conditions;
      return row;
    }),
    principals: who.map((w) => w.principal),
    resources: [r.arn],
  };
}

function whatCan(n: Names, p: GraphPrincipal): QueryAnswer {
  const edges = n.access.edgesFrom(p.id);
  const resources = unique(edges.map((e) => e.resource));
  const steps = n.escalations.edges.filter((s) => s.from === p.id);
  return {
    kind: 'what-can',
    title: edges.length
      ? `${p.label} can reach ${resources.length} resource${resources.length === 1 ? '' : 's'}`
      : `${p.label} can do nothing to any resource of the world`,
    columns: ['resource', 'level', 'actions', 'holds'],
    rows: edgeRows(n, edges, 'by-resource'),
    principals: [p.id],
    resources,
    edges,
    ...(steps.length ? { steps } : {}),
  };
}

function stepRows(n: Names, steps: EscalationStep[]): QueryRow[] {
  return steps.map((s) => ({
    cells: [principalLabel(n, s.from), principalLabel(n, s.to), s.kind, s.actions.join(', '), s.holds],
    principal: s.from,
    holds: s.holds,
    step: s,
  }));
}

const STEP_COLUMNS = ['from', 'to', 'kind', 'actions', 'holds'];

function reachAdmin(n: Names, p: GraphPrincipal): QueryAnswer {
  if (n.escalations.admins.includes(p.id))
    return {
      kind: 'reach-admin',
      title: `${p.label} already has administrator access`,
      columns: STEP_COLUMNS,
      rows: [],
      principals: [p.id],
      holds: 'always',
    };
  const path = n.escalations.paths.find((x) => x.principal === p.id);
  if (!path)
    return {
      kind: 'reach-admin',
      title: `${p.label} cannot reach admin: no escalation path was found`,
      columns: STEP_COLUMNS,
      rows: [],
      principals: [p.id],
      holds: 'never',
    };
  const holds: Holds = path.path.every((s) => s.holds === 'always') ? 'always' : 'conditional';
  return {
    kind: 'reach-admin',
    title: `${p.label} can reach admin in ${path.path.length} step${path.path.length === 1 ? '' : 's'}${holds === 'conditional' ? ', under a condition' : ''}`,
    columns: STEP_COLUMNS,
    rows: stepRows(n, path.path),
    principals: unique(path.path.flatMap((s) => [s.from, s.to])),
    steps: path.path,
    holds,
  };
}

function pathsToAdmin(n: Names): QueryAnswer {
  const steps = n.escalations.paths.flatMap((p) => p.path);
  return {
    kind: 'paths-to-admin',
    title: n.escalations.paths.length
      ? `${n.escalations.paths.length} principal${n.escalations.paths.length === 1 ? '' : 's'} can reach admin`
      : 'no principal can reach admin',
    columns: ['principal', 'steps', 'path'],
    rows: n.escalations.paths.map((p) => ({
      cells: [
        principalLabel(n, p.principal),
        String(p.path.length),
        [p.principal, ...p.path.map((s) => s.to)].map((id) => principalLabel(n, id)).join(' → '),
      ],
      principal: p.principal,
      holds: p.path.every((s) => s.holds === 'always') ? 'always' : 'conditional',
    })),
    principals: unique(steps.flatMap((s) => [s.from, s.to])),
    steps,
  };
}

function admins(n: Names): QueryAnswer {
  return {
    kind: 'admins',
    title: n.escalations.admins.length
      ? `${n.escalations.admins.length} principal${n.escalations.admins.length === 1 ? ' has' : 's have'} administrator access`
      : 'no principal has administrator access',
    columns: ['principal'],
    rows: n.escalations.admins.map((id) => ({ cells: [principalLabel(n, id)], principal: id })),
    principals: [...n.escalations.admins],
  };
}

function whatIsPublic(n: Names): QueryAnswer {
  const outside = n.access.principals.filter((p) => p.kind === 'anonymous' || (p.kind === 'account' && p.external));
  const edges = outside.flatMap((p) => n.access.edgesFrom(p.id));
  return {
    kind: 'public',
    title: edges.length
      ? `${unique(edges.map((e) => e.resource)).length} resource${unique(edges.map((e) => e.resource)).length === 1 ? ' is' : 's are'} open to anyone or to other accounts`
      : 'nothing is open to anyone or to other accounts',
    columns: ['principal', 'resource', 'level', 'actions', 'holds'],
    rows: edgeRows(n, edges, 'both'),
    principals: unique(edges.map((e) => e.principal)),
    resources: unique(edges.map((e) => e.resource)),
    edges,
  };
}

function can(n: Names, p: GraphPrincipal, action: string, r: GraphResource): QueryAnswer {
  const a = n.access.check(p.id, action, r.arn);
  const title =
    a.holds === 'always'
      ? `yes: ${p.label} can ${action} on ${r.label}`
      : a.holds === 'conditional'
        ? `only under a condition: ${p.label} can ${action} on ${r.label} ${conditionCell(a.conditions)}`
        : `no: ${p.label} cannot ${action} on ${r.label}`;
  return {
    kind: 'can',
    title,
    columns: ['statement', 'effect', 'open keys', 'condition'],
    rows: (a.conditions ?? []).map((c) => ({
      cells: [c.sid ?? `${c.policyId} #${c.statementIndex}`, c.effect, c.keys.join(', '), c.condition],
      principal: p.id,
      resource: r.arn,
      holds: a.holds,
      conditions: [c],
    })),
    principals: [p.id],
    resources: [r.arn],
    holds: a.holds,
  };
}

function canLevel(n: Names, p: GraphPrincipal, level: AccessLevel, r: GraphResource): QueryAnswer {
  const edges = n.access.edgesFrom(p.id).filter((e) => e.resource === r.arn && e.level === level);
  const holds: Holds = edges.length ? edges[0].holds : 'never';
  const verb = level === 'Permissions management' ? 'manage permissions of' : level.toLowerCase();
  return {
    kind: 'can',
    title:
      holds === 'never'
        ? `no: ${p.label} cannot ${verb} ${r.label}`
        : holds === 'always'
          ? `yes: ${p.label} can ${verb} ${r.label}`
          : `only under a condition: ${p.label} can ${verb} ${r.label}`,
    columns: ['resource', 'level', 'actions', 'holds'],
    rows: edgeRows(n, edges, 'by-resource'),
    principals: [p.id],
    resources: [r.arn],
    edges,
    holds,
  };
}

const usage = (what: string) => error(`${what}; ask one of: ${EXAMPLES.map(tick).join(', ')}`, [...EXAMPLES]);

/** Drops a leading `on`, `of` or `to` before a resource. */
const afterPreposition = (ws: string[]) =>
  ws.length > 1 && ['on', 'of', 'to'].includes(ws[0].toLowerCase()) ? ws.slice(1) : ws;

function resourceWord(ws: string[], question: string): Found<string> {
  const rest = afterPreposition(ws);
  if (rest.length === 1) return { ok: true, value: rest[0] };
  return {
    ok: false,
    answer: rest.length
      ? error(`${question} takes one resource (an ARN or a name), not ${tick(rest.join(' '))}`)
      : error(`${question} needs a resource: an ARN or a name such as \`playground-photos\``),
  };
}

/** Answers a question typed into the box. Never throws. */
export function answerQuery(
  text: string,
  access: AccessRelation,
  escalations: Escalations,
  options: QueryOptions = {},
): QueryAnswer {
  if (typeof text !== 'string' || !text.trim()) return usage('the question is empty');
  if (text.length > MAX_QUERY_LENGTH) return error(`the question is longer than ${MAX_QUERY_LENGTH} characters`);
  const n: Names = {
    access,
    escalations,
    catalog: options.catalog,
    principalById: new Map(access.principals.map((p) => [p.id, p])),
    resourceByArn: new Map(access.resources.map((r) => [r.arn, r])),
  };
  const ws = words(text);
  const lw = ws.map((w) => w.toLowerCase());
  const is = (...expected: string[]) => expected.every((e, i) => lw[i] === e);

  if (is('what', 'is', 'public') && ws.length === 3) return whatIsPublic(n);
  if (
    (is('paths', 'to', 'admin') || is('who', 'can', 'reach', 'admin') || is('who', 'can', 'become', 'admin')) &&
    ws.length <= 4
  )
    return pathsToAdmin(n);
  if ((is('who', 'is', 'admin') || is('who', 'are', 'admins')) && ws.length === 3) return admins(n);

  if (is('who', 'can')) {
    const rest = ws.slice(2);
    if (!rest.length) return usage('`who can` needs what: an access level, an action or `pass role NAME`');
    const verb = rest[0].toLowerCase();
    if (verb === 'pass') {
      const named = rest[1]?.toLowerCase() === 'role' ? rest.slice(2) : rest.slice(1);
      if (named.length !== 1) return error('`who can pass role` needs one role: its name or ARN, such as `web-server`');
      const role = findResource(n, named[0], 'iam:role');
      return role.ok ? whoCanAction(n, 'iam:PassRole', role.value, 'who-can-pass') : role.answer;
    }
    const level = LEVEL_WORDS[verb];
    if (level) {
      const word = resourceWord(rest.slice(1), `\`who can ${verb}\``);
      if (!word.ok) return word.answer;
      const r = findResource(n, word.value);
      return r.ok ? whoCanLevel(n, level, r.value) : r.answer;
    }
    if (verb.includes(':')) {
      const word = resourceWord(rest.slice(1), `\`who can ${rest[0]}\``);
      if (!word.ok) return word.answer;
      const r = findResource(n, word.value);
      if (!r.ok) return r.answer;
      const action = findAction(n, rest[0], r.value);
      return action.ok ? whoCanAction(n, action.value, r.value, 'who-can-action') : action.answer;
    }
    return error(
      `\`who can\` does not know ${tick(rest[0])}: follow it with an access level (list, read, write, manage, tag), an action such as \`s3:GetObject\`, or \`pass role NAME\``,
      suggest(verb, [...Object.keys(LEVEL_WORDS), 'pass']),
    );
  }

  if (is('what', 'can')) {
    if (lw[lw.length - 1] !== 'do' || ws.length !== 4)
      return usage('`what can` takes one principal and `do`, as in `what can alice do`');
    const p = findPrincipal(n, ws[2]);
    return p.ok ? whatCan(n, p.value) : p.answer;
  }

  if (is('can')) {
    if (ws.length < 3) return usage('`can` needs a principal and what it would do');
    const p = findPrincipal(n, ws[1]);
    if (!p.ok) return p.answer;
    const verb = lw[2];
    if ((verb === 'reach' || verb === 'become') && ws.length === 4 && lw[3] === 'admin') return reachAdmin(n, p.value);
    const level = LEVEL_WORDS[verb];
    if (level || verb.includes(':')) {
      const word = resourceWord(ws.slice(3), `\`can ${ws[1]} ${ws[2]}\``);
      if (!word.ok) return word.answer;
      const r = findResource(n, word.value);
      if (!r.ok) return r.answer;
      if (level) return canLevel(n, p.value, level, r.value);
      const action = findAction(n, ws[2], r.value);
      return action.ok ? can(n, p.value, action.value, r.value) : action.answer;
    }
    return error(
      `\`can ${ws[1]}\` does not know ${tick(ws[2])}: follow it with \`reach admin\`, an access level or an action such as \`s3:PutObject\``,
      suggest(verb, ['reach', ...Object.keys(LEVEL_WORDS)]),
    );
  }

  const first = lw[0];
  return usage(
    `the question does not start the way the box knows${
      suggest(first, ['who', 'what', 'can', 'paths']).length
        ? ` (did you mean ${tick(suggest(first, ['who', 'what', 'can', 'paths'])[0])}?)`
        : ''
    }`,
  );
}

/** An answer as a plain table: its rows' cells, the nodes to highlight, and the message of an error with its suggestions. */
export function answerTable(answer: QueryAnswer): {
  title: string;
  columns: string[];
  rows: string[][];
  nodes: string[];
  error?: string;
} {
  const nodes = [
    ...new Set([
      ...(answer.principals ?? []),
      ...(answer.resources ?? []),
      ...(answer.steps ?? []).flatMap((s) => [s.from, s.to]),
    ]),
  ];
  const table = { title: answer.title, columns: answer.columns, rows: answer.rows.map((r) => r.cells), nodes };
  if (answer.kind !== 'error') return table;
  const hint = answer.suggestions?.length
    ? `; did you mean ${answer.suggestions.map((s) => `\`${s}\``).join(' or ')}?`
    : '';
  return { ...table, error: `${answer.title}${hint}` };
}

/** The page's buttons for a world: its first bucket, its first role, a user who is not an admin. */
export function queryPresets(
  access: Pick<AccessRelation, 'principals' | 'resources'>,
  escalations?: Pick<Escalations, 'admins'>,
): QueryPreset[] {
  const out: QueryPreset[] = [];
  const bucket = access.resources.find((r) => r.type === 's3:bucket');
  if (bucket) out.push({ label: `Who can read ${bucket.label}?`, query: `who can read ${bucket.label}` });
  const role = access.principals.find((p) => p.kind === 'role');
  if (role) out.push({ label: `What can ${role.label} do?`, query: `what can role/${role.label} do` });
  const users = access.principals.filter((p) => p.kind === 'user');
  const user = users.find((u) => !escalations?.admins.includes(u.id)) ?? users[0];
  if (user) out.push({ label: `Can ${user.label} reach admin?`, query: `can user/${user.label} reach admin` });
  if (role) out.push({ label: `Who can pass ${role.label}?`, query: `who can pass role ${role.label}` });
  out.push({ label: 'What is public?', query: 'what is public' });
  out.push({ label: 'Paths to admin', query: 'paths to admin' });
  return out;
}

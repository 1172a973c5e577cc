/**
 * `iamplay graph WORLD --who-can ACTION RESOURCE | --can PRINCIPAL ACTION RESOURCE | --escalations`:
 * the access graph on the command line. WORLD is a world file or the output of `aws iam
 * get-account-authorization-details` (recognised by its lists and imported on the fly), `-` for
 * standard input. Every answer is the engine's (`src/graph`), with AWS managed policies resolved
 * from the kept library.
 *
 * Exit status, usable in CI: `--escalations` 1 when some principal can reach admin, else 0;
 * `--can` 0 when the access always holds, 1 when it never does, 3 when it holds only under a
 * condition (printed); `--who-can` 0; 2 for a usage error or a world that cannot be read.
 */
import { loadCatalog, loadManagedPolicies } from '../catalog';
import type { Catalog } from '../catalog/types';
import type { Finding } from '../engine/diagnostics';
import { makeChecker } from '../graph/check';
import { findEscalations } from '../graph/escalation';
import type { AccessAnswer, ConditionNote, GraphContext, GraphPrincipal, GraphResource } from '../graph/types';
import { ADMIN } from '../graph/types';
import { graphPrincipals, graphResources } from '../graph/world-nodes';
import { suggest } from '../graph/query';
import { importAuthorizationDetails } from '../world/import/authorization-details';
import { readWorld } from '../world/load';
import { managedPolicyLookup } from '../world/managed';
import type { World } from '../world/types';
import type { CliIo } from './io';
import { readCapped } from './read';

const USAGE = `usage: iamplay graph WORLD --who-can ACTION RESOURCE [--format text|json]
       iamplay graph WORLD --can PRINCIPAL ACTION RESOURCE [--format text|json]
       iamplay graph WORLD --escalations [--format text|json]
`;

const HELP = `${USAGE}
Answers who can do what to which resource in a world, with every policy type applied (identity,
resource, boundary, SCP, RCP, session), and finds every principal that can escalate to admin.
WORLD is a world file (as the Account page saves it) or the output of
\`aws iam get-account-authorization-details\`, imported on the fly; - is standard input.

  --who-can ACTION RESOURCE       every principal that can do ACTION on RESOURCE
  --can PRINCIPAL ACTION RESOURCE whether PRINCIPAL can do ACTION on RESOURCE, and under which condition
  --escalations                   every principal that can reach admin, with its shortest path
  --format text|json              text (default) or JSON; for --escalations the JSON is an array of
                                  {"principal","path":[{"from","to","kind","actions"}]}
  --now TIME                      decide at TIME (ISO 8601) instead of the clock
  --mfa true|false                fix aws:MultiFactorAuthPresent (open otherwise)
  --source-ip IP                  fix aws:SourceIp (open otherwise)

PRINCIPAL is an ARN, a user or role name (alice, role/web-server), an account id or anonymous.
RESOURCE is an ARN or a resource's name (playground-photos, Notes, role/web-server).

Exit status: --escalations 1 when some principal can reach admin, 0 when none can;
--can 0 always allowed, 1 never allowed, 3 allowed only under a condition (printed: neither
a yes nor a no, and a script that tests for success reads it as not granted);
--who-can 0; 2 usage error, or the world cannot be read.
`;

/** The most graph reads: 256 MiB, as import. */
const MAX_BYTES = 256 * 1024 * 1024;

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** A value from the input, safe to print on one line. */
const safe = (text: string) => text.replace(UNSAFE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
const tick = (s: string) => `\`${safe(s.length > 200 ? `${s.slice(0, 200)}…` : s)}\``;

const DETAILS_KEYS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'];

interface Parsed {
  file: string;
  mode: 'who-can' | 'can' | 'escalations';
  operands: string[];
  format: 'text' | 'json';
  now?: number;
  context: GraphContext;
}

function parse(args: string[]): Parsed | string {
  let file: string | undefined;
  let mode: Parsed['mode'] | undefined;
  let operands: string[] = [];
  let format: 'text' | 'json' = 'text';
  let now: number | undefined;
  const context: GraphContext = {};
  const take = (i: number, n: number, option: string): string[] | string => {
    const values = args.slice(i + 1, i + 1 + n);
    if (values.length < n || values.some((v) => v.startsWith('--')))
      return `${option} needs ${n === 1 ? 'a value' : `${n} values`}`;
    return values;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const setMode = (m: Parsed['mode'], n: number): string | undefined => {
      if (mode) return `choose one of --who-can, --can and --escalations`;
      const v = take(i, n, a);
      if (typeof v === 'string') return v;
      mode = m;
      operands = v;
      i += n;
      return undefined;
    };
    let problem: string | undefined;
    if (a === '--who-can') problem = setMode('who-can', 2);
    else if (a === '--can') problem = setMode('can', 3);
    else if (a === '--escalations') problem = setMode('escalations', 0);
    else if (a === '--format' || a === '--now' || a === '--mfa' || a === '--source-ip') {
      const v = take(i, 1, a);
      if (typeof v === 'string') return v;
      i++;
      const value = v[0];
      if (a === '--format') {
        if (value !== 'text' && value !== 'json') return `--format is text or json, not ${tick(value)}`;
        format = value;
      } else if (a === '--now') {
        const t = Date.parse(value);
        if (!Number.isFinite(t)) return `--now takes an ISO 8601 time such as 2026-01-15T12:00:00Z, not ${tick(value)}`;
        now = t;
      } else if (a === '--mfa') {
        if (value !== 'true' && value !== 'false') return `--mfa is true or false, not ${tick(value)}`;
        context.mfa = value === 'true';
      } else context.sourceIp = value;
    } else if (a.startsWith('-') && a !== '-') return `unknown option ${tick(a)}`;
    else if (file === undefined) file = a;
    else return `graph reads one world, but ${tick(a)} follows ${tick(file)}`;
    if (problem) return problem;
  }
  if (file === undefined) return 'no world file';
  if (!mode) return 'say what to ask: --who-can ACTION RESOURCE, --can PRINCIPAL ACTION RESOURCE or --escalations';
  return { file, mode, operands, format, now, context };
}

const findingLine = (file: string, f: Finding) =>
  `${safe(file)}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.code} ${safe(f.message)}\n`;

/** The world in `text`: a world file, or get-account-authorization-details output imported. */
function worldOf(text: string, file: string, io: CliIo): World | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    value = undefined;
  }
  const isDetails =
    !!value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !('accounts' in value) &&
    DETAILS_KEYS.some((k) => k in (value as object));
  if (isDetails) {
    const r = importAuthorizationDetails(text);
    for (const f of r.findings) io.stderr.write(findingLine(file, f));
    return r.ok ? r.value : undefined;
  }
  const r = readWorld(text, { file });
  if (!r.ok) {
    for (const f of r.errors) io.stderr.write(`${safe(f.message)}\n`);
    return undefined;
  }
  return r.value.world;
}

function findPrincipal(ps: GraphPrincipal[], typed: string): GraphPrincipal | string {
  const exact = ps.find((p) => p.id === typed || p.requestAs === typed);
  if (exact) return exact;
  if (typed === 'anonymous' || typed === 'anyone') return ps.find((p) => p.kind === 'anonymous')!;
  const slash = typed.indexOf('/');
  const kind = slash > 0 ? typed.slice(0, slash) : undefined;
  const name = kind === 'user' || kind === 'role' ? typed.slice(slash + 1) : typed;
  const hits = ps.filter((p) => p.label === name && (kind === 'user' || kind === 'role' ? p.kind === kind : true));
  if (hits.length === 1) return hits[0];
  if (/^\d{12}$/.test(typed)) {
    const acct = ps.find((p) => (p.kind === 'root' || p.kind === 'account') && p.account === typed);
    if (acct) return acct;
  }
  if (hits.length > 1) return `${tick(typed)} names more than one principal: ${hits.map((p) => tick(p.id)).join(', ')}`;
  const near = suggest(
    name,
    ps.filter((p) => p.kind === 'user' || p.kind === 'role').map((p) => p.label),
  );
  return `no principal ${tick(typed)} in the world${near.length ? `; did you mean ${near.map(tick).join(' or ')}?` : ''}`;
}

function findResource(rs: GraphResource[], typed: string): GraphResource | string {
  const exact = rs.find((r) => r.arn === typed);
  if (exact) return exact;
  const slash = typed.indexOf('/');
  const prefix = slash > 0 && !typed.startsWith('arn:') ? typed.slice(0, slash) : undefined;
  const types: Record<string, string> = {
    role: 'iam:role',
    user: 'iam:user',
    group: 'iam:group',
    policy: 'iam:policy',
  };
  const type = prefix ? types[prefix] : undefined;
  const name = type ? typed.slice(slash + 1) : typed;
  let hits = rs.filter((r) => r.label === name && (type === undefined || r.type === type));
  if (hits.length > 1) {
    const named = hits.filter((r) => ['s3:bucket', 'dynamodb:table', 'iam:role'].includes(r.type));
    if (named.length === 1) hits = named;
  }
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) return `${tick(typed)} names more than one resource: ${hits.map((r) => tick(r.arn)).join(', ')}`;
  if (typed.startsWith('arn:')) return { arn: typed, type: '', label: typed, hasPolicy: false };
  const near = suggest(
    name,
    rs.map((r) => r.label),
  );
  return `no resource ${tick(typed)} in the world: give its ARN or its name${near.length ? `; did you mean ${near.map(tick).join(' or ')}?` : ''}`;
}

function checkAction(catalog: Catalog, typed: string): string | { problem: string } {
  const info = catalog.action(typed);
  if (info) return info.fullName;
  const colon = typed.indexOf(':');
  if (colon <= 0)
    return { problem: `${tick(typed)} is not an action: write it as service:Action, such as s3:GetObject` };
  const service = catalog.service(typed.slice(0, colon).toLowerCase());
  if (!service) return { problem: `no service ${tick(typed.slice(0, colon))} in the catalogue` };
  const near = suggest(
    typed,
    service.actions.map((a) => a.fullName),
  );
  return {
    problem: `${tick(service.prefix)} has no action ${tick(typed.slice(colon + 1))}${near.length ? `; did you mean ${near.map(tick).join(' or ')}?` : ''}`,
  };
}

const conditionText = (c: ConditionNote) => {
  const statement = c.sid ? `Sid ${safe(c.sid)}` : `Statement[${c.statementIndex}]`;
  const witness = c.witness
    ? `; holds with ${Object.entries(c.witness)
        .map(([k, v]) => `${k}=${safe(Array.isArray(v) ? v.join(',') : String(v))}`)
        .join(' ')}`
    : '';
  return `${c.effect === 'Allow' ? 'if' : 'unless'} ${safe(c.condition)} (${c.policyType} policy ${safe(c.policyId)}, ${statement}; open keys: ${c.keys.map(safe).join(', ')}${witness})`;
};

function answerJson(a: AccessAnswer) {
  return a.conditions?.length ? { holds: a.holds, conditions: a.conditions } : { holds: a.holds };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(HELP);
    return 0;
  }
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`iamplay graph: ${parsed}\n${USAGE}`);
    return 2;
  }
  const fail = (message: string) => {
    io.stderr.write(`iamplay graph: ${message}\n`);
    return 2;
  };
  const text = await readCapped(parsed.file, io, {
    maxBytes: MAX_BYTES,
    tooLarge: (f) =>
      `${tick(f)} is larger than ${MAX_BYTES.toLocaleString('en-US')} bytes; graph reads files up to that size`,
    chunkBytes: 1024 * 1024,
  });
  if (typeof text !== 'string') return fail(safe(text.problem));
  const world = worldOf(text, parsed.file, io);
  if (!world) return fail(`${tick(parsed.file)} holds no world that can be read (see above)`);
  const [catalog, library] = await Promise.all([loadCatalog(), loadManagedPolicies()]);
  const options = {
    managedPolicy: managedPolicyLookup(library),
    now: parsed.now ?? Date.now(),
    context: parsed.context,
  };
  const principals = graphPrincipals(world);
  const json = parsed.format === 'json';
  const out = (s: string) => io.stdout.write(s);

  if (parsed.mode === 'escalations') {
    const esc = findEscalations(world, catalog, options);
    const label = new Map(principals.map((p) => [p.id, p.label]));
    if (json) {
      const list = esc.paths.map((p) => ({
        principal: p.principal,
        path: p.path.map((s) => ({ from: s.from, to: s.to, kind: s.kind, actions: s.actions })),
      }));
      out(`${JSON.stringify(list, null, 2)}\n`);
    } else if (!esc.paths.length) {
      out(
        `no principal can reach admin${esc.admins.length ? ` (${esc.admins.length} already ${esc.admins.length === 1 ? 'has' : 'have'} administrator access: ${esc.admins.map((a) => safe(label.get(a) ?? a)).join(', ')})` : ''}\n`,
      );
    } else {
      const blocks = esc.paths.map((p) => {
        const lines = [
          `${safe(p.principal)} can reach admin in ${p.path.length} step${p.path.length === 1 ? '' : 's'}:`,
        ];
        p.path.forEach((s, i) => {
          const to = s.to === ADMIN ? 'admin' : `${safe(s.to)}${esc.admins.includes(s.to) ? ' (administrator)' : ''}`;
          lines.push(`  ${i + 1}. ${safe(s.from)} -> ${to}`);
          lines.push(
            `     ${safe(s.kind)}: ${s.actions.map(safe).join(', ')}${s.holds === 'conditional' ? ' (under a condition)' : ''}`,
          );
          if (s.description) lines.push(`     ${safe(s.description)}`);
        });
        return lines.join('\n');
      });
      out(`${blocks.join('\n\n')}\n`);
    }
    return esc.paths.length ? 1 : 0;
  }

  const resources = graphResources(world, catalog);
  const checker = makeChecker(world, options);
  if (parsed.mode === 'who-can') {
    const [actionText, resourceText] = parsed.operands;
    const action = checkAction(catalog, actionText);
    if (typeof action !== 'string') return fail(action.problem);
    const resource = findResource(resources, resourceText);
    if (typeof resource === 'string') return fail(resource);
    const who = principals.flatMap((p) => {
      const answer = checker(p, action, resource.arn);
      return answer.holds === 'never' ? [] : [{ p, answer }];
    });
    if (json)
      out(
        `${JSON.stringify(
          who.map((w) => ({ principal: w.p.id, ...answerJson(w.answer) })),
          null,
          2,
        )}\n`,
      );
    else if (!who.length) out(`no principal can ${action} on ${safe(resource.arn)}\n`);
    else {
      out(`${who.length} principal${who.length === 1 ? '' : 's'} can ${action} on ${safe(resource.arn)}:\n`);
      for (const w of who) {
        out(`  ${safe(w.p.id)}${w.answer.holds === 'conditional' ? ' (under a condition)' : ''}\n`);
        for (const c of w.answer.conditions ?? []) out(`      ${conditionText(c)}\n`);
      }
    }
    return 0;
  }

  const [principalText, actionText, resourceText] = parsed.operands;
  const principal = findPrincipal(principals, principalText);
  if (typeof principal === 'string') return fail(principal);
  const action = checkAction(catalog, actionText);
  if (typeof action !== 'string') return fail(action.problem);
  const resource = findResource(resources, resourceText);
  if (typeof resource === 'string') return fail(resource);
  const answer = checker(principal, action, resource.arn);
  if (json)
    out(
      `${JSON.stringify({ principal: principal.id, action, resource: resource.arn, ...answerJson(answer) }, null, 2)}\n`,
    );
  else {
    const who = safe(principal.id);
    const what = `${action} on ${safe(resource.arn)}`;
    if (answer.holds === 'always') out(`allowed: ${who} can ${what}\n`);
    else if (answer.holds === 'never') out(`denied: ${who} cannot ${what}\n`);
    else {
      out(`allowed only under a condition: ${who} can ${what}\n`);
      for (const c of answer.conditions ?? []) out(`  ${conditionText(c)}\n`);
    }
  }
  return answer.holds === 'always' ? 0 : answer.holds === 'never' ? 1 : 3;
}

/**
 * The access graph inside the worker: the access relation of the Account's world (kept for the
 * last world and context asked, so the page's questions, proofs and layouts reuse it), the
 * escalation paths, the answers to the question box, the proofs of edges, the layouts of what
 * the page draws, and the fix. Every answer is plain data.
 */
import type { Catalog } from '../catalog/types';
import type { ManagedPolicy, World } from '../world/types';
import type { Answer } from '../workbench/types';
import { buildAccess, type AccessRelation } from '../graph/access';
import { findEscalations } from '../graph/escalation';
import { proveAccess, proveStep, type AccessToProve, type EdgeProof } from '../graph/proof';
import { proposeFix } from '../graph/fix';
import type {
  AccessEdge,
  AccessStats,
  Escalations,
  EscalationStep,
  FixProposal,
  GraphContext,
  GraphPrincipal,
  GraphResource,
  Layout,
  NeededAccess,
} from '../graph/types';
import { ADMIN } from '../graph/types';
import { layoutGraph, type LayoutRequest } from './graph-layout';

export type { LayoutRequest };

/** What every graph question carries: the world, the context it is decided in, and the graph's time. */
export interface GraphAsk {
  world: World;
  context?: GraphContext;
  /** The graph's time in milliseconds (the page fixes it once, so its answers agree). */
  now?: number;
}

export interface GraphOverview {
  principals: GraphPrincipal[];
  resources: GraphResource[];
  /** The bundled access edges, at most `edgeCap` of them. */
  edges: AccessEdge[];
  /** How many bundled edges the relation has in all. */
  edgeCount: number;
  escalations: Escalations;
  stats: AccessStats;
  /** How long the escalations took, in milliseconds. */
  escalationMs: number;
}

/** One answer of the question box: a table, and the nodes it names (to highlight). */
export interface GraphQueryAnswer {
  title: string;
  columns: string[];
  rows: string[][];
  /** The node ids the answer names (principals, resources, `admin`). */
  nodes: string[];
  /** When the question could not be understood: why, and what might be meant. */
  error?: string;
}

export interface GraphFixAnswer {
  proposal: FixProposal;
  /** The world with the changes applied. */
  world: World;
  /** The graph recomputed on the fixed world. */
  overview: GraphOverview;
}

/** The most edges an overview sends (the page says "N more" and suggests collapsing). */
export const EDGE_CAP = 2000;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

type Managed = (arn: string) => ManagedPolicy | undefined;

interface Kept {
  key: string;
  relation: AccessRelation;
  escalations?: Escalations;
  escalationMs?: number;
}

export function graphHost(catalog: () => Promise<Catalog>, managed: () => Promise<Managed>) {
  let kept: Kept | undefined;

  async function options(req: GraphAsk) {
    return {
      managedPolicy: await managed(),
      ...(req.context ? { context: req.context } : {}),
      now: typeof req.now === 'number' && Number.isFinite(req.now) ? req.now : Date.now(),
    };
  }

  async function relationOf(req: GraphAsk): Promise<Kept> {
    const opts = await options(req);
    const key = JSON.stringify([req.world, req.context ?? null, opts.now]);
    if (kept?.key === key) return kept;
    const relation = buildAccess(req.world, await catalog(), opts);
    kept = { key, relation };
    return kept;
  }

  async function escalationsOf(req: GraphAsk, k: Kept): Promise<{ escalations: Escalations; ms: number }> {
    if (!k.escalations) {
      const started = performance.now();
      k.escalations = findEscalations(req.world, await catalog(), await options(req));
      k.escalationMs = performance.now() - started;
    }
    return { escalations: k.escalations, ms: k.escalationMs ?? 0 };
  }

  async function overview(req: GraphAsk & { edgeCap?: number }): Promise<GraphOverview> {
    const k = await relationOf(req);
    const { escalations, ms } = await escalationsOf(req, k);
    const all = k.relation.edges();
    const cap = Math.max(0, Math.min(EDGE_CAP, Number(req.edgeCap ?? EDGE_CAP) || 0));
    return {
      principals: [...k.relation.principals],
      resources: [...k.relation.resources],
      edges: all.slice(0, cap),
      edgeCount: all.length,
      escalations,
      stats: k.relation.stats,
      escalationMs: ms,
    };
  }

  return {
    async overview(req: GraphAsk & { edgeCap?: number }): Promise<Answer<GraphOverview>> {
      try {
        return { ok: true, value: await overview(req) };
      } catch (e) {
        return { ok: false, errors: [errorText(e)] };
      }
    },

    async query(req: GraphAsk & { question: string }): Promise<Answer<GraphQueryAnswer>> {
      try {
        const k = await relationOf(req);
        const { escalations } = await escalationsOf(req, k);
        return { ok: true, value: answerQuestion(String(req.question).slice(0, 500), k.relation, escalations) };
      } catch (e) {
        return { ok: false, errors: [errorText(e)] };
      }
    },

    async prove(req: GraphAsk & { access?: AccessToProve; step?: EscalationStep }): Promise<Answer<EdgeProof>> {
      try {
        const cat = await catalog();
        const opts = await options(req);
        if (req.step) return { ok: true, value: proveStep(req.world, cat, req.step, opts) };
        if (req.access) return { ok: true, value: proveAccess(req.world, cat, req.access, opts) };
        return { ok: false, errors: ['nothing to prove: give an access or an escalation step'] };
      } catch (e) {
        return { ok: false, errors: [errorText(e)] };
      }
    },

    layout(req: LayoutRequest): Answer<Layout> {
      try {
        return { ok: true, value: layoutGraph(req) };
      } catch (e) {
        return { ok: false, errors: [errorText(e)] };
      }
    },

    async fix(req: GraphAsk & { needed?: NeededAccess[] }): Promise<Answer<GraphFixAnswer>> {
      try {
        const opts = await options(req);
        const { proposal, world } = proposeFix(req.world, await catalog(), {
          ...opts,
          needed: (req.needed ?? []).slice(0, 200),
        });
        const after = await overview({ world, ...(req.context ? { context: req.context } : {}), now: opts.now });
        return { ok: true, value: { proposal, world, overview: after } };
      } catch (e) {
        return { ok: false, errors: [errorText(e)] };
      }
    },
  };
}

export type GraphHost = ReturnType<typeof graphHost>;

// The question box ---------------------------------------------------------------------------

const LEVEL_WORDS: Record<string, string> = {
  list: 'List',
  read: 'Read',
  write: 'Write',
  tag: 'Tagging',
  tagging: 'Tagging',
  permissions: 'Permissions management',
};

/** The principal or resource a name means: its id or ARN, its label, or `user/NAME`, `role/NAME`. */
function resolve<T>(items: readonly T[], idOf: (t: T) => string, labelOf: (t: T) => string, name: string): T[] {
  const n = name.trim().toLowerCase();
  if (!n) return [];
  const exact = items.filter((t) => idOf(t).toLowerCase() === n);
  if (exact.length) return exact;
  const byLabel = items.filter((t) => labelOf(t).toLowerCase() === n);
  if (byLabel.length) return byLabel;
  return items.filter((t) => idOf(t).toLowerCase().endsWith(`:${n}`) || idOf(t).toLowerCase().endsWith(`/${n}`));
}

const holdsText = (h: string) => (h === 'always' ? 'always' : 'under a condition');

/**
 * Answers what the page's question box asks, over the relation and the escalations: who can
 * LEVEL|ACTION RESOURCE, what can PRINCIPAL do, can PRINCIPAL reach admin, who can pass role
 * NAME, what is public, paths to admin.
 */
export function answerQuestion(question: string, relation: AccessRelation, escalations: Escalations): GraphQueryAnswer {
  const q = question.trim().replace(/\s+/g, ' ');
  const lower = q.toLowerCase().replace(/\?$/, '');
  const principalLabel = (id: string) =>
    id === ADMIN ? 'Admin' : (relation.principals.find((p) => p.id === id)?.label ?? id);
  const resourceLabel = (arn: string) => relation.resources.find((r) => r.arn === arn)?.label ?? arn;
  const findPrincipal = (name: string) =>
    resolve(
      relation.principals,
      (p) => p.id,
      (p) => p.label,
      name,
    );
  const findResource = (name: string) =>
    resolve(
      relation.resources,
      (r) => r.arn,
      (r) => r.label,
      name,
    );
  const fail = (error: string): GraphQueryAnswer => ({ title: q, columns: [], rows: [], nodes: [], error });
  const suggest = (name: string, kind: 'principal' | 'resource') => {
    const n = name.trim().toLowerCase().slice(0, 3);
    const labels =
      kind === 'principal' ? relation.principals.map((p) => p.label) : relation.resources.map((r) => r.label);
    const close = labels.filter((l) => n && l.toLowerCase().includes(n)).slice(0, 5);
    return `there is no ${kind} \`${name}\` in this account${close.length ? `; did you mean ${close.map((c) => `\`${c}\``).join(', ')}?` : ''}`;
  };

  const pathsTable = (paths: Escalations['paths'], title: string): GraphQueryAnswer => ({
    title,
    columns: ['Principal', 'Hops', 'Path'],
    rows: paths.map((p) => [
      principalLabel(p.principal),
      String(p.path.length),
      p.path.map((s) => `${principalLabel(s.from)} → ${principalLabel(s.to)} (${s.kind})`).join('; '),
    ]),
    nodes: [...new Set(paths.flatMap((p) => [p.principal, ...p.path.map((s) => s.to)]))],
  });

  if (lower === 'paths to admin' || lower === 'who can reach admin')
    return pathsTable(escalations.paths, 'Paths to admin');

  if (lower === 'what is public') {
    const outside = relation.principals.filter((p) => p.kind === 'anonymous' || p.kind === 'account' || p.external);
    const edges = outside.flatMap((p) => relation.edgesFrom(p.id));
    return {
      title: 'What is public (anyone, and other accounts)',
      columns: ['Principal', 'Resource', 'Access', 'Holds', 'Actions'],
      rows: edges.map((e) => [
        principalLabel(e.principal),
        resourceLabel(e.resource),
        e.level,
        holdsText(e.holds),
        e.actions.join(', '),
      ]),
      nodes: [...new Set(edges.flatMap((e) => [e.principal, e.resource]))],
    };
  }

  let m = /^can (.+?) reach admin\??$/i.exec(q);
  if (m) {
    const ps = findPrincipal(m[1]!);
    if (!ps.length) return fail(suggest(m[1]!, 'principal'));
    const p = ps[0]!;
    if (escalations.admins.includes(p.id))
      return {
        title: `${p.label} already has administrator access`,
        columns: ['Principal', 'Hops', 'Path'],
        rows: [[p.label, '0', 'administrator already']],
        nodes: [p.id, ADMIN],
      };
    const path = escalations.paths.filter((x) => x.principal === p.id);
    const a = pathsTable(path, path.length ? `${p.label} can reach admin` : `${p.label} cannot reach admin`);
    return path.length ? a : { ...a, nodes: [p.id] };
  }

  m = /^who can pass (?:the )?(?:role )?(.+?)\??$/i.exec(q);
  if (m) {
    const roles = findResource(m[1]!).filter((r) => r.type === 'iam:role');
    if (!roles.length) return fail(suggest(m[1]!, 'resource'));
    return whoCanTable('iam:PassRole', roles[0]!);
  }

  m = /^what can (.+?) do\??$/i.exec(q);
  if (m) {
    const ps = findPrincipal(m[1]!);
    if (!ps.length) return fail(suggest(m[1]!, 'principal'));
    const p = ps[0]!;
    const edges = relation.edgesFrom(p.id);
    return {
      title: `What ${p.label} can do`,
      columns: ['Resource', 'Access', 'Holds', 'Actions'],
      rows: edges.map((e) => [resourceLabel(e.resource), e.level, holdsText(e.holds), e.actions.join(', ')]),
      nodes: [p.id, ...new Set(edges.map((e) => e.resource))],
    };
  }

  m = /^who can (\S+) (?:on )?(.+?)\??$/i.exec(q);
  if (m) {
    const verb = m[1]!;
    const rs = findResource(m[2]!);
    if (!rs.length) return fail(suggest(m[2]!, 'resource'));
    const r = rs[0]!;
    const level = LEVEL_WORDS[verb.toLowerCase()];
    if (level) {
      const edges = relation.edgesTo(r.arn).filter((e) => e.level === level);
      return {
        title: `Who can ${verb.toLowerCase()} ${r.label}`,
        columns: ['Principal', 'Holds', 'Actions'],
        rows: edges.map((e) => [principalLabel(e.principal), holdsText(e.holds), e.actions.join(', ')]),
        nodes: [r.arn, ...edges.map((e) => e.principal)],
      };
    }
    if (!verb.includes(':'))
      return fail(`\`${verb}\` is neither an access level (list, read, write, permissions, tagging) nor an action`);
    return whoCanTable(verb, r);
  }

  return fail(
    'ask, for instance: who can read playground-photos; who can s3:GetObject on ARN; what can alice do; can bob reach admin; who can pass role web-server; what is public; paths to admin',
  );

  function whoCanTable(action: string, r: GraphResource): GraphQueryAnswer {
    const who = relation.whoCan(action, r.arn);
    return {
      title: `Who can ${action} on ${r.label}`,
      columns: ['Principal', 'Holds'],
      rows: who.map((w) => [principalLabel(w.principal), holdsText(w.answer.holds)]),
      nodes: [r.arn, ...who.map((w) => w.principal)],
    };
  }
}

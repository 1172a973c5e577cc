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
import { answerQuery, queryPresets, type QueryAnswer, type QueryPreset } from '../graph/query';
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
  /** The bundled edges counted, at most `EDGE_CAP`. */
  edgeCount: number;
  /** True when the account has more bundled edges than `EDGE_CAP` (they are not all built). */
  edgesMore: boolean;
  escalations: Escalations;
  stats: AccessStats;
  /** How long the escalations took, in milliseconds. */
  escalationMs: number;
  /** The question box's buttons for this world. */
  presets: QueryPreset[];
}

/** One answer of the question box (`src/graph/query.ts`): a table, and the nodes it names. */
export type GraphQueryAnswer = QueryAnswer;

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
    const cap = Math.max(0, Math.min(EDGE_CAP, Number(req.edgeCap ?? EDGE_CAP) || 0));
    // Only the edges sent are built (a large account has millions): one more tells whether there are more.
    const all = k.relation.edges(EDGE_CAP + 1);
    return {
      principals: [...k.relation.principals],
      resources: [...k.relation.resources],
      edges: all.slice(0, cap),
      edgeCount: Math.min(all.length, EDGE_CAP),
      edgesMore: all.length > EDGE_CAP,
      escalations,
      stats: k.relation.stats,
      escalationMs: ms,
      presets: queryPresets(k.relation, escalations),
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
        return {
          ok: true,
          value: answerQuery(String(req.question), k.relation, escalations, { catalog: await catalog() }),
        };
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

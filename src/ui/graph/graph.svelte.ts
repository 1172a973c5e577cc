/**
 * The Access graph section's model: the world it shows (the Account's, or the fixed one after
 * "Apply the fix"), the context it is decided in, the worker's overview, the view drawn (paths
 * to admin, access, a neighbourhood), collapsing, "paths to/from here", the layout the worker
 * computed, the selection and its proof, the question box's answer, and the fix. Components read
 * it and call its methods; only this file talks to the worker.
 */
import { EngineClient } from '../../worker/client';
import type { GraphFixAnswer, GraphOverview, GraphQueryAnswer, LayoutRequest } from '../../worker/graph-host';
import type { AccessToProve, ActionProof, EdgeProof } from '../../graph/proof';
import type { AccessLevel, EscalationStep, FixProposal, GraphContext, Layout, NeededAccess } from '../../graph/types';
import { ACCESS_LEVELS, ADMIN } from '../../graph/types';
import type { World } from '../../world/types';
import type { Answer } from '../../workbench/types';
import type { WorldScenario } from '../../workbench/from-world';
import type { WorldRequest } from '../../world/authorize';
import { accountModel } from '../account/account.svelte';
import { openInWorkbench } from '../workbench/workbench.svelte';
import { router } from '../router.svelte';
import {
  accessView,
  collapse,
  mergeViews,
  neighbourhoodView,
  pathsAround,
  pathsView,
  searchNodes,
  tableRows,
  type CollapseBy,
  type ViewEdge,
  type ViewGraph,
  type ViewNode,
} from './view';
import type { TableRow } from './types';

export type GraphViewKind = 'paths' | 'access' | 'neighbourhood';
export type Selection = { kind: 'node'; id: string } | { kind: 'edge'; id: string } | null;
export type GraphNotice = { kind: 'error' | 'info'; text: string };

/** The size of a drawn node. */
export const NODE_W = 172;
export const NODE_H = 44;
/** The most edges the Access view draws at once (the rest are counted: "N more"). */
export const ACCESS_CAP = 300;

/** The relation of a large world takes a while on a busy machine: a client of its own, with patience. */
let client: EngineClient | undefined;
const graphClient = () => (client ??= new EngineClient(120_000));

export interface Preset {
  label: string;
  question: string;
}

export class GraphModel {
  overview = $state<GraphOverview | null>(null);
  loading = $state(false);
  notice = $state<GraphNotice | null>(null);
  view = $state<GraphViewKind>('paths');
  levels = $state<AccessLevel[]>([...ACCESS_LEVELS]);
  collapseBy = $state<CollapseBy>('none');
  /** "Paths to here" / "paths from here" of a node. */
  scope = $state<{ direction: 'to' | 'from'; id: string } | null>(null);
  /** The node whose neighbourhood is shown. */
  focus = $state<string | null>(null);
  layout = $state<Layout | null>(null);
  selected = $state<Selection>(null);
  /** The node the arrow keys are on. */
  active = $state<string | null>(null);
  proof = $state<EdgeProof | null>(null);
  proofBusy = $state(false);
  question = $state('');
  answer = $state<GraphQueryAnswer | null>(null);
  asking = $state(false);
  showTable = $state(false);
  search = $state('');
  context = $state<GraphContext>({});
  /** The fix: proposal, the world it gives, whether it is applied. */
  proposal = $state<FixProposal | undefined>(undefined);
  fixed = $state<GraphFixAnswer | null>(null);
  applied = $state(false);
  fixBusy = $state(false);
  needed = $state<NeededAccess[]>([]);
  /** Bumped by search, so the drawing zooms to the hit. */
  zoomTo = $state<{ id: string; n: number } | null>(null);

  /** The graph's time, fixed when the page opens so every answer agrees. */
  readonly now = Date.now();
  /** The world the graph shows: the Account's, or the fixed one once the fix is applied. */
  private shownWorld: World | null = null;

  world(): World {
    return this.shownWorld ?? ($state.snapshot(accountModel().world) as World);
  }

  private ask() {
    return { world: this.world(), context: $state.snapshot(this.context) as GraphContext, now: this.now };
  }

  /** The drawn graph: the view, scoped and collapsed. */
  readonly graph = $derived.by(() => this.computeGraph());
  readonly rows = $derived.by(() => (this.graph ? tableRows(this.graph) : []));

  private computeGraph(): ViewGraph | null {
    const o = this.overview;
    if (!o) return null;
    let g: ViewGraph;
    if (this.view === 'paths') g = pathsView(o);
    else if (this.view === 'access') g = accessView(o, this.levels, ACCESS_CAP);
    else {
      const whole = this.mergedGraph(o);
      g = neighbourhoodView(whole, this.focus ?? whole.nodes[0]?.id ?? '');
    }
    if (this.scope) g = pathsAround(g, this.scope.id, this.scope.direction);
    return this.view === 'neighbourhood' ? g : collapse(g, this.collapseBy, o);
  }

  /** Escalation and access edges together (a neighbourhood shows both). */
  private mergedGraph(o: GraphOverview): ViewGraph {
    return mergeViews(pathsView(o), accessView(o, ACCESS_LEVELS, Infinity));
  }

  node(id: string): ViewNode | undefined {
    return this.graph?.nodes.find((n) => n.id === id);
  }

  edge(id: string): ViewEdge | undefined {
    return this.graph?.edges.find((e) => e.id === id);
  }

  get reachAdmin(): number {
    return this.overview?.escalations.paths.length ?? 0;
  }

  /** Nodes the question's answer names. */
  get highlight(): readonly string[] {
    return this.answer?.nodes ?? [];
  }

  get presets(): Preset[] {
    const o = this.overview;
    if (!o) return [];
    const bucket = o.resources.find((r) => r.type === 's3:bucket');
    const role = o.principals.find((p) => p.kind === 'role');
    const user = o.principals.find((p) => p.kind === 'user' && !o.escalations.admins.includes(p.id));
    const out: Preset[] = [];
    if (bucket) out.push({ label: `Who can read ${bucket.label}`, question: `who can read ${bucket.label}` });
    if (role) out.push({ label: `What can ${role.label} do`, question: `what can ${role.label} do` });
    if (user) out.push({ label: `Can ${user.label} reach admin`, question: `can ${user.label} reach admin` });
    if (role) out.push({ label: `Who can pass ${role.label}`, question: `who can pass role ${role.label}` });
    out.push({ label: 'What is public', question: 'what is public' });
    return out;
  }

  /** Accesses the learner may mark as needed: the access edges of the users and roles. */
  get candidates(): NeededAccess[] {
    const o = this.overview;
    if (!o) return [];
    const people = o.principals.filter((p) => (p.kind === 'user' || p.kind === 'role') && !p.external).map((p) => p.id);
    const out: NeededAccess[] = [];
    for (const e of o.edges) {
      if (!people.includes(e.principal) || o.escalations.admins.includes(e.principal)) continue;
      if (e.level !== 'Read' && e.level !== 'Write') continue;
      out.push({ principal: e.principal, action: e.actions[0]!, resource: e.resource });
      if (out.length >= 40) break;
    }
    return out;
  }

  // Loading --------------------------------------------------------------------------------------

  /** Asks the worker for the graph of the shown world in the context, then lays out the view. */
  async load(): Promise<void> {
    this.loading = true;
    this.notice = null;
    const answer = await graphClient().latest<Answer<GraphOverview>>('graph-overview', (api) =>
      api.graphOverview(this.ask()),
    );
    this.loading = false;
    if (!answer.ok) return this.fail('The graph could not be computed', answer.error);
    if (!answer.value.ok) return this.fail('The graph could not be computed', answer.value.errors.join('; '));
    this.overview = answer.value.value;
    if (this.selected?.kind === 'node' && !this.node(this.selected.id)) this.selected = null;
    await this.relayout();
  }

  private fail(what: string, why: string): void {
    this.notice = { kind: 'error', text: `${what}: ${why}.` };
  }

  /** Lays out what is drawn now (in the worker); the selection and the side panel stay. */
  async relayout(): Promise<void> {
    const g = this.graph;
    if (!g) return;
    const req: LayoutRequest = {
      kind: this.view === 'neighbourhood' ? 'neighbourhood' : 'layered',
      nodes: g.nodes.map((n) => ({ id: n.id, width: NODE_W, height: NODE_H, rank: n.rank })),
      edges: g.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
      ...(this.view === 'neighbourhood' && this.focus ? { focus: this.focus } : {}),
    };
    const answer = await graphClient().latest<Answer<Layout>>('graph-layout', (api) => api.graphLayout(req));
    if (!answer.ok) return this.fail('The graph could not be laid out', answer.error);
    if (!answer.value.ok) return this.fail('The graph could not be laid out', answer.value.errors.join('; '));
    this.layout = answer.value.value;
    if (!this.active || !this.layout.nodes.some((n) => n.id === this.active))
      this.active = this.layout.nodes[0]?.id ?? null;
  }

  // The view -------------------------------------------------------------------------------------

  setView(view: GraphViewKind): void {
    if (view === this.view) return;
    if (view === 'neighbourhood' && !this.focus) this.focus = this.selectedNodeId() ?? this.graph?.nodes[0]?.id ?? null;
    this.view = view;
    this.scope = null;
    void this.relayout();
  }

  setLevels(levels: AccessLevel[]): void {
    this.levels = ACCESS_LEVELS.filter((l) => levels.includes(l));
    void this.relayout();
  }

  setCollapse(by: CollapseBy): void {
    this.collapseBy = by;
    void this.relayout();
  }

  pathsHere(id: string, direction: 'to' | 'from'): void {
    this.scope = { id, direction };
    void this.relayout();
  }

  clearScope(): void {
    this.scope = null;
    void this.relayout();
  }

  neighbourhood(id: string): void {
    this.focus = id;
    this.view = 'neighbourhood';
    this.scope = null;
    this.selected = { kind: 'node', id };
    void this.relayout();
  }

  private selectedNodeId(): string | undefined {
    return this.selected?.kind === 'node' ? this.selected.id : undefined;
  }

  // Selection and proofs -------------------------------------------------------------------------

  selectNode(id: string): void {
    this.selected = { kind: 'node', id };
    this.active = id;
    this.proof = null;
  }

  async selectEdge(id: string): Promise<void> {
    const e = this.edge(id);
    if (!e) return;
    this.selected = { kind: 'edge', id };
    await this.prove(e);
  }

  closePanel(): void {
    this.selected = null;
    this.proof = null;
  }

  /** The proof of an edge: an escalation step's required actions, or the access's actions. */
  async prove(e: ViewEdge, level?: AccessLevel): Promise<void> {
    let req: { access?: AccessToProve; step?: EscalationStep } | undefined;
    if (e.steps?.length) req = { step: $state.snapshot(e.steps[0]!) as EscalationStep };
    else if (e.access?.length) {
      const a = e.access.find((x) => x.level === level) ?? e.access[0]!;
      req = { access: { principal: a.principal, actions: a.actions.slice(0, 12), resource: a.resource } };
    }
    if (!req) {
      this.proof = null;
      return;
    }
    this.proofBusy = true;
    const answer = await graphClient().latest<Answer<EdgeProof>>('graph-proof', (api) =>
      api.graphProve({ ...this.ask(), ...req }),
    );
    this.proofBusy = false;
    if (!answer.ok) return this.fail('The proof could not be computed', answer.error);
    if (!answer.value.ok) return this.fail('The proof could not be computed', answer.value.errors.join('; '));
    this.proof = answer.value.value;
  }

  async selectRow(row: TableRow): Promise<void> {
    const edgeId = row.id.split('|')[0]!;
    const e = this.edge(edgeId);
    if (!e) return;
    this.selected = { kind: 'edge', id: edgeId };
    await this.prove(e, row.level);
  }

  /** Opens one action of a proof in the workbench: the documents of the shown world, the same request. */
  async openInWorkbench(action: ActionProof): Promise<void> {
    const request = $state.snapshot(action.request) as WorldRequest;
    const world = this.world();
    const answer = await graphClient().call<Answer<WorldScenario>>((api) => api.scenarioFromRequest(world, request));
    if (!answer.ok) return this.fail('The workbench could not be prepared', answer.error);
    if (!answer.value.ok) return this.fail('The workbench could not be prepared', answer.value.errors.join('; '));
    openInWorkbench({ ...answer.value.value, name: `Access graph: ${action.action}` });
    router.navigate('/workbench');
  }

  // Search ---------------------------------------------------------------------------------------

  /** Selects the first node matching the search and zooms to it; says so when nothing matches. */
  find(text = this.search): boolean {
    const g = this.graph;
    const hit = g ? searchNodes(g.nodes, text)[0] : undefined;
    if (!hit) {
      this.notice = { kind: 'info', text: `No node in this view matches “${text.trim()}”.` };
      return false;
    }
    this.notice = null;
    this.selectNode(hit.id);
    this.zoomTo = { id: hit.id, n: (this.zoomTo?.n ?? 0) + 1 };
    return true;
  }

  // Questions ------------------------------------------------------------------------------------

  async askQuestion(question = this.question): Promise<void> {
    this.question = question;
    if (!question.trim()) return;
    this.asking = true;
    const answer = await graphClient().latest<Answer<GraphQueryAnswer>>('graph-query', (api) =>
      api.graphQuery({ ...this.ask(), question }),
    );
    this.asking = false;
    if (!answer.ok) return this.fail('The question could not be answered', answer.error);
    if (!answer.value.ok) return this.fail('The question could not be answered', answer.value.errors.join('; '));
    this.answer = answer.value.value;
    // Show the answer's nodes: accesses in the Access view, paths in the paths view.
    const nodes = this.answer.nodes;
    if (nodes.length && !this.answer.error) {
      const wantPaths = nodes.includes(ADMIN);
      const want: GraphViewKind = wantPaths ? 'paths' : 'access';
      if (this.view !== want && this.view !== 'neighbourhood') {
        this.view = want;
        this.scope = null;
        await this.relayout();
      }
    }
  }

  clearAnswer(): void {
    this.answer = null;
  }

  // Context --------------------------------------------------------------------------------------

  async setContext(context: GraphContext): Promise<void> {
    this.context = context;
    this.proposal = undefined;
    this.proof = null;
    await this.load();
    if (this.answer && this.question) await this.askQuestion();
  }

  // The fix --------------------------------------------------------------------------------------

  async proposeFix(): Promise<void> {
    this.fixBusy = true;
    const needed = $state.snapshot(this.needed) as NeededAccess[];
    const answer = await graphClient().latest<Answer<GraphFixAnswer>>('graph-fix', (api) =>
      api.graphFix({ ...this.ask(), needed }),
    );
    this.fixBusy = false;
    if (!answer.ok) return this.fail('The fix could not be proposed', answer.error);
    if (!answer.value.ok) return this.fail('The fix could not be proposed', answer.value.errors.join('; '));
    this.fixed = answer.value.value;
    this.proposal = answer.value.value.proposal;
    this.applied = false;
  }

  /** Shows the graph of the fixed world (recomputed by the worker with the proposal). */
  async applyFix(): Promise<void> {
    const f = this.fixed;
    if (!f) return;
    this.shownWorld = $state.snapshot(f.world) as World;
    this.applied = true;
    this.selected = null;
    this.proof = null;
    this.overview = f.overview;
    this.notice = {
      kind: 'info',
      text:
        f.overview.escalations.paths.length === 0
          ? 'The fix is applied to the graph (not to the Account): no path to admin is left.'
          : `The fix is applied to the graph (not to the Account): ${f.overview.escalations.paths.length} paths to admin are left.`,
    };
    await this.relayout();
  }

  /** Keeps the fixed world in the Account (undoable there). */
  keepFix(): void {
    if (!this.shownWorld) return;
    accountModel().replace('Fix from the access graph', this.shownWorld);
    this.shownWorld = null;
    this.notice = { kind: 'info', text: 'The fixed world is now the Account’s (Undo on the Account page).' };
  }

  /** Back to the Account's world. */
  async undoFix(): Promise<void> {
    this.shownWorld = null;
    this.applied = false;
    this.proposal = undefined;
    this.fixed = null;
    await this.load();
  }
}

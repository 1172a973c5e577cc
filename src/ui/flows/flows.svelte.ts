/**
 * The Flows section's model: the flow picked and its options, the run the worker computed (whole:
 * stepping is local), the step shown and the message opened, playback, the share link in the
 * hash, and compare mode. Components read it and call its methods; only this file talks to the
 * worker.
 */
import { EngineClient } from '../../worker/client';
import { FLOW_INFOS, type FlowInfo } from '../../flows/catalog';
import type { FlowOptions, FlowRun, FlowDecision } from '../../flows/types';
import type { World } from '../../world/types';
import type { Answer } from '../../workbench/types';
import type { WorldScenario } from '../../workbench/from-world';
import { compareRuns, type Comparison } from '../../flows/compare';
import { FLOW_LINK_FORMAT } from '../../flows/link';
import { VERSION } from '../../version';
import { accountModel } from '../account/account.svelte';
import { openInWorkbench } from '../workbench/workbench.svelte';
import { router } from '../router.svelte';
import { decodeFlowLink, encodeFlowLink, isFlowHash } from './link-hash';

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];
/** How long a step stays on screen at 1×. */
export const STEP_MS = 2400;

/** The two flows compare mode puts side by side (the basic flow when the build has it). */
export const COMPARE_IDS = ['identity-pool-enhanced', 'identity-pool-basic'];

/** Flows runs can take a few seconds on a busy machine (RSA keys, SRP): a client of their own, with more patience. */
let client: EngineClient | undefined;
const flowClient = () => (client ??= new EngineClient(30_000));

function newSeed(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

export type FlowsNotice = { kind: 'error' | 'info'; text: string };

export class FlowsModel {
  readonly infos: FlowInfo[] = [...FLOW_INFOS].sort((a, b) => a.order - b.order);
  flowId = $state<string>(this.infos[0]?.id ?? '');
  variant = $state<string | undefined>(this.infos[0]?.variants[0]?.id);
  switches = $state<string[]>([]);
  run = $state<FlowRun | null>(null);
  step = $state(0);
  /** The message of the step whose exchange is open (index into the step's messages). */
  message = $state(0);
  running = $state(false);
  playing = $state(false);
  speed = $state<Speed>(1);
  /** How far playback is between this step and the next (0–1), for the clock between steps. */
  progress = $state(0);
  notice = $state<FlowsNotice | null>(null);
  linkStatus = $state<'idle' | 'copied' | 'manual'>('idle');
  linkUrl = $state('');
  compare = $state<{ runs: FlowRun[]; comparison: Comparison | null; error?: string } | null>(null);
  comparing = $state(false);

  private timer: ReturnType<typeof setInterval> | undefined;
  private lastHash = '';

  get info(): FlowInfo | undefined {
    return this.infos.find((f) => f.id === this.flowId);
  }

  /** The simulated clock now: the step's time, or between it and the next while playing. */
  get now(): number {
    const run = this.run;
    if (!run) return 0;
    const here = run.steps[this.step]?.at ?? 0;
    const next = run.steps[this.step + 1]?.at;
    return this.playing && next !== undefined ? here + (next - here) * this.progress : here;
  }

  pick(id: string): void {
    if (id === this.flowId) return;
    const info = this.infos.find((f) => f.id === id);
    if (!info) return;
    this.stop();
    this.flowId = id;
    this.variant = info.variants[0]?.id;
    this.switches = [];
    this.run = null;
    this.step = 0;
    this.message = 0;
    this.clearHash();
  }

  toggleSwitch(id: string, on: boolean): void {
    this.switches = on ? [...this.switches.filter((s) => s !== id), id].sort() : this.switches.filter((s) => s !== id);
  }

  private world(): World {
    return $state.snapshot(accountModel().world) as World;
  }

  private options(): FlowOptions {
    return { ...(this.variant ? { variant: this.variant } : {}), switches: [...this.switches] };
  }

  /** Runs the picked flow afresh (a new seed) and shows its first step. */
  async start(): Promise<void> {
    await this.execute({ flowId: this.flowId, seed: newSeed(), options: this.options(), events: [], step: 0 });
  }

  /** Runs again with the learner's other choice at `step` (one of the step's alternatives). */
  async branch(step: number, event: string): Promise<void> {
    const run = this.run;
    if (!run) return;
    await this.execute({
      flowId: run.flow.id,
      seed: run.seed,
      options: run.options,
      events: [...run.events.slice(0, step), event],
      step,
    });
  }

  private async execute(req: {
    flowId: string;
    seed: string;
    options: FlowOptions;
    events: string[];
    step: number;
  }): Promise<boolean> {
    this.stop();
    this.running = true;
    this.notice = null;
    const world = this.world();
    const answer = await flowClient().latest<Answer<FlowRun>>('flow-run', (api) =>
      api.flowRun({ flowId: req.flowId, world, seed: req.seed, options: req.options, events: req.events }),
    );
    this.running = false;
    if (!answer.ok) {
      this.notice = { kind: 'error', text: `The flow could not run: ${answer.error}.` };
      return false;
    }
    if (!answer.value.ok) {
      this.notice = { kind: 'error', text: `The flow could not run: ${answer.value.errors.join('; ')}.` };
      return false;
    }
    const run = answer.value.value;
    this.run = run;
    this.go(Math.min(req.step, run.steps.length - 1));
    return true;
  }

  go(step: number): void {
    const run = this.run;
    if (!run || run.steps.length === 0) return;
    this.step = Math.max(0, Math.min(step, run.steps.length - 1));
    this.message = 0;
    this.progress = 0;
    void this.writeHash();
  }

  back(): void {
    this.stop();
    this.go(this.step - 1);
  }

  forward(): void {
    this.stop();
    this.go(this.step + 1);
  }

  get atEnd(): boolean {
    return !this.run || this.step >= this.run.steps.length - 1;
  }

  togglePlay(): void {
    if (this.playing) this.stop();
    else this.play();
  }

  play(): void {
    if (!this.run) return;
    if (this.atEnd) this.go(0);
    this.playing = true;
    let started = performance.now();
    const tickMs = 100;
    this.timer = setInterval(() => {
      const span = STEP_MS / this.speed;
      const elapsed = performance.now() - started;
      if (elapsed >= span) {
        if (this.atEnd) {
          this.stop();
          return;
        }
        this.go(this.step + 1);
        started = performance.now();
        this.progress = 0;
        if (this.atEnd) this.stop();
      } else this.progress = elapsed / span;
    }, tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.playing = false;
    this.progress = 0;
  }

  // Links ------------------------------------------------------------------------------------

  private async hashNow(): Promise<string | undefined> {
    const run = this.run;
    if (!run) return undefined;
    return encodeFlowLink({
      format: FLOW_LINK_FORMAT,
      app: VERSION,
      flow: run.flow.id,
      flowVersion: run.flow.version,
      seed: run.seed,
      options: run.options,
      events: run.events,
      step: this.step,
    });
  }

  /** Keeps the address bar's hash on the run's state, replacing the entry only when it changes. */
  private async writeHash(): Promise<void> {
    const hash = await this.hashNow();
    if (!hash || hash === this.lastHash) return;
    this.lastHash = hash;
    if (router.path !== '/flows') return;
    if (location.hash !== `#${hash}`) history.replaceState(history.state, '', `${location.pathname}#${hash}`);
  }

  private clearHash(): void {
    this.lastHash = '';
    if (isFlowHash(location.hash)) history.replaceState(history.state, '', location.pathname + location.search);
  }

  async copyLink(): Promise<void> {
    await this.writeHash();
    const hash = await this.hashNow();
    if (!hash) return;
    this.linkUrl = `${location.origin}/flows#${hash}`;
    try {
      await navigator.clipboard.writeText(this.linkUrl);
      this.linkStatus = 'copied';
    } catch {
      this.linkStatus = 'manual';
    }
  }

  /** Opens the link in the hash, if any: re-runs the flow in the worker and lands on its step. */
  async openLink(): Promise<void> {
    const hash = location.hash;
    if (!isFlowHash(hash)) return;
    const decoded = await decodeFlowLink(hash, this.infos);
    if (!decoded) return;
    if (!decoded.ok) {
      this.clearHash();
      this.notice = { kind: 'error', text: `The shared link was not opened: ${decoded.error}.` };
      return;
    }
    const l = decoded.value;
    this.flowId = l.flow;
    this.variant = l.options.variant ?? this.info?.variants[0]?.id;
    this.switches = [...(l.options.switches ?? [])];
    this.lastHash = hash.slice(1);
    const ok = await this.execute({ flowId: l.flow, seed: l.seed, options: l.options, events: l.events, step: l.step });
    if (ok && this.run && l.step >= this.run.steps.length)
      this.notice = {
        kind: 'info',
        text: `The link asked for step ${l.step + 1}, but this run has ${this.run.steps.length} steps: showing the last.`,
      };
  }

  // The workbench --------------------------------------------------------------------------------

  /** Opens the decision's request in the workbench: the same documents, the same request. */
  async openInWorkbench(decision: FlowDecision): Promise<void> {
    const run = this.run;
    if (!run) return;
    const c = flowClient();
    // What crosses to the worker must be plain data: the run and the decision are reactive state.
    const options = $state.snapshot(run.options) as FlowOptions;
    const request = $state.snapshot(decision.request) as FlowDecision['request'];
    const fail = (why: string) => {
      this.notice = { kind: 'error', text: `The workbench could not be prepared: ${why}.` };
    };
    // The documents the run decided with: the Account's world as the flow prepared it.
    const prepared = await c.call<Answer<World>>((api) =>
      api.flowWorld({ flowId: run.flow.id, world: this.world(), options }),
    );
    if (!prepared.ok) return fail(prepared.error);
    if (!prepared.value.ok) return fail(prepared.value.errors.join('; '));
    const world = prepared.value.value;
    const fromRequest = await c.call<Answer<WorldScenario>>((api) => api.scenarioFromRequest(world, request));
    if (!fromRequest.ok) return fail(fromRequest.error);
    if (!fromRequest.value.ok) return fail(fromRequest.value.errors.join('; '));
    const scenario = fromRequest.value.value;
    openInWorkbench({ ...scenario, name: `${run.flow.title}: ${decision.action}` });
    router.navigate('/workbench');
  }

  // Compare mode ---------------------------------------------------------------------------------

  /**
   * What compare mode runs: the enhanced and basic flows with their first variant; while the build
   * has only one of them, that flow's first two variants.
   */
  get comparePairs(): { flowId: string; options: FlowOptions }[] {
    const have = COMPARE_IDS.map((id) => this.infos.find((f) => f.id === id)).filter((f) => f !== undefined);
    const first = (f: FlowInfo) => ({ flowId: f.id, options: f.variants[0] ? { variant: f.variants[0].id } : {} });
    if (have.length >= 2) return have.slice(0, 2).map(first);
    const f = have[0] ?? this.infos[0];
    if (!f) return [];
    if (f.variants.length >= 2)
      return f.variants.slice(0, 2).map((v) => ({ flowId: f.id, options: { variant: v.id } }));
    const other = this.infos.find((x) => x.id !== f.id);
    return other ? [first(f), first(other)] : [];
  }

  async startCompare(): Promise<void> {
    this.stop();
    this.comparing = true;
    this.compare = { runs: [], comparison: null };
    const world = this.world();
    const seed = newSeed();
    const runs: FlowRun[] = [];
    for (const { flowId: id, options } of this.comparePairs) {
      const answer = await flowClient().call<Answer<FlowRun>>((api) =>
        api.flowRun({ flowId: id, world, seed, options, events: [] }),
      );
      const value = answer.ok ? answer.value : undefined;
      if (!value || !value.ok) {
        const why = !answer.ok ? answer.error : value && !value.ok ? value.errors.join('; ') : '';
        this.compare = { runs, comparison: null, error: `The flow \`${id}\` could not run: ${why}.` };
        this.comparing = false;
        return;
      }
      runs.push(value.value);
    }
    this.compare = { runs, comparison: runs.length === 2 ? compareRuns(runs[0]!, runs[1]!, world) : null };
    this.comparing = false;
  }

  closeCompare(): void {
    this.compare = null;
  }

  dispose(): void {
    this.stop();
  }
}

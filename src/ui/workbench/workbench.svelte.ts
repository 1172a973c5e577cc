/**
 * The workbench model: the documents and the request (saved and shared), the worker's answers
 * (findings, summaries, decisions), and the notices shown to the person. Components read it and
 * call its methods; only this file and the editor talk to the worker.
 */
import { engineClient } from '../../worker/client';
import type { Analysis, Answer, DocInput, EvaluationAnswer, RequestHints, RequestInput } from '../../workbench/types';
import {
  defaultState,
  nextDocId,
  splitActions,
  starterText,
  type DocKind,
  type OrgLevel,
  type StoredAs,
  type WorkbenchDoc,
  type WorkbenchState,
} from './model';
import { browserScenarios, linkHash, readLink, tabScenario } from './persistence';
import { checkState } from './state-schema';
import { STATE_FORMAT_VERSION } from '../../version';
import { INDEX_KEY, MY_WORK, nameFromLink, SCENARIO_PREFIX, uniqueName, type ScenarioMeta } from './scenarios';

export type Notice = { kind: 'error' | 'info'; text: string; undo?: () => void };

/** A scenario another section hands to the workbench (the Account section's “Ask as this principal”). */
export interface PendingScenario {
  name: string;
  docs: DocInput[];
  request: RequestInput;
}

let pendingScenario: PendingScenario | undefined;

/** Asks the next workbench shown to open `scenario` as a new named scenario (its `init()` takes it, once). */
export function openInWorkbench(scenario: PendingScenario): void {
  pendingScenario = scenario;
}

/** A handed-over scenario as the workbench's saved state: documents numbered afresh, the request as drafted text. */
export function stateFromScenario(s: PendingScenario): WorkbenchState {
  const docs: WorkbenchDoc[] = s.docs.map((d, i) => ({
    id: `d${i + 1}`,
    name: d.name,
    kind: d.kind,
    ...(d.level ? { level: d.level } : {}),
    ...(d.storedAs ? { storedAs: d.storedAs } : {}),
    text: d.text,
  }));
  return {
    v: STATE_FORMAT_VERSION,
    docs,
    active: docs[0]?.id ?? '',
    request: {
      principal: s.request.principal,
      actions: s.request.actions.join(', '),
      resource: s.request.resource,
      resourceAccount: s.request.resourceAccount,
      context: s.request.context.map((c) => ({ key: c.key, value: c.value })),
    },
  };
}

const EVALUATE_DELAY = 120;
const SAVE_DELAY = 400;

export class WorkbenchModel {
  state = $state<WorkbenchState>(defaultState());
  ready = $state(false);
  analyses = $state<Record<string, Analysis>>({});
  evaluation = $state<EvaluationAnswer | null>(null);
  evaluationError = $state<string | null>(null);
  evaluating = $state(false);
  hints = $state<RequestHints | null>(null);
  notice = $state<Notice | null>(null);
  /** The share link for the current state; `null` while it is computed or when the state is too large. */
  shareUrl = $state<string | null>(null);
  /** Why the state cannot be saved or shared (too large), or `null`. */
  shareTooLarge = $state<string | null>(null);
  /** Which row of the results table is shown in detail. */
  selectedAction = $state(0);
  /** Decide even with documents IAM would refuse, fail-closed ("evaluate anyway, ignoring the broken statements"). */
  anyway = $state(false);
  /** A request from the answer to show a range in the editor: the editor reacts to it. */
  reveal = $state<{ docId: string; start: number; end: number; seq: number } | null>(null);

  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private evalTimer: ReturnType<typeof setTimeout> | undefined;
  private hintKey = '';
  private disposed = false;
  private lastHash = '';
  /** Changes not yet written to this browser's storage. */
  private dirty = false;
  private readonly store = browserScenarios();

  /** The learner's named scenarios (this browser's, shared by its tabs). */
  scenarios = $state<ScenarioMeta[]>([]);
  /** The scenario this tab shows. */
  scenarioId = $state('');
  /** Why the last save to this browser's storage failed, or `null`. */
  saveError = $state<string | null>(null);

  get active(): WorkbenchDoc | undefined {
    return this.state.docs.find((d) => d.id === this.state.active) ?? this.state.docs[0];
  }

  get scenario(): ScenarioMeta | undefined {
    return this.scenarios.find((s) => s.id === this.scenarioId);
  }

  async init(): Promise<void> {
    const opened = this.store.open();
    const notices: { kind: Notice['kind']; text: string }[] = opened.notices.map((text) => ({ kind: 'error', text }));
    const hadWork = opened.scenarios.length > 0;
    const link = isStateHash(location.hash) ? await readLink(location.hash) : ({ kind: 'none' } as const);
    if (this.disposed) return;
    this.scenarios = this.store.list();
    let undo: (() => void) | undefined;
    if (link.kind === 'state') {
      const mine = tabScenario.get() ?? opened.last;
      const fromLink = this.openLink(link.state, this.scenarios.find((s) => s.id === mine) ?? this.scenarios[0]);
      notices.push(fromLink);
      undo = fromLink.undo;
    } else {
      notices.push(...this.openSaved(tabScenario.get() ?? opened.last));
      const handed = pendingScenario;
      pendingScenario = undefined;
      if (handed) notices.push(this.openHanded(handed));
      if (link.kind === 'refused') {
        notices.unshift({
          kind: 'error',
          text: `This link could not be opened (${link.error}), so nothing from it was used. ${
            hadWork
              ? `Your scenario “${this.scenario?.name ?? MY_WORK}” is shown as you left it.`
              : 'The default workbench is shown instead.'
          }`,
        });
        history.replaceState(history.state, '', location.pathname + location.search);
      }
    }
    const shown = notices.filter((n) => n.text !== '');
    if (shown.length > 0)
      this.notice = {
        kind: shown.some((n) => n.kind === 'error') ? 'error' : 'info',
        text: shown.map((n) => n.text).join(' '),
        undo: shown.length === 1 ? undo : undefined,
      };
    this.ready = true;
    this.unsubscribe = engineClient().onRestart((error) => this.workerRestarted(error));
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener('storage', this.onStorage);
    window.addEventListener('pagehide', this.flush);
    this.changed();
  }

  dispose(): void {
    this.flush();
    this.disposed = true;
    this.unsubscribe?.();
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener('storage', this.onStorage);
    window.removeEventListener('pagehide', this.flush);
    clearTimeout(this.saveTimer);
    clearTimeout(this.evalTimer);
  }

  /** Shows scenario `id` holding `state` in this tab. */
  private show(id: string, state: WorkbenchState): void {
    this.scenarioId = id;
    tabScenario.set(id);
    this.store.touch(id);
    this.scenarios = this.withCurrent(this.store.list());
    this.state = state;
    this.analyses = {};
    this.selectedAction = 0;
    // An undo offered for the scenario left behind would act on this one.
    if (this.notice?.undo) this.notice = null;
  }

  /** The list, with the scenario this tab shows even if another tab deleted it (it is saved back on the next change). */
  private withCurrent(list: ScenarioMeta[]): ScenarioMeta[] {
    const mine = this.scenarios.find((s) => s.id === this.scenarioId);
    return mine && !list.some((s) => s.id === mine.id) ? [...list, mine] : list;
  }

  /** Opens the saved scenario `preferred`, else the first readable one, else a fresh “My work”. */
  private openSaved(preferred: string | undefined): { kind: Notice['kind']; text: string }[] {
    const notices: { kind: Notice['kind']; text: string }[] = [];
    const list = this.store.list();
    const order = [...list.filter((s) => s.id === preferred), ...list.filter((s) => s.id !== preferred)];
    for (const meta of order) {
      const loaded = this.store.load(meta.id);
      if (loaded?.ok) {
        this.show(meta.id, loaded.value);
        return notices;
      }
      if (loaded && !loaded.ok)
        notices.push({
          kind: 'error',
          text: `The scenario “${meta.name}” could not be read (${loaded.error}). It is kept aside in this browser’s storage under \`${loaded.aside}\`.`,
        });
    }
    this.showNew(MY_WORK, defaultState());
    return notices;
  }

  /** Creates a scenario and shows it; if it cannot be saved, it is shown anyway and the person is told. */
  private showNew(name: string, state: WorkbenchState): ScenarioMeta {
    const created = this.store.create(name, state, this.scenarioId || undefined);
    if (created.ok) {
      this.show(created.meta.id, state);
      return created.meta;
    }
    const meta = { id: `s0${Date.now().toString(36)}`, name: uniqueName(name, this.scenarios) };
    this.scenarios = [...this.scenarios, meta];
    this.show(meta.id, state);
    this.saveError = created.error;
    return meta;
  }

  /** Opens a link's state as a scenario of its own beside the learner's (or the one already holding exactly it). */
  private openLink(
    state: WorkbenchState,
    previous = this.scenario,
  ): { kind: Notice['kind']; text: string; undo?: () => void } {
    const same = this.store.findSame(state, this.scenarioId || tabScenario.get());
    if (same) {
      this.show(same.id, state);
      return {
        kind: 'info',
        text:
          previous && previous.id !== same.id
            ? `The link holds “${same.name}”, already saved in this browser: it is shown.`
            : '',
      };
    }
    const meta = this.showNew(nameFromLink(state), state);
    const kept = previous
      ? ` Your scenario “${previous.name}” is kept as it was; switch back with the scenario list.`
      : '';
    return {
      kind: 'info',
      text: `The link opened as a new scenario, “${meta.name}”.${kept}`,
      undo: previous
        ? () => {
            this.notice = null;
            // The link's scenario goes: nothing of it is saved again.
            this.dirty = false;
            clearTimeout(this.saveTimer);
            this.store.delete(meta.id);
            this.scenarios = this.scenarios.filter((s) => s.id !== meta.id);
            this.switchScenario(previous.id);
          }
        : undefined,
    };
  }

  /** Opens a scenario handed over by another section as a new one, keeping the learner's. */
  private openHanded(handed: PendingScenario): { kind: Notice['kind']; text: string } {
    const previous = this.scenario;
    const checked = checkState(stateFromScenario(handed));
    if (!checked.ok)
      return { kind: 'error', text: `“${handed.name}” could not be opened in the workbench: ${checked.error}.` };
    const meta = this.showNew(handed.name, checked.value);
    const kept = previous ? ` Your scenario “${previous.name}” is kept; switch back with the scenario list.` : '';
    return { kind: 'info', text: `Opened “${meta.name}” from the account as a new scenario.${kept}` };
  }

  private onHashChange = () => {
    const h = location.hash.slice(1);
    if (h === this.lastHash || !isStateHash(h)) return;
    void readLink(location.hash).then((link) => {
      if (this.disposed) return;
      if (link.kind === 'state') {
        this.flush();
        const opened = this.openLink(link.state);
        this.notice = opened.text ? { kind: opened.kind, text: opened.text, undo: opened.undo } : null;
        this.changed();
        return;
      }
      this.notice = {
        kind: 'error',
        text: `This link could not be opened (${link.kind === 'refused' ? link.error : 'it holds nothing'}), so nothing from it was used. Your scenario “${this.scenario?.name ?? MY_WORK}” is unchanged.`,
      };
      history.replaceState(
        history.state,
        '',
        `${location.pathname}${location.search}${this.lastHash ? `#${this.lastHash}` : ''}`,
      );
    });
  };

  /** Another tab saved: follow its list of scenarios, and its changes to the one shown here. */
  private onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key === INDEX_KEY) this.scenarios = this.withCurrent(this.store.list());
    if (e.key !== SCENARIO_PREFIX + this.scenarioId || e.newValue === null) return;
    const loaded = this.store.load(this.scenarioId);
    if (!loaded?.ok || JSON.stringify(loaded.value) === JSON.stringify($state.snapshot(this.state))) return;
    this.state = loaded.value;
    this.dirty = false;
    this.notice = {
      kind: 'info',
      text: `“${this.scenario?.name ?? MY_WORK}” was changed in another tab; this tab now shows that version.`,
    };
    this.changed({ save: false });
  };

  /** Switches this tab to scenario `id`, after saving the one shown. */
  switchScenario(id: string): void {
    if (id === this.scenarioId) return;
    this.flush();
    const meta = this.store.list().find((s) => s.id === id) ?? this.scenarios.find((s) => s.id === id);
    const loaded = this.store.load(id);
    if (!loaded || !loaded.ok) {
      this.scenarios = this.withCurrent(this.store.list());
      this.notice = {
        kind: 'error',
        text: loaded
          ? `The scenario “${meta?.name ?? id}” could not be read (${loaded.error}). It is kept aside in this browser’s storage under \`${loaded.aside}\`.`
          : `The scenario “${meta?.name ?? id}” is no longer saved in this browser (another tab may have deleted it).`,
      };
      return;
    }
    this.show(id, loaded.value);
    this.changed({ save: false });
    void this.refreshLink();
  }

  renameScenario(name: string): void {
    const meta = this.scenario;
    if (!meta) return;
    meta.name = name.slice(0, 64);
    this.scenarios = this.withCurrent(this.store.rename(meta.id, meta.name));
  }

  /** A new scenario holding the starting example. */
  newScenario(): void {
    this.flush();
    this.showNew('Scenario', defaultState());
    this.changed();
  }

  duplicateScenario(): void {
    const from = this.scenario;
    this.flush();
    const meta = this.showNew(`${from?.name || 'Untitled'} (copy)`, $state.snapshot(this.state) as WorkbenchState);
    this.notice = { kind: 'info', text: `Duplicated “${from?.name ?? MY_WORK}” as “${meta.name}”.` };
    this.changed();
  }

  /** Deletes the scenario shown (with undo) and shows its neighbour, or a fresh “My work” if it was the last. */
  deleteScenario(): void {
    const meta = this.scenario;
    if (!meta) return;
    this.flush();
    const snapshot = JSON.stringify($state.snapshot(this.state));
    const list = this.withCurrent(this.store.list());
    const i = list.findIndex((s) => s.id === meta.id);
    const deleted = this.store.delete(meta.id) ?? {
      meta: { ...meta },
      after: i > 0 ? list[i - 1].id : null,
      state: snapshot,
    };
    deleted.state ??= snapshot;
    this.scenarios = this.scenarios.filter((s) => s.id !== meta.id);
    const rest = list.filter((s) => s.id !== meta.id);
    const next = rest[Math.min(Math.max(i, 0), rest.length - 1)];
    const loaded = next ? this.store.load(next.id) : undefined;
    if (next && loaded?.ok) this.show(next.id, loaded.value);
    else this.showNew(MY_WORK, defaultState());
    this.notice = {
      kind: 'info',
      text: `Deleted the scenario “${meta.name}”.`,
      undo: () => {
        this.notice = null;
        this.flush();
        const restored = this.store.restore(deleted);
        if (!restored.ok) {
          this.notice = { kind: 'error', text: `The scenario could not be restored: ${restored.error}.` };
          return;
        }
        this.scenarios = this.store.list();
        this.switchScenario(deleted.meta.id);
      },
    };
    this.changed();
  }

  /** Call after any change to the documents or the request: saves and re-evaluates (both debounced). */
  changed(options: { save?: boolean } = {}): void {
    if (options.save !== false) this.dirty = true;
    clearTimeout(this.saveTimer);
    this.shareUrl = null;
    // The address bar's link now holds an older state: take it away until the new one is written,
    // so a reload before then reopens the saved work instead of reading the stale link as a new one.
    if (options.save !== false && isStateHash(location.hash))
      history.replaceState(history.state, '', location.pathname + location.search);
    this.saveTimer = setTimeout(() => void this.save(), SAVE_DELAY);
    clearTimeout(this.evalTimer);
    this.evalTimer = setTimeout(() => void this.evaluate(), EVALUATE_DELAY);
    void this.refreshHints();
  }

  /** Writes unsaved changes to this browser's storage now (before switching, leaving or closing). */
  private flush = (): void => {
    if (!this.dirty || this.disposed) return;
    const meta = this.scenario;
    const snapshot = $state.snapshot(this.state) as WorkbenchState;
    const checked = checkState(snapshot);
    if (!meta) return;
    if (!checked.ok) {
      this.shareTooLarge = checked.error;
      return;
    }
    const saved = this.store.save(meta, checked.value);
    this.saveError = saved.ok ? null : saved.error;
    if (saved.ok) this.dirty = false;
  };

  private async save(): Promise<void> {
    this.flush();
    await this.refreshLink();
  }

  /** Puts the state in the address bar's hash (the share link). */
  private async refreshLink(): Promise<void> {
    const snapshot = $state.snapshot(this.state) as WorkbenchState;
    const link = await linkHash(snapshot);
    if (this.disposed) return;
    if (!link.ok) {
      this.shareTooLarge = link.error;
      this.shareUrl = null;
      return;
    }
    this.shareTooLarge = null;
    this.lastHash = link.hash;
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${link.hash}`);
    this.shareUrl = location.href;
  }

  /** Makes sure the link holds the latest state and answers it. */
  async shareLink(): Promise<string | null> {
    clearTimeout(this.saveTimer);
    await this.save();
    return this.shareUrl;
  }

  docInputs(): DocInput[] {
    return ($state.snapshot(this.state.docs) as WorkbenchDoc[]).map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind,
      level: d.level,
      ...(d.storedAs ? { storedAs: d.storedAs } : {}),
      text: d.text,
    }));
  }

  async evaluate(): Promise<void> {
    const req = $state.snapshot(this.state.request);
    const actions = splitActions(req.actions);
    const client = engineClient();
    if (actions.length === 0) {
      // An answer still in flight is for a question no longer asked.
      client.cancel('evaluate');
      this.evaluating = false;
      this.evaluation = null;
      this.evaluationError = 'Type an action to ask about, such as `s3:GetObject`.';
      return;
    }
    this.evaluating = true;
    const answer = await client.latest<Answer<EvaluationAnswer>>('evaluate', (api) =>
      api.evaluate(
        this.docInputs(),
        {
          principal: req.principal,
          actions,
          resource: req.resource,
          resourceAccount: req.resourceAccount,
          context: req.context,
        },
        { anyway: this.anyway },
      ),
    );
    if (this.disposed) return;
    this.evaluating = false;
    if (!answer.ok) {
      this.evaluationError = answer.error;
      return;
    }
    if (!answer.value.ok) {
      this.evaluation = null;
      this.evaluationError = answer.value.errors.join('; ');
      return;
    }
    this.evaluationError = null;
    this.evaluation = answer.value.value;
    if (this.selectedAction >= answer.value.value.rows.length) this.selectedAction = 0;
  }

  private async refreshHints(): Promise<void> {
    const req = $state.snapshot(this.state.request);
    const key = JSON.stringify([req.actions, req.context.map((c) => c.key), req.resourceAccount]);
    if (key === this.hintKey) return;
    this.hintKey = key;
    const answer = await engineClient().latest<Answer<RequestHints>>('request-hints', (api) =>
      api.requestHints(
        splitActions(req.actions),
        req.context.map((c) => c.key),
        req.resourceAccount,
      ),
    );
    if (!answer.ok || !answer.value.ok) {
      this.hintKey = '';
      return;
    }
    this.hints = answer.value.value;
  }

  /** Counts the engine replacements the page answered by asking again (the editor re-checks its documents on each). */
  retries = $state(0);
  private lastRetry = 0;
  private unsubscribe: (() => void) | undefined;

  /**
   * The engine was replaced: say so, and ask the fresh one again, once. If it was replaced again
   * within 15 s, the documents probably make it stall: wait for the person's next change instead.
   */
  workerRestarted(error: string): void {
    const now = Date.now();
    const retry = now - this.lastRetry > 15_000;
    const next = retry ? 'the answer is being computed again' : 'the answer will refresh on your next change';
    this.notice = { kind: 'error', text: `${error[0].toUpperCase()}${error.slice(1)}. Your work is kept; ${next}.` };
    if (!retry) return;
    this.lastRetry = now;
    this.retries++;
    this.hintKey = '';
    this.changed({ save: false });
  }

  /** Switches "evaluate anyway" and answers again. */
  setAnyway(on: boolean): void {
    this.anyway = on;
    clearTimeout(this.evalTimer);
    void this.evaluate();
  }

  setAnalysis(docId: string, analysis: Analysis): void {
    this.analyses[docId] = analysis;
  }

  select(id: string): void {
    if (this.state.docs.some((d) => d.id === id)) {
      this.state.active = id;
      this.changed({ save: false });
    }
  }

  addDoc(kind: DocKind, name?: string, text?: string, storedAs?: StoredAs): WorkbenchDoc {
    const id = nextDocId(this.state.docs);
    const count = this.state.docs.filter((d) => d.kind === kind).length + 1;
    const doc: WorkbenchDoc = {
      id,
      name: name ?? `${defaultName(kind)} ${count}`,
      kind,
      text: text ?? starterText(kind),
    };
    if (kind === 'scp' || kind === 'rcp') doc.level = 'root';
    if (storedAs && (kind === 'identity' || (kind === 'boundary' && storedAs === 'aws-managed')))
      doc.storedAs = storedAs;
    this.state.docs.push(doc);
    this.state.active = id;
    this.changed();
    return doc;
  }

  removeDoc(id: string): void {
    const i = this.state.docs.findIndex((d) => d.id === id);
    if (i < 0) return;
    const [removed] = this.state.docs.splice(i, 1);
    if (this.state.active === id)
      this.state.active = this.state.docs[Math.min(i, this.state.docs.length - 1)]?.id ?? '';
    delete this.analyses[id];
    this.notice = {
      kind: 'info',
      text: `Removed “${removed.name}”.`,
      undo: () => {
        this.state.docs.splice(Math.min(i, this.state.docs.length), 0, removed);
        this.state.active = removed.id;
        this.notice = null;
        this.changed();
      },
    };
    this.changed();
  }

  moveDoc(id: string, by: -1 | 1): void {
    const i = this.state.docs.findIndex((d) => d.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= this.state.docs.length) return;
    const docs = this.state.docs;
    [docs[i], docs[j]] = [docs[j], docs[i]];
    this.changed();
  }

  renameDoc(id: string, name: string): void {
    const d = this.state.docs.find((x) => x.id === id);
    if (d) {
      d.name = name.slice(0, 128);
      this.changed();
    }
  }

  setKind(id: string, kind: DocKind): void {
    const d = this.state.docs.find((x) => x.id === id);
    if (!d) return;
    d.kind = kind;
    if (kind === 'scp' || kind === 'rcp') d.level ??= 'root';
    else delete d.level;
    if (!(kind === 'identity' || (kind === 'boundary' && d.storedAs === 'aws-managed'))) delete d.storedAs;
    this.changed();
  }

  /** How IAM stores an identity policy or a boundary (`undefined`: a customer managed policy); the size limit follows. */
  setStoredAs(id: string, storedAs: StoredAs | undefined): void {
    const d = this.state.docs.find((x) => x.id === id);
    if (!d || (d.kind !== 'identity' && d.kind !== 'boundary')) return;
    if (storedAs && (d.kind === 'identity' || storedAs === 'aws-managed')) d.storedAs = storedAs;
    else delete d.storedAs;
    this.changed();
  }

  setLevel(id: string, level: OrgLevel): void {
    const d = this.state.docs.find((x) => x.id === id);
    if (d && (d.kind === 'scp' || d.kind === 'rcp')) {
      d.level = level;
      this.changed();
    }
  }

  setText(id: string, text: string): void {
    const d = this.state.docs.find((x) => x.id === id);
    if (d && d.text !== text) {
      d.text = text;
      this.changed();
    }
  }

  reset(): void {
    const previous = $state.snapshot(this.state) as WorkbenchState;
    this.state = defaultState();
    this.analyses = {};
    this.selectedAction = 0;
    this.notice = {
      kind: 'info',
      text: `The scenario “${this.scenario?.name ?? MY_WORK}” was reset to its starting example.`,
      undo: () => {
        this.state = previous;
        this.notice = null;
        this.changed();
      },
    };
    this.changed();
  }

  /** Shows a statement's range in its document. */
  jumpTo(docId: string, start: number, end: number): void {
    if (!this.state.docs.some((d) => d.id === docId)) return;
    this.state.active = docId;
    this.reveal = { docId, start, end, seq: (this.reveal?.seq ?? 0) + 1 };
  }
}

function defaultName(kind: DocKind): string {
  return {
    identity: 'Identity policy',
    resource: 'Resource policy',
    boundary: 'Boundary',
    scp: 'SCP',
    rcp: 'RCP',
    session: 'Session policy',
  }[kind];
}

/** Only `#s=…` hashes are links; others (such as the skip link's `#main`) are not the workbench's. */
function isStateHash(hash: string): boolean {
  return (hash.startsWith('#') ? hash.slice(1) : hash).startsWith('s=');
}

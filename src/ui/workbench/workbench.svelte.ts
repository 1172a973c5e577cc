/**
 * The workbench model: the documents and the request (saved and shared), the worker's answers
 * (findings, summaries, decisions), and the notices shown to the person. Components read it and
 * call its methods; only this file and the editor talk to the worker.
 */
import { engineClient } from '../../worker/client';
import type { Analysis, Answer, DocInput, EvaluationAnswer, RequestHints } from '../../workbench/types';
import {
  defaultState,
  nextDocId,
  splitActions,
  starterText,
  type DocKind,
  type OrgLevel,
  type WorkbenchDoc,
  type WorkbenchState,
} from './model';
import { loadInitial, persist } from './persistence';

export type Notice = { kind: 'error' | 'info'; text: string; undo?: () => void };

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
  private evalSeq = 0;
  private hintSeq = 0;
  private hintKey = '';
  private disposed = false;
  private lastHash = '';
  /** After a refused link, the autosave waits for the person's first change (so their saved work is not overwritten). */
  private holdSave = false;

  get active(): WorkbenchDoc | undefined {
    return this.state.docs.find((d) => d.id === this.state.active) ?? this.state.docs[0];
  }

  async init(): Promise<void> {
    const loaded = await loadInitial(location.hash, defaultState);
    this.state = loaded.state;
    if (loaded.notice) {
      this.notice = { kind: 'error', text: loaded.notice };
      this.holdSave = true;
      history.replaceState(history.state, '', location.pathname + location.search);
    }
    this.ready = true;
    this.unsubscribe = engineClient().onRestart((error) => this.workerRestarted(error));
    window.addEventListener('hashchange', this.onHashChange);
    this.changed({ save: !this.holdSave });
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe?.();
    window.removeEventListener('hashchange', this.onHashChange);
    clearTimeout(this.saveTimer);
    clearTimeout(this.evalTimer);
  }

  private onHashChange = () => {
    const h = location.hash.slice(1);
    if (h === this.lastHash || h === '') return;
    void loadInitial(location.hash, defaultState).then((loaded) => {
      this.state = loaded.state;
      this.notice = loaded.notice
        ? { kind: 'error', text: loaded.notice }
        : { kind: 'info', text: 'The workbench now shows the state from the link.' };
      this.changed();
    });
  };

  /** Call after any change to the documents or the request: saves and re-evaluates (both debounced). */
  changed(options: { save?: boolean } = {}): void {
    if (options.save !== false) this.holdSave = false;
    clearTimeout(this.saveTimer);
    this.shareUrl = null;
    this.saveTimer = setTimeout(() => void this.save(), SAVE_DELAY);
    clearTimeout(this.evalTimer);
    this.evalTimer = setTimeout(() => void this.evaluate(), EVALUATE_DELAY);
    void this.refreshHints();
  }

  private async save(): Promise<void> {
    if (this.holdSave) return;
    const snapshot = $state.snapshot(this.state) as WorkbenchState;
    const saved = await persist(snapshot);
    if (!saved.ok) {
      this.shareTooLarge = saved.error;
      this.shareUrl = null;
      return;
    }
    const hash = saved.hash;
    if (this.disposed) return;
    this.shareTooLarge = null;
    this.lastHash = hash;
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${hash}`);
    this.shareUrl = location.href;
  }

  /** Makes sure the link holds the latest state and answers it. */
  async shareLink(): Promise<string | null> {
    clearTimeout(this.saveTimer);
    this.holdSave = false;
    await this.save();
    return this.shareUrl;
  }

  docInputs(): DocInput[] {
    return ($state.snapshot(this.state.docs) as WorkbenchDoc[]).map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind,
      level: d.level,
      text: d.text,
    }));
  }

  async evaluate(): Promise<void> {
    const seq = ++this.evalSeq;
    const req = $state.snapshot(this.state.request);
    const actions = splitActions(req.actions);
    if (actions.length === 0) {
      this.evaluation = null;
      this.evaluationError = 'Type an action to ask about, such as `s3:GetObject`.';
      return;
    }
    this.evaluating = true;
    const answer = await engineClient().call<Answer<EvaluationAnswer>>((api) =>
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
    if (seq !== this.evalSeq) return;
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
    const seq = ++this.hintSeq;
    const answer = await engineClient().call<Answer<RequestHints>>((api) =>
      api.requestHints(
        splitActions(req.actions),
        req.context.map((c) => c.key),
        req.resourceAccount,
      ),
    );
    if (seq !== this.hintSeq) return;
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

  addDoc(kind: DocKind, name?: string, text?: string): WorkbenchDoc {
    const id = nextDocId(this.state.docs);
    const count = this.state.docs.filter((d) => d.kind === kind).length + 1;
    const doc: WorkbenchDoc = {
      id,
      name: name ?? `${defaultName(kind)} ${count}`,
      kind,
      text: text ?? starterText(kind),
    };
    if (kind === 'scp' || kind === 'rcp') doc.level = 'root';
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
      text: 'The workbench was reset to its starting example.',
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

/**
 * The learner's named scenarios, saved in this browser. Each scenario's state has its own
 * storage key, so two tabs working on different scenarios never overwrite each other; a small
 * index (with its own format version) names them and remembers the last one used.
 *
 * Nothing saved is ever dropped silently: the old single autosave (format 1) becomes the
 * scenario "My work", and saved data that cannot be read is copied aside under its own key
 * with a notice saying where.
 */
import type { WorkbenchState } from './model';
import { checkState, type Checked } from './state-schema';
import { SafeStorage, type SaveStorage, type Saved } from '../safe-storage';

/** The index of scenarios. */
export const INDEX_KEY = 'iamplay.scenarios';
/** Each scenario's state lives under this prefix and its id. */
export const SCENARIO_PREFIX = 'iamplay.scenario.';
/** Format 1: one autosaved state, before scenarios. */
export const LEGACY_KEY = 'iamplay.workbench';
/** Saved data that could not be read is copied here (prefix and a timestamp), never deleted. */
export const ASIDE_PREFIX = 'iamplay.unreadable.';
/** The format version of the index. */
export const SCENARIOS_FORMAT = 2;

export const SCENARIO_LIMITS = { scenarios: 30, name: 64 } as const;
export const MY_WORK = 'My work';

const ID = /^s[0-9a-z]{1,24}$/;

export interface ScenarioMeta {
  id: string;
  name: string;
}

interface Index {
  format: number;
  scenarios: ScenarioMeta[];
  last: string;
}

/** What opening the store found: the scenarios, the last one used, and what the person must be told. */
export interface Opened {
  scenarios: ScenarioMeta[];
  last: string | undefined;
  notices: string[];
}

export type { Saved } from '../safe-storage';

function checkIndex(v: unknown): Checked<Index> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, error: 'it is not an object' };
  const o = v as Record<string, unknown>;
  if (o.format !== SCENARIOS_FORMAT) {
    return {
      ok: false,
      error:
        typeof o.format === 'number' && o.format > SCENARIOS_FORMAT
          ? 'it was saved by a newer version of IAM Playground'
          : 'it has an unknown format version',
    };
  }
  if (!Array.isArray(o.scenarios)) return { ok: false, error: 'its scenarios are not a list' };
  const seen = new Set<string>();
  const scenarios: ScenarioMeta[] = [];
  for (const s of o.scenarios as unknown[]) {
    const e = s as Record<string, unknown> | null;
    if (!e || typeof e.id !== 'string' || !ID.test(e.id) || typeof e.name !== 'string' || seen.has(e.id))
      return { ok: false, error: 'a scenario in it is malformed' };
    seen.add(e.id);
    scenarios.push({ id: e.id, name: e.name.slice(0, SCENARIO_LIMITS.name) });
  }
  return { ok: true, value: { format: SCENARIOS_FORMAT, scenarios, last: typeof o.last === 'string' ? o.last : '' } };
}

/** `name`, or `name (2)`, `name (3)`… whichever no scenario in `taken` has. */
export function uniqueName(name: string, taken: ScenarioMeta[]): string {
  const base = name.trim().slice(0, SCENARIO_LIMITS.name - 5) || 'Untitled';
  const names = new Set(taken.map((s) => s.name));
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} (${n})`)) return `${base} (${n})`;
}

/** The name a scenario opened from a link gets: from its first document. */
export function nameFromLink(state: WorkbenchState): string {
  const first = state.docs[0]?.name.trim();
  return first ? `Link: ${first}`.slice(0, SCENARIO_LIMITS.name) : 'Link: empty workbench';
}

export class ScenarioStore extends SafeStorage {
  private counter = 0;

  constructor(
    storage: SaveStorage | undefined,
    private readonly now: () => number = Date.now,
  ) {
    super(storage);
  }

  /** Copies unreadable text aside under a key of its own; answers that key. */
  private setAside(raw: string, what: string): string {
    let key = `${ASIDE_PREFIX}${what}.${this.now()}`;
    for (let n = 2; this.get(key) !== null; n++) key = `${ASIDE_PREFIX}${what}.${this.now()}-${n}`;
    this.set(key, raw);
    return key;
  }

  private readIndex(): Index {
    const raw = this.get(INDEX_KEY);
    if (raw === null) return { format: SCENARIOS_FORMAT, scenarios: [], last: '' };
    try {
      const checked = checkIndex(JSON.parse(raw));
      if (checked.ok) return checked.value;
    } catch {
      /* read as unreadable below */
    }
    return { format: SCENARIOS_FORMAT, scenarios: [], last: '' };
  }

  private writeIndex(index: Index): Saved {
    return this.set(INDEX_KEY, JSON.stringify(index));
  }

  /** Applies `change` to the index as saved now (another tab may have changed it) and saves it. */
  private update(change: (index: Index) => void): Index {
    const index = this.readIndex();
    change(index);
    this.writeIndex(index);
    return index;
  }

  private freshId(taken: ScenarioMeta[]): string {
    const used = new Set(taken.map((s) => s.id));
    for (;;) {
      const id = `s${this.now().toString(36)}${(this.counter++).toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
      if (!used.has(id) && this.get(SCENARIO_PREFIX + id) === null) return id;
    }
  }

  /**
   * Reads the index, first migrating the format-1 autosave into the scenario "My work". An
   * unreadable index is set aside and rebuilt from the scenarios still saved.
   */
  open(): Opened {
    const notices: string[] = [];
    const raw = this.get(INDEX_KEY);
    let index: Index | undefined;
    if (raw !== null) {
      let error = 'it is not valid JSON';
      try {
        const checked = checkIndex(JSON.parse(raw));
        if (checked.ok) index = checked.value;
        else error = checked.error;
      } catch {
        /* error as set */
      }
      if (!index) {
        const aside = this.setAside(raw, 'scenarios');
        index = { format: SCENARIOS_FORMAT, scenarios: this.orphans(), last: '' };
        this.writeIndex(index);
        notices.push(
          `The list of your saved scenarios could not be read (${error}). It is kept aside in this browser’s storage under \`${aside}\`${index.scenarios.length > 0 ? `; the ${index.scenarios.length} saved ${index.scenarios.length === 1 ? 'scenario was' : 'scenarios were'} recovered` : ''}.`,
        );
      }
    }
    const legacy = this.get(LEGACY_KEY);
    if (legacy !== null) {
      index ??= { format: SCENARIOS_FORMAT, scenarios: [], last: '' };
      const checked = readState(legacy);
      if (checked.ok) {
        const meta = { id: this.freshId(index.scenarios), name: uniqueName(MY_WORK, index.scenarios) };
        if (this.set(SCENARIO_PREFIX + meta.id, JSON.stringify(checked.value)).ok) {
          index.scenarios.unshift(meta);
          index.last = meta.id;
          if (this.writeIndex(index).ok) this.remove(LEGACY_KEY);
        }
      } else {
        const aside = this.setAside(legacy, 'workbench');
        this.remove(LEGACY_KEY);
        notices.push(
          `Your saved workbench could not be read (${checked.error}). It is kept aside in this browser’s storage under \`${aside}\`, and a fresh workbench is shown.`,
        );
      }
    }
    index ??= this.readIndex();
    return { scenarios: index.scenarios, last: index.last || undefined, notices };
  }

  /** Scenario states saved without an entry in the index (after the index was lost). */
  private orphans(): ScenarioMeta[] {
    const out: ScenarioMeta[] = [];
    if (!this.storage) return out;
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (!key?.startsWith(SCENARIO_PREFIX)) continue;
        const id = key.slice(SCENARIO_PREFIX.length);
        if (ID.test(id)) out.push({ id, name: `Recovered scenario ${out.length + 1}` });
      }
    } catch {
      /* storage not readable: nothing to recover */
    }
    return out;
  }

  /** The scenarios as saved now. */
  list(): ScenarioMeta[] {
    return this.readIndex().scenarios;
  }

  /**
   * The saved state of scenario `id`: `undefined` when it holds nothing; a refusal (after the
   * unreadable text was set aside and the scenario taken off the list) when it cannot be read.
   */
  load(id: string): { ok: true; value: WorkbenchState } | { ok: false; error: string; aside?: string } | undefined {
    const raw = this.get(SCENARIO_PREFIX + id);
    if (raw === null) return undefined;
    const checked = readState(raw);
    if (checked.ok) return checked;
    const aside = this.setAside(raw, `scenario.${id}`);
    this.remove(SCENARIO_PREFIX + id);
    this.update((index) => (index.scenarios = index.scenarios.filter((s) => s.id !== id)));
    return { ok: false, error: checked.error, aside };
  }

  /** Saves the state of scenario `meta` (putting it back on the list if another tab deleted it). */
  save(meta: ScenarioMeta, state: WorkbenchState): Saved {
    const saved = this.set(SCENARIO_PREFIX + meta.id, JSON.stringify(state));
    if (!saved.ok) return saved;
    this.update((index) => {
      if (!index.scenarios.some((s) => s.id === meta.id)) index.scenarios.push({ ...meta });
      index.last = meta.id;
    });
    return saved;
  }

  /** Adds a scenario (after `after`, else at the end) and saves its state. */
  create(
    name: string,
    state: WorkbenchState,
    after?: string,
  ): { ok: true; meta: ScenarioMeta } | { ok: false; error: string } {
    const index = this.readIndex();
    if (index.scenarios.length >= SCENARIO_LIMITS.scenarios)
      return { ok: false, error: `there are already ${SCENARIO_LIMITS.scenarios} scenarios; delete one first` };
    const meta = { id: this.freshId(index.scenarios), name: uniqueName(name, index.scenarios) };
    const saved = this.set(SCENARIO_PREFIX + meta.id, JSON.stringify(state));
    if (!saved.ok) return saved;
    this.insert(meta, after);
    return { ok: true, meta };
  }

  /** Puts `meta` on the list after `after` (at the start when `after` is `null`, at the end when unknown). */
  private insert(meta: ScenarioMeta, after?: string | null): void {
    this.update((index) => {
      index.scenarios = index.scenarios.filter((s) => s.id !== meta.id);
      const at = after === null ? 0 : index.scenarios.findIndex((s) => s.id === after) + 1 || index.scenarios.length;
      index.scenarios.splice(at, 0, { ...meta });
      index.last = meta.id;
    });
  }

  rename(id: string, name: string): ScenarioMeta[] {
    return this.update((index) => {
      const s = index.scenarios.find((x) => x.id === id);
      if (s) s.name = name.slice(0, SCENARIO_LIMITS.name);
    }).scenarios;
  }

  /** Deletes scenario `id`; answers what `restore` needs to undo it. */
  delete(id: string): { meta: ScenarioMeta; after: string | null; state: string | null } | undefined {
    const index = this.readIndex();
    const i = index.scenarios.findIndex((s) => s.id === id);
    if (i < 0) return undefined;
    const meta = index.scenarios[i];
    const state = this.get(SCENARIO_PREFIX + id);
    this.remove(SCENARIO_PREFIX + id);
    this.update((ix) => (ix.scenarios = ix.scenarios.filter((s) => s.id !== id)));
    return { meta, after: i === 0 ? null : index.scenarios[i - 1].id, state };
  }

  /** Undoes `delete`. */
  restore(deleted: { meta: ScenarioMeta; after: string | null; state: string | null }): Saved {
    if (deleted.state !== null) {
      const saved = this.set(SCENARIO_PREFIX + deleted.meta.id, deleted.state);
      if (!saved.ok) return saved;
    }
    this.insert(deleted.meta, deleted.after);
    return { ok: true };
  }

  /** Remembers `id` as the scenario to open next time. */
  touch(id: string): void {
    this.update((index) => (index.last = id));
  }

  /** The first scenario (preferring `prefer`) whose saved state is exactly `state`. */
  findSame(state: WorkbenchState, prefer?: string): ScenarioMeta | undefined {
    const text = JSON.stringify(state);
    const list = this.list();
    const ordered = [...list.filter((s) => s.id === prefer), ...list.filter((s) => s.id !== prefer)];
    return ordered.find((s) => {
      const raw = this.get(SCENARIO_PREFIX + s.id);
      if (raw === null) return false;
      const checked = readState(raw);
      return checked.ok && JSON.stringify(checked.value) === text;
    });
  }
}

function readState(raw: string): Checked<WorkbenchState> {
  if (raw.length > 3_000_000) return { ok: false, error: 'it is too large' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'it is not valid JSON' };
  }
  return checkState(value);
}

/**
 * Where the account lives between visits: this browser's localStorage, under its own key, in a
 * save format with a version and a migration from every earlier format.
 *
 * - Format 2 (current): `iamplay.account` holds `{ "format": 2, "savedAt": ISO, "world": World }`.
 * - Format 1: `iamplay.world` held the world file itself (no envelope, no version). It is read
 *   when there is no format 2 save, written again as format 2, and then removed.
 *
 * The world inside goes through the world file's own migration (`migrateWorld` in
 * src/world/migrate.ts) and then through `loadWorld`, the world's one
 * strict check. A save that cannot be read (bad JSON, a newer format, a schema failure) is never
 * used and never deleted: its exact text is copied aside under a key of its own, with the reason,
 * until the learner dismisses it. Nothing here touches `window`: storage and timers are passed in.
 */
import { loadWorld } from '../../world/load';
import type { World } from '../../world/types';
import { migrateWorld } from '../../world/migrate';
import { SafeStorage, STORAGE_FULL, type SaveStorage, type Saved } from '../safe-storage';

/** The current save format. */
export const ACCOUNT_SAVE_FORMAT = 2;
/** Every format still read. */
export const READABLE_ACCOUNT_SAVE_FORMATS: readonly number[] = [1, 2];
/** Format 2's key. */
export const ACCOUNT_KEY = 'iamplay.account';
/** Format 1's key (the bare world file). */
export const LEGACY_WORLD_KEY = 'iamplay.world';
/** An unreadable save's text is copied under this prefix and a timestamp, until dismissed. */
export const UNREADABLE_PREFIX = 'iamplay.account.unreadable.';
/** The learner's own account, kept aside when a shared link took its place, until restored or dismissed. */
export const KEPT_PREFIX = 'iamplay.account.kept.';
/** Saves wait this long after the latest change (a burst of edits is written once). */
export const SAVE_DELAY_MS = 400;

/** The subset of `Storage` used here (tests pass a map). */
export type { SaveStorage } from '../safe-storage';

/** An unreadable save kept aside: its key, why it could not be read, and its exact text. */
export interface Unreadable {
  key: string;
  why: string;
  text: string;
  /** When it was set aside (milliseconds). */
  at: number;
}

/** The learner's own account kept aside: its key, when, and its save text (format 2). */
export interface Kept {
  key: string;
  at: number;
  text: string;
}

export interface Opened {
  /** The saved world, or `undefined` when there is none that can be read (start from the default). */
  world: World | undefined;
  /** Set when the save was in an earlier format and was brought up to date. */
  migratedFrom?: number;
  /** Unreadable saves kept aside (this visit's and earlier ones not yet dismissed), oldest first. */
  unreadable: Unreadable[];
  /** A problem with storage itself, said to the learner (storage full, blocked). */
  problem?: string;
}

export type { Saved } from '../safe-storage';

type Migrate = (value: unknown) => unknown;

/** Runs the world file's migration, accepting either a plain answer or a `{ ok, value | errors }` one. */
export function migrateWorldValue(
  value: unknown,
  migrate: Migrate | undefined = migrateWorld,
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (!migrate) return { ok: true, value };
  let out: unknown;
  try {
    out = migrate(value);
  } catch (e) {
    return { ok: false, error: `its world could not be migrated: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (out && typeof out === 'object' && 'ok' in out && typeof (out as { ok: unknown }).ok === 'boolean') {
    const r = out as { ok: boolean; value?: unknown; errors?: { message?: string }[] };
    if (r.ok) return { ok: true, value: r.value };
    return { ok: false, error: `its world could not be migrated: ${r.errors?.[0]?.message ?? 'no reason given'}` };
  }
  return { ok: true, value: out };
}

type Read = { ok: true; world: World; format: number } | { ok: false; why: string };

/** Checks a world value through the world's one strict check; the reason names the line of the world file. */
export function checkSavedWorld(value: unknown): { ok: true; world: World } | { ok: false; why: string } {
  const migrated = migrateWorldValue(value);
  if (!migrated.ok) return { ok: false, why: migrated.error };
  const loaded = loadWorld(JSON.stringify(migrated.value) ?? 'null');
  if (loaded.ok) return { ok: true, world: loaded.value };
  const first = loaded.errors[0];
  return {
    ok: false,
    why: first
      ? `its world does not pass the world's checks: ${first.message}`
      : 'its world does not pass the world’s checks',
  };
}

/** Reads a format 2 save's text. */
export function readSaveText(text: string): Read {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, why: 'it is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, why: 'it is not a JSON object' };
  }
  const o = value as Record<string, unknown>;
  if (typeof o.format !== 'number' || !Number.isInteger(o.format))
    return { ok: false, why: 'it has no format version' };
  if (o.format > ACCOUNT_SAVE_FORMAT) {
    return {
      ok: false,
      why: `it was saved by a newer version of IAM Playground (format ${o.format}; this one reads formats 1 to ${ACCOUNT_SAVE_FORMAT})`,
    };
  }
  if (o.format !== ACCOUNT_SAVE_FORMAT) return { ok: false, why: `it has an unknown format version \`${o.format}\`` };
  for (const k of Object.keys(o)) {
    if (k !== 'format' && k !== 'savedAt' && k !== 'world')
      return { ok: false, why: `it has an unknown key \`${k.slice(0, 64)}\`` };
  }
  if (!('world' in o)) return { ok: false, why: 'it holds no world' };
  const checked = checkSavedWorld(o.world);
  return checked.ok ? { ok: true, world: checked.world, format: 2 } : { ok: false, why: checked.why };
}

/** Reads a format 1 save's text (the bare world file). */
export function readLegacyText(text: string): Read {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, why: 'it is not valid JSON' };
  }
  const checked = checkSavedWorld(value);
  return checked.ok ? { ok: true, world: checked.world, format: 1 } : { ok: false, why: checked.why };
}

/** The text of a format 2 save of `world`. */
export function encodeSave(world: World, now: number = Date.now()): string {
  return JSON.stringify({ format: ACCOUNT_SAVE_FORMAT, savedAt: new Date(now).toISOString(), world });
}

export class AccountStore extends SafeStorage {
  private counter = 0;

  constructor(
    storage: SaveStorage | undefined,
    private readonly now: () => number = Date.now,
  ) {
    super(storage);
  }

  /** Copies an unreadable save aside (exact text and reason); answers whether it was kept. */
  private setAside(text: string, why: string): boolean {
    const at = this.now();
    let key = `${UNREADABLE_PREFIX}${at}`;
    for (let n = 2; this.get(key) !== null; n++) key = `${UNREADABLE_PREFIX}${at}-${n}`;
    return this.set(key, JSON.stringify({ why, at, text })).ok;
  }

  /** The unreadable saves kept aside, oldest first. */
  unreadable(): Unreadable[] {
    const found: Unreadable[] = [];
    const keys: string[] = [];
    try {
      for (let i = 0; i < (this.storage?.length ?? 0); i++) {
        const k = this.storage?.key(i);
        if (k?.startsWith(UNREADABLE_PREFIX)) keys.push(k);
      }
    } catch {
      return found;
    }
    for (const key of keys) {
      const raw = this.get(key);
      if (raw === null) continue;
      try {
        const v = JSON.parse(raw) as { why?: unknown; text?: unknown; at?: unknown };
        if (typeof v.text === 'string') {
          found.push({
            key,
            text: v.text,
            why: typeof v.why === 'string' ? v.why : 'it could not be read',
            at: typeof v.at === 'number' ? v.at : 0,
          });
          continue;
        }
      } catch {
        /* kept as it is, below */
      }
      found.push({ key, text: raw, why: 'it could not be read', at: 0 });
    }
    return found.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
  }

  /** Forgets a save kept aside (after the learner has seen, and perhaps downloaded or restored, it). */
  dismiss(key: string): void {
    if (key.startsWith(UNREADABLE_PREFIX) || key.startsWith(KEPT_PREFIX)) this.remove(key);
  }

  /** Keeps the learner's own account aside (before a shared link takes its place); answers its key. */
  keep(world: World): { ok: true; key: string } | { ok: false; error: string } {
    const at = this.now();
    let key = `${KEPT_PREFIX}${at}`;
    for (let n = 2; this.get(key) !== null; n++) key = `${KEPT_PREFIX}${at}-${n}`;
    const saved = this.set(key, encodeSave(world, at));
    return saved.ok ? { ok: true, key } : saved;
  }

  /** The accounts kept aside, oldest first. */
  kept(): Kept[] {
    const found: Kept[] = [];
    try {
      for (let i = 0; i < (this.storage?.length ?? 0); i++) {
        const key = this.storage?.key(i);
        if (!key?.startsWith(KEPT_PREFIX)) continue;
        const text = this.get(key);
        const at = Number(key.slice(KEPT_PREFIX.length).split('-')[0]);
        if (text !== null) found.push({ key, at: Number.isFinite(at) ? at : 0, text });
      }
    } catch {
      return found;
    }
    return found.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
  }

  /**
   * Opens the saved account. An unreadable save is copied aside and its key cleared, so the clean
   * account's saves never overwrite it; when it cannot be copied (storage full) it stays where it
   * is and saving is blocked until the learner dismisses the notice.
   */
  open(): Opened & { blocked: boolean } {
    let blocked = false;
    let problem: string | undefined;
    const current = this.get(ACCOUNT_KEY);
    const legacy = current === null ? this.get(LEGACY_WORLD_KEY) : null;
    const text = current ?? legacy;
    let world: World | undefined;
    let migratedFrom: number | undefined;
    if (text !== null) {
      const read = current !== null ? readSaveText(text) : readLegacyText(text);
      const key = current !== null ? ACCOUNT_KEY : LEGACY_WORLD_KEY;
      if (read.ok) {
        world = read.world;
        if (read.format !== ACCOUNT_SAVE_FORMAT) {
          migratedFrom = read.format;
          const saved = this.set(ACCOUNT_KEY, encodeSave(read.world, this.now()));
          if (saved.ok) this.remove(key);
          else problem = `the account was brought up to date but could not be saved: ${saved.error}`;
        }
      } else {
        const why = `${current !== null ? 'the saved account' : 'the saved account (format 1)'} could not be read: ${read.why}`;
        if (this.setAside(text, why)) this.remove(key);
        else {
          blocked = true;
          problem = `the unreadable save could not be copied aside (${STORAGE_FULL}); download it: changes are not saved until you dismiss this`;
        }
      }
    }
    const unreadable = this.unreadable();
    if (blocked)
      unreadable.push({
        key: current !== null ? ACCOUNT_KEY : LEGACY_WORLD_KEY,
        why: problem!,
        text: text!,
        at: this.now(),
      });
    return { world, ...(migratedFrom ? { migratedFrom } : {}), unreadable, ...(problem ? { problem } : {}), blocked };
  }

  /** Writes the account (format 2). */
  save(world: World): Saved {
    this.counter++;
    const saved = this.set(ACCOUNT_KEY, encodeSave(world, this.now()));
    return saved.ok ? saved : { ok: false, error: `the account could not be saved: ${saved.error}` };
  }

  /** How many saves were written (for tests of the debounce). */
  get writes(): number {
    return this.counter;
  }
}

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Debounced saving: `schedule` after each change, `flush` when the page goes away. `onResult`
 * hears every write's answer (a failed save is said to the learner; a later good one clears it).
 */
export class Autosaver {
  private handle: unknown;
  private pending: (() => World) | undefined;
  blocked = false;

  constructor(
    private readonly store: AccountStore,
    private readonly onResult: (saved: Saved) => void,
    private readonly delayMs = SAVE_DELAY_MS,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Saves the world `read` answers, after the delay (restarted by every later call). */
  schedule(read: () => World): void {
    this.pending = read;
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = this.timers.setTimeout(() => this.flush(), this.delayMs);
  }

  /** Writes the pending save now, if there is one. */
  flush(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    const read = this.pending;
    this.pending = undefined;
    if (!read) return;
    if (this.blocked) {
      this.onResult({ ok: false, error: 'the account is not saved until the unreadable save is dismissed' });
      return;
    }
    this.onResult(this.store.save(read()));
  }
}

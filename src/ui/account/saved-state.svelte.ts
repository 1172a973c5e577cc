/**
 * The page's side of the account's saved state: opens the save once at start, autosaves after
 * every change (debounced, flushed on `pagehide`), and holds what the learner must be told: an
 * unreadable save (with its text for download), a migration, a failed save, and the latest change
 * with its Undo. The Account pages show these through AccountNotices.svelte.
 */
import type { World } from '../../world/types';
import { ACCOUNT_KEY, AccountStore, Autosaver, UNREADABLE_PREFIX, type Kept, type Unreadable } from './persistence';

export interface ChangeNotice {
  text: string;
  kind: 'info' | 'error';
  /** The history length just after the change: Undo applies while it is still the latest. */
  undoAt?: number;
}

class SavedState {
  unreadable = $state<Unreadable[]>([]);
  kept = $state<Kept[]>([]);
  migratedFrom = $state<number | undefined>();
  problem = $state<string | undefined>();
  change = $state<ChangeNotice | undefined>();
  /** Another tab saved the account since this one opened it (this tab's next save would replace it). */
  changedElsewhere = $state(false);
  /** The kept-aside account an Undo of the latest change would make redundant. */
  keptFor = $state<{ key: string; undoAt: number } | undefined>();

  private store: AccountStore;
  private saver: Autosaver;
  private opened = false;
  private world: World | undefined;

  constructor() {
    let storage: Storage | undefined;
    try {
      storage = globalThis.localStorage;
    } catch {
      storage = undefined;
    }
    this.store = new AccountStore(storage);
    this.saver = new Autosaver(this.store, (saved) => {
      this.problem = saved.ok ? undefined : saved.error;
    });
    if (typeof addEventListener === 'function') {
      addEventListener('pagehide', () => this.saver.flush());
      addEventListener('storage', (event) => {
        const e = event as StorageEvent;
        if (e.key === ACCOUNT_KEY && e.newValue !== null) this.changedElsewhere = true;
      });
    }
  }

  /** The saved world, read once (later calls answer the same); `undefined` to start from the default. */
  open(): World | undefined {
    if (this.opened) return this.world;
    this.opened = true;
    const opened = this.store.open();
    this.world = opened.world;
    this.unreadable = opened.unreadable;
    this.kept = this.store.kept();
    this.migratedFrom = opened.migratedFrom;
    this.problem = opened.problem;
    this.saver.blocked = opened.blocked;
    return this.world;
  }

  /** Saves the world `read` answers, a moment after the latest change. */
  schedule(read: () => World): void {
    this.saver.schedule(read);
  }

  /** Forgets an unreadable save (the learner has dismissed its notice). */
  dismissUnreadable(key: string): void {
    this.store.dismiss(key);
    this.unreadable = this.unreadable.filter((u) => u.key !== key);
    if (!this.unreadable.some((u) => !u.key.startsWith(UNREADABLE_PREFIX))) this.saver.blocked = false;
    if (this.problem?.startsWith('the unreadable save could not be copied aside')) this.problem = undefined;
  }

  /** Keeps the learner's own account aside before a shared link takes its place; answers the key, or why not. */
  keep(world: World): { ok: true; key: string } | { ok: false; error: string } {
    const kept = this.store.keep(world);
    this.kept = this.store.kept();
    return kept;
  }

  /** Forgets an account kept aside (restored, or dismissed by the learner). */
  dismissKept(key: string): void {
    this.store.dismiss(key);
    this.kept = this.kept.filter((k) => k.key !== key);
  }

  /** Tells of a change the learner made (a fix, an import, an opened link), with Undo when `undoAt` is set. */
  tell(text: string, undoAt?: number, kind: 'info' | 'error' = 'info'): void {
    this.change = { text, kind, ...(undoAt !== undefined ? { undoAt } : {}) };
  }
}

let saved: SavedState | undefined;

/** The page's one saved-state handle. */
export function savedState(): SavedState {
  return (saved ??= new SavedState());
}

/** Downloads `text` exactly as it is, as a file named `name`. */
export function downloadText(text: string, name: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

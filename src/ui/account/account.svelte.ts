/**
 * The account the learner explores: one world, changed only through `apply` (or `replace`), so
 * every change can be undone and every view (lists, checklist, world file) sees the same world.
 */
import type { World } from '../../world/types';
import { defaultWorld } from '../../world/default-world';
import { savedState } from './saved-state.svelte';

export interface Change {
  /** What the change did, for the notice and the Undo button: "Removed alice from developers". */
  label: string;
  before: World;
}

export class AccountModel {
  // The saved account (persistence.ts), or the default one when there is none that can be read.
  world = $state<World>(savedState().open() ?? defaultWorld());
  /** The changes that can be undone, the latest last. */
  history = $state<Change[]>([]);
  /** The changes undone that can be redone, the latest undone last; a new change clears them. */
  future = $state<{ label: string; after: World }[]>([]);

  /** Applies a pure change (a function from the world to the next world) and records it for Undo. */
  apply(label: string, change: (world: World) => World): void {
    const before = $state.snapshot(this.world) as World;
    this.world = change(structuredClone(before));
    this.history = [...this.history.slice(-49), { label, before }];
    this.future = [];
    this.autosave();
  }

  /** Replaces the whole world (an import, an edited world file), undoably. */
  replace(label: string, world: World): void {
    this.apply(label, () => world);
  }

  /** Undoes the latest change; answers its label, or `undefined` when there is nothing to undo. */
  undo(): string | undefined {
    const last = this.history.at(-1);
    if (!last) return undefined;
    this.future = [...this.future, { label: last.label, after: $state.snapshot(this.world) as World }];
    this.world = last.before;
    this.history = this.history.slice(0, -1);
    this.autosave();
    return last.label;
  }

  /** Redoes the latest undone change; answers its label, or `undefined` when there is nothing to redo. */
  redo(): string | undefined {
    const next = this.future.at(-1);
    if (!next) return undefined;
    this.history = [...this.history.slice(-49), { label: next.label, before: $state.snapshot(this.world) as World }];
    this.world = next.after;
    this.future = this.future.slice(0, -1);
    this.autosave();
    return next.label;
  }

  /** Saves the account a moment after the latest change. */
  private autosave(): void {
    savedState().schedule(() => $state.snapshot(this.world) as World);
  }
}

let model: AccountModel | undefined;

/** The page's one account model (the Account section and the workbench's "Ask as" share it). */
export function accountModel(): AccountModel {
  return (model ??= new AccountModel());
}

/**
 * The Account section's way to change the world: each change goes through the account model's
 * `apply` (so it can be undone) and leaves a notice with Undo; Undo leaves one with Redo. Also the
 * hand-off to the workbench ("Ask as this principal", "Ask about this resource").
 */
import type { World } from '../../world/types';
import { scenarioFromWorld } from '../../workbench/from-world';
import { openInWorkbench } from '../workbench/workbench.svelte';
import { router } from '../router.svelte';
import { accountModel, type AccountModel } from './account.svelte';
import { hrefOf, parseRoute } from './route';
import { rowsOf } from './rows';

export interface AccountNotice {
  kind: 'info' | 'error';
  text: string;
  /** Which button the notice offers. */
  offer?: 'undo' | 'redo';
  /** Bumped on each notice, so a repeated text is still announced. */
  seq: number;
}

class AccountActions {
  notice = $state<AccountNotice | null>(null);
  private seq = 0;

  constructor(readonly model: AccountModel) {}

  get world(): World {
    return this.model.world;
  }

  private say(kind: AccountNotice['kind'], text: string, offer?: AccountNotice['offer']): void {
    this.notice = { kind, text, offer, seq: ++this.seq };
  }

  /** Applies a pure change of the world, undoably, and says what it did. */
  change(label: string, fn: (world: World) => World): void {
    try {
      this.model.apply(label, fn);
      this.say('info', `${label}.`, 'undo');
    } catch (e) {
      this.say('error', `That change could not be made: ${e instanceof Error ? e.message : String(e)}.`);
    }
  }

  undo(): void {
    const label = this.model.undo();
    if (label) this.say('info', `Undone: ${label}.`, this.model.future.length > 0 ? 'redo' : undefined);
    else this.say('info', 'There is nothing to undo.');
    this.leaveIfGone();
  }

  redo(): void {
    const label = this.model.redo();
    if (label) this.say('info', `Redone: ${label}.`, 'undo');
    else this.say('info', 'There is nothing to redo.');
    this.leaveIfGone();
  }

  /** After an undo or redo, a page whose entity is gone (an undone add or rename) gives way to its list. */
  private leaveIfGone(): void {
    const route = parseRoute(router.path);
    if (route.page !== 'detail') return;
    if (!rowsOf(this.model.world, route.kind, 0).some((r) => r.id === route.id))
      router.navigate(hrefOf(route.kind), { replace: true });
  }

  error(text: string): void {
    this.say('error', text);
  }

  dismiss(): void {
    this.notice = null;
  }

  /** Opens the workbench on a new scenario asking as `principal` (a user's or role's ARN) or about `resource`. */
  ask(ask: { principal: string } | { resource: string }): void {
    const world = $state.snapshot(this.model.world) as World;
    try {
      openInWorkbench(scenarioFromWorld(world, ask));
    } catch (e) {
      this.say('error', `The workbench could not be prepared: ${e instanceof Error ? e.message : String(e)}.`);
      return;
    }
    router.navigate('/workbench');
  }
}

let actions: AccountActions | undefined;

/** The page's one set of account actions (its notice survives moving between the section's pages). */
export function accountActions(): AccountActions {
  return (actions ??= new AccountActions(accountModel()));
}

export type { AccountActions };

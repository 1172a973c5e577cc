/**
 * Opens a shared account from the address bar's hash (`/account#w=2.…`): the shared world takes
 * the learner's account's place undoably (one Undo brings the learner's own back) and the notice
 * says so; a link that cannot be read changes nothing and says why. The hash is taken away first,
 * so a reload never opens the same link over later work.
 */
import type { World } from '../../world/types';
import { decodeWorld, isAccountHash } from './share';

export interface LinkTarget {
  replace(label: string, world: World): void;
  readonly history: readonly unknown[];
}

/** Keeps the learner's own account aside (in storage) before the shared one takes its place. */
export type KeepAside = () => { ok: true; key: string } | { ok: false; error: string };

export type LinkOpened =
  | { kind: 'none' }
  | { kind: 'opened'; text: string; undoAt: number; keptKey?: string }
  | { kind: 'refused'; text: string };

function counts(w: World): string {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return [
    n(w.users?.length ?? 0, 'user', 'users'),
    n(w.groups?.length ?? 0, 'group', 'groups'),
    n(w.roles?.length ?? 0, 'role', 'roles'),
  ].join(', ');
}

export async function openLinkInHash(model: LinkTarget, keepAside: KeepAside): Promise<LinkOpened> {
  const hash = location.hash;
  if (!isAccountHash(hash)) return { kind: 'none' };
  history.replaceState(history.state, '', location.pathname + location.search);
  const decoded = await decodeWorld(hash);
  if (!decoded) return { kind: 'none' };
  if (!decoded.ok)
    return { kind: 'refused', text: `The shared link was not opened: ${decoded.error}. Your account is unchanged.` };
  const kept = keepAside();
  model.replace('Opened a shared account', decoded.world);
  return {
    kind: 'opened',
    text: kept.ok
      ? `Opened a shared account (${counts(decoded.world)}). Your own account is one Undo away, and kept in this browser until you dismiss it.`
      : `Opened a shared account (${counts(decoded.world)}). Your own account is one Undo away, but it could not be kept aside (${kept.error}): undo before leaving the page to keep it.`,
    undoAt: model.history.length,
    ...(kept.ok ? { keptKey: kept.key } : {}),
  };
}

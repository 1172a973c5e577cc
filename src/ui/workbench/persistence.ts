/**
 * Where the workbench state lives between visits: the URL hash (shareable) and this browser's
 * storage (the named scenarios, in scenarios.ts). Both are read through the same strict check;
 * nothing unchecked is ever used.
 */
import type { WorkbenchState } from './model';
import { checkState } from './state-schema';
import { decodeState, encodeState, MAX_HASH } from './share';
import { ScenarioStore } from './scenarios';

export type FromLink = { kind: 'none' } | { kind: 'state'; state: WorkbenchState } | { kind: 'refused'; error: string };

/** What a hash holds: nothing, a state, or a state refused with the reason. */
export async function readLink(hash: string): Promise<FromLink> {
  const decoded = await decodeState(hash);
  if (!decoded) return { kind: 'none' };
  return decoded.ok ? { kind: 'state', state: decoded.value } : { kind: 'refused', error: decoded.error };
}

/**
 * The hash that holds `state`. A state beyond the limits a link may carry gets no hash (it could
 * not be opened again): the answer says why.
 */
export async function linkHash(
  state: WorkbenchState,
): Promise<{ ok: true; hash: string } | { ok: false; error: string }> {
  const checked = checkState(state);
  if (!checked.ok) return { ok: false, error: checked.error };
  const hash = await encodeState(state);
  if (hash.length > MAX_HASH) return { ok: false, error: 'the link would be too long' };
  return { ok: true, hash };
}

function storage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return window[kind];
  } catch {
    return undefined;
  }
}

/** The store of this browser's scenarios (shared by the tabs). */
export function browserScenarios(): ScenarioStore {
  return new ScenarioStore(storage('localStorage'));
}

const TAB_KEY = 'iamplay.tab-scenario';

/** The scenario this tab shows (kept across reloads of the tab, not shared with other tabs). */
export const tabScenario = {
  get(): string | undefined {
    try {
      return storage('sessionStorage')?.getItem(TAB_KEY) ?? undefined;
    } catch {
      return undefined;
    }
  },
  set(id: string): void {
    try {
      storage('sessionStorage')?.setItem(TAB_KEY, id);
    } catch {
      /* the tab opens the last scenario used instead */
    }
  },
};

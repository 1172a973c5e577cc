/**
 * Where the workbench state lives between visits: the URL hash (shareable) and localStorage
 * (autosave). Both are read through the same strict check; nothing unchecked is ever used.
 */
import type { WorkbenchState } from './model';
import { checkState } from './state-schema';
import { decodeState, encodeState, MAX_HASH } from './share';

export const STORAGE_KEY = 'iamplay.workbench';

export type Loaded = { state: WorkbenchState; from: 'link' | 'storage' | 'default'; notice?: string };

function fromStorage(): WorkbenchState | undefined {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw || raw.length > 3_000_000) return undefined;
    const checked = checkState(JSON.parse(raw));
    return checked.ok ? checked.value : undefined;
  } catch {
    return undefined;
  }
}

/** The state to open: the link's if it holds one, else the autosaved one, else `fallback`. */
export async function loadInitial(hash: string, fallback: () => WorkbenchState): Promise<Loaded> {
  const decoded = await decodeState(hash);
  if (decoded?.ok) return { state: decoded.value, from: 'link' };
  if (decoded && !decoded.ok) {
    return {
      state: fallback(),
      from: 'default',
      notice: `This link could not be opened (${decoded.error}), so nothing from it was used. The default workbench is shown instead.`,
    };
  }
  const saved = fromStorage();
  return saved ? { state: saved, from: 'storage' } : { state: fallback(), from: 'default' };
}

/**
 * Saves to localStorage and answers the hash that holds the state. A state beyond the limits a
 * link may carry is not saved (it could not be opened again): the answer says why.
 */
export async function persist(
  state: WorkbenchState,
): Promise<{ ok: true; hash: string } | { ok: false; error: string }> {
  const checked = checkState(state);
  if (!checked.ok) return { ok: false, error: checked.error };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    /* storage full or unavailable: the link still holds the state */
  }
  const hash = await encodeState(state);
  if (hash.length > MAX_HASH) return { ok: false, error: 'the link would be too long' };
  return { ok: true, hash };
}

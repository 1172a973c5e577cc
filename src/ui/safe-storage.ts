/**
 * This browser's storage as the page's saves use it: reads that answer `null` instead of throwing
 * (storage can be off, or refuse in a private window), writes that say why they failed (full, or
 * not allowed), removals that never throw. The workbench's scenarios and the account build on it.
 */
export type Saved = { ok: true } | { ok: false; error: string };

export type SaveStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export const STORAGE_FULL = 'this browser’s storage for the page is full';

export class SafeStorage {
  constructor(protected readonly storage: SaveStorage | undefined) {}

  protected get(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  protected set(key: string, value: string): Saved {
    if (!this.storage) return { ok: false, error: 'this browser does not let the page save anything' };
    try {
      this.storage.setItem(key, value);
      return { ok: true };
    } catch {
      return { ok: false, error: STORAGE_FULL };
    }
  }

  protected remove(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {
      /* nothing to do: the key stays */
    }
  }
}

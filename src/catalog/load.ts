/**
 * Loads the catalogue lazily, once: the promise is shared, so the data is parsed once. By default
 * the generated JSON is a dynamic import (vitest reads it from disk; the CLI keeps it in its own
 * chunk, loaded only by `lint`). The browser's worker provides its own source instead, a gzipped
 * copy it fetches and decompresses (`provideCatalogSource`), so the page never downloads the raw
 * 3.8 MB.
 */
import type { Catalog, CompactCatalog } from './types';
import { buildCatalog } from './catalog';

let pending: Promise<Catalog> | undefined;
let source: (() => Promise<unknown>) | undefined;

export function loadCatalog(): Promise<Catalog> {
  pending ??= (
    source ? source() : import('./generated/catalog.json').then((m) => (m as { default: unknown }).default)
  ).then((data) => buildCatalog(data as CompactCatalog));
  return pending;
}

/**
 * Makes `loadCatalog` read the compact catalogue from `load` (called on first use, once) instead
 * of the bundled import. Has no effect once the catalogue has been asked for.
 */
export function provideCatalogSource(load: () => Promise<unknown>): void {
  if (!pending) source = load;
}

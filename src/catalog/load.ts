/**
 * Loads the catalogue lazily: the generated JSON is a dynamic import, so Vite puts it in its own
 * chunk (fetched by the worker on first use, never by the first page), vitest reads it from disk
 * and the CLI bundle inlines it. The promise is shared: the data is parsed once.
 */
import type { Catalog, CompactCatalog } from './types';
import { buildCatalog } from './catalog';

let pending: Promise<Catalog> | undefined;

export function loadCatalog(): Promise<Catalog> {
  pending ??= import('./generated/catalog.json').then((m) =>
    buildCatalog((m as { default: unknown }).default as CompactCatalog),
  );
  return pending;
}

/**
 * Loads the generated data lazily, once each: the promises are shared, so each file is parsed
 * once. Three files, each loaded only when first needed:
 * - the catalogue's lookups (`loadCatalog`): what the engine, validation and lint need;
 * - its descriptions (`loadDescribedCatalog`): what hover and completion detail add;
 * - the AWS managed policies with their versions (`loadManagedPolicies`): the library.
 * By default each is a dynamic import of the generated JSON (vitest reads it from disk; the CLI
 * keeps each in its own chunk). The browser's worker provides its own sources instead, gzipped
 * copies it fetches and inflates (`provide…Source`), so the page never downloads the raw JSON.
 */
import type { Catalog, CompactCatalog, CompactCatalogDocs } from './types';
import type { CompactManagedPolicies } from './managed-types';
import { buildCatalog, describeCatalog } from './catalog';
import { ManagedPolicyData } from './managed-policies';

type Source = () => Promise<unknown>;
const json = (m: unknown) => (m as { default: unknown }).default;

let pending: Promise<Catalog> | undefined;
let described: Promise<Catalog> | undefined;
let managed: Promise<ManagedPolicyData> | undefined;
let source: Source | undefined;
let docsSource: Source | undefined;
let managedSource: Source | undefined;

/** The catalogue's lookups; `description`s stay `''` unless `loadDescribedCatalog` has run. */
export function loadCatalog(): Promise<Catalog> {
  pending ??= (source ? source() : import('./generated/catalog.json').then(json)).then((data) =>
    buildCatalog(data as CompactCatalog),
  );
  return pending;
}

/** The same catalogue once its descriptions have loaded too (a failed load is tried again next time). */
export function loadDescribedCatalog(): Promise<Catalog> {
  described ??= Promise.all([
    loadCatalog(),
    docsSource ? docsSource() : import('./generated/catalog-docs.json').then(json),
  ]).then(([catalog, docs]) => describeCatalog(catalog, docs as CompactCatalogDocs));
  described.catch(() => (described = undefined));
  return described;
}

/** Every AWS managed policy with its versions (a failed load is tried again next time). */
export function loadManagedPolicies(): Promise<ManagedPolicyData> {
  managed ??= (managedSource ? managedSource() : import('./generated/managed-policies.json').then(json)).then((data) =>
    ManagedPolicyData.fromCompact(data as CompactManagedPolicies),
  );
  managed.catch(() => (managed = undefined));
  return managed;
}

/**
 * Makes `loadCatalog` read the compact catalogue from `load` (called on first use, once) instead
 * of the bundled import, and `loadDescribedCatalog` its descriptions from `loadDocs`. Has no
 * effect on a file already asked for.
 */
export function provideCatalogSource(load: Source, loadDocs?: Source): void {
  if (!pending) source = load;
  if (loadDocs && !described) docsSource = loadDocs;
}

/** Makes `loadManagedPolicies` read the library from `load` instead of the bundled import. */
export function provideManagedPolicySource(load: Source): void {
  if (!managed) managedSource = load;
}

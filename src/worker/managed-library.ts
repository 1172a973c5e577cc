/**
 * Loads the managed-policy library in the worker on first use: the generated file, gzipped, is a
 * separate asset fetched from the page's own origin only when the library is opened (never part
 * of the first page), inflated with DecompressionStream and parsed once.
 */
import managedUrl from '../catalog/generated/managed-policies.json.gz?url';
import { loadManagedPolicies, provideManagedPolicySource } from '../catalog';
import { ManagedPolicyLibrary } from '../workbench/library';
import { fetchGzippedJson } from './catalog-source';

provideManagedPolicySource(() => fetchGzippedJson(managedUrl, 'the managed policy library'));

let pending: Promise<ManagedPolicyLibrary> | undefined;

export function loadLibrary(): Promise<ManagedPolicyLibrary> {
  pending ??= loadManagedPolicies()
    .then((data) => new ManagedPolicyLibrary(data))
    .catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
  return pending;
}

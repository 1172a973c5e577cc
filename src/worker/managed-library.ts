/**
 * Loads the managed-policy library in the worker on first use: the JSON file is a separate asset
 * fetched from the page's own origin (never part of the first page), parsed once.
 */
import libraryUrl from '../../data/aws-managed-policies.json?url';
import { ManagedPolicyLibrary } from '../workbench/library';

let pending: Promise<ManagedPolicyLibrary> | undefined;

export function loadLibrary(): Promise<ManagedPolicyLibrary> {
  pending ??= fetch(libraryUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`the managed policy library could not be loaded (HTTP ${r.status})`);
      return r.json();
    })
    .then((data: unknown) => ManagedPolicyLibrary.fromData(data))
    .catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
  return pending;
}

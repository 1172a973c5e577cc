/**
 * `aws iam get-account-authorization-details` → a world. (Contract stub: the import work fills it.)
 */
import type { Result } from '../../engine/diagnostics';
import type { World } from '../types';

/** Reads the command's JSON output (text or a parsed value) into a world; never throws. */
export function importAuthorizationDetails(_input: string | unknown): Result<World> {
  return { ok: false, errors: [] };
}

/** Words the fix panel shows for an access and an id. */
import type { NeededAccess } from '../../../graph/types';

/** A stable key of an access (for lists and checkboxes). */
export function accessKey(a: NeededAccess): string {
  return `${a.principal} ${a.action} ${a.resource}`;
}

/** The short name of a principal or resource id: `alice`, `playground-photos/public/*`, `admin`. */
export function shortId(id: string): string {
  if (id.startsWith('arn:aws:s3:::')) return id.slice('arn:aws:s3:::'.length);
  const m = /^arn:aws[a-z-]*:[a-z0-9-]+:[^:]*:(\d{12})?:(.*)$/.exec(id);
  if (!m) return id;
  const rest = m[2];
  if (rest === 'root') return `root (${m[1]})`;
  const slash = rest.lastIndexOf('/');
  return slash >= 0 ? rest.slice(slash + 1) : rest;
}

/** `alice: s3:GetObject on playground-photos/public/*`. */
export function neededLabel(a: NeededAccess): string {
  return `${shortId(a.principal)}: ${a.action} on ${shortId(a.resource)}`;
}

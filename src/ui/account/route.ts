/**
 * The Account section's sub-paths: `/account` (overview), `/account/users` (a list),
 * `/account/users/alice` (one entity), `/account/root`, `/account/file` (the world file editor).
 * Names and ARNs travel percent-encoded in one path segment.
 */

export type EntityKind =
  'users' | 'groups' | 'roles' | 'policies' | 'identity-providers' | 'resources' | 'user-pools' | 'identity-pools';

export const KINDS: { kind: EntityKind; label: string; singular: string }[] = [
  { kind: 'users', label: 'Users', singular: 'user' },
  { kind: 'groups', label: 'User groups', singular: 'group' },
  { kind: 'roles', label: 'Roles', singular: 'role' },
  { kind: 'policies', label: 'Policies', singular: 'policy' },
  { kind: 'identity-providers', label: 'Identity providers', singular: 'identity provider' },
  { kind: 'resources', label: 'Resources', singular: 'resource' },
  { kind: 'user-pools', label: 'User pools', singular: 'user pool' },
  { kind: 'identity-pools', label: 'Identity pools', singular: 'identity pool' },
];

export type AccountRoute =
  | { page: 'overview' }
  | { page: 'root' }
  | { page: 'file' }
  | { page: 'list'; kind: EntityKind }
  | { page: 'detail'; kind: EntityKind; id: string }
  | { page: 'unknown'; path: string };

export const BASE = '/account';

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The route of a path under `/account` (the path as the address bar holds it, percent-encoded). */
export function parseRoute(path: string): AccountRoute {
  if (path === BASE) return { page: 'overview' };
  if (!path.startsWith(BASE + '/')) return { page: 'unknown', path };
  const rest = path.slice(BASE.length + 1);
  const slash = rest.indexOf('/');
  const head = slash < 0 ? rest : rest.slice(0, slash);
  const tail = slash < 0 ? undefined : rest.slice(slash + 1);
  if (tail === undefined && head === 'root') return { page: 'root' };
  if (tail === undefined && head === 'file') return { page: 'file' };
  const kind = KINDS.find((k) => k.kind === head)?.kind;
  if (!kind) return { page: 'unknown', path };
  if (tail === undefined) return { page: 'list', kind };
  const id = tail.includes('/') ? undefined : decode(tail);
  return id ? { page: 'detail', kind, id } : { page: 'unknown', path };
}

/** The address of a list, or of one entity of it. */
export function hrefOf(kind: EntityKind, id?: string): string {
  return id === undefined ? `${BASE}/${kind}` : `${BASE}/${kind}/${encodeURIComponent(id)}`;
}

/**
 * The library of AWS managed policies: a name index searched in the worker. Pure: the caller
 * supplies the data (the worker fetches the JSON file lazily; tests read it from disk).
 */

export interface ManagedPolicyEntry {
  name: string;
  arn: string;
  version?: string;
  updated?: string;
  deprecated: boolean;
  document: unknown;
}

/**
 * The groups the unfiltered list shows, in this order (A–Z within each): AWS's job-function
 * policies, the other policies a person attaches, those for AWS services' own roles, and the
 * deprecated ones.
 */
export type LibraryGroup = 'job-function' | 'attachable' | 'service-role' | 'deprecated';

export const LIBRARY_GROUPS: Record<LibraryGroup, { label: string; about: string }> = {
  'job-function': {
    label: 'Job function',
    about: 'AWS’s policy for a common job function, to attach to the people who do that job',
  },
  attachable: { label: 'AWS managed', about: 'An AWS managed policy to attach to your users, groups and roles' },
  'service-role': {
    label: 'For AWS services',
    about: 'Meant for a role that an AWS service uses on your behalf, not for people',
  },
  deprecated: { label: 'Deprecated', about: 'Deprecated by AWS: kept for those who use it, not for new use' },
};

const GROUP_ORDER: LibraryGroup[] = ['job-function', 'attachable', 'service-role', 'deprecated'];

export interface LibraryHit {
  name: string;
  arn: string;
  version?: string;
  deprecated: boolean;
  group: LibraryGroup;
}

export interface LibrarySearch {
  /** How many policies match the query (the list holds at most `limit`). */
  total: number;
  /** How many policies the library holds. */
  size: number;
  hits: LibraryHit[];
}

export interface ManagedPolicyText {
  name: string;
  arn: string;
  /** The default version's document, printed with a 2-space indent. */
  text: string;
  version?: string;
  /** When AWS last changed it (ISO 8601), if known. */
  updated?: string;
  group: LibraryGroup;
  /** How many statements the document has. */
  statements: number;
}

const MAX_QUERY = 200;

/** The words of a CamelCase name, lower-cased: `AmazonS3ReadOnlyAccess` → amazon, s3, read, only, access. */
function nameWords(name: string): string[] {
  return (name.match(/[A-Z]+(?=[A-Z][a-z]|$)|[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? []).map((w) => w.toLowerCase());
}

function groupOf(e: ManagedPolicyEntry): LibraryGroup {
  if (e.deprecated) return 'deprecated';
  const arn = e.arn.toLowerCase();
  if (arn.includes(':policy/job-function/')) return 'job-function';
  if (arn.includes(':policy/service-role/') || arn.includes(':policy/aws-service-role/')) return 'service-role';
  return 'attachable';
}

export class ManagedPolicyLibrary {
  private readonly byName = new Map<string, ManagedPolicyEntry>();
  readonly entries: ManagedPolicyEntry[];

  constructor(entries: ManagedPolicyEntry[]) {
    this.entries = [...entries].sort((a, b) => a.name.localeCompare(b.name));
    for (const e of this.entries) this.byName.set(e.name.toLowerCase(), e);
  }

  /** Reads the file's shape `{ policies: [{ name, arn?, version?, updated?, deprecated?, document }] }`, skipping malformed rows. */
  static fromData(data: unknown): ManagedPolicyLibrary {
    const rows = (data as { policies?: unknown } | null)?.policies;
    const entries: ManagedPolicyEntry[] = [];
    if (Array.isArray(rows)) {
      for (const row of rows as Record<string, unknown>[]) {
        if (!row || typeof row.name !== 'string' || typeof row.document !== 'object' || row.document === null) continue;
        entries.push({
          name: row.name,
          arn: typeof row.arn === 'string' ? row.arn : `arn:aws:iam::aws:policy/${row.name}`,
          version: typeof row.version === 'string' ? row.version : undefined,
          updated: typeof row.updated === 'string' ? row.updated : undefined,
          deprecated: row.deprecated === true,
          document: row.document,
        });
      }
    }
    return new ManagedPolicyLibrary(entries);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Case-insensitive search on the name (and the ARN's path): every word of the query must occur.
   * Ranked for a person looking for a policy to attach: the exact name; names that start with the
   * query; names with a word that does (`s3` finds Amazon**S3**ReadOnlyAccess); other matches.
   * Policies for AWS services' own roles (`service-role/` paths) come after those a person
   * attaches, deprecated ones last; shorter names first within a rank, then alphabetically.
   * With no query, the whole library in its groups (job function first), A–Z within each.
   */
  search(query: string, limit = 50): LibrarySearch {
    const words = query.slice(0, MAX_QUERY).toLowerCase().split(/\s+/).filter(Boolean);
    const q = words.join('');
    const scored: { e: ManagedPolicyEntry; rank: number }[] = [];
    if (words.length === 0) {
      for (const e of this.entries) scored.push({ e, rank: GROUP_ORDER.indexOf(groupOf(e)) });
      scored.sort((a, b) => a.rank - b.rank || a.e.name.localeCompare(b.e.name, 'en'));
      return this.answer(scored, limit);
    }
    for (const e of this.entries) {
      const hay = e.arn.toLowerCase();
      const name = e.name.toLowerCase();
      if (!words.every((w) => hay.includes(w))) continue;
      const match = name === q ? 0 : name.startsWith(q) ? 1 : nameWords(e.name).some((w) => w.startsWith(q)) ? 2 : 3;
      const rank =
        match +
        (hay.includes(':policy/service-role/') || hay.includes(':policy/aws-service-role/') ? 4 : 0) +
        (e.deprecated ? 8 : 0);
      scored.push({ e, rank });
    }
    scored.sort((a, b) => a.rank - b.rank || a.e.name.length - b.e.name.length || a.e.name.localeCompare(b.e.name));
    return this.answer(scored, limit);
  }

  private answer(scored: { e: ManagedPolicyEntry }[], limit: number): LibrarySearch {
    const n = Math.max(0, Math.min(limit, 200));
    return {
      total: scored.length,
      size: this.entries.length,
      hits: scored.slice(0, n).map(({ e }) => ({
        name: e.name,
        arn: e.arn,
        version: e.version,
        deprecated: e.deprecated,
        group: groupOf(e),
      })),
    };
  }

  /** The policy named `name` (case-insensitive), as editor text. */
  get(name: string): ManagedPolicyText | undefined {
    const e = this.byName.get(name.toLowerCase());
    if (!e) return undefined;
    const statement = (e.document as { Statement?: unknown }).Statement;
    return {
      name: e.name,
      arn: e.arn,
      text: JSON.stringify(e.document, null, 2) + '\n',
      version: e.version,
      updated: e.updated,
      group: groupOf(e),
      statements: Array.isArray(statement) ? statement.length : statement ? 1 : 0,
    };
  }
}

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

export interface LibraryHit {
  name: string;
  arn: string;
  version?: string;
  deprecated: boolean;
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
}

const MAX_QUERY = 200;

/** The words of a CamelCase name, lower-cased: `AmazonS3ReadOnlyAccess` → amazon, s3, read, only, access. */
function nameWords(name: string): string[] {
  return (name.match(/[A-Z]+(?=[A-Z][a-z]|$)|[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? []).map((w) => w.toLowerCase());
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
   */
  search(query: string, limit = 50): LibrarySearch {
    const words = query.slice(0, MAX_QUERY).toLowerCase().split(/\s+/).filter(Boolean);
    const q = words.join('');
    const scored: { e: ManagedPolicyEntry; rank: number }[] = [];
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
    const n = Math.max(0, Math.min(limit, 200));
    return {
      total: scored.length,
      size: this.entries.length,
      hits: scored
        .slice(0, n)
        .map(({ e }) => ({ name: e.name, arn: e.arn, version: e.version, deprecated: e.deprecated })),
    };
  }

  /** The policy named `name` (case-insensitive), as editor text. */
  get(name: string): ManagedPolicyText | undefined {
    const e = this.byName.get(name.toLowerCase());
    if (!e) return undefined;
    return { name: e.name, arn: e.arn, text: JSON.stringify(e.document, null, 2) + '\n' };
  }
}

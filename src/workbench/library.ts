/**
 * The library of AWS managed policies: a name index searched in the worker, each policy's
 * versions, and what changed between two of them. Pure: the caller supplies the data
 * (`loadManagedPolicies()` of src/catalog: the worker fetches it gzipped, tests read it from disk).
 */
import type { ManagedPolicyData, ManagedPolicyRecord, ManagedPolicyVersionInfo } from '../catalog';
import { diffHunks, diffLines, type DiffHunk } from './line-diff';

/**
 * The groups the unfiltered list shows, in this order (A–Z within each): AWS's job-function
 * policies, the other policies a person attaches, and those for AWS services' own roles.
 */
export type LibraryGroup = 'job-function' | 'attachable' | 'service-role';

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
};

const GROUP_ORDER: LibraryGroup[] = ['job-function', 'attachable', 'service-role'];

export interface LibraryHit {
  name: string;
  arn: string;
  /** The default version. */
  version: string;
  /** How many versions AWS published that the library holds. */
  versions: number;
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
  /** The version's document, printed with a 2-space indent. */
  text: string;
  /** The version shown. */
  version: string;
  /** True when it is the default version (the one in effect where the policy is attached). */
  isDefault: boolean;
  /** When AWS published this version (ISO 8601). */
  created?: string;
  /** When AWS last changed the policy (ISO 8601), if known. */
  updated?: string;
  /** Every version the library holds, newest first. */
  versions: ManagedPolicyVersionInfo[];
  group: LibraryGroup;
  /** How many statements the document has. */
  statements: number;
}

export interface VersionDiff {
  name: string;
  from: string;
  to: string;
  added: number;
  removed: number;
  hunks: DiffHunk[];
}

const MAX_QUERY = 200;

/** The words of a CamelCase name, lower-cased: `AmazonS3ReadOnlyAccess` → amazon, s3, read, only, access. */
function nameWords(name: string): string[] {
  return (name.match(/[A-Z]+(?=[A-Z][a-z]|$)|[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? []).map((w) => w.toLowerCase());
}

function groupOf(e: ManagedPolicyRecord): LibraryGroup {
  const arn = e.arn.toLowerCase();
  if (arn.includes(':policy/job-function/')) return 'job-function';
  if (arn.includes(':policy/service-role/') || arn.includes(':policy/aws-service-role/')) return 'service-role';
  return 'attachable';
}

export class ManagedPolicyLibrary {
  readonly entries: ManagedPolicyRecord[];

  constructor(private readonly data: ManagedPolicyData) {
    this.entries = [...data.policies].sort((a, b) => a.name.localeCompare(b.name));
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Case-insensitive search on the name (and the ARN's path): every word of the query must occur.
   * Ranked for a person looking for a policy to attach: the exact name; names that start with the
   * query; names with a word that does (`s3` finds Amazon**S3**ReadOnlyAccess); other matches.
   * Policies for AWS services' own roles (`service-role/` paths) come after those a person
   * attaches; shorter names first within a rank, then alphabetically.
   * With no query, the whole library in its groups (job function first), A–Z within each.
   */
  search(query: string, limit = 50): LibrarySearch {
    const words = query.slice(0, MAX_QUERY).toLowerCase().split(/\s+/).filter(Boolean);
    const q = words.join('');
    const scored: { e: ManagedPolicyRecord; rank: number }[] = [];
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
      const rank = match + (groupOf(e) === 'service-role' ? 4 : 0);
      scored.push({ e, rank });
    }
    scored.sort((a, b) => a.rank - b.rank || a.e.name.length - b.e.name.length || a.e.name.localeCompare(b.e.name));
    return this.answer(scored, limit);
  }

  private answer(scored: { e: ManagedPolicyRecord }[], limit: number): LibrarySearch {
    const n = Math.max(0, Math.min(Math.floor(Number(limit)) || 0, 200));
    return {
      total: scored.length,
      size: this.entries.length,
      hits: scored.slice(0, n).map(({ e }) => ({
        name: e.name,
        arn: e.arn,
        version: e.version,
        versions: e.versions.length,
        group: groupOf(e),
      })),
    };
  }

  /** The policy named `name` (case-insensitive) as editor text: its default version, or `version` when given. */
  get(name: string, version?: string): ManagedPolicyText | undefined {
    const e = this.data.byName(name);
    if (!e) return undefined;
    const info = version === undefined ? e.versions[0] : e.versions.find((v) => v.versionId === version);
    const text = info && this.data.versionText(e, info.versionId);
    if (!info || text === undefined) return undefined;
    const statement = (JSON.parse(text) as { Statement?: unknown }).Statement;
    return {
      name: e.name,
      arn: e.arn,
      text: text + '\n',
      version: info.versionId,
      isDefault: info.isDefault,
      created: info.createDate || undefined,
      updated: e.updated || undefined,
      versions: e.versions,
      group: groupOf(e),
      statements: Array.isArray(statement) ? statement.length : statement ? 1 : 0,
    };
  }

  /** What changed from version `from` to version `to` of the policy (its pretty-printed JSON, line by line). */
  diff(name: string, from: string, to: string, context = 3): VersionDiff | undefined {
    const e = this.data.byName(name);
    if (!e) return undefined;
    const before = this.data.versionText(e, from);
    const after = this.data.versionText(e, to);
    if (before === undefined || after === undefined) return undefined;
    const lines = diffLines(before.split('\n'), after.split('\n'));
    let added = 0;
    let removed = 0;
    for (const l of lines) {
      if (l.kind === 'added') added++;
      else if (l.kind === 'removed') removed++;
    }
    return { name: e.name, from, to, added, removed, hunks: diffHunks(lines, context) };
  }
}

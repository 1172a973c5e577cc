/**
 * Loads a world from JSON text: JSON syntax errors and schema problems come back as findings with
 * the line and column where they sit, in the order they appear in the text. A world of an earlier
 * format is upgraded first (`migrate.ts`); `readWorld` also says what the upgrade changed.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import type { Finding, Result } from '../engine/diagnostics';
import { LineIndex } from '../engine/diagnostics';
import { excessiveNestingAt } from '../engine/nesting';
import { MAX_JSON_DEPTH } from '../engine/parse';
import { formatPath } from './issues';
import type { WorldIssue } from './issues';
import { migrateWorld } from './migrate';
import { checkWorld } from './schema';
import type { World } from './types';

export interface LoadOptions {
  /**
   * The file the text came from. When given, every message begins with where the problem sits,
   * as a command line prints it: `world.json:12:7 users[0].groups[1]: the group ...`.
   */
  file?: string;
}

/** A loaded world and what upgrading it from an earlier format changed (empty when it was current). */
export interface ReadWorld {
  world: World;
  /** The format the text was in. */
  from: number;
  notes: string[];
}

/**
 * Parses and checks a world file's text. Never throws: a document nested deeper than the policy
 * parser's limit (64 levels) is refused before parsing, and anything unexpected becomes a finding.
 */
export function loadWorld(text: string, options: LoadOptions = {}): Result<World> {
  const r = readWorld(text, options);
  return r.ok ? { ok: true, value: r.value.world } : r;
}

/** `loadWorld`, also answering the format the text was in and the notes of its upgrade. */
export function readWorld(text: string, options: LoadOptions = {}): Result<ReadWorld> {
  let r: Result<ReadWorld>;
  try {
    r = readUnguarded(typeof text === 'string' ? text : String(text), options.file !== undefined);
  } catch (e) {
    r = {
      ok: false,
      errors: [
        {
          code: 'parse.json-syntax',
          severity: 'ERROR',
          message: 'the world could not be read',
          help: String(e),
          range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
        },
      ],
    };
  }
  if (r.ok || options.file === undefined) return r;
  const file = options.file;
  return {
    ok: false,
    errors: r.errors.map((f) => ({
      ...f,
      message: `${file}:${f.range.start.line}:${f.range.start.column} ${f.message}`,
    })),
  };
}

function readUnguarded(text: string, withPath: boolean): Result<ReadWorld> {
  const lines = new LineIndex(text);
  const deep = excessiveNestingAt(text);
  if (deep >= 0) {
    return {
      ok: false,
      errors: [
        {
          code: 'parse.too-deep',
          severity: 'ERROR',
          message: `the world nests deeper than ${MAX_JSON_DEPTH} levels`,
          help: 'A world nests a few levels at most: accounts, users, policies, statements. Check for a runaway bracket.',
          range: lines.range(deep, 1),
        },
      ],
    };
  }
  // The common case, a valid world, needs no syntax tree: the tree is built only to place problems.
  let value: unknown;
  let parseError: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    parseError = e ?? 'syntax error';
  }
  let checked: { ok: true } | { ok: false; errors: WorldIssue[] } = { ok: true };
  if (parseError === undefined) {
    const migrated = migrateWorld(value);
    const c = migrated.ok ? checkWorld(migrated.value) : migrated;
    if (c.ok && migrated.ok) return { ok: true, value: { world: c.value, from: migrated.from, notes: migrated.notes } };
    checked = c.ok ? { ok: true } : c;
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const e = errors[0] ?? { error: 0, offset: 0, length: text.length };
    return {
      ok: false,
      errors: [
        {
          code: 'parse.json-syntax',
          severity: 'ERROR',
          message: `the world is not valid JSON: ${printParseErrorCode(e.error)
            .replace(/([a-z])([A-Z])/g, '$1 $2')
            .toLowerCase()}`,
          range: lines.range(e.offset, e.length),
        },
      ],
    };
  }
  if (parseError !== undefined) {
    return {
      ok: false,
      errors: [
        {
          code: 'parse.json-syntax',
          severity: 'ERROR',
          message: 'the world is not valid JSON',
          help: String(parseError),
          range: lines.range(0, 0),
        },
      ],
    };
  }
  const issues: WorldIssue[] = checked.ok ? [] : checked.errors;
  const findings: Finding[] = issues.map((i) => {
    let node = findNodeAtLocation(tree, i.path);
    // For a missing or unknown key, point at the closest enclosing node that exists.
    for (let cut = i.path.length - 1; !node && cut >= 0; cut--) node = findNodeAtLocation(tree, i.path.slice(0, cut));
    const target =
      node &&
      node.parent?.type === 'property' &&
      node.parent.children?.[0] !== node &&
      typeof i.path[i.path.length - 1] === 'string' &&
      i.code === 'validate.world.unknown-key'
        ? node.parent
        : node;
    const f: Finding = {
      code: i.code,
      severity: 'ERROR',
      message: i.path.length > 0 && withPath ? `${formatPath(i.path)}: ${i.message}` : i.message,
      range: target ? lines.range(target.offset, target.length) : lines.range(0, 0),
    };
    if (i.help) f.help = i.help;
    return f;
  });
  // In the order of the text (a stable sort keeps the schema order within one node).
  findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { ok: false, errors: findings };
}

/**
 * `iamplay lint [--type T] [--kind K] [--format text|json] FILE|DIR…`: validates policy files.
 *
 * - A directory means every `*.json` in it (not recursing), in name order; entries that are not
 *   regular files (FIFOs, devices, sockets, directories) are skipped with a note, so a directory
 *   can never make lint wait or read forever.
 * - A file named on the command line is read as it comes (a pipe, `<(…)`, a device), but never
 *   past `MAX_BYTES`: a longer one is refused with a message.
 * - A path that cannot be read (missing, unreadable, a symlink loop) is reported and the other
 *   files are still checked; it counts as a failure (exit 1). Exit 2 is for usage errors only.
 * - In the text format, file names and messages are escaped: control and bidirectional
 *   formatting characters are written as `\u{…}`, so no policy value or file name can forge a
 *   line or send terminal escapes. The JSON format escapes the same characters.
 *
 * Exit 0 when no finding is an ERROR and every file was checked, 1 otherwise, 2 on a usage error.
 */
import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../catalog';
import type { Finding } from '../engine/diagnostics';
import type { PolicyType } from '../engine/model';
import { validatePolicy } from '../engine/validate';
import type { PolicyKind } from '../engine/validate';
import type { CliIo } from './io';
import { readCapped, reason } from './read';

const TYPES: PolicyType[] = ['identity', 'resource', 'trust', 'boundary', 'scp', 'rcp', 'session'];
const KINDS: PolicyKind[] = ['managed', 'user-inline', 'group-inline', 'role-inline'];
const USAGE =
  'usage: iamplay lint [--type identity|resource|trust|boundary|scp|rcp|session] [--kind managed|user-inline|group-inline|role-inline] [--format text|json] FILE|DIR...\n';

/** The most lint reads of one file: 1 MiB, a hundred times IAM's largest policy (10,240 characters). */
export const MAX_BYTES = 1024 * 1024;

interface Options {
  type: PolicyType;
  kind?: PolicyKind;
  format: 'text' | 'json';
  paths: string[];
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { type: 'identity', format: 'text', paths: [] };
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (onlyPaths) {
      o.paths.push(a);
      continue;
    }
    if (a === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    if (name === '--type' || name === '--format' || name === '--kind') {
      const value = inline ?? args[++i];
      if (value === undefined) return `\`${name}\` needs a value`;
      if (name === '--type') {
        if (!TYPES.includes(value as PolicyType))
          return `unknown policy type \`${escapeText(value)}\`; use one of ${TYPES.join(', ')}`;
        o.type = value as PolicyType;
      } else if (name === '--kind') {
        if (!KINDS.includes(value as PolicyKind))
          return `unknown policy kind \`${escapeText(value)}\`; use one of ${KINDS.join(', ')}`;
        o.kind = value as PolicyKind;
      } else {
        if (value !== 'text' && value !== 'json') return `unknown format \`${escapeText(value)}\`; use text or json`;
        o.format = value;
      }
    } else if (a.startsWith('-') && a !== '-') return `unknown option \`${escapeText(a)}\``;
    else o.paths.push(a);
  }
  if (o.paths.length === 0) return 'no files to check';
  return o;
}

/**
 * Control characters (C0, DEL, C1), the line and paragraph separators and the bidirectional
 * formatting characters: what could end a line, move the cursor or reorder what a terminal shows.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** The text with every unsafe character written as `\u{…}`. */
export function escapeText(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** What JSON.stringify leaves unescaped inside strings: DEL, C1, the separators and bidi formatting. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** JSON with those escaped too (JSON.stringify already escapes C0 inside strings, and adds only newlines and spaces outside). */
function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    UNSAFE_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function kindOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

type Entry = { file: string } | { file: string; problem: string } | { file: string; note: string };

/** The files to check, in a stable order, with a problem or a note for the entries lint cannot or will not read. */
async function expand(paths: string[]): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push({ file: p });
      continue;
    }
    let st: Stats;
    try {
      st = await stat(p);
    } catch (e) {
      out.push({ file: p, problem: `cannot read \`${p}\`: ${reason(e)}` });
      continue;
    }
    if (!st.isDirectory()) {
      out.push({ file: p }); // named on the command line: read as it comes, whatever it is
      continue;
    }
    let names: string[];
    try {
      names = (await readdir(p)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
    } catch (e) {
      out.push({ file: p, problem: `cannot read the directory \`${p}\`: ${reason(e)}` });
      continue;
    }
    for (const n of names) {
      const file = join(p, n);
      let entry: Stats;
      try {
        entry = await stat(file);
      } catch (e) {
        out.push({ file, problem: `cannot read \`${file}\`: ${reason(e)}` });
        continue;
      }
      const kind = kindOf(entry);
      if (kind) out.push({ file, note: `skipped \`${file}\`: ${kind}, not a regular file` });
      else if (entry.size > MAX_BYTES) out.push({ file, problem: tooLarge(file) });
      else out.push({ file });
    }
  }
  return out;
}

const tooLarge = (file: string) =>
  `\`${file}\` is larger than ${MAX_BYTES.toLocaleString('en-US')} bytes; lint reads policy files up to that size`;

const plainRange = (f: Finding) => ({
  start: { line: f.range.start.line, column: f.range.start.column },
  end: { line: f.range.end.line, column: f.range.end.column },
});

const HELP = `${USAGE}
Checks IAM policy files (a directory means every *.json in it) the way IAM Access Analyzer's policy
validation does, with its severities: ERROR, SECURITY_WARNING, WARNING, SUGGESTION.

  --type T        the policy type (default identity): identity, resource, trust, boundary, scp, rcp, session
  --kind K        check IAM's size limit for where the policy is stored: managed (6,144 characters),
                  user-inline (2,048), group-inline (5,120), role-inline (10,240); none by default
  --format text   one line per finding, like a compiler: file:line:col severity code message (default)
  --format json   an array of { "file", "findings": [{ "code", "severity", "message", "help", "range" }] }
                  (files that could not be checked have "error" instead of "findings")

A file named on the command line is read as it comes (a pipe such as <(...) works; - is standard
input), up to 1 MiB. In a directory, entries that are not regular files are skipped with a note.

Exit status: 0 no finding is an ERROR; 1 at least one is, or a file could not be checked; 2 usage error.
`;

export async function lint(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(HELP);
    return 0;
  }
  const o = parseArgs(args);
  if (typeof o === 'string') {
    io.stderr.write(`iamplay lint: ${o}\n${USAGE}`);
    return 2;
  }
  const entries = await expand(o.paths);
  const catalog = await loadCatalog();
  const results: ({ file: string; findings: Finding[] } | { file: string; error: string })[] = [];
  let failed = false;
  const note = (message: string) => io.stderr.write(`iamplay lint: ${escapeText(message)}\n`);
  for (const entry of entries) {
    if ('note' in entry) {
      note(entry.note);
      continue;
    }
    let problem = 'problem' in entry ? entry.problem : undefined;
    let text = '';
    if (!problem) {
      const read = await readCapped(entry.file, io, { maxBytes: MAX_BYTES, tooLarge });
      if (typeof read === 'string') text = read;
      else problem = read.problem;
    }
    if (problem) {
      failed = true;
      note(problem);
      results.push({ file: entry.file, error: problem });
      continue;
    }
    if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // keep columns: a BOM becomes a space
    let findings: Finding[];
    try {
      findings = validatePolicy(text, { type: o.type, catalog, kind: o.kind });
    } catch (e) {
      // validatePolicy never throws by contract; should it, the other files are still checked
      failed = true;
      const message = `internal error while checking \`${entry.file}\`: ${(e as Error)?.message ?? String(e)}`;
      note(message);
      results.push({ file: entry.file, error: message });
      continue;
    }
    if (findings.some((f) => f.severity === 'ERROR')) failed = true;
    results.push({ file: entry.file, findings });
  }
  if (o.format === 'json') {
    const out = results.map((r) =>
      'error' in r
        ? r
        : {
            file: r.file,
            findings: r.findings.map((f) => ({
              code: f.code,
              severity: f.severity,
              message: f.message,
              help: f.help ?? '',
              range: plainRange(f),
            })),
          },
    );
    io.stdout.write(safeJson(out) + '\n');
  } else {
    for (const r of results) {
      if ('error' in r) continue; // already on standard error
      const file = escapeText(r.file);
      for (const f of r.findings) {
        io.stdout.write(
          `${file}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.code} ${escapeText(f.message)}\n`,
        );
      }
    }
  }
  return failed ? 1 : 0;
}

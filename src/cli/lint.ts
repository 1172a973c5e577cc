/**
 * `iamplay lint [--type T] [--format text|json] FILE|DIR…`: validates policy files (a directory
 * means every `*.json` in it, not recursing). Exit 0 when no finding is an ERROR, 1 when one is,
 * 2 on a usage error or an unreadable path.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../catalog';
import type { Finding } from '../engine/diagnostics';
import type { PolicyType } from '../engine/model';
import { validatePolicy } from '../engine/validate';
import type { CliIo } from './main';

const TYPES: PolicyType[] = ['identity', 'resource', 'trust', 'boundary', 'scp', 'rcp', 'session'];
const USAGE =
  'usage: iamplay lint [--type identity|resource|trust|boundary|scp|rcp|session] [--format text|json] FILE|DIR...\n';

interface Options {
  type: PolicyType;
  format: 'text' | 'json';
  paths: string[];
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { type: 'identity', format: 'text', paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    if (name === '--type' || name === '--format') {
      const value = inline ?? args[++i];
      if (value === undefined) return `\`${name}\` needs a value`;
      if (name === '--type') {
        if (!TYPES.includes(value as PolicyType))
          return `unknown policy type \`${value}\`; use one of ${TYPES.join(', ')}`;
        o.type = value as PolicyType;
      } else {
        if (value !== 'text' && value !== 'json') return `unknown format \`${value}\`; use text or json`;
        o.format = value;
      }
    } else if (a.startsWith('-') && a !== '-') return `unknown option \`${a}\``;
    else o.paths.push(a);
  }
  if (o.paths.length === 0) return 'no files to check';
  return o;
}

/** The files to check, in a stable order, or an error message for a path that cannot be read. */
function expand(paths: string[]): string[] | string {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      return `cannot read \`${p}\`: no such file or directory`;
    }
    if (st.isDirectory()) {
      const names = readdirSync(p)
        .filter((n) => n.toLowerCase().endsWith('.json'))
        .sort();
      for (const n of names) files.push(join(p, n));
    } else files.push(p);
  }
  return files;
}

const plainRange = (f: Finding) => ({
  start: { line: f.range.start.line, column: f.range.start.column },
  end: { line: f.range.end.line, column: f.range.end.column },
});

const HELP = `${USAGE}
Checks IAM policy files (a directory means every *.json in it) the way IAM Access Analyzer's policy
validation does, with its severities: ERROR, SECURITY_WARNING, WARNING, SUGGESTION.

  --type T        the policy type (default identity): identity, resource, trust, boundary, scp, rcp, session
  --format text   one line per finding, like a compiler: file:line:col severity code message (default)
  --format json   an array of { "file", "findings": [{ "code", "severity", "message", "help", "range" }] }

Exit status: 0 no finding is an ERROR; 1 at least one is; 2 usage error or unreadable path.
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
  const files = expand(o.paths);
  if (typeof files === 'string') {
    io.stderr.write(`iamplay lint: ${files}\n`);
    return 2;
  }
  const catalog = await loadCatalog();
  const results: { file: string; findings: Finding[] }[] = [];
  let errors = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      io.stderr.write(`iamplay lint: cannot read \`${file}\`\n`);
      return 2;
    }
    if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // keep columns: a BOM becomes a space
    const findings = validatePolicy(text, { type: o.type, catalog });
    errors += findings.filter((f) => f.severity === 'ERROR').length;
    results.push({ file, findings });
  }
  if (o.format === 'json') {
    const out = results.map((r) => ({
      file: r.file,
      findings: r.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        help: f.help ?? '',
        range: plainRange(f),
      })),
    }));
    io.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    for (const r of results) {
      for (const f of r.findings) {
        io.stdout.write(
          `${r.file}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.code} ${f.message}\n`,
        );
      }
    }
  }
  return errors > 0 ? 1 : 0;
}

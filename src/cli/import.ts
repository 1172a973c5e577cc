/**
 * `iamplay import FILE|-`: reads the output of `aws iam get-account-authorization-details` and
 * prints the world it describes, as JSON, on standard output (`iamplay import details.json >
 * world.json`). Findings (parts left out, references dropped, a truncated page) go to standard
 * error as `FILE:LINE:COL SEVERITY CODE MESSAGE`, escaped so no value can forge a line.
 *
 * Exit 0 with a world (even with findings), 1 when the file cannot be read or holds no world, 2 on
 * a usage error. Nothing is sent anywhere.
 */
import type { Finding } from '../engine/diagnostics';
import { importAuthorizationDetails } from '../world/import/authorization-details';
import type { CliIo } from './io';
import { readCapped } from './read';

const USAGE = 'usage: iamplay import FILE|-\n';

/** The most import reads: 256 MiB, far past a 5,000-role account's output (about 20 MiB). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

const HELP = `${USAGE}
Reads the JSON that \`aws iam get-account-authorization-details\` prints (- is standard input) and
prints the world it describes: the account, its users, groups, roles and managed policies with
their versions. Policy documents may be objects, JSON text, or URL-encoded JSON as the IAM API
returns them.

  iamplay import details.json > world.json

What cannot be read is reported on standard error with its place (FILE:LINE:COL) and left out.
Exit status: 0 a world was printed; 1 the file could not be read or holds no account; 2 usage error.
`;

/**
 * Control characters (C0, DEL, C1), the line and paragraph separators and the bidirectional
 * formatting characters, written as `\u{…}` (as lint does; kept here so import does not load the
 * catalogue that lint's module brings).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const escapeText = (text: string) => text.replace(UNSAFE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);

/** What JSON.stringify leaves unescaped inside strings: DEL, C1, the separators and bidi formatting. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const tooLarge = (file: string) =>
  `\`${file}\` is larger than ${MAX_IMPORT_BYTES.toLocaleString('en-US')} bytes; import reads files up to that size`;

const line = (file: string, f: Finding) =>
  `${escapeText(file)}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.code} ${escapeText(f.message)}\n`;

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(HELP);
    return 0;
  }
  const files = args[0] === '--' ? args.slice(1) : args;
  const option = args[0] !== '--' ? files.find((a) => a.startsWith('-') && a !== '-') : undefined;
  if (option !== undefined || files.length !== 1) {
    const why =
      option !== undefined
        ? `unknown option \`${escapeText(option)}\``
        : files.length === 0
          ? 'no file to import'
          : 'import reads one file';
    io.stderr.write(`iamplay import: ${why}\n${USAGE}`);
    return 2;
  }
  const file = files[0];
  const text = await readCapped(file, io, { maxBytes: MAX_IMPORT_BYTES, tooLarge, chunkBytes: 1024 * 1024 });
  if (typeof text !== 'string') {
    io.stderr.write(`iamplay import: ${escapeText(text.problem)}\n`);
    return 1;
  }
  const result = importAuthorizationDetails(text);
  for (const f of result.findings) io.stderr.write(line(file, f));
  if (!result.ok) return 1;
  const json = JSON.stringify(result.value, null, 2).replace(
    UNSAFE_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  io.stdout.write(json + '\n');
  return 0;
}

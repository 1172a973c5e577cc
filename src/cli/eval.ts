/**
 * `iamplay eval [FILE|-] [--explain]`: reads a JSON array of cases (a file, or standard input for
 * `-` or no file) and prints one JSON line per case, in order: `{"id","decision"}`, plus
 * `"explain"` with `--explain`, or `{"id","error":{"code","message"}}` for a case it cannot evaluate.
 */
import { readFile } from 'node:fs/promises';
import type { CliIo } from './io';
import { runCase } from '../engine/decision/case';

const HELP = `Usage: iamplay eval [FILE|-] [--explain]

Evaluates a JSON array of request cases and prints one JSON line per case, in order:
  {"id":"c1","decision":"Allow"}                      (Allow, ExplicitDeny or ImplicitDeny)
  {"id":"c2","error":{"code":"...","message":"..."}}  a case that cannot be evaluated
With --explain each line also has "explain": the AccessDenied message, the deciding statements,
a verdict per policy type, the flowchart steps and the request context that was evaluated.

A case:
  { "id": "c1",
    "request": { "principal": "<ARN> | anonymous", "action": "s3:GetObject", "resource": "<ARN> | *",
                 "resourceAccount": "111122223333", "context": { "aws:SourceIp": "10.0.0.1" } },
    "identityPolicies": [<policy>], "resourcePolicy": <policy>, "permissionsBoundary": <policy>,
    "sessionPolicy": <policy>,
    "scps": [[<policy>...], ...],   one list per level, root first; absent = not in an organization
    "rcps": [[<policy>...], ...] }  per level; RCPFullAWSAccess is implied at every level
For sts:AssumeRole* on a role ARN, "resourcePolicy" is the role's trust policy.

Exit status: 0 every case was evaluated; 1 at least one case answered with an error;
2 usage error, or the input is not a readable JSON array.
`;

function fail(io: CliIo, message: string): number {
  io.stderr.write(`iamplay eval: ${message}\n`);
  return 2;
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let explain = false;
  let file: string | undefined;
  for (const a of args) {
    if (a === '--help' || a === '-h') {
      io.stdout.write(HELP);
      return 0;
    }
    if (a === '--explain') explain = true;
    else if (a.startsWith('-') && a !== '-') return fail(io, `unknown option \`${a}\`; see \`iamplay eval --help\``);
    else if (file !== undefined) return fail(io, `give one input file, found \`${file}\` and \`${a}\``);
    else file = a;
  }
  let text: string;
  try {
    text = file === undefined || file === '-' ? await readStdin(io.stdin) : await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    return fail(
      io,
      code === 'ENOENT'
        ? `no such file \`${file}\``
        : code === 'EISDIR'
          ? `\`${file}\` is a directory`
          : `cannot read the input: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  let cases: unknown;
  try {
    cases = JSON.parse(text);
  } catch (e) {
    return fail(io, `the input is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(cases)) return fail(io, 'the input must be a JSON array of cases');

  let errored = false;
  let buffer = '';
  const now = Date.now();
  for (const c of cases) {
    const answer = runCase(c, { explain, now });
    let line: string;
    if ('error' in answer) {
      errored = true;
      line = JSON.stringify({ id: answer.id, error: answer.error });
    } else {
      line = JSON.stringify(
        explain
          ? { id: answer.id, decision: answer.decision, explain: answer.explain }
          : { id: answer.id, decision: answer.decision },
      );
    }
    buffer += line + '\n';
    if (buffer.length > 1 << 16) {
      io.stdout.write(buffer);
      buffer = '';
    }
  }
  if (buffer !== '') io.stdout.write(buffer);
  return errored ? 1 : 0;
}

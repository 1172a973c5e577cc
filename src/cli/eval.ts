/**
 * `iamplay eval [FILE|-] [--explain]`: reads a JSON array of cases (a file, or standard input for
 * `-` or no file) and prints one JSON line per case, in order: `{"id","decision"}`, plus
 * `"explain"` with `--explain`, or `{"id","error":{"code","message"}}` for a case it cannot evaluate
 * (among them a case with a policy IAM would refuse: the finding and where it is). The input is
 * read and answered case by case as it arrives, so a pipe or FIFO is answered as it comes.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { CliIo } from './io';
import { runCase } from '../world/from-case';

const HELP = `Usage: iamplay eval [FILE|-] [--explain] [--now TIME]

Evaluates a JSON array of request cases and prints one JSON line per case, in order:
  {"id":"c1","decision":"Allow"}                      (Allow, ExplicitDeny or ImplicitDeny)
  {"id":"c2","error":{"code":"...","message":"..."}}  a case that cannot be evaluated, or with a
                                                      policy IAM refuses (MalformedPolicyDocument):
                                                      the finding, and its line and column
With --explain each line also has "explain": the AccessDenied message, the deciding statements,
a verdict per policy type, the flowchart steps and the request context that was evaluated.
--now TIME evaluates at TIME (ISO 8601, e.g. 2026-01-15T12:00:00Z) instead of the clock, for
cases that give neither aws:CurrentTime nor aws:EpochTime.

A case:
  { "id": "c1",
    "request": { "principal": "<ARN> | anonymous", "action": "s3:GetObject", "resource": "<ARN> | *",
                 "resourceAccount": "111122223333", "context": { "aws:SourceIp": "10.0.0.1" } },
    "identityPolicies": [<policy>], "resourcePolicy": <policy>, "permissionsBoundary": <policy>,
    "sessionPolicy": <policy>,
    "scps": [[<policy>...], ...],   one list per level, root first; absent = not in an organization
    "rcps": [[<policy>...], ...] }  per level; RCPFullAWSAccess is implied at every level
For sts:AssumeRole* on a role ARN, "resourcePolicy" is the role's trust policy.
Cases are read and answered one at a time, as they arrive (a pipe or FIFO is answered as it comes).

Exit status: 0 every case was evaluated; 1 at least one case answered with an error;
2 usage error, or the input is not a readable JSON array (the cases before the spot that breaks
are answered).
`;

function fail(io: CliIo, message: string): number {
  io.stderr.write(`iamplay eval: ${message}\n`);
  return 2;
}

class InputError extends Error {}

/**
 * Splits a JSON array arriving in chunks into the text of its elements, without holding more than
 * the element being read: `push` each chunk, and `onElement` is called with each complete
 * element's text, its 1-based line and column, as soon as its last character arrives. Linear:
 * every character is looked at once, and an element spread over many chunks is joined once.
 */
class ArraySplitter {
  private mode: 'start' | 'first' | 'before' | 'in' | 'after' | 'end' = 'start';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private line = 1;
  private lineStart = 0; // global offset of the current line's first character
  private offset = 0; // global offset of the current chunk's first character
  private elemLine = 0;
  private elemColumn = 0;
  private sawBom = false;

  constructor(private readonly onElement: (text: string, line: number, column: number) => void) {}

  private where(i: number): string {
    return `line ${this.line}, column ${this.offset + i - this.lineStart + 1}`;
  }

  push(chunk: string): void {
    let i = 0;
    const n = chunk.length;
    if (!this.sawBom && this.offset === 0 && n > 0) {
      this.sawBom = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1; // a UTF-8 byte order mark, as lint accepts
    }
    let elemStart = this.mode === 'in' ? 0 : -1;
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.mode === 'in') {
        if (this.inString) {
          if (this.escaped) {
            this.escaped = false;
            continue;
          }
          // Jump to the next quote; it closes the string unless an odd run of backslashes precedes
          // it. (A string holds no raw line break in valid JSON.)
          const q = chunk.indexOf('"', i);
          const stop = q < 0 ? n : q;
          let k = stop - 1;
          while (k >= i && chunk.charCodeAt(k) === 92) k--;
          const odd = (stop - 1 - k) % 2 === 1;
          if (q < 0) {
            this.escaped = odd;
            break;
          }
          if (odd) {
            i = q;
            continue;
          }
          i = q;
          this.inString = false;
          if (this.depth === 0) this.finish(chunk, elemStart, i + 1);
          continue;
        }
        if (c === 34) this.inString = true;
        else if (c === 123 || c === 91) this.depth++;
        else if (c === 125 || c === 93) {
          if (this.depth === 0) {
            // `]` right after a bare value such as `[1]`
            this.finish(chunk, elemStart, i);
            i--;
            continue;
          }
          if (--this.depth === 0) this.finish(chunk, elemStart, i + 1);
        } else if (this.depth === 0 && (c === 44 || c === 32 || c === 9 || c === 10 || c === 13)) {
          this.finish(chunk, elemStart, i);
          i--;
        } else if (c === 10) this.newline(i);
        continue;
      }
      if (c === 32 || c === 9 || c === 13) continue;
      if (c === 10) {
        this.newline(i);
        continue;
      }
      switch (this.mode) {
        case 'start':
          if (c !== 91) throw new InputError('the input must be a JSON array of cases');
          this.mode = 'first';
          break;
        case 'first':
        case 'before':
          if (c === 93 && this.mode === 'first') {
            this.mode = 'end';
            break;
          }
          this.mode = 'in';
          this.depth = c === 123 || c === 91 ? 1 : 0;
          this.inString = c === 34;
          this.escaped = false;
          this.elemLine = this.line;
          this.elemColumn = this.offset + i - this.lineStart + 1;
          elemStart = i;
          if (c === 44 || c === 93)
            throw new InputError(`the input is not valid JSON: expected a case at ${this.where(i)}`);
          break;
        case 'after':
          if (c === 44) this.mode = 'before';
          else if (c === 93) this.mode = 'end';
          else
            throw new InputError(
              `the input is not valid JSON: expected a comma or closing bracket at ${this.where(i)}, found \`${chunk[i]}\``,
            );
          break;
        case 'end':
          throw new InputError(
            `the input is not valid JSON: unexpected \`${chunk[i]}\` after the end of the array at ${this.where(i)}`,
          );
      }
    }
    if (this.mode === 'in') this.parts.push(chunk.slice(elemStart));
    this.offset += n;
  }

  private newline(i: number): void {
    this.line++;
    this.lineStart = this.offset + i + 1;
  }

  private finish(chunk: string, from: number, to: number): void {
    let text = chunk.slice(from, to);
    if (this.parts.length > 0) {
      this.parts.push(text);
      text = this.parts.join('');
      this.parts = [];
    }
    this.mode = 'after';
    this.onElement(text, this.elemLine, this.elemColumn);
  }

  end(): void {
    if (this.mode === 'start') throw new InputError('the input must be a JSON array of cases');
    if (this.mode !== 'end')
      throw new InputError(`the input is not valid JSON: the array is not closed (${this.where(0)})`);
  }
}

/** Where JSON.parse stopped in an element (`… at position 12 …`), as a line and column of the input. */
function positionIn(text: string, message: string, line: number, column: number): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return `in the case at line ${line}, column ${column}`;
  const pos = Math.min(Number(m[1]), text.length);
  let l = line;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) {
    l++;
    last = i;
  }
  return `at line ${l}, column ${last < 0 ? column + pos : pos - last}`;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let explain = false;
  let file: string | undefined;
  let now = Date.now();
  let nowNext = false;
  for (const a of args) {
    if (a === '--help' || a === '-h') {
      io.stdout.write(HELP);
      return 0;
    }
    if (nowNext) {
      nowNext = false;
      const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(a) ? Date.parse(a) : NaN;
      if (Number.isNaN(t))
        return fail(io, `\`--now\` needs a time such as \`2026-01-15T12:00:00Z\`, found \`${a.slice(0, 40)}\``);
      now = t;
    } else if (a === '--explain') explain = true;
    else if (a === '--now') nowNext = true;
    else if (a.startsWith('-') && a !== '-') return fail(io, `unknown option \`${a}\`; see \`iamplay eval --help\``);
    else if (file !== undefined) return fail(io, `give one input file, found \`${file}\` and \`${a}\``);
    else file = a;
  }
  if (nowNext) return fail(io, '`--now` needs a time such as `2026-01-15T12:00:00Z`');
  const input: NodeJS.ReadableStream =
    file === undefined || file === '-' ? io.stdin : createReadStream(file, { highWaterMark: 1 << 20 });

  let errored = false;
  let buffer = '';
  const splitter = new ArraySplitter((text, line, column) => {
    let c: unknown;
    try {
      c = JSON.parse(text);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new InputError(
        `the input is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/s, '').replace(/^[A-Z]/, (ch) => ch.toLowerCase())} ${positionIn(text, message, line, column)}`,
      );
    }
    const answer = runCase(c, { explain, now });
    if ('error' in answer) {
      errored = true;
      buffer += JSON.stringify({ id: answer.id, error: answer.error }) + '\n';
    } else if (explain) {
      buffer += JSON.stringify({ id: answer.id, decision: answer.decision, explain: answer.explain }) + '\n';
    } else {
      // The line JSON.stringify would print ({"id":…,"decision":…}), without building an object for it.
      buffer += `{"id":${JSON.stringify(answer.id)},"decision":"${answer.decision}"}\n`;
    }
  });
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of input) {
      splitter.push(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
      // Answer what has arrived (a pipe or FIFO is answered as it comes).
      if (buffer !== '') {
        io.stdout.write(buffer);
        buffer = '';
      }
    }
    splitter.push(decoder.end());
    splitter.end();
  } catch (e) {
    if (buffer !== '') io.stdout.write(buffer);
    if (e instanceof InputError) return fail(io, e.message);
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
  if (buffer !== '') io.stdout.write(buffer);
  return errored ? 1 : 0;
}

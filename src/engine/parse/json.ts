/**
 * JSON with source offsets, built on Microsoft's `jsonc-parser` (strict JSON: no comments, no
 * trailing commas). Syntax errors become ranged `parse.json-syntax` findings with a message a
 * learner can act on; the parser never throws and never recurses without bound.
 */
import { parseTree } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { Finding } from '../diagnostics';
import { LineIndex } from '../diagnostics';

export type { JsonNode };

/** Deeper nesting than this is refused before parsing (real policies nest about 5 levels). */
export const MAX_JSON_DEPTH = 64;

export interface JsonParse {
  tree?: JsonNode;
  findings: Finding[];
}

// jsonc-parser's ParseErrorCode is an ambient const enum; its values are spelled out here.
const INVALID_SYMBOL = 1;
const INVALID_NUMBER_FORMAT = 2;
const PROPERTY_NAME_EXPECTED = 3;
const VALUE_EXPECTED = 4;
const COLON_EXPECTED = 5;
const COMMA_EXPECTED = 6;
const CLOSE_BRACE_EXPECTED = 7;
const CLOSE_BRACKET_EXPECTED = 8;
const END_OF_FILE_EXPECTED = 9;
const INVALID_COMMENT_TOKEN = 10;
const UNEXPECTED_END_OF_COMMENT = 11;
const UNEXPECTED_END_OF_STRING = 12;
const UNEXPECTED_END_OF_NUMBER = 13;
const INVALID_UNICODE = 14;
const INVALID_ESCAPE_CHARACTER = 15;
const INVALID_CHARACTER = 16;

/** Parses `text` as strict JSON. Reports the first syntax error only: later ones are usually its echoes. */
export function parseJson(text: string, lines: LineIndex = new LineIndex(text)): JsonParse {
  const deep = excessiveNestingAt(text);
  if (deep >= 0) {
    return {
      findings: [
        {
          code: 'parse.too-deep',
          severity: 'ERROR',
          message: `the document nests deeper than ${MAX_JSON_DEPTH} levels`,
          help: 'A policy document nests a few levels at most: Statement, Condition, operator, key. Check for a runaway bracket.',
          range: lines.range(deep, 1),
        },
      ],
    };
  }
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  } catch (e) {
    return {
      findings: [
        {
          code: 'parse.json-syntax',
          severity: 'ERROR',
          message: 'the document could not be read as JSON',
          help: String(e),
          range: lines.range(0, 0),
        },
      ],
    };
  }
  if (errors.length === 0) return { tree, findings: [] };
  if (text.trim() === '') return { tree, findings: [] }; // the caller reports an empty document
  const rootEnd = tree ? tree.offset + tree.length : -1;
  return { tree, findings: [describeError(text, errors[0], lines, rootEnd)] };
}

/** The offset of the first `[` or `{` that opens a level past `limit`, or -1. Linear, respects strings. */
export function excessiveNestingAt(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}

/** The innermost open container at `offset`: `{`, `[` or '' at top level. Linear, respects strings. */
function containerAt(text: string, offset: number): string {
  const stack: string[] = [];
  let inString = false;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') stack.push(ch);
    else if (ch === '}' || ch === ']') stack.pop();
  }
  return stack.length > 0 ? stack[stack.length - 1] : '';
}

function previousSignificant(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

function snippet(text: string, offset: number, length: number): string {
  const s = text.slice(offset, offset + Math.max(length, 1));
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function describeError(text: string, err: ParseError, lines: LineIndex, rootEnd: number): Finding {
  let { offset, length } = err;
  let message: string;
  let help: string | undefined;
  const atEnd = offset >= text.length;
  const found = atEnd ? 'the end of the document' : `\`${snippet(text, offset, length)}\``;
  switch (err.error) {
    case INVALID_SYMBOL:
      if (/^[\u201c\u201d\u2018\u2019\u00ab\u00bb]/.test(text.slice(offset, offset + 1))) {
        message = `strings must use straight double quotes, found \`${text[offset]}\``;
        help = 'Curly quotes often come from word processors and web pages: replace them with ".';
        length = 1;
      } else if (text[offset] === '\ufeff') {
        message = 'unexpected byte order mark (U+FEFF)';
        help = 'Remove the invisible byte order mark at this position.';
        length = 1;
      } else if (/^[\u00a0\u2000-\u200b\u202f\u205f\u3000]/.test(text.slice(offset, offset + 1))) {
        const code = text.charCodeAt(offset).toString(16).toUpperCase().padStart(4, '0');
        message = `unexpected invisible space (U+${code})`;
        help = 'JSON allows only plain spaces, tabs and line breaks between values: retype this space.';
        length = 1;
      } else if (text[offset] === "'") {
        message = 'strings must use double quotes';
        help = 'JSON strings and property names are written in double quotes: "Effect", not \'Effect\'.';
      } else if (rootEnd >= 0 && offset >= rootEnd) {
        message = `unexpected ${found} after the end of the document`;
        help = 'A policy is one JSON object; anything after its closing brace is an error.';
      } else {
        message = `unexpected ${found}`;
        help = 'JSON values are strings in double quotes, numbers, true, false, null, objects or arrays.';
      }
      break;
    case INVALID_NUMBER_FORMAT:
      message = `invalid number ${found}`;
      break;
    case PROPERTY_NAME_EXPECTED:
    case VALUE_EXPECTED: {
      const prev = previousSignificant(text, offset);
      if (!atEnd && (text[offset] === '}' || text[offset] === ']') && prev >= 0 && text[prev] === ',') {
        message = 'trailing comma is not allowed';
        help = 'JSON does not allow a comma after the last item of an object or array: remove it.';
        offset = prev;
        length = 1;
      } else if (err.error === PROPERTY_NAME_EXPECTED) {
        message = `expected a property name in double quotes, found ${found}`;
      } else {
        message = `expected a value, found ${found}`;
      }
      break;
    }
    case COLON_EXPECTED:
      message = `expected a colon after the property name, found ${found}`;
      break;
    case COMMA_EXPECTED:
      message =
        containerAt(text, offset) === '['
          ? `expected a comma or closing bracket, found ${found}`
          : `expected a comma or closing brace, found ${found}`;
      help = 'Items of an object or array are separated by commas.';
      break;
    case CLOSE_BRACE_EXPECTED:
      message = `expected a comma or closing brace, found ${found}`;
      break;
    case CLOSE_BRACKET_EXPECTED:
      message = `expected a comma or closing bracket, found ${found}`;
      break;
    case END_OF_FILE_EXPECTED:
      message = `unexpected ${found} after the end of the document`;
      help = 'A policy is one JSON object; anything after its closing brace is an error.';
      break;
    case INVALID_COMMENT_TOKEN:
      message = 'comments are not allowed in a policy document';
      help = 'IAM accepts plain JSON only: remove the comment.';
      break;
    case UNEXPECTED_END_OF_COMMENT:
      message = 'unterminated comment';
      break;
    case UNEXPECTED_END_OF_STRING:
      message = 'unterminated string';
      help = 'A string must close with a double quote on the same line.';
      break;
    case UNEXPECTED_END_OF_NUMBER:
      message = `incomplete number ${found}`;
      break;
    case INVALID_UNICODE:
      message = 'invalid unicode escape in string';
      help = 'A unicode escape is \\u followed by four hexadecimal digits.';
      break;
    case INVALID_ESCAPE_CHARACTER:
      message = 'invalid escape in string';
      help = 'Valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX.';
      break;
    case INVALID_CHARACTER:
      message = 'control character in string';
      help = 'Line breaks and tabs inside a string must be escaped (\\n, \\t).';
      break;
    default:
      message = `invalid JSON at ${found}`;
  }
  return {
    code: 'parse.json-syntax',
    severity: 'ERROR',
    message,
    ...(help ? { help } : {}),
    range: lines.range(Math.min(offset, text.length), Math.max(0, Math.min(length, text.length - offset))),
  };
}

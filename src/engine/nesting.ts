/**
 * The parser's nesting limit (`MAX_JSON_DEPTH`, 64 levels) as a linear pre-check, for the code
 * that must refuse a document before any recursive walk: the language service and the world loader.
 */
import { MAX_JSON_DEPTH } from './parse';

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

/** True when `text` nests arrays or objects deeper than the parser accepts. */
export function tooDeep(text: string): boolean {
  return excessiveNestingAt(text) >= 0;
}

/**
 * The parser's nesting limit (`MAX_JSON_DEPTH`, 64 levels) as a linear pre-check, for the code
 * that must refuse a document before any recursive walk: the language service and the world loader.
 */
import { excessiveNestingAt } from './parse';

export { excessiveNestingAt };

/** True when `text` nests arrays or objects deeper than the parser accepts. */
export function tooDeep(text: string): boolean {
  return excessiveNestingAt(text) >= 0;
}

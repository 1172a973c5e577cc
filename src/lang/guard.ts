/**
 * What keeps the language service from throwing: the parser's nesting limit (64 levels,
 * `MAX_JSON_DEPTH`), checked by a linear scan before any recursive parse, and a last catch that
 * turns an unexpected exception into "no answer". Hover, completion and quick fixes answer
 * nothing for a document the parser refuses; its diagnostics say why (`parse.too-deep`).
 */
import { tooDeep } from '../engine/nesting';

/** `answer()`, or `fallback` when the text is too deep or `answer` throws. */
export function guarded<T>(text: string, fallback: T, answer: () => T): T {
  if (typeof text !== 'string' || tooDeep(text)) return fallback;
  try {
    return answer();
  } catch {
    return fallback;
  }
}

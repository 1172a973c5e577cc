/** Small range helpers shared by the checks. */
import type { Range } from '../diagnostics';
import type { LineIndex } from '../diagnostics';

/** The first character of a range (a statement's `{`), for findings about something missing from it. */
export function headOf(range: Range, lines: LineIndex): Range {
  return lines.range(range.start.offset, Math.min(1, range.end.offset - range.start.offset));
}

/** A sub-range of a JSON string value (offsets inside the quotes, no escapes in between assumed). */
export function insideString(range: Range, from: number, length: number, lines: LineIndex): Range {
  return lines.range(range.start.offset + 1 + from, length);
}

/**
 * The one finding shape used by every stage (parse, validate, evaluate).
 *
 * Style (Cedar's guide): messages are lowercase, user input in backticks, no final period, no
 * TypeScript type names; detail goes in `help`.
 */

/** A point in a source text. `line` and `column` are 1-based (as editors show them); `offset` is 0-based, in UTF-16 code units. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A half-open range [start, end) in a source text. */
export interface Range {
  start: Position;
  end: Position;
}

/** IAM Access Analyzer's finding types. */
export type Severity = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

export interface RelatedInfo {
  message: string;
  range: Range;
}

export interface Finding {
  /** Stable code, banded by stage: `parse.*`, `validate.*`, `evaluate.*`. */
  code: string;
  severity: Severity;
  message: string;
  help?: string;
  range: Range;
  related?: RelatedInfo[];
}

/** Results that cross the worker boundary: plain tagged unions, never classes or throws. */
export type Result<T, E = Finding> = { ok: true; value: T } | { ok: false; errors: E[] };

/** Computes line/column positions for offsets of one text, in O(log n) per lookup. */
export class LineIndex {
  private readonly starts: number[];
  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1, offset };
  }
  range(offset: number, length: number): Range {
    return { start: this.position(offset), end: this.position(offset + length) };
  }
}

/**
 * The language service's plain-data API, shaped like LSP's answers but editor-agnostic.
 * Positions in: `{ line, column }`, 1-based (as in src/engine/diagnostics.ts). Ranges out: the
 * diagnostics `Range` (1-based line/column plus the 0-based UTF-16 `offset`), end exclusive.
 */
import type { Range } from '../engine/diagnostics';

export interface CursorPosition {
  line: number;
  column: number;
}

export type CompletionKind = 'property' | 'value' | 'service' | 'action' | 'resource' | 'operator' | 'key';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label: an access level, a key type, a service name. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text that replaces `range` (quotes included when the cursor was not inside a string). */
  insertText: string;
  range: Range;
}

export interface Hover {
  /** Markdown. */
  contents: string;
  range: Range;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface CodeAction {
  title: string;
  kind: 'quickfix';
  /** The finding this fixes. */
  code: string;
  edits: TextEdit[];
}

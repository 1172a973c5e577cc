/** Converting 1-based line/column positions to offsets, and the JSON location under a cursor. */
import { getLocation } from 'jsonc-parser';
import type { JSONPath, Node as JsonNode } from 'jsonc-parser';
import { guarded } from './guard';
import type { CursorPosition } from './types';

/** The 0-based offset of a 1-based line/column, clamped to the text. Lines end at \n, \r\n or \r. */
export function offsetAt(text: string, pos: CursorPosition): number {
  let line = 1;
  let i = 0;
  while (line < pos.line && i < text.length) {
    const c = text.charCodeAt(i++);
    if (c === 10) line++;
    else if (c === 13) {
      if (text.charCodeAt(i) === 10) i++;
      line++;
    }
  }
  let col = 1;
  while (col < pos.column && i < text.length && text[i] !== '\n' && text[i] !== '\r') {
    i++;
    col++;
  }
  return i;
}

export interface Cursor {
  offset: number;
  /** Path of the element the cursor is in, e.g. ['Statement', 0, 'Action', 1]. For a key, the path of the object holding it. */
  path: JSONPath;
  /** True when the cursor is on a property name (what is being typed is a key). */
  atKey: boolean;
  /** Text typed so far in the current string or key (from its opening quote to the cursor). */
  prefix: string;
  /** The string being edited, when the cursor is inside one. */
  inString: boolean;
  /** Offsets of the text to replace: the string's content (without quotes), or an empty span at the cursor. */
  replaceStart: number;
  replaceEnd: number;
}

function isClosed(text: string, node: JsonNode): boolean {
  return node.length >= 2 && text[node.offset + node.length - 1] === '"';
}

/** The cursor at an offset; at the top level (empty path) for a document nested past the parser's limit. Never throws. */
export function cursorAt(text: string, offset: number): Cursor {
  const top: Cursor = {
    offset,
    path: [],
    atKey: false,
    prefix: '',
    inString: false,
    replaceStart: offset,
    replaceEnd: offset,
  };
  return guarded(text, top, () => cursorAtUnguarded(text, offset));
}

function cursorAtUnguarded(text: string, offset: number): Cursor {
  const loc = getLocation(text, offset);
  const node = loc.previousNode;
  const path = loc.isAtPropertyKey ? loc.path.slice(0, -1) : loc.path;
  const base = { offset, path, atKey: loc.isAtPropertyKey };
  if (node && (node.type === 'string' || node.type === 'property') && text[node.offset] === '"') {
    const start = node.offset + 1;
    const end = isClosed(text, node) ? node.offset + node.length - 1 : node.offset + node.length;
    if (offset >= start && offset <= end) {
      return { ...base, prefix: text.slice(start, offset), inString: true, replaceStart: start, replaceEnd: end };
    }
  }
  return { ...base, prefix: '', inString: false, replaceStart: offset, replaceEnd: offset };
}

/**
 * Findings to Monaco markers and back. Pure: Monaco's severity values are passed in, so this
 * runs in unit tests without loading the editor.
 */
import type { Finding, Severity } from '../../engine/diagnostics';

export interface MarkerSeverities {
  Error: number;
  Warning: number;
  Info: number;
  Hint: number;
}

export interface MarkerData {
  severity: number;
  message: string;
  code: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export const MARKER_OWNER = 'iamplay';
const SOURCE = 'IAM Playground';

export function markerSeverity(s: Severity, m: MarkerSeverities): number {
  return s === 'ERROR' ? m.Error : s === 'SECURITY_WARNING' || s === 'WARNING' ? m.Warning : m.Info;
}

/**
 * A finding as the plain text Monaco shows in a marker's hover (a marker message is never
 * Markdown): the backticks around user input dropped, and the help's "Did you mean …?" left out
 * when the message already asks it.
 */
export function markerMessage(f: Pick<Finding, 'message' | 'help'>): string {
  const plain = (t: string) => t.replace(/`([^`]*)`/g, '$1');
  const help = helpBeyondMessage(f);
  const message = plain(f.message);
  return help ? `${message}\n${plain(help)}` : message;
}

/** A finding's help without the "Did you mean …?" its message already asks ('' when nothing is left). */
export function helpBeyondMessage(f: Pick<Finding, 'message' | 'help'>): string {
  let help = f.help ?? '';
  if (/did you mean/i.test(f.message)) help = help.replace(/^\s*did you mean [^?]*\?\s*/i, '');
  return help.trim();
}

/** One marker per finding; an empty range is widened to one character so the squiggle shows. */
export function findingsToMarkers(findings: Finding[], m: MarkerSeverities): MarkerData[] {
  return findings.map((f) => {
    const { start, end } = f.range;
    const empty = start.line === end.line && end.column <= start.column;
    return {
      severity: markerSeverity(f.severity, m),
      message: markerMessage(f),
      code: f.code,
      source: SOURCE,
      startLineNumber: start.line,
      startColumn: start.column,
      endLineNumber: end.line,
      endColumn: empty ? start.column + 1 : end.column,
    };
  });
}

/** Human label of a severity, as Access Analyzer names it. */
export function severityLabel(s: Severity): string {
  return { ERROR: 'Error', SECURITY_WARNING: 'Security warning', WARNING: 'Warning', SUGGESTION: 'Suggestion' }[s];
}

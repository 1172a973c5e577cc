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

/** One marker per finding; an empty range is widened to one character so the squiggle shows. */
export function findingsToMarkers(findings: Finding[], m: MarkerSeverities): MarkerData[] {
  return findings.map((f) => {
    const { start, end } = f.range;
    const empty = start.line === end.line && end.column <= start.column;
    return {
      severity: markerSeverity(f.severity, m),
      message: f.help ? `${f.message}\n${f.help}` : f.message,
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

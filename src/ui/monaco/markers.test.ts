import { describe, it, expect } from 'vitest';
import { findingsToMarkers, markerMessage, severityLabel } from './markers';
import type { Finding } from '../../engine/diagnostics';

const SEV = { Error: 8, Warning: 4, Info: 2, Hint: 1 };
const at = (line: number, column: number, offset: number) => ({ line, column, offset });

describe('findings to Monaco markers', () => {
  it('maps severity, message with help, code and 1-based range', () => {
    const f: Finding = {
      code: 'validate.action.unknown',
      severity: 'ERROR',
      message: 'unknown action `s3:GetObjekt`',
      help: 'Did you mean `s3:GetObject`?',
      range: { start: at(6, 17, 90), end: at(6, 31, 104) },
    };
    expect(findingsToMarkers([f], SEV)).toEqual([
      {
        severity: 8,
        message: 'unknown action s3:GetObjekt\nDid you mean s3:GetObject?',
        code: 'validate.action.unknown',
        source: 'IAM Playground',
        startLineNumber: 6,
        startColumn: 17,
        endLineNumber: 6,
        endColumn: 31,
      },
    ]);
  });

  it('widens an empty range and maps the other severities', () => {
    const base = { code: 'x', message: 'm', range: { start: at(1, 1, 0), end: at(1, 1, 0) } };
    const out = findingsToMarkers(
      [
        { ...base, severity: 'SECURITY_WARNING' },
        { ...base, severity: 'WARNING' },
        { ...base, severity: 'SUGGESTION' },
      ],
      SEV,
    );
    expect(out.map((m) => [m.severity, m.endColumn, m.message])).toEqual([
      [4, 2, 'm'],
      [4, 2, 'm'],
      [2, 2, 'm'],
    ]);
  });

  it('shows a finding in the marker hover once, as plain text: no backticks, one "did you mean"', () => {
    expect(
      markerMessage({
        message: '`s3:GetObjekt` is not an action of Amazon S3; did you mean `s3:GetObject`?',
        help: 'Did you mean `s3:GetObject`? An unknown action never matches a request.',
      }),
    ).toBe(
      's3:GetObjekt is not an action of Amazon S3; did you mean s3:GetObject?\nAn unknown action never matches a request.',
    );
    expect(markerMessage({ message: '`x` is odd', help: 'Did you mean `y`?' })).toBe('x is odd\nDid you mean y?');
    expect(markerMessage({ message: 'no help here' })).toBe('no help here');
  });

  it('names severities as Access Analyzer does', () => {
    expect(severityLabel('SECURITY_WARNING')).toBe('Security warning');
    expect(severityLabel('SUGGESTION')).toBe('Suggestion');
  });
});

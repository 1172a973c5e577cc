import { describe, it, expect } from 'vitest';
import { afterClosedString } from './completion-guard';

describe('completion after a closed string', () => {
  it('offers none right after a string value the learner closed', () => {
    expect(afterClosedString('      "Resource": "arn:aws:s3:::reports/*"')).toBe(true);
    expect(afterClosedString('      "Resource": "arn:aws:s3:::reports/*"  ')).toBe(true);
    expect(afterClosedString('  "Sid": "a \\" quote"')).toBe(true);
  });

  it('still offers it inside a string, and after a colon or a comma', () => {
    expect(afterClosedString('      "Resource": "arn:aws:s3:::reports/')).toBe(false);
    expect(afterClosedString('      "Resource": "')).toBe(false);
    expect(afterClosedString('      "Resource": ')).toBe(false);
    expect(afterClosedString('      "Action": ["s3:GetObject", ')).toBe(false);
    expect(afterClosedString('      "')).toBe(false);
    expect(afterClosedString('')).toBe(false);
  });
});

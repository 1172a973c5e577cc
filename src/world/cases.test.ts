/**
 * Runs every evaluation case in tests/cases/*.json (each names the IAM User Guide rule it checks)
 * through the same path as `iamplay eval`, and compares the decision, the deciding statements
 * (`policy#statement`, in any order) and, where given, AWS's AccessDenied message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from './from-case';

interface Expect {
  decision: string;
  /** The finding `iamplay eval` answers with: IAM refuses the document. `decision` is then the answer with its broken statements ignored. */
  refused?: string;
  deciding?: string[];
  message?: string;
  deniedBy?: string;
}
interface CaseFile {
  id: string;
  rule: string;
  expect: Expect;
}

const DIR = join(__dirname, '../../tests/cases');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
/** A fixed request time, so cases that read `aws:CurrentTime` by default are stable. */
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('evaluation cases', () => {
  const all: CaseFile[] = [];
  for (const file of files) {
    const cases = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as CaseFile[];
    all.push(...cases);
    describe(file, () => {
      for (const c of cases) {
        it(`${c.id}: ${c.rule}`, () => {
          if (c.expect.refused) {
            const refused = runCase(c, { now: NOW });
            expect('error' in refused ? refused.error.code : refused.decision).toBe(c.expect.refused);
          }
          const answer = runCase(c, { explain: true, now: NOW, anyway: c.expect.refused !== undefined });
          if ('error' in answer) throw new Error(`${answer.error.code}: ${answer.error.message}`);
          expect(answer.decision).toBe(c.expect.decision);
          if (c.expect.deciding) {
            const got = answer.deciding.map((d) => `${d.policy}#${d.statement}`).sort();
            expect(got).toEqual([...c.expect.deciding].sort());
          }
          if (c.expect.message !== undefined) expect(answer.explain?.message).toBe(c.expect.message);
          if (c.expect.deniedBy !== undefined) expect(answer.explain?.deniedBy).toBe(c.expect.deniedBy);
        });
      }
    });
  }

  it('has at least 300 cases, each with a unique id, a rule and an expected decision', () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const c of all) {
      expect(c.rule.length).toBeGreaterThan(10);
      expect(['Allow', 'ExplicitDeny', 'ImplicitDeny']).toContain(c.expect.decision);
    }
  });
});

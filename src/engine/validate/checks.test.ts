import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../../catalog';
import { CASES } from './checks.cases';
import { validatePolicy } from './validate';

const textOf = (doc: unknown) => (typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));

describe('validation checks: each triggers on its case and stays quiet on the near miss', async () => {
  const catalog = await loadCatalog();
  for (const c of CASES) {
    it(`${c.code} (${c.type ?? 'identity'}): ${c.covers}`, () => {
      const text = textOf(c.doc);
      const found = validatePolicy(text, { type: c.type ?? 'identity', catalog }).filter((f) => f.code === c.code);
      expect(found.length).toBeGreaterThan(0);
      const f = found[0];
      expect(f.severity).toBe(c.severity);
      expect([f.range.start.line, f.range.start.column, f.range.end.line, f.range.end.column]).toEqual(c.at);
      expect(text.slice(f.range.start.offset, f.range.end.offset)).toBe(c.covers);
      expect(f.message).not.toMatch(/\.$/);
      expect(f.help).toBeTruthy();
      const near = validatePolicy(textOf(c.near), { type: c.nearType ?? c.type ?? 'identity', catalog });
      expect(near.filter((n) => n.code === c.code)).toEqual([]);
    });
  }

  it('covers at least 40 distinct checks', () => {
    expect(new Set(CASES.filter((c) => c.code.startsWith('validate.')).map((c) => c.code)).size).toBeGreaterThanOrEqual(
      40,
    );
  });
});

import { describe, it, expect } from 'vitest';
import { loadCatalog, loadManagedPolicies } from '../../catalog';
import { validatePolicy } from './validate';

interface Managed {
  count: number;
  policies: { name: string; document: unknown }[];
}

const data = (await loadManagedPolicies()) as Managed;

describe('the AWS managed policies', () => {
  it('all 1,594 lint with no ERROR as identity policies', async () => {
    const catalog = await loadCatalog();
    expect(data.policies.length).toBe(1594);
    const errors: string[] = [];
    const counts: Record<string, number> = {};
    for (const p of data.policies) {
      const text = JSON.stringify(p.document, null, 2);
      for (const f of validatePolicy(text, { type: 'identity', catalog })) {
        counts[f.code] = (counts[f.code] ?? 0) + 1;
        if (f.severity === 'ERROR')
          errors.push(`${p.name}:${f.range.start.line}:${f.range.start.column} ${f.code} ${f.message}`);
      }
    }
    if (process.env.LINT_COUNTS) console.log(JSON.stringify(counts, null, 1));
    expect(errors.slice(0, 20)).toEqual([]);
  }, 120_000);
});

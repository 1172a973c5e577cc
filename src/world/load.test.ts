// The world loader never throws (fast-check properties over random, deep and huge inputs) and
// applies the policy parser's nesting limit of 64 levels before parsing.
import { describe, it, expect, vi } from 'vitest';
import fc from 'fast-check';
import { loadWorld } from './load';

// Linting, building and property runs take seconds on a loaded machine: no test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

const worldish = fc
  .jsonValue({ maxDepth: 8 })
  .map((v) =>
    JSON.stringify({ accounts: [{ id: '111122223333', users: [v], roles: v, policies: [v] }], organization: v }),
  );

describe('loadWorld never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = loadWorld(text);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary JSON, alone and in the places a world holds objects', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 8 }).map((v) => JSON.stringify(v)),
          worldish,
        ),
        (text) => {
          const r = loadWorld(text);
          if (!r.ok) for (const e of r.errors) expect(e.range.start.offset).toBeLessThanOrEqual(text.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a world nested past 64 levels with a ranged finding, however deep', () => {
    for (const depth of [65, 100_000]) {
      const text = `{"accounts": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
      expect(loadWorld(text)).toEqual({
        ok: false,
        errors: [
          {
            code: 'parse.too-deep',
            severity: 'ERROR',
            message: 'the world nests deeper than 64 levels',
            help: 'A world nests a few levels at most: accounts, users, policies, statements. Check for a runaway bracket.',
            range: { start: { line: 1, column: 77, offset: 76 }, end: { line: 1, column: 78, offset: 77 } },
          },
        ],
      });
    }
    expect(loadWorld(`{"accounts": ${'['.repeat(60)}${']'.repeat(60)}}`).ok).toBe(false);
  });

  it('answers a huge world with findings', () => {
    const users = Array.from({ length: 20_000 }, (_, i) => ({ name: `u${i}`, bogus: i }));
    const r = loadWorld(JSON.stringify({ accounts: [{ id: '111122223333', users }] }));
    expect(r.ok).toBe(false);
  });
});

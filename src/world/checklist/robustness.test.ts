// A saved or pasted world may hold anything: the checklist answers items, never an exception.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { checkAccount } from '../checklist';
import type { World } from '../types';

const NOW = Date.UTC(2026, 0, 15, 12);
const anything = fc.jsonValue({ maxDepth: 4 });
const entity = fc.dictionary(
  fc.constantFrom(
    'account',
    'name',
    'type',
    'arn',
    'policy',
    'trustPolicy',
    'accessKeys',
    'mfaDevices',
    'loginProfile',
    'storedAccessKeys',
    'root',
    'id',
    'blockPublicAccess',
    'serviceLinked',
  ),
  fc.oneof(anything, fc.constantFrom('s3-bucket', 'ec2-instance', 'arn:aws:s3:::b', '111122223333')),
);
const world = fc.record({
  accounts: fc.array(entity, { maxLength: 3 }),
  users: fc.oneof(fc.array(entity, { maxLength: 3 }), anything),
  roles: fc.oneof(fc.array(entity, { maxLength: 3 }), anything),
  resources: fc.oneof(fc.array(entity, { maxLength: 3 }), anything),
});

// Property runs take seconds on a loaded machine: no test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

describe('the checklist on odd worlds', () => {
  it('answers a list for any shape of world, and every fix answers a world', () => {
    fc.assert(
      fc.property(world, (w) => {
        const items = checkAccount(w as unknown as World, NOW);
        expect(Array.isArray(items)).toBe(true);
        for (const i of items) expect(typeof i.fix!.apply(w as unknown as World)).toBe('object');
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});

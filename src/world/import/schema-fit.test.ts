import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAuthorizationDetails } from './authorization-details';
import { checkWorld } from '../schema';
import { checkAccount } from '../checklist';
import { defaultWorld } from '../default-world';

describe('the parts of the world fit together', () => {
  it('an imported account is a world the schema accepts', () => {
    const text = readFileSync(
      new URL('../../../tests/fixtures/import/authorization-details.json', import.meta.url),
      'utf8',
    );
    const imported = importAuthorizationDetails(text);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const checked = checkWorld(imported.value);
    expect(checked.ok ? [] : checked.errors.map((e) => e.message)).toEqual([]);
  });

  it('the default world gives the checklist something to say about the root user', () => {
    const ids = checkAccount(defaultWorld(), Date.parse('2026-12-01T00:00:00Z')).map((i) => i.rule);
    expect(ids).toContain('root-mfa');
    expect(ids).toContain('root-access-key');
  });
});

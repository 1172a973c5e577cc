// Every earlier world format still opens: the fixtures under tests/fixtures/world/ are worlds as
// each format wrote them, and they upgrade step by step to the current one.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { migrateWorld } from './migrate';
import { loadWorld, readWorld } from './load';
import { checkWorld } from './schema';

const fixture = (name: string) => readFileSync(new URL(`../../tests/fixtures/world/${name}`, import.meta.url), 'utf8');
const json = (name: string) => JSON.parse(fixture(name)) as Record<string, unknown>;

describe('migrateWorld', () => {
  it('upgrades a format 1 world: format 2, resources typed from their ARN where the type needs nothing more', () => {
    const r = migrateWorld(json('format-1.world.json'));
    expect(r).toEqual({
      ok: true,
      from: 1,
      value: json('format-1.migrated.world.json'),
      notes: [
        'upgraded the world from format 1 to format 2',
        'resources[0]: `arn:aws:s3:::shared` is now typed `s3-bucket`',
        'resources[1]: `arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab` is now typed `kms-key`',
        'resources[2]: `arn:aws:sqs:us-east-1:111122223333:orders` is now typed `sqs-queue`',
      ],
    });
    // A Lambda function needs its role, which format 1 did not have: it stays a plain resource.
    expect(r.ok && (r.value.resources as { type: string }[])[3].type).toBe('other');
  });

  it('gives a world that the current schema accepts', () => {
    expect(checkWorld(json('format-1.migrated.world.json')).ok).toBe(true);
  });

  it('does not change the world it is given', () => {
    const before = json('format-1.world.json');
    migrateWorld(before);
    expect(before).toEqual(json('format-1.world.json'));
  });

  it('leaves a current world as it is', () => {
    const r = migrateWorld(json('format-2.world.json'));
    expect(r).toEqual({ ok: true, from: 2, value: json('format-2.world.json'), notes: [] });
  });

  it('refuses a newer format than it knows, and a format that is not a number', () => {
    expect(migrateWorld(json('format-3.world.json'))).toEqual({
      ok: false,
      errors: [
        {
          code: 'validate.world.format-version',
          message: 'the world is in format 3, newer than this version knows (2)',
          help: 'open it with a newer version of the playground',
          path: ['format'],
        },
      ],
    });
    const r = migrateWorld({ format: '2', accounts: [] });
    expect(r.ok ? '' : r.errors[0].message).toBe('`2` is not a world format');
    expect(migrateWorld([])).toEqual({
      ok: false,
      errors: [{ code: 'validate.world.type', message: '`the world` must be an object', path: [] }],
    });
  });
});

describe('loading saved worlds of each format', () => {
  it('loads a format 1 file as a format 2 world and says what changed', () => {
    const r = readWorld(fixture('format-1.world.json'));
    expect(r.ok && [r.value.from, r.value.world.format, r.value.notes.length]).toEqual([1, 2, 4]);
    const l = loadWorld(fixture('format-1.world.json'));
    expect(l.ok && l.value).toEqual(json('format-1.migrated.world.json'));
  });

  it('loads the format 2 fixture (the default world as first shipped)', () => {
    const r = readWorld(fixture('format-2.world.json'));
    expect(r.ok && [r.value.from, r.value.notes]).toEqual([2, []]);
    expect(r.ok && r.value.world.userPools?.[0].id).toBe('us-east-1_Pl4yGr0nd');
  });

  it('points the refusal of a newer format at the format field, with the file name', () => {
    const r = loadWorld(fixture('format-3.world.json'), { file: 'future.world.json' });
    expect(r.ok ? [] : r.errors.map((f) => [f.code, f.message, f.range.start.line, f.range.start.column])).toEqual([
      [
        'validate.world.format-version',
        'future.world.json:2:13 format: the world is in format 3, newer than this version knows (2)',
        2,
        13,
      ],
    ]);
  });
});

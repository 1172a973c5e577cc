import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  ACCOUNT_KEY,
  AccountStore,
  Autosaver,
  LEGACY_WORLD_KEY,
  migrateWorldValue,
  readSaveText,
  UNREADABLE_PREFIX,
  type Saved,
  type SaveStorage,
  type Timers,
} from './persistence';
import type { World } from '../../world/types';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../tests/fixtures/saves/${name}`, import.meta.url), 'utf8');

class MapStorage implements SaveStorage {
  map = new Map<string, string>();
  full = false;
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const small: World = {
  accounts: [{ id: '111122223333', name: 'mine' }],
  users: [{ account: '111122223333', name: 'dana' }],
};

describe('opening the saved account', () => {
  it('opens nothing when nothing is saved', () => {
    const opened = new AccountStore(new MapStorage(), () => NOW).open();
    expect(opened).toEqual({ world: undefined, unreadable: [], blocked: false });
  });

  it('reads a format 2 save as it is', () => {
    const s = new MapStorage();
    s.setItem(ACCOUNT_KEY, fixture('format-2.json'));
    const opened = new AccountStore(s, () => NOW).open();
    expect(opened.migratedFrom).toBeUndefined();
    expect(opened.world?.accounts[0]?.name).toBe('from-format-2');
    expect(opened.world?.users?.map((u) => u.name)).toEqual(['saved-bob']);
    expect(opened.unreadable).toEqual([]);
  });

  it('migrates a format 1 save (the bare world file) to format 2 and removes the old key', () => {
    const s = new MapStorage();
    s.setItem(LEGACY_WORLD_KEY, fixture('format-1.json'));
    const opened = new AccountStore(s, () => NOW).open();
    expect(opened.migratedFrom).toBe(1);
    expect(opened.world?.users?.map((u) => u.name)).toEqual(['legacy-alice']);
    expect(s.getItem(LEGACY_WORLD_KEY)).toBeNull();
    const saved = JSON.parse(s.getItem(ACCOUNT_KEY)!);
    expect(saved.format).toBe(2);
    expect(saved.savedAt).toBe('2026-12-01T12:00:00.000Z');
    expect(saved.world.groups).toEqual([{ account: '111122223333', name: 'legacy-developers' }]);
  });

  it('keeps the format 1 save when the migrated one cannot be written, and says so', () => {
    const s = new MapStorage();
    s.setItem(LEGACY_WORLD_KEY, fixture('format-1.json'));
    s.full = true;
    const opened = new AccountStore(s, () => NOW).open();
    expect(opened.world?.users?.map((u) => u.name)).toEqual(['legacy-alice']);
    expect(opened.problem).toBe(
      'the account was brought up to date but could not be saved: this browser’s storage for the page is full',
    );
    expect(s.getItem(LEGACY_WORLD_KEY)).toBe(fixture('format-1.json'));
  });

  it.each([
    ['corrupt-truncated.txt', 'the saved account could not be read: it is not valid JSON'],
    [
      'newer-format.json',
      'the saved account could not be read: it was saved by a newer version of IAM Playground (format 9; this one reads formats 1 to 2)',
    ],
    [
      'schema-failure.json',
      "the saved account could not be read: its world does not pass the world's checks: the group `missing-group` is not in account 111122223333",
    ],
  ])('sets aside the unreadable save %s with its exact text and the reason', (name, why) => {
    const s = new MapStorage();
    const text = fixture(name);
    s.setItem(ACCOUNT_KEY, text);
    const store = new AccountStore(s, () => NOW);
    const opened = store.open();
    expect(opened.world).toBeUndefined();
    expect(opened.blocked).toBe(false);
    expect(opened.unreadable).toEqual([{ key: `${UNREADABLE_PREFIX}${NOW}`, why, text, at: NOW }]);
    expect(s.getItem(ACCOUNT_KEY)).toBeNull();
    // Still there on the next visit, until dismissed.
    expect(new AccountStore(s, () => NOW + 1).open().unreadable.map((u) => u.text)).toEqual([text]);
    store.dismiss(`${UNREADABLE_PREFIX}${NOW}`);
    expect(new AccountStore(s, () => NOW + 2).open().unreadable).toEqual([]);
  });

  it('reads an unreadable format 1 save aside too', () => {
    const s = new MapStorage();
    s.setItem(LEGACY_WORLD_KEY, '{"accounts": [');
    const opened = new AccountStore(s, () => NOW).open();
    expect(opened.unreadable.map((u) => [u.why, u.text])).toEqual([
      ['the saved account (format 1) could not be read: it is not valid JSON', '{"accounts": ['],
    ]);
    expect(s.getItem(LEGACY_WORLD_KEY)).toBeNull();
  });

  it('leaves an unreadable save in place and blocks saving when it cannot be copied aside', () => {
    const s = new MapStorage();
    s.setItem(ACCOUNT_KEY, 'not json');
    s.full = true;
    const opened = new AccountStore(s, () => NOW).open();
    expect(opened.blocked).toBe(true);
    expect(s.getItem(ACCOUNT_KEY)).toBe('not json');
    expect(opened.unreadable.map((u) => [u.key, u.text])).toEqual([[ACCOUNT_KEY, 'not json']]);
    expect(opened.problem).toBe(
      'the unreadable save could not be copied aside (this browser’s storage for the page is full); download it: changes are not saved until you dismiss this',
    );
  });

  it('keeps two unreadable saves of the same moment under two keys', () => {
    const s = new MapStorage();
    s.setItem(ACCOUNT_KEY, 'first');
    new AccountStore(s, () => NOW).open();
    s.setItem(ACCOUNT_KEY, 'second');
    const opened = new AccountStore(s, () => NOW).open();
    expect(opened.unreadable.map((u) => [u.key, u.text])).toEqual([
      [`${UNREADABLE_PREFIX}${NOW}`, 'first'],
      [`${UNREADABLE_PREFIX}${NOW}-2`, 'second'],
    ]);
  });

  it('refuses a save with a key it does not know, or no world', () => {
    expect(readSaveText('{"format":2,"world":{"accounts":[]},"extra":1}')).toEqual({
      ok: false,
      why: 'it has an unknown key `extra`',
    });
    expect(readSaveText('{"format":2}')).toEqual({ ok: false, why: 'it holds no world' });
    expect(readSaveText('[]')).toEqual({ ok: false, why: 'it is not a JSON object' });
    expect(readSaveText('{"format":"2"}')).toEqual({ ok: false, why: 'it has no format version' });
    expect(readSaveText('{"format":0,"world":{}}')).toEqual({ ok: false, why: 'it has an unknown format version `0`' });
  });
});

describe('keeping the learner’s own account aside', () => {
  it('keeps it as a format 2 save until dismissed, and it reads back', () => {
    const s = new MapStorage();
    const store = new AccountStore(s, () => NOW);
    expect(store.keep(small)).toEqual({ ok: true, key: `iamplay.account.kept.${NOW}` });
    const kept = store.kept();
    expect(kept.map((k) => [k.key, k.at])).toEqual([[`iamplay.account.kept.${NOW}`, NOW]]);
    const read = readSaveText(kept[0]!.text);
    expect(read.ok && read.world).toEqual({ ...small, format: 2 });
    store.dismiss(kept[0]!.key);
    expect(store.kept()).toEqual([]);
  });

  it('says when it cannot be kept', () => {
    const s = new MapStorage();
    s.full = true;
    expect(new AccountStore(s, () => NOW).keep(small)).toEqual({
      ok: false,
      error: 'this browser’s storage for the page is full',
    });
  });
});

describe('the world file migration hook', () => {
  it('takes a plain answer, a result, or a failure', () => {
    expect(migrateWorldValue({ a: 1 }, (v) => ({ ...(v as object), b: 2 }))).toEqual({
      ok: true,
      value: { a: 1, b: 2 },
    });
    expect(migrateWorldValue({ a: 1 }, () => ({ ok: true, value: { c: 3 } }))).toEqual({ ok: true, value: { c: 3 } });
    expect(
      migrateWorldValue({}, () => ({ ok: false, errors: [{ message: 'the world format `7` is unknown' }] })),
    ).toEqual({
      ok: false,
      error: 'its world could not be migrated: the world format `7` is unknown',
    });
    expect(
      migrateWorldValue({}, () => {
        throw new Error('boom');
      }),
    ).toEqual({ ok: false, error: 'its world could not be migrated: boom' });
    expect(migrateWorldValue({ accounts: [] }, undefined)).toEqual({ ok: true, value: { accounts: [], format: 2 } });
  });
});

class FakeTimers implements Timers {
  queue = new Map<number, () => void>();
  next = 1;
  setTimeout = (fn: () => void) => {
    this.queue.set(this.next, fn);
    return this.next++;
  };
  clearTimeout = (h: unknown) => {
    this.queue.delete(h as number);
  };
  runAll() {
    const fns = [...this.queue.values()];
    this.queue.clear();
    for (const f of fns) f();
  }
}

describe('autosaving', () => {
  it('writes a burst of changes once, with the latest world', () => {
    const s = new MapStorage();
    const store = new AccountStore(s, () => NOW);
    const timers = new FakeTimers();
    const results: Saved[] = [];
    const saver = new Autosaver(store, (r) => results.push(r), 400, timers);
    let world = small;
    saver.schedule(() => world);
    world = { ...small, users: [{ account: '111122223333', name: 'erin' }] };
    saver.schedule(() => world);
    expect(timers.queue.size).toBe(1);
    expect(store.writes).toBe(0);
    timers.runAll();
    expect(store.writes).toBe(1);
    expect(results).toEqual([{ ok: true }]);
    expect(JSON.parse(s.getItem(ACCOUNT_KEY)!).world.users).toEqual([{ account: '111122223333', name: 'erin' }]);
    expect(new AccountStore(s).open().world?.users?.[0]?.name).toBe('erin');
  });

  it('flushes at once when the page goes away, and then has nothing left to write', () => {
    const store = new AccountStore(new MapStorage(), () => NOW);
    const timers = new FakeTimers();
    const saver = new Autosaver(store, () => {}, 400, timers);
    saver.schedule(() => small);
    saver.flush();
    expect(store.writes).toBe(1);
    expect(timers.queue.size).toBe(0);
    saver.flush();
    expect(store.writes).toBe(1);
  });

  it('says when a save fails because storage is full, and clears it when a later one succeeds', () => {
    const s = new MapStorage();
    const results: Saved[] = [];
    const saver = new Autosaver(new AccountStore(s, () => NOW), (r) => results.push(r), 400, new FakeTimers());
    s.full = true;
    saver.schedule(() => small);
    saver.flush();
    s.full = false;
    saver.schedule(() => small);
    saver.flush();
    expect(results).toEqual([
      { ok: false, error: 'the account could not be saved: this browser’s storage for the page is full' },
      { ok: true },
    ]);
  });

  it('does not write over an unreadable save that could not be copied aside', () => {
    const s = new MapStorage();
    s.setItem(ACCOUNT_KEY, 'not json');
    const results: Saved[] = [];
    const saver = new Autosaver(new AccountStore(s, () => NOW), (r) => results.push(r), 400, new FakeTimers());
    saver.blocked = true;
    saver.schedule(() => small);
    saver.flush();
    expect(s.getItem(ACCOUNT_KEY)).toBe('not json');
    expect(results).toEqual([{ ok: false, error: 'the account is not saved until the unreadable save is dismissed' }]);
  });
});

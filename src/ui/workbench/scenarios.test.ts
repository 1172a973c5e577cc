import { describe, it, expect } from 'vitest';
import { defaultState, type WorkbenchState } from './model';
import {
  ASIDE_PREFIX,
  INDEX_KEY,
  LEGACY_KEY,
  nameFromLink,
  SCENARIO_PREFIX,
  ScenarioStore,
  uniqueName,
} from './scenarios';

/** localStorage as a Map, shared by the stores of two "tabs". */
class MemoryStorage implements Storage {
  readonly map = new Map<string, string>();
  full = false;
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  setItem(k: string, v: string) {
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(k, v);
  }
}

function named(name: string): WorkbenchState {
  const s = defaultState();
  s.docs[0].name = name;
  return s;
}

const clock = () => 1_700_000_000_000;

describe('scenario store', () => {
  it('migrates the format-1 autosave into the scenario “My work”, keeping every field', () => {
    const storage = new MemoryStorage();
    const old = named('Learner policy');
    old.request.actions = 's3:PutObject';
    storage.setItem(LEGACY_KEY, JSON.stringify(old));
    const store = new ScenarioStore(storage, clock);
    const opened = store.open();
    expect(opened.notices).toEqual([]);
    expect(opened.scenarios.map((s) => s.name)).toEqual(['My work']);
    expect(opened.last).toBe(opened.scenarios[0].id);
    expect(store.load(opened.scenarios[0].id)).toEqual({ ok: true, value: old });
    expect(storage.getItem(LEGACY_KEY)).toBeNull();
    // Opening again finds the same one scenario (no second migration).
    expect(new ScenarioStore(storage, clock).open().scenarios.map((s) => s.name)).toEqual(['My work']);
  });

  it('keeps an unreadable format-1 autosave aside and says where', () => {
    const storage = new MemoryStorage();
    storage.setItem(LEGACY_KEY, '{"v":1,"docs":');
    const opened = new ScenarioStore(storage, clock).open();
    const aside = `${ASIDE_PREFIX}workbench.1700000000000`;
    expect(opened.notices).toEqual([
      `Your saved workbench could not be read (it is not valid JSON). It is kept aside in this browser’s storage under \`${aside}\`, and a fresh workbench is shown.`,
    ]);
    expect(storage.getItem(aside)).toBe('{"v":1,"docs":');
    expect(opened.scenarios).toEqual([]);
  });

  it('keeps an unreadable index aside and recovers the scenarios still saved', () => {
    const storage = new MemoryStorage();
    const store = new ScenarioStore(storage, clock);
    store.open();
    const made = store.create('Mine', named('A'));
    expect(made.ok).toBe(true);
    storage.setItem(INDEX_KEY, 'garbage');
    const opened = new ScenarioStore(storage, clock).open();
    expect(opened.notices[0]).toBe(
      `The list of your saved scenarios could not be read (it is not valid JSON). It is kept aside in this browser’s storage under \`${ASIDE_PREFIX}scenarios.1700000000000\`; the 1 saved scenario was recovered.`,
    );
    expect(opened.scenarios.map((s) => s.name)).toEqual(['Recovered scenario 1']);
    expect(storage.getItem(`${ASIDE_PREFIX}scenarios.1700000000000`)).toBe('garbage');
  });

  it('refuses an index from a newer version, keeping it aside', () => {
    const storage = new MemoryStorage();
    storage.setItem(INDEX_KEY, JSON.stringify({ format: 3, scenarios: [], last: '' }));
    const opened = new ScenarioStore(storage, clock).open();
    expect(opened.notices[0]).toContain('(it was saved by a newer version of IAM Playground)');
  });

  it('sets a scenario that cannot be read aside and takes it off the list', () => {
    const storage = new MemoryStorage();
    const store = new ScenarioStore(storage, clock);
    const made = store.create('Broken', named('A'));
    if (!made.ok) throw new Error(made.error);
    storage.setItem(SCENARIO_PREFIX + made.meta.id, JSON.stringify({ v: 1, docs: 'nope', active: '', request: {} }));
    expect(store.load(made.meta.id)).toEqual({
      ok: false,
      error: 'the documents are not a list',
      aside: `${ASIDE_PREFIX}scenario.${made.meta.id}.1700000000000`,
    });
    expect(store.list()).toEqual([]);
  });

  it('two tabs saving different scenarios keep both', () => {
    const storage = new MemoryStorage();
    const tabA = new ScenarioStore(storage);
    const tabB = new ScenarioStore(storage);
    const a = tabA.create('My work', named('A'));
    const b = tabB.create('Link: B', named('B'));
    if (!a.ok || !b.ok) throw new Error('not created');
    tabA.save(a.meta, named('A2'));
    tabB.save(b.meta, named('B2'));
    expect(tabA.list().map((s) => s.name)).toEqual(['My work', 'Link: B']);
    expect(tabA.load(a.meta.id)).toEqual({ ok: true, value: named('A2') });
    expect(tabA.load(b.meta.id)).toEqual({ ok: true, value: named('B2') });
  });

  it('renames, deletes and restores a scenario in its place', () => {
    const store = new ScenarioStore(new MemoryStorage());
    const ids = ['One', 'Two', 'Three'].map((n) => {
      const made = store.create(n, named(n));
      if (!made.ok) throw new Error(made.error);
      return made.meta.id;
    });
    store.rename(ids[1], 'Second');
    expect(store.list().map((s) => s.name)).toEqual(['One', 'Second', 'Three']);
    const deleted = store.delete(ids[1]);
    expect(store.list().map((s) => s.name)).toEqual(['One', 'Three']);
    expect(store.load(ids[1])).toBeUndefined();
    expect(store.restore(deleted!)).toEqual({ ok: true });
    expect(store.list().map((s) => s.name)).toEqual(['One', 'Second', 'Three']);
    expect(store.load(ids[1])).toEqual({ ok: true, value: named('Two') });
  });

  it('finds the scenario holding exactly a state, preferring the one asked for', () => {
    const store = new ScenarioStore(new MemoryStorage());
    const a = store.create('A', named('Same'));
    const b = store.create('B', named('Same'));
    if (!a.ok || !b.ok) throw new Error('not created');
    expect(store.findSame(named('Same'))?.name).toBe('A');
    expect(store.findSame(named('Same'), b.meta.id)?.name).toBe('B');
    expect(store.findSame(named('Other'))).toBeUndefined();
  });

  it('says why a save failed when the storage is full', () => {
    const storage = new MemoryStorage();
    const store = new ScenarioStore(storage);
    const a = store.create('A', named('A'));
    if (!a.ok) throw new Error(a.error);
    storage.full = true;
    expect(store.save(a.meta, named('B'))).toEqual({ ok: false, error: 'this browser’s storage for the page is full' });
    expect(store.create('C', named('C'))).toEqual({ ok: false, error: 'this browser’s storage for the page is full' });
  });

  it('names: unique with a number, and from a link’s first document', () => {
    expect(uniqueName('My work', [{ id: 's1', name: 'My work' }])).toBe('My work (2)');
    expect(
      uniqueName('My work', [
        { id: 's1', name: 'My work' },
        { id: 's2', name: 'My work (2)' },
      ]),
    ).toBe('My work (3)');
    expect(uniqueName('   ', [])).toBe('Untitled');
    expect(nameFromLink(named('ReadReports'))).toBe('Link: ReadReports');
    expect(nameFromLink({ ...defaultState(), docs: [] })).toBe('Link: empty workbench');
  });
});

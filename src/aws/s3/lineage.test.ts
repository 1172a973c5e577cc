import { describe, expect, it } from 'vitest';
import { lineageOf, withVersion } from './lineage';
import { compareUtf8, SortedKeys } from './sorted-keys';

interface Box {
  name: string;
  list?: { k: string; v: number }[];
}

function put(box: Box, k: string, v: number | undefined): Box {
  const l = lineageOf<{ k: string; v: number }, Box>(box, 'list', (e) => e.k);
  l.write(k, v === undefined ? undefined : { k, v });
  return withVersion(box, 'list', l);
}

describe('a lineage of versions', () => {
  it('gives every version its own list, however many writes came after', () => {
    const v0: Box = { name: 'b', list: [{ k: 'a', v: 0 }] };
    const v1 = put(v0, 'b', 1);
    const v2 = put(v1, 'a', 2);
    const v3 = put(v2, 'b', undefined);
    expect(v3.list).toEqual([{ k: 'a', v: 2 }]);
    expect(v2.list).toEqual([
      { k: 'a', v: 2 },
      { k: 'b', v: 1 },
    ]);
    expect(v1.list).toEqual([
      { k: 'a', v: 0 },
      { k: 'b', v: 1 },
    ]);
    expect(v0.list).toEqual([{ k: 'a', v: 0 }]);
    expect(v3.name).toBe('b');
  });

  it('forks from an older version written to again, and after a long log of overwrites', () => {
    const v0: Box = { name: 'b' };
    const v1 = put(v0, 'a', 1);
    put(v1, 'b', 2);
    const branch = put(v1, 'c', 3);
    expect(branch.list!.map((e) => e.k)).toEqual(['a', 'c']);
    let v = branch;
    const held: Box[] = [];
    for (let i = 0; i < 3000; i++) {
      v = put(v, 'hot', i);
      if (i % 1000 === 0) held.push(v);
    }
    expect(v.list!.find((e) => e.k === 'hot')!.v).toBe(2999);
    expect(held.map((h) => h.list!.find((e) => e.k === 'hot')!.v)).toEqual([0, 1000, 2000]);
  });

  it('reads a frozen version’s list', () => {
    const v = Object.freeze(put({ name: 'b' }, 'a', 1));
    expect(v.list).toEqual([{ k: 'a', v: 1 }]);
    expect(v.list).toBe(v.list);
  });
});

describe('sorted keys', () => {
  it('orders keys by UTF-8 bytes, drops deleted keys and answers prefix bounds', () => {
    const live = new Set(['b', 'a/2', 'a/1', '\u{1F600}', '\uE000']);
    const keys = new SortedKeys(live, (k) => live.has(k));
    expect(keys.keys()).toEqual(['a/1', 'a/2', 'b', '\uE000', '\u{1F600}']);
    live.delete('a/2');
    keys.remove();
    live.add('a/3');
    keys.add('a/3');
    expect(keys.keys()).toEqual(['a/1', 'a/3', 'b', '\uE000', '\u{1F600}']);
    expect(keys.endOfPrefix(keys.lowerBound('a/'), 'a/')).toBe(2);
    expect(keys.upperBound('a/1')).toBe(1);
    expect(compareUtf8('\uE000', '\u{1F600}')).toBeLessThan(0);
  });
});

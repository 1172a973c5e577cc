/**
 * A collection inside the world (a bucket's `objects`, a table's `items`) that takes a write in
 * amortized O(1) while every world anyone holds stays exactly as it was.
 *
 * A world is never changed in place, so each write gives a new world, a new container (bucket or
 * table) and, naively, a new copy of the whole list: 10,000 puts into one bucket would copy 50
 * million entries. Instead the versions of one container share a `Lineage`: an immutable base
 * list, an append-only log of writes, and a live index (key → entry) of the newest version. A
 * version is `(lineage, length of the log)`. The new container's list is a lazy property: it is
 * built from the base and the log the first time someone reads it (then it is a plain data
 * property), so a holder of an older world still reads that world's list, and the services, which
 * read through the live index, never build it. A write to a version that is not the newest (an
 * undo restored an older world) forks a new lineage from that version's list. When the log grows
 * past twice the live size, the next write forks too, so old entries can be collected.
 */

export type Change<T> = [key: string, value: T | undefined];

export class Lineage<T> {
  /** The newest version's entries by key (insertion order is the list's order). */
  readonly live: Map<string, T>;
  private readonly log: Change<T>[] = [];
  private readonly listeners: ((key: string, before: T | undefined, after: T | undefined) => void)[] = [];

  constructor(
    private readonly base: readonly T[],
    readonly keyOf: (entry: T) => string,
  ) {
    this.live = new Map();
    for (const e of base) this.live.set(keyOf(e), e);
  }

  /** The log's length: the newest version. */
  get head(): number {
    return this.log.length;
  }

  /** Writes (or with `undefined` removes) an entry in the newest version; answers the new head. */
  write(key: string, value: T | undefined): number {
    const before = this.live.get(key);
    if (value === undefined) this.live.delete(key);
    else this.live.set(key, value);
    this.log.push([key, value]);
    for (const l of this.listeners) l(key, before, value);
    return this.log.length;
  }

  /** Called on every write (the services' sorted indexes follow the live map this way). */
  listen(fn: (key: string, before: T | undefined, after: T | undefined) => void): void {
    this.listeners.push(fn);
  }

  /** Whether the log has grown enough that the next write should start a fresh lineage. */
  get stale(): boolean {
    return this.log.length > 1024 && this.log.length > 2 * this.live.size;
  }

  /** The list of a version: the base with the first `length` writes applied. */
  list(length: number): T[] {
    if (length === this.log.length) return [...this.live.values()];
    const m = new Map<string, T>();
    for (const e of this.base) m.set(this.keyOf(e), e);
    for (let i = 0; i < length; i++) {
      const [k, v] = this.log[i];
      if (v === undefined) m.delete(k);
      else m.set(k, v);
    }
    return [...m.values()];
  }
}

interface Version<T> {
  lineage: Lineage<T>;
  length: number;
}

/** The version each container made here is (containers from elsewhere have none). */
const versions = new WeakMap<object, Version<unknown>>();

/**
 * The lineage whose newest version is `container[field]`, made (once, O(n)) when the container
 * does not come from one, or is an older version, or its lineage is stale. `setup` attaches the
 * caller's indexes to a new lineage.
 */
export function lineageOf<T, C extends object>(
  container: C,
  field: keyof C & string,
  keyOf: (entry: T) => string,
  setup?: (lineage: Lineage<T>) => void,
): Lineage<T> {
  const v = versions.get(container) as Version<T> | undefined;
  if (v && v.length === v.lineage.head && !v.lineage.stale) return v.lineage;
  const list = v ? v.lineage.list(v.length) : (((container as Record<string, unknown>)[field] as T[]) ?? []);
  const lineage = new Lineage<T>(list, keyOf);
  setup?.(lineage);
  versions.set(container, { lineage, length: 0 } as unknown as Version<unknown>);
  return lineage;
}

/**
 * A new container: `container`'s other fields, and `field` as the lineage's newest version
 * (a lazy property that becomes plain data when first read; left out when the list is empty).
 * The old container's `field` is not read.
 */
export function withVersion<T, C extends object>(container: C, field: keyof C & string, lineage: Lineage<T>): C {
  const out = {} as Record<string, unknown>;
  for (const k of Object.keys(container)) if (k !== field) out[k] = (container as Record<string, unknown>)[k];
  const length = lineage.head;
  let built: T[] | undefined;
  if (lineage.live.size > 0) {
    Object.defineProperty(out, field, {
      enumerable: true,
      configurable: true,
      get() {
        built ??= lineage.list(length);
        // Becomes a plain data property (unless someone froze the container: then the getter stays, cached).
        if (!Object.isFrozen(out))
          Object.defineProperty(out, field, { value: built, enumerable: true, configurable: true, writable: true });
        return built;
      },
      set(value: unknown) {
        Object.defineProperty(out, field, { value, enumerable: true, configurable: true, writable: true });
      },
    });
  }
  versions.set(out, { lineage, length } as unknown as Version<unknown>);
  return out as C;
}

/**
 * DynamoDB's view of the world: tables by name (in the caller's account and the endpoint's
 * region), each table's items through a `Lineage` (a put is amortized O(1), no held world
 * changes), grouped by partition with each partition's items ordered by sort key on the first
 * query after a write, and the facts the world's schema has no place for (creation time, billing
 * mode, throughput, table id), kept in `AwsState.dynamodb`.
 */
import type { AttributeValue, DynamoDbTable, World } from '../../world/types';
import { Lineage, lineageOf, withVersion } from '../s3/lineage';
import { replaceResource } from '../s3/store';
import { compareScalars, keyText } from './values';

declare module '../state' {
  interface AwsState {
    /** DynamoDB's runtime records (added by the DynamoDB service; absent until a table is created through it). */
    dynamodb?: DynamoDbState;
  }
}

export interface TableFacts {
  /** Epoch seconds. */
  creationDateTime: number;
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  readCapacityUnits: number;
  writeCapacityUnits: number;
  tableId: string;
}

export interface DynamoDbState {
  /** By table ARN. */
  tables: Record<string, TableFacts>;
}

export type Item = Record<string, AttributeValue>;

export function tableArn(region: string, account: string, name: string): string {
  return `arn:aws:dynamodb:${region}:${account}:table/${name}`;
}

export function findTable(world: World, arn: string): DynamoDbTable | undefined {
  return world.resources?.find((r): r is DynamoDbTable => r.type === 'dynamodb-table' && r.arn === arn);
}

export function tableName(t: DynamoDbTable): string {
  return t.arn.slice(t.arn.indexOf(':table/') + 7);
}

export interface KeyNames {
  hash: string;
  range?: string;
}

export function keyNames(t: DynamoDbTable): KeyNames {
  const hash = t.keySchema.find((k) => k.keyType === 'HASH')?.attributeName ?? t.keySchema[0].attributeName;
  const range = t.keySchema.find((k) => k.keyType === 'RANGE')?.attributeName;
  return range ? { hash, range } : { hash };
}

/** The identity of an item: its key values. */
export function itemKey(names: KeyNames, item: Item): string {
  const h = item[names.hash];
  const r = names.range ? item[names.range] : undefined;
  return JSON.stringify([h ? keyText(h) : '', r ? keyText(r) : '']);
}

class Partitions {
  private readonly parts = new Map<string, { keys: Set<string>; sorted?: string[] }>();
  constructor(
    private readonly names: KeyNames,
    private readonly live: Map<string, Item>,
  ) {
    for (const [k, item] of live) this.add(k, item);
  }
  private part(item: Item) {
    const h = item[this.names.hash];
    return h ? keyText(h) : '';
  }
  add(key: string, item: Item): void {
    const p = this.part(item);
    let e = this.parts.get(p);
    if (!e) this.parts.set(p, (e = { keys: new Set() }));
    if (!e.keys.has(key)) {
      e.keys.add(key);
      e.sorted = undefined;
    }
  }
  remove(key: string, item: Item): void {
    const e = this.parts.get(this.part(item));
    if (e?.keys.delete(key)) e.sorted = undefined;
  }
  /** The items of a partition in sort-key order. */
  items(partition: string): Item[] {
    const e = this.parts.get(partition);
    if (!e) return [];
    if (!e.sorted) {
      const range = this.names.range;
      const list = [...e.keys];
      if (range) list.sort((a, b) => compareScalars(this.live.get(a)![range], this.live.get(b)![range]) ?? 0);
      e.sorted = list;
    }
    return e.sorted.map((k) => this.live.get(k)!);
  }
}

const partitionsOf = new WeakMap<Lineage<Item>, Partitions>();

export interface TableItems {
  lineage: Lineage<Item>;
  partitions: Partitions;
}

export function itemsOf(table: DynamoDbTable): TableItems {
  const names = keyNames(table);
  const lineage = lineageOf<Item, DynamoDbTable>(
    table,
    'items',
    (i) => itemKey(names, i),
    (l) => {
      const parts = new Partitions(names, l.live);
      l.listen((key, before, after) => {
        if (before) parts.remove(key, before);
        if (after) parts.add(key, after);
      });
      partitionsOf.set(l, parts);
    },
  );
  return { lineage, partitions: partitionsOf.get(lineage)! };
}

/** Writes (or with `undefined` deletes) an item; answers the new world. */
export function writeItem(world: World, table: DynamoDbTable, key: string, item: Item | undefined): World {
  const { lineage } = itemsOf(table);
  lineage.write(key, item);
  return replaceResource(world, table, withVersion<Item, DynamoDbTable>(table, 'items', lineage));
}

import { describe, expect, it } from 'vitest';
import type { TableRow } from '../types';
import { filterRows, moveRow, nextSort, sortRows } from './table';

const row = (id: string, fromLabel: string, toLabel: string, extra: Partial<TableRow> = {}): TableRow => ({
  id,
  kind: 'access',
  from: `arn:aws:iam::111122223333:user/${fromLabel}`,
  fromLabel,
  to: `arn:aws:s3:::${toLabel}`,
  toLabel,
  holds: 'always',
  actions: ['s3:GetObject'],
  ...extra,
});

const rows: TableRow[] = [
  row('1', 'bob', 'playground-photos', { level: 'Read' }),
  row('2', 'alice', 'playground-photos', {
    level: 'Write',
    holds: 'conditional',
    actions: ['s3:PutObject', 's3:DeleteObject'],
  }),
  row('3', 'alice', 'Notes', { level: 'List', actions: ['dynamodb:ListTables'] }),
  row('4', 'alice', 'admin', {
    kind: 'escalation',
    technique: 'iam:PassRole+ec2:RunInstances',
    actions: ['iam:PassRole', 'ec2:RunInstances'],
  }),
];
const ids = (list: TableRow[]) => list.map((r) => r.id);

describe('the table view’s rows', () => {
  it('sort by a column, ties broken by from, to and access', () => {
    expect(ids(sortRows(rows, { column: 'from', direction: 'ascending' }))).toEqual(['4', '3', '2', '1']);
    expect(ids(sortRows(rows, { column: 'from', direction: 'descending' }))).toEqual(['1', '4', '3', '2']);
    expect(ids(sortRows(rows, { column: 'to', direction: 'ascending' }))).toEqual(['4', '3', '2', '1']);
    expect(ids(sortRows(rows, { column: 'access', direction: 'ascending' }))).toEqual(['3', '1', '2', '4']);
    expect(ids(sortRows(rows, { column: 'holds', direction: 'descending' }))).toEqual(['2', '4', '3', '1']);
    expect(ids(sortRows(rows, { column: 'actions', direction: 'ascending' }))).toEqual(['3', '1', '4', '2']);
  });

  it('filter by every word typed, in names, ids, access and actions', () => {
    expect(ids(filterRows(rows, ''))).toEqual(['1', '2', '3', '4']);
    expect(ids(filterRows(rows, 'alice photos'))).toEqual(['2']);
    expect(ids(filterRows(rows, 'PASSROLE'))).toEqual(['4']);
    expect(ids(filterRows(rows, 'condition'))).toEqual(['2']);
    expect(ids(filterRows(rows, 'arn:aws:s3:::notes'))).toEqual(['3']);
    expect(ids(filterRows(rows, 'carol'))).toEqual([]);
  });

  it('flips a column’s sort, starts another ascending, and moves between rows by key', () => {
    expect(nextSort({ column: 'from', direction: 'ascending' }, 'from')).toEqual({
      column: 'from',
      direction: 'descending',
    });
    expect(nextSort({ column: 'from', direction: 'descending' }, 'to')).toEqual({
      column: 'to',
      direction: 'ascending',
    });
    expect([moveRow('ArrowDown', 0, 3), moveRow('ArrowDown', 2, 3), moveRow('ArrowUp', 0, 3)]).toEqual([1, 2, 0]);
    expect([moveRow('Home', 2, 3), moveRow('End', 0, 3), moveRow('PageDown', 0, 3), moveRow('x', 0, 3)]).toEqual([
      0,
      2,
      2,
      undefined,
    ]);
    expect(moveRow('ArrowDown', 0, 0)).toBeUndefined();
  });
});

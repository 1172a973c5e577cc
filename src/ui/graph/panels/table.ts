/**
 * The table view's rows: sorted by a column, filtered by the words typed in its filter box. Pure,
 * so the order and the filter are unit-tested with literal rows.
 */
import { ACCESS_LEVELS } from '../../../graph/types';
import type { TableRow } from '../types';

export type TableColumn = 'from' | 'to' | 'access' | 'holds' | 'actions';
export type SortDirection = 'ascending' | 'descending';

export interface TableSort {
  column: TableColumn;
  direction: SortDirection;
}

export const TABLE_COLUMNS: { column: TableColumn; title: string }[] = [
  { column: 'from', title: 'From' },
  { column: 'to', title: 'To' },
  { column: 'access', title: 'Access' },
  { column: 'holds', title: 'Holds' },
  { column: 'actions', title: 'Actions' },
];

/** What a row's Access column says: the access level, or the escalation's technique. */
export function accessOf(row: TableRow): string {
  return row.level ?? row.technique ?? (row.kind === 'escalation' ? 'escalation' : '');
}

/** What a row's Holds column says. */
export function holdsOf(row: TableRow): string {
  return row.holds === 'always' ? 'Always' : 'Under a condition';
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Access levels sort in the console's order (List, Read, Write, …), escalations after them by technique. */
function accessRank(row: TableRow): number {
  const i = row.level ? ACCESS_LEVELS.indexOf(row.level) : -1;
  return i >= 0 ? i : ACCESS_LEVELS.length;
}

function compare(a: TableRow, b: TableRow, column: TableColumn): number {
  switch (column) {
    case 'from':
      return collator.compare(a.fromLabel, b.fromLabel);
    case 'to':
      return collator.compare(a.toLabel, b.toLabel);
    case 'access':
      return accessRank(a) - accessRank(b) || collator.compare(accessOf(a), accessOf(b));
    case 'holds':
      return (a.holds === 'always' ? 0 : 1) - (b.holds === 'always' ? 0 : 1);
    case 'actions':
      return a.actions.length - b.actions.length || collator.compare(a.actions.join(','), b.actions.join(','));
  }
}

/** Rows sorted by a column; ties keep the order of the other columns (from, to, access) and then the input's. */
export function sortRows(rows: readonly TableRow[], sort: TableSort): TableRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const tie: TableColumn[] = ['from', 'to', 'access'];
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => {
      const primary = compare(x.row, y.row, sort.column) * sign;
      if (primary !== 0) return primary;
      for (const c of tie) {
        if (c === sort.column) continue;
        const d = compare(x.row, y.row, c);
        if (d !== 0) return d;
      }
      return x.i - y.i;
    })
    .map((x) => x.row);
}

/** The text a row is searched in: its names, ids, access, holds and actions. */
export function rowText(row: TableRow): string {
  return [row.fromLabel, row.from, row.toLabel, row.to, accessOf(row), holdsOf(row), ...row.actions]
    .join(' ')
    .toLowerCase();
}

/** Rows whose text holds every word of the query (case-insensitive); an empty query keeps them all. */
export function filterRows(rows: readonly TableRow[], query: string): TableRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const text = rowText(r);
    return words.every((w) => text.includes(w));
  });
}

/** The sort after activating a column's header: the same column flips, another starts ascending. */
export function nextSort(current: TableSort, column: TableColumn): TableSort {
  if (current.column === column)
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: 'ascending' };
}

/** The row index after a key press in the table (arrow keys, Home, End), or undefined for other keys. */
export function moveRow(key: string, index: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(count - 1, index + 10);
    case 'PageUp':
      return Math.max(0, index - 10);
    default:
      return undefined;
  }
}

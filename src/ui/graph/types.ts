/**
 * The page's shapes shared by the graph page and its panels: a row of the table view (the same
 * data as the drawing, for screen readers and keyboards).
 */
import type { AccessLevel, Holds } from '../../graph/types';

export interface TableRow {
  /** Stable id (the drawn edge's id). */
  id: string;
  kind: 'access' | 'escalation';
  from: string;
  fromLabel: string;
  to: string;
  toLabel: string;
  /** For access rows. */
  level?: AccessLevel;
  /** For escalation rows: the technique (`iam:PassRole+ec2:RunInstances`). */
  technique?: string;
  holds: Exclude<Holds, 'never'>;
  actions: string[];
}

/**
 * What the checklist panel shows, as plain functions: items grouped by severity (most severe
 * first), each subject's page in the Account section and the words for its link.
 */
import type { CheckItem, CheckSubject } from '../../world/checklist';

export type Severity = CheckItem['severity'];

export const SEVERITIES: readonly { severity: Severity; label: string }[] = [
  { severity: 'high', label: 'High severity' },
  { severity: 'medium', label: 'Medium severity' },
  { severity: 'low', label: 'Low severity' },
];

export interface SeverityGroup {
  severity: Severity;
  label: string;
  items: CheckItem[];
}

/** The items by severity, high first, in the rules' order within a severity; empty groups left out. */
export function groupBySeverity(items: readonly CheckItem[]): SeverityGroup[] {
  return SEVERITIES.map((s) => ({ ...s, items: items.filter((i) => i.severity === s.severity) })).filter(
    (g) => g.items.length > 0,
  );
}

const part = (name: string | undefined) => encodeURIComponent(name ?? '');

/** The page of the Account section that shows an item's subject. */
export function subjectHref(s: CheckSubject): string {
  switch (s.kind) {
    case 'root':
      return '/account/root';
    case 'user':
      return `/account/users/${part(s.name)}`;
    case 'role':
      return `/account/roles/${part(s.name)}`;
    case 'access-key':
      return s.owner && s.owner !== 'root' ? `/account/users/${part(s.owner)}` : '/account/root';
    case 'resource':
      return `/account/resources/${part(s.name)}`;
  }
}

/** The link's words: "Open the root user", "Open user alice", … */
export function subjectLabel(s: CheckSubject): string {
  switch (s.kind) {
    case 'root':
      return 'Open the root user';
    case 'user':
      return `Open user ${s.name ?? ''}`;
    case 'role':
      return `Open role ${s.name ?? ''}`;
    case 'access-key':
      return s.owner && s.owner !== 'root' ? `Open user ${s.owner}` : 'Open the root user';
    case 'resource':
      return `Open ${s.name ?? 'the resource'}`;
  }
}

/**
 * The workbench's state as plain data: the policy documents in play and the request. This is
 * what is autosaved and shared in the URL (with the format version), so it holds only text.
 */
import { STATE_FORMAT_VERSION } from '../../version';

/** The kinds of document a learner can put in play. */
export type DocKind = 'identity' | 'resource' | 'boundary' | 'scp' | 'rcp' | 'session';

/** The organization level an SCP or RCP is attached at (root, nested OUs, account). */
export type { OrgLevel } from '../../workbench/types';
import { orgLevelName, type OrgLevel, type StoredAs } from '../../workbench/types';
export type { StoredAs } from '../../workbench/types';

export const DOC_KINDS: { kind: DocKind; label: string; hint: string }[] = [
  { kind: 'identity', label: 'Identity policy', hint: 'Attached to the user or role making the request' },
  {
    kind: 'resource',
    label: 'Resource policy',
    hint: 'Attached to the resource (bucket policy, key policy, trust policy…)',
  },
  { kind: 'boundary', label: 'Permissions boundary', hint: 'Caps what the identity policies can grant' },
  {
    kind: 'scp',
    label: 'Service control policy',
    hint: 'Guardrail set by the organization for the principal’s account',
  },
  {
    kind: 'rcp',
    label: 'Resource control policy',
    hint: 'Guardrail set by the organization for the resource’s account',
  },
  { kind: 'session', label: 'Session policy', hint: 'Passed when the role session was created; caps the session' },
];

export const ORG_LEVELS: { level: OrgLevel; label: string }[] = [
  { level: 'root', label: 'Root' },
  { level: 'ou', label: 'OU' },
  { level: 'ou2', label: 'OU, 2nd level' },
  { level: 'ou3', label: 'OU, 3rd level' },
  { level: 'ou4', label: 'OU, 4th level' },
  { level: 'ou5', label: 'OU, 5th level' },
  { level: 'account', label: 'Account' },
];

/** The short name of a level, for tabs: `Root`, `OU`, `OU 2`, …, `Account`. */
export function levelShortLabel(level: OrgLevel): string {
  return orgLevelName(level);
}

export function kindLabel(kind: DocKind): string {
  return DOC_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

export interface WorkbenchDoc {
  /** Stable id within the state (`d1`, `d2`, …). */
  id: string;
  name: string;
  kind: DocKind;
  /** For SCPs and RCPs only. */
  level?: OrgLevel;
  /** For identity policies and boundaries: how IAM stores it (absent: a customer managed policy). Format version 2. */
  storedAs?: StoredAs;
  text: string;
}

/** How an identity policy or a boundary can be stored, with the size limit each is held to. */
export const STORED_AS: { value: StoredAs | 'customer-managed'; label: string; kinds: DocKind[] }[] = [
  { value: 'customer-managed', label: 'Customer managed policy (6,144 characters)', kinds: ['identity', 'boundary'] },
  { value: 'user-inline', label: 'Inline policy of a user (2,048 in total)', kinds: ['identity'] },
  { value: 'role-inline', label: 'Inline policy of a role (10,240 in total)', kinds: ['identity'] },
  { value: 'aws-managed', label: 'AWS managed policy (no limit of yours)', kinds: ['identity', 'boundary'] },
];

export interface ContextEntry {
  key: string;
  /** As typed; a multi-valued key takes a comma-separated list. */
  value: string;
}

export interface RequestDraft {
  /** A principal ARN, a service principal, or `anonymous`. */
  principal: string;
  /** One or more actions, separated by commas, spaces or new lines. */
  actions: string;
  resource: string;
  /** Empty: the account in the resource ARN, else the principal's. */
  resourceAccount: string;
  context: ContextEntry[];
}

export interface WorkbenchState {
  v: number;
  docs: WorkbenchDoc[];
  /** The id of the document shown in the editor. */
  active: string;
  request: RequestDraft;
}

export const SAMPLE_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
    }
  ]
}
`;

/** An empty policy of each kind, as a starting point. */
export function starterText(kind: DocKind): string {
  switch (kind) {
    case 'resource':
      return `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:user/alice" },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::reports/*"
    }
  ]
}
`;
    case 'scp':
    case 'rcp':
    case 'boundary':
    case 'session':
      return `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
`;
    default:
      return `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "",
      "Resource": "*"
    }
  ]
}
`;
  }
}

export const DEFAULT_PRINCIPAL = 'arn:aws:iam::111122223333:user/alice';

export function defaultState(): WorkbenchState {
  return {
    v: STATE_FORMAT_VERSION,
    docs: [{ id: 'd1', name: 'ReadReports', kind: 'identity', text: SAMPLE_POLICY }],
    active: 'd1',
    request: {
      principal: DEFAULT_PRINCIPAL,
      actions: 's3:GetObject',
      resource: 'arn:aws:s3:::reports/2026/q3.csv',
      resourceAccount: '111122223333',
      context: [],
    },
  };
}

/** The actions of a request draft, in order, without duplicates or blanks. */
export function splitActions(actions: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of actions.split(/[\s,]+/)) {
    if (a === '' || seen.has(a.toLowerCase())) continue;
    seen.add(a.toLowerCase());
    out.push(a);
  }
  return out;
}

/** A fresh document id not used in `docs`. */
export function nextDocId(docs: WorkbenchDoc[]): string {
  let n = docs.length + 1;
  const used = new Set(docs.map((d) => d.id));
  while (used.has(`d${n}`)) n++;
  return `d${n}`;
}

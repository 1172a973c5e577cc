/**
 * Two runs side by side (the identity pool's enhanced and basic flows on the same world): who
 * chooses the role, how many calls each makes, which role each ends with, and what that role
 * allows (the engine's decisions in the run, and the role's policies in the world).
 */
import type { World } from '../world/types';
import type { FlowRun } from './types';

export interface RunSummary {
  flow: string;
  title: string;
  status: FlowRun['final']['status'];
  /** HTTP calls the app (or another party) made. */
  calls: number;
  /** The operations called, in order (`GetId`, `GetCredentialsForIdentity`, …). */
  operations: string[];
  /** Who picks the IAM role: the identity pool (enhanced) or the app naming it to STS (basic). */
  chooser: 'identity-pool' | 'app' | 'none';
  chooserText: string;
  /** The role the credentials belong to (its name and ARN). */
  role?: string;
  roleArn?: string;
  credentialsArn?: string;
  /** The engine's decisions the run got, in order. */
  decisions: { action: string; resource: string; allowed: boolean; message: string }[];
  /** The role's policies as the world has them (`AmazonS3ReadOnlyAccess (AWS managed)`, `inline: PhotosRead`). */
  rolePolicies: string[];
  /** The error that ended the run, in AWS's words. */
  error?: string;
}

/** `arn:aws:sts::111122223333:assumed-role/ROLE/SESSION` → the role's name and ARN. */
export function roleOfCredentials(arn: string): { name: string; arn: string } | undefined {
  const m = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  if (m) return { name: m[3]!, arn: `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` };
  const r = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (r) return { name: r[3]!, arn };
  return undefined;
}

function operationOf(label: string): string {
  const i = label.indexOf(' ');
  return i < 0 ? label : label.slice(i + 1);
}

export function summarise(run: FlowRun, world?: World): RunSummary {
  const requests = run.steps.flatMap((s) => s.messages.filter((m) => m.kind === 'request'));
  const operations = requests.map((m) => operationOf(m.label));
  const chooser: RunSummary['chooser'] = operations.includes('AssumeRoleWithWebIdentity')
    ? 'app'
    : operations.includes('GetCredentialsForIdentity')
      ? 'identity-pool'
      : 'none';
  const chooserText =
    chooser === 'app'
      ? 'The app: it names the role in AssumeRoleWithWebIdentity, and STS checks the role’s trust policy against the identity pool’s token.'
      : chooser === 'identity-pool'
        ? 'The identity pool: from its authenticated role, the token’s roles or its rules; the app never names a role.'
        : 'No role is chosen in this run.';
  const credentials = [...run.steps].reverse().find((s) => s.credentials)?.credentials;
  const role = credentials ? roleOfCredentials(credentials.arn) : undefined;
  const decisions = run.steps.flatMap((s) =>
    s.decision
      ? [
          {
            action: s.decision.action,
            resource: s.decision.resource,
            allowed: s.decision.allowed,
            message: s.decision.message,
          },
        ]
      : [],
  );
  const rolePolicies: string[] = [];
  if (role && world) {
    const account = /::(\d{12}):/.exec(role.arn)?.[1];
    const r = world.roles?.find((x) => x.name === role.name && (!account || x.account === account));
    for (const arn of r?.managedPolicies ?? []) {
      const name = arn.slice(arn.lastIndexOf('/') + 1);
      rolePolicies.push(arn.startsWith('arn:aws:iam::aws:policy/') ? `${name} (AWS managed)` : `${name} (managed)`);
    }
    for (const p of r?.inlinePolicies ?? []) rolePolicies.push(`${p.name} (inline)`);
  }
  const failed = run.steps.find((s) => s.error)?.error;
  return {
    flow: run.flow.id,
    title: run.flow.title,
    status: run.final.status,
    calls: requests.length,
    operations,
    chooser,
    chooserText,
    ...(role ? { role: role.name, roleArn: role.arn } : {}),
    ...(credentials ? { credentialsArn: credentials.arn } : {}),
    decisions,
    rolePolicies,
    ...(failed ? { error: `${failed.code}: ${failed.message}` } : {}),
  };
}

export interface ComparisonRow {
  label: string;
  left: string;
  right: string;
  same: boolean;
}

export interface Comparison {
  left: RunSummary;
  right: RunSummary;
  rows: ComparisonRow[];
}

const decisionsText = (s: RunSummary) =>
  s.decisions.length
    ? s.decisions.map((d) => `${d.allowed ? 'Allowed' : 'Denied'}: ${d.action} on ${d.resource}`).join('; ')
    : 'No request decided in this run';

/** The two runs' summaries and the rows a table shows them in. */
export function compareRuns(a: FlowRun, b: FlowRun, world?: World): Comparison {
  const left = summarise(a, world);
  const right = summarise(b, world);
  const row = (label: string, f: (s: RunSummary) => string): ComparisonRow => {
    const l = f(left);
    const r = f(right);
    return { label, left: l, right: r, same: l === r };
  };
  return {
    left,
    right,
    rows: [
      row('Who chooses the role', (s) => s.chooserText),
      row('Calls', (s) => `${s.calls}: ${s.operations.join(' → ') || 'none'}`),
      row('Role', (s) => s.role ?? 'none'),
      row('Its policies', (s) => (s.rolePolicies.length ? s.rolePolicies.join(', ') : 'none known')),
      row('What it was allowed', decisionsText),
      row('Ended', (s) => (s.error ? `failed: ${s.error}` : s.status)),
    ],
  };
}

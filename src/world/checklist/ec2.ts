/**
 * EC2 instances that hold long-term access keys (IAM User Guide, "Security best practices in IAM":
 * "Require workloads to use temporary credentials with IAM roles to access AWS"; "Use an IAM role
 * to grant permissions to applications running on Amazon EC2 instances").
 */
import type { CheckItem, CheckRule } from './types';
import type { Ec2Instance } from '../types';
import { copy, list } from './common';

/** The instance id of an instance ARN (`arn:aws:ec2:REGION:ACCT:instance/i-…`), else the ARN. */
function instanceId(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash >= 0 ? arn.slice(slash + 1) : arn;
}

/** The account of an ARN (its fifth part), when it has one. */
function arnAccountOf(arn: string): string {
  return arn.split(':', 5)[4] ?? '';
}

export const ec2StoredKeys: CheckRule = (world) => {
  const items: CheckItem[] = [];
  for (const r of list(world.resources)) {
    if (r?.type !== 'ec2-instance' || typeof r.arn !== 'string') continue;
    const stored = list(r.storedAccessKeys).filter((k) => typeof k === 'string');
    if (stored.length === 0) continue;
    const arn = r.arn;
    const account = r.account ?? arnAccountOf(arn);
    const keys = new Set(stored);
    const profile = r.instanceProfile;
    items.push({
      id: `ec2-stored-keys:${account}:${arn}`,
      rule: 'ec2-stored-keys',
      severity: 'high',
      title: `The EC2 instance \`${instanceId(arn)}\` holds ${stored.length === 1 ? 'an access key' : `${stored.length} access keys`} instead of using ${profile ? 'its instance profile' : 'an instance profile'}`,
      why:
        'Long-term keys stored on an instance can be copied off it, and they keep working until someone deactivates them. ' +
        'AWS recommends that workloads use temporary credentials: an instance profile hands the instance its role’s credentials through the instance metadata service, and they rotate by themselves.',
      subject: { kind: 'resource', account, name: arn },
      fix: {
        label: 'Use the instance profile and remove the stored keys',
        apply: (w) => {
          const out = copy(w);
          const instance = list(out.resources).find(
            (x): x is Ec2Instance => x?.type === 'ec2-instance' && x.arn === arn,
          );
          if (instance) delete instance.storedAccessKeys;
          const deactivate = (k: { accessKeyId: string; status: string }) => {
            if (k && keys.has(k.accessKeyId)) k.status = 'Inactive';
          };
          for (const u of list(out.users)) list(u?.accessKeys).forEach(deactivate);
          for (const a of list(out.accounts)) list(a?.root?.accessKeys).forEach(deactivate);
          return out;
        },
      },
    });
  }
  return items;
};

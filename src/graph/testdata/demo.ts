/**
 * The default world with one escalation path, for the page and its tests: a user `deployer` who
 * may launch EC2 instances and pass any role, and a role `ops-admin` with AdministratorAccess that
 * EC2 instances may take on (it has an instance profile). `deployer` can launch an instance with
 * `ops-admin` and use its credentials: one step to an administrator, cut by one change.
 */
import { DEFAULT_ACCOUNT, defaultWorld } from '../../world/default-world';
import type { World } from '../../world/types';

const A = DEFAULT_ACCOUNT;

export const DEMO_DEPLOYER = `arn:aws:iam::${A}:user/deployer`;
export const DEMO_OPS_ADMIN = `arn:aws:iam::${A}:role/ops-admin`;

export function escalationDemoWorld(): World {
  const w = defaultWorld();
  w.users = [
    ...(w.users ?? []),
    {
      account: A,
      name: 'deployer',
      id: 'AIDAV6QWE3RT5YU7IO9PA',
      tags: { team: 'platform' },
      createDate: '2026-01-12T09:00:00Z',
      inlinePolicies: [
        {
          name: 'launch-servers',
          document: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'Launch', Effect: 'Allow', Action: ['ec2:RunInstances', 'ec2:DescribeInstances'], Resource: '*' },
              { Sid: 'PassAnyRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
            ],
          },
        },
      ],
    },
  ];
  w.roles = [
    ...(w.roles ?? []),
    {
      account: A,
      name: 'ops-admin',
      id: 'AROAV7ASD4FG6HJ8KL2ZX',
      description: 'Maintenance instances run as this role',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      instanceProfiles: ['ops-admin'],
      managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      createDate: '2026-01-12T09:00:00Z',
    },
  ];
  return w;
}

import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import { loadCatalog, loadManagedPolicies } from '../catalog';
import { checkWorld, defaultWorld, managedPolicyLookup } from '../world';
import type { ManagedPolicy, World } from '../world/types';
import { findEscalations } from './escalation';
import { FIX_POLICY_NAME, proposeFix } from './fix';
import { roleArn, userArn } from './testdata/build';
import { DEMO_DEPLOYER, DEMO_OPS_ADMIN, escalationDemoWorld } from './testdata/demo';

const NOW = Date.parse('2026-12-02T00:00:00Z');
let catalog: Catalog;
let managedPolicy: (arn: string) => ManagedPolicy | undefined;
beforeAll(async () => {
  catalog = await loadCatalog();
  managedPolicy = managedPolicyLookup(await loadManagedPolicies());
});

const valid = (w: World) => {
  const c = checkWorld(w);
  return c.ok ? [] : c.errors.map((e) => e.message);
};

describe('the default world and its demo variant', () => {
  it('the default account: admin is the one administrator, and nobody else can become one', () => {
    const e = findEscalations(defaultWorld(), catalog, { now: NOW, managedPolicy });
    expect(e).toEqual({ admins: [userArn('admin')], edges: [], paths: [] });
  }, 30_000);

  it('the demo: deployer launches an instance as ops-admin; one Deny of iam:PassRole on that role cuts it, and launching still works', () => {
    const w = escalationDemoWorld();
    const e = findEscalations(w, catalog, { now: NOW, managedPolicy });
    expect(e.admins).toEqual([userArn('admin'), DEMO_OPS_ADMIN]);
    expect(e.edges.map((s) => `${s.from} ${s.kind} ${s.to}`)).toEqual([
      `${DEMO_DEPLOYER} iam:PassRole+ec2:RunInstances ${roleArn('web-server')}`,
      `${DEMO_DEPLOYER} iam:PassRole+ec2:RunInstances ${DEMO_OPS_ADMIN}`,
    ]);
    expect(e.paths.map((p) => [p.principal, p.path.map((s) => s.description)])).toEqual([
      [
        DEMO_DEPLOYER,
        ['deployer can launch an EC2 instance with the instance profile of ops-admin and use its credentials'],
      ],
    ]);
    const needed = [
      { principal: DEMO_DEPLOYER, action: 'ec2:RunInstances', resource: '*' },
      { principal: DEMO_DEPLOYER, action: 'iam:PassRole', resource: roleArn('web-server') },
    ];
    const fix = proposeFix(w, catalog, { now: NOW, managedPolicy, needed });
    expect(fix.proposal).toEqual({
      changes: [
        {
          description: `Deny iam:PassRole on ${DEMO_OPS_ADMIN} for deployer`,
          principal: DEMO_DEPLOYER,
          kind: 'add-deny',
          actions: ['iam:PassRole'],
          resources: [DEMO_OPS_ADMIN],
          place: 'inline-policy',
        },
      ],
      remaining: [],
      needed: needed.map((n) => ({ ...n, holds: 'always' })),
    });
    const deployer = fix.world.users!.find((u) => u.name === 'deployer')!;
    expect(deployer.inlinePolicies!.map((p) => p.name)).toEqual(['launch-servers', FIX_POLICY_NAME]);
    expect(valid(fix.world)).toEqual([]);
    // The proposal changed a copy.
    expect(w.users!.find((u) => u.name === 'deployer')!.inlinePolicies!.length).toBe(1);
  }, 30_000);
});

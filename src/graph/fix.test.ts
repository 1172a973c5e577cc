import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import { loadCatalog } from '../catalog';
import { checkWorld } from '../world';
import type { World } from '../world/types';
import { findEscalations } from './escalation';
import { proposeFix } from './fix';
import { ACCT, adminRole, allow, role, roleArn, user, userArn, world } from './testdata/build';

const NOW = Date.parse('2026-12-02T00:00:00Z');
let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const valid = (w: World) => {
  const c = checkWorld(w);
  return c.ok ? [] : c.errors.map((e) => e.message);
};

describe('the fewest changes', () => {
  // a and b can both assume hop; hop can launch an instance as the administrator role ec2-admin.
  const shared = () =>
    world({
      users: [user('a', [allow('sts:AssumeRole')]), user('b', [allow('sts:AssumeRole')])],
      roles: [
        role('hop', `arn:aws:iam::${ACCT}:root`, [allow(['iam:PassRole', 'ec2:RunInstances'])]),
        adminRole('ec2-admin', 'ec2.amazonaws.com'),
      ],
    });

  it('two paths that share their last step: one change cuts both (not one per path)', () => {
    const w = shared();
    expect(findEscalations(w, catalog, { now: NOW }).paths.map((p) => p.path.map((s) => s.kind))).toEqual([
      ['iam:PassRole+ec2:RunInstances'],
      ['sts:AssumeRole', 'iam:PassRole+ec2:RunInstances'],
      ['sts:AssumeRole', 'iam:PassRole+ec2:RunInstances'],
    ]);
    const { proposal } = proposeFix(w, catalog, { now: NOW });
    expect(proposal.changes.map((c) => c.description)).toEqual([
      `Deny iam:PassRole on ${roleArn('ec2-admin')} for hop`,
    ]);
    expect(proposal.remaining).toEqual([]);
  });

  it('keeps a needed access: with hop’s PassRole needed, the cut denies RunInstances instead', () => {
    const needed = [{ principal: roleArn('hop'), action: 'iam:PassRole', resource: roleArn('ec2-admin') }];
    const { proposal } = proposeFix(shared(), catalog, { now: NOW, needed });
    expect(proposal.changes.map((c) => c.description)).toEqual(['Deny ec2:RunInstances on * for hop']);
    expect([proposal.remaining, proposal.needed.map((n) => n.holds)]).toEqual([[], ['always']]);
  });

  it('a step whose every action is needed cannot be cut: the proposal says what is left', () => {
    const needed = ['iam:PassRole', 'ec2:RunInstances'].map((action) => ({
      principal: roleArn('hop'),
      action,
      resource: action === 'iam:PassRole' ? roleArn('ec2-admin') : '*',
    }));
    const { proposal } = proposeFix(shared(), catalog, { now: NOW, needed });
    expect(proposal.changes).toEqual([]);
    expect(proposal.remaining.map((p) => p.principal)).toEqual([roleArn('hop'), userArn('a'), userArn('b')]);
    expect(proposal.needed.map((n) => n.holds)).toEqual(['always', 'always']);
  });

  it('three users who can assume an administrator role: one Deny in its trust policy', () => {
    const w = world({
      users: ['a', 'b', 'c'].map((n) => user(n, [allow('sts:AssumeRole')])),
      roles: [adminRole('ops', `arn:aws:iam::${ACCT}:root`)],
    });
    const fix = proposeFix(w, catalog, { now: NOW });
    expect(fix.proposal.changes).toEqual([
      {
        description: 'Deny sts:AssumeRole to a, b, c in the trust policy of ops',
        principal: roleArn('ops'),
        kind: 'add-deny',
        actions: ['sts:AssumeRole'],
        resources: [roleArn('ops')],
        place: 'trust-policy',
        denied: [userArn('a'), userArn('b'), userArn('c')],
      },
    ]);
    expect(fix.proposal.remaining).toEqual([]);
    expect(valid(fix.world)).toEqual([]);
  });

  it('another account that can assume an administrator role: cut in the role’s trust policy, the only place the world holds', () => {
    const w = world({ roles: [adminRole('ops', 'arn:aws:iam::444455556666:root')] });
    const fix = proposeFix(w, catalog, { now: NOW });
    expect(fix.proposal.changes.map((c) => [c.place, c.description])).toEqual([
      ['trust-policy', 'Deny sts:AssumeRole to account 444455556666 in the trust policy of ops'],
    ]);
    expect(fix.proposal.remaining).toEqual([]);
  });

  it('nothing to cut: no changes', () => {
    const { proposal } = proposeFix(world({ users: [user('a', [allow('s3:GetObject')])] }), catalog, { now: NOW });
    expect(proposal).toEqual({ changes: [], remaining: [], needed: [] });
  });
});

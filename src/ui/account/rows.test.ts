import { describe, expect, it } from 'vitest';
import type { World } from '../../world/types';
import { ago, counts, documentText, filterRows, rowsOf, trustedEntities } from './rows';
import { hrefOf, parseRoute } from './route';

const A = '111122223333';
const NOW = Date.parse('2026-12-01T12:00:00Z');

const world: World = {
  accounts: [{ id: A }],
  users: [
    {
      account: A,
      name: 'admin',
      groups: ['admins', 'developers'],
      loginProfile: { createDate: '2026-01-01T00:00:00Z', passwordLastUsed: '2026-11-29T08:00:00Z' },
      mfaDevices: [{ serialNumber: `arn:aws:iam::${A}:mfa/admin` }],
      accessKeys: [
        {
          accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          secretAccessKey: 'x'.repeat(40),
          status: 'Active',
          createDate: '2026-01-01T00:00:00Z',
          lastUsedDate: '2026-11-30T08:00:00Z',
        },
        {
          accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
          secretAccessKey: 'y'.repeat(40),
          status: 'Inactive',
          createDate: '2026-01-01T00:00:00Z',
        },
      ],
    },
    { account: A, name: 'ci-bot' },
  ],
  groups: [{ account: A, name: 'developers', managedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'] }],
  roles: [
    {
      account: A,
      name: 'web',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' },
        ],
      },
    },
  ],
  managedPolicies: [
    {
      arn: `arn:aws:iam::${A}:policy/Boundary`,
      versions: [{ versionId: 'v1', document: '{}' }],
      defaultVersion: 'v1',
    },
  ],
  resources: [{ type: 's3-bucket', arn: 'arn:aws:s3:::photos', account: A, policy: {} }],
};

describe('the lists', () => {
  it('shows a user as the IAM console does: groups, last activity, MFA, password, access keys', () => {
    expect(rowsOf(world, 'users', NOW)).toEqual([
      {
        id: 'admin',
        href: '/account/users/admin',
        name: 'admin',
        cells: {
          groups: 'admins, developers',
          activity: 'Yesterday',
          mfa: 'Assigned',
          password: 'Set',
          keys: '1 active, 1 inactive',
        },
      },
      {
        id: 'ci-bot',
        href: '/account/users/ci-bot',
        name: 'ci-bot',
        cells: { groups: 'None', activity: 'Never', mfa: 'Not assigned', password: 'None', keys: 'None' },
      },
    ]);
  });
  it('counts a group’s users and policies', () => {
    expect(rowsOf(world, 'groups', NOW)[0].cells).toEqual({ users: '1 user', permissions: '1 policy' });
  });
  it('names a role’s trusted entities', () => {
    expect(rowsOf(world, 'roles', NOW)[0].cells).toEqual({
      trusted: 'AWS service: ec2, Account: 444455556666',
      activity: 'Never',
    });
    expect(trustedEntities('{not json')).toEqual(['(the trust policy is not valid JSON)']);
    expect(trustedEntities({ Statement: { Effect: 'Allow', Principal: '*' } })).toEqual(['Anyone (*)']);
  });
  it('lists declared policies and the AWS managed ones attached without being declared', () => {
    expect(rowsOf(world, 'policies', NOW).map((r) => [r.name, r.cells.type, r.cells.used])).toEqual([
      ['Boundary', 'Customer managed', 'None'],
      ['PowerUserAccess', 'AWS managed', 'Permissions policy (1)'],
    ]);
  });
  it('shows a bucket by its name, with an address that carries its ARN', () => {
    expect(rowsOf(world, 'resources', NOW)).toEqual([
      {
        id: 'arn:aws:s3:::photos',
        href: '/account/resources/arn%3Aaws%3As3%3A%3A%3Aphotos',
        name: 'photos',
        cells: { type: 'S3 bucket', policy: 'Yes', account: A },
      },
    ]);
  });
  it('filters by a case-insensitive substring of any column, reading no pattern from the query', () => {
    const rows = rowsOf(world, 'users', NOW);
    expect(filterRows(rows, 'ADM').map((r) => r.name)).toEqual(['admin']);
    expect(filterRows(rows, 'not assigned').map((r) => r.name)).toEqual(['ci-bot']);
    expect(filterRows(rows, '.*')).toEqual([]);
    expect(filterRows(rows, '  ').length).toBe(2);
  });
  it('counts every kind for the section nav', () => {
    expect(counts(world)).toEqual({
      users: 2,
      groups: 1,
      roles: 1,
      policies: 2,
      'identity-providers': 0,
      resources: 1,
      'user-pools': 0,
      'identity-pools': 0,
    });
  });
  it('words dates as the console does', () => {
    expect(ago(undefined, NOW)).toBe('Never');
    expect(ago('2026-12-01T01:00:00Z', NOW)).toBe('Today');
    expect(ago('2025-12-01T12:00:00Z', NOW)).toBe('365 days ago');
  });
  it('prints an object document with a 2-space indent and keeps a text as it is', () => {
    expect(documentText({ Version: '2012-10-17' })).toBe('{\n  "Version": "2012-10-17"\n}\n');
    expect(documentText('{ "a": 1 }')).toBe('{ "a": 1 }');
  });
});

describe('the addresses', () => {
  it('reads each page of the section', () => {
    expect(parseRoute('/account')).toEqual({ page: 'overview' });
    expect(parseRoute('/account/root')).toEqual({ page: 'root' });
    expect(parseRoute('/account/file')).toEqual({ page: 'file' });
    expect(parseRoute('/account/users')).toEqual({ page: 'list', kind: 'users' });
    expect(parseRoute('/account/users/alice')).toEqual({ page: 'detail', kind: 'users', id: 'alice' });
    expect(parseRoute(hrefOf('resources', 'arn:aws:s3:::photos/a b'))).toEqual({
      page: 'detail',
      kind: 'resources',
      id: 'arn:aws:s3:::photos/a b',
    });
  });
  it('calls anything else unknown, a bad escape included', () => {
    expect(parseRoute('/account/robots')).toEqual({ page: 'unknown', path: '/account/robots' });
    expect(parseRoute('/account/users/%E0%A4%A')).toEqual({ page: 'unknown', path: '/account/users/%E0%A4%A' });
    expect(parseRoute('/account/users/a/b')).toEqual({ page: 'unknown', path: '/account/users/a/b' });
  });
});

import { describe, expect, it } from 'vitest';
import { checkAccount } from '../checklist';
import type { CheckItem } from '../checklist';
import type { Ec2Instance, Role, S3Bucket, User, World } from '../types';
import { importAuthorizationDetails } from '../import/authorization-details';
import { readFileSync } from 'node:fs';

const A = '111122223333';
const B = '444455556666';
const NOW = Date.UTC(2026, 0, 15, 12);
const daysAgo = (n: number) => new Date(NOW - n * 24 * 60 * 60 * 1000).toISOString().replace('.000Z', 'Z');
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const ec2Trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const trust = (principal: unknown, condition?: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) },
  ],
});
const bucketPolicy = (bucket: string, condition?: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PublicRead',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${bucket}/images/*`,
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});

/** An account the checklist has nothing to say about. */
function clean(): World {
  return {
    accounts: [{ id: A, name: 'playground', root: { mfaEnabled: true } }],
    users: [
      {
        account: A,
        name: 'alice',
        loginProfile: { createDate: daysAgo(400) },
        mfaDevices: [{ serialNumber: `arn:aws:iam::${A}:mfa/alice`, enableDate: daysAgo(300) }],
        accessKeys: [
          {
            accessKeyId: KEY,
            secretAccessKey: SECRET,
            status: 'Active',
            createDate: daysAgo(400),
            lastUsedDate: daysAgo(3),
          },
        ],
      },
      { account: A, name: 'ci' },
    ],
    roles: [
      { account: A, name: 'web', trustPolicy: ec2Trust, instanceProfiles: ['web'] },
      { account: A, name: 'partner', trustPolicy: trust({ AWS: `arn:aws:iam::${B}:role/deployer` }) },
    ],
    resources: [
      {
        type: 'ec2-instance',
        arn: `arn:aws:ec2:us-east-1:${A}:instance/i-0abc123def4567890`,
        instanceProfile: `arn:aws:iam::${A}:instance-profile/web`,
        httpTokens: 'required',
      },
      { type: 's3-bucket', arn: 'arn:aws:s3:::private-data', account: A },
    ],
  };
}

const ids = (w: World) => checkAccount(w, NOW).map((i) => i.id);
const item = (w: World, id: string): CheckItem => {
  const found = checkAccount(w, NOW).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}: ${ids(w).join(', ')}`);
  return found;
};

/** Applies an item's fix: the input stays as it was, the item goes and every other item stays. */
function fixed(w: World, id: string): World {
  const before = structuredClone(w);
  const others = ids(w).filter((x) => x !== id);
  const out = item(w, id).fix!.apply(w);
  expect(w).toEqual(before);
  expect(ids(out)).toEqual(others);
  return out;
}

const user = (w: World, name: string): User => w.users!.find((u) => u.name === name)!;
const role = (w: World, name: string): Role => w.roles!.find((r) => r.name === name)!;

describe('the security checklist', () => {
  it('has nothing to say about a clean account', () => {
    expect(checkAccount(clean(), NOW)).toEqual([]);
  });

  describe('root-mfa', () => {
    it('flags a root user without MFA, and the fix assigns a device', () => {
      const w = clean();
      w.accounts[0].root!.mfaEnabled = false;
      const i = item(w, `root-mfa:${A}`);
      expect([i.rule, i.severity, i.title, i.fix?.label]).toEqual([
        'root-mfa',
        'high',
        'The root user has no MFA device',
        'Assign an MFA device',
      ]);
      expect(i.subject).toEqual({ kind: 'root', account: A });
      expect(i.why).toContain('AWS recommends an MFA device for the root user');
      const out = fixed(w, i.id);
      expect(out).toEqual(clean());
    });

    it('says nothing when the root user has MFA, or when the world does not describe the root user', () => {
      const w = clean();
      delete w.accounts[0].root;
      expect(ids(w)).toEqual([]);
    });
  });

  describe('root-access-key', () => {
    it('flags each root access key, and the fix deletes that key only', () => {
      const w = clean();
      w.accounts[0].root!.accessKeys = [
        { accessKeyId: 'AKIAROOTKEY000000001', secretAccessKey: SECRET, status: 'Active', createDate: daysAgo(10) },
        { accessKeyId: 'AKIAROOTKEY000000002', secretAccessKey: SECRET, status: 'Inactive', createDate: daysAgo(20) },
      ];
      expect(checkAccount(w, NOW).map((i) => [i.id, i.title])).toEqual([
        [`root-access-key:${A}:AKIAROOTKEY000000001`, 'The root user has an access key'],
        [`root-access-key:${A}:AKIAROOTKEY000000002`, 'The root user has an inactive access key'],
      ]);
      const i = item(w, `root-access-key:${A}:AKIAROOTKEY000000001`);
      expect(i.subject).toEqual({ kind: 'access-key', account: A, name: 'AKIAROOTKEY000000001', owner: 'root' });
      expect(i.fix?.label).toBe('Delete the root access key');
      const once = fixed(w, i.id);
      expect(once.accounts[0].root!.accessKeys!.map((k) => k.accessKeyId)).toEqual(['AKIAROOTKEY000000002']);
      expect(fixed(once, `root-access-key:${A}:AKIAROOTKEY000000002`)).toEqual(clean());
    });

    it('says nothing about an empty key list', () => {
      const w = clean();
      w.accounts[0].root!.accessKeys = [];
      expect(ids(w)).toEqual([]);
    });
  });

  describe('unused-access-key', () => {
    it('flags an active key last used 90 days ago, and the fix deactivates it', () => {
      const w = clean();
      user(w, 'alice').accessKeys![0].lastUsedDate = daysAgo(90);
      const i = item(w, `unused-access-key:${A}:${KEY}`);
      expect([i.severity, i.title, i.fix?.label]).toEqual([
        'medium',
        'The access key `AKIAIOSFODNN7EXAMPLE` of `alice` has not been used for 90 days',
        'Deactivate the key',
      ]);
      expect(i.subject).toEqual({ kind: 'access-key', account: A, name: KEY, owner: 'alice' });
      const out = fixed(w, i.id);
      const expected = structuredClone(w);
      user(expected, 'alice').accessKeys![0].status = 'Inactive';
      expect(out).toEqual(expected);
    });

    it('counts a never-used key from its creation date', () => {
      const w = clean();
      user(w, 'ci').accessKeys = [
        { accessKeyId: 'AKIACIKEY00000000001', secretAccessKey: SECRET, status: 'Active', createDate: daysAgo(120) },
      ];
      expect(item(w, `unused-access-key:${A}:AKIACIKEY00000000001`).title).toBe(
        'The access key `AKIACIKEY00000000001` of `ci` has never been used in the 120 days since it was created',
      );
    });

    it('leaves a key used 89 days ago, a never-used key created 89 days ago, and an inactive old key', () => {
      const w = clean();
      user(w, 'alice').accessKeys![0].lastUsedDate = daysAgo(89);
      user(w, 'ci').accessKeys = [
        { accessKeyId: 'AKIACIKEY00000000001', secretAccessKey: SECRET, status: 'Active', createDate: daysAgo(89) },
        { accessKeyId: 'AKIACIKEY00000000002', secretAccessKey: SECRET, status: 'Inactive', createDate: daysAgo(900) },
      ];
      expect(ids(w)).toEqual([]);
    });
  });

  describe('console-user-mfa', () => {
    it('flags a user with a console password and no MFA device, and the fix adds a virtual device', () => {
      const w = clean();
      delete user(w, 'alice').mfaDevices;
      const i = item(w, `console-user-mfa:${A}:alice`);
      expect([i.severity, i.title, i.fix?.label]).toEqual([
        'medium',
        '`alice` signs in to the console without MFA',
        'Assign an MFA device',
      ]);
      expect(i.subject).toEqual({ kind: 'user', account: A, name: 'alice' });
      const out = fixed(w, i.id);
      expect(user(out, 'alice').mfaDevices).toEqual([
        { serialNumber: 'arn:aws:iam::111122223333:mfa/alice', enableDate: '2026-01-15T12:00:00Z' },
      ]);
    });

    it('leaves a user without a console password (keys only)', () => {
      const w = clean();
      user(w, 'ci').mfaDevices = [];
      expect(ids(w)).toEqual([]);
    });
  });

  describe('ec2-stored-keys', () => {
    const INSTANCE = `arn:aws:ec2:us-east-1:${A}:instance/i-0abc123def4567890`;
    it('flags an instance that holds access keys, and the fix removes them and deactivates the keys', () => {
      const w = clean();
      (w.resources![0] as Ec2Instance).storedAccessKeys = [KEY];
      const i = item(w, `ec2-stored-keys:${A}:${INSTANCE}`);
      expect([i.severity, i.title, i.fix?.label]).toEqual([
        'high',
        'The EC2 instance `i-0abc123def4567890` holds an access key instead of using its instance profile',
        'Use the instance profile and remove the stored keys',
      ]);
      expect(i.subject).toEqual({ kind: 'resource', account: A, name: INSTANCE });
      const out = fixed(w, i.id);
      const expected = clean();
      user(expected, 'alice').accessKeys![0].status = 'Inactive';
      expect(out).toEqual(expected);
    });

    it('leaves an instance with an instance profile and an empty key list', () => {
      const w = clean();
      (w.resources![0] as Ec2Instance).storedAccessKeys = [];
      expect(ids(w)).toEqual([]);
    });
  });

  describe('public-bucket', () => {
    const BUCKET = 'arn:aws:s3:::photos';
    const photos = (condition?: Record<string, unknown>): S3Bucket => ({
      type: 's3-bucket',
      arn: BUCKET,
      account: A,
      policy: bucketPolicy('photos', condition),
    });

    it('flags a bucket whose policy lets anyone read under a prefix, and the fix turns on Block Public Access', () => {
      const w = clean();
      w.resources!.push(photos());
      const i = item(w, `public-bucket:${A}:${BUCKET}`);
      expect([i.severity, i.title, i.fix?.label]).toEqual([
        'high',
        'The bucket `photos` is public: anyone can read objects without signing in',
        'Block public access to the bucket',
      ]);
      expect(i.subject).toEqual({ kind: 'resource', account: A, name: BUCKET });
      const out = fixed(w, i.id);
      expect(out.resources![2]).toEqual({
        ...photos(),
        blockPublicAccess: { blockPublicPolicy: true, restrictPublicBuckets: true },
      });
      expect(out.resources!.slice(0, 2)).toEqual(clean().resources);
    });

    it('names every kind of access the engine allows to anyone', () => {
      const w = clean();
      w.resources!.push({
        type: 's3-bucket',
        arn: BUCKET,
        account: A,
        policy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`] }],
        },
      });
      expect(item(w, `public-bucket:${A}:${BUCKET}`).title).toBe(
        'The bucket `photos` is public: anyone can read, list, write and delete objects without signing in',
      );
    });

    it('leaves a bucket whose statement for `*` is narrowed to a VPC endpoint or to the organization', () => {
      const w = clean();
      w.resources!.push(photos({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }));
      w.resources!.push({
        ...photos({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }),
        arn: 'arn:aws:s3:::org',
      });
      expect(ids(w)).toEqual([]);
    });

    it('leaves a bucket that allows one other account, and one whose public policy Block Public Access restricts', () => {
      const w = clean();
      w.resources!.push({
        type: 's3-bucket',
        arn: BUCKET,
        account: A,
        policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${B}:root` },
              Action: 's3:GetObject',
              Resource: `${BUCKET}/*`,
            },
          ],
        },
      });
      w.resources!.push({
        ...photos(),
        arn: 'arn:aws:s3:::blocked',
        blockPublicAccess: { restrictPublicBuckets: true },
      });
      expect(ids(w)).toEqual([]);
    });
  });

  describe('role-trusts-anyone', () => {
    it('flags a role that trusts `*`, and the fix narrows the trust to the role’s own account', () => {
      const w = clean();
      role(w, 'partner').trustPolicy = trust({ AWS: '*' });
      const i = item(w, `role-trusts-anyone:${A}:partner`);
      expect([i.severity, i.title, i.fix?.label]).toEqual([
        'high',
        'Any AWS account can assume the role `partner`',
        'Trust only this account',
      ]);
      expect(i.subject).toEqual({ kind: 'role', account: A, name: 'partner' });
      const out = fixed(w, i.id);
      expect(role(out, 'partner').trustPolicy).toEqual(trust({ AWS: `arn:aws:iam::${A}:root` }));
      expect(out.roles![0]).toEqual(clean().roles![0]);
    });

    it('narrows a bare `"Principal": "*"` in a trust policy kept as text, and keeps it text', () => {
      const w = clean();
      role(w, 'partner').trustPolicy = JSON.stringify(trust('*'));
      const out = fixed(w, `role-trusts-anyone:${A}:partner`);
      expect(JSON.parse(role(out, 'partner').trustPolicy as string)).toEqual(trust({ AWS: `arn:aws:iam::${A}:root` }));
    });

    it('leaves `*` narrowed by aws:PrincipalOrgID, but not by a negated, IfExists or ForAllValues condition', () => {
      const w = clean();
      role(w, 'partner').trustPolicy = trust({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
      expect(ids(w)).toEqual([]);
      role(w, 'partner').trustPolicy = trust(
        { AWS: '*' },
        { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      );
      expect(ids(w)).toEqual([`role-trusts-anyone:${A}:partner`]);
      role(w, 'partner').trustPolicy = trust({ AWS: '*' }, { StringEqualsIfExists: { 'sts:ExternalId': 'x-42' } });
      expect(ids(w)).toEqual([`role-trusts-anyone:${A}:partner`]);
      role(w, 'partner').trustPolicy = trust(
        { AWS: '*' },
        { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      );
      expect(ids(w)).toEqual([`role-trusts-anyone:${A}:partner`]);
    });
  });

  describe('role-trusts-account', () => {
    it('flags a role that trusts a whole other account, and the fix removes that trust', () => {
      const w = clean();
      role(w, 'partner').trustPolicy = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: [B, `arn:aws:iam::${A}:role/admin`] }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::555566667777:root` }, Action: 'sts:*' },
        ],
      };
      const i = item(w, `role-trusts-account:${A}:partner`);
      expect([i.severity, i.title, i.fix?.label]).toEqual([
        'medium',
        'Every principal of accounts `444455556666`, `555566667777` can assume the role `partner`',
        'Remove the trust in accounts `444455556666`, `555566667777`',
      ]);
      const out = fixed(w, i.id);
      expect(role(out, 'partner').trustPolicy).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${A}:role/admin`] }, Action: 'sts:AssumeRole' },
        ],
      });
    });

    it('leaves a whole account narrowed by an external ID or aws:PrincipalArn, the role’s own account, and a named role', () => {
      const w = clean();
      role(w, 'partner').trustPolicy = trust({ AWS: B }, { StringEquals: { 'sts:ExternalId': 'Unique-3c1f' } });
      expect(ids(w)).toEqual([]);
      role(w, 'partner').trustPolicy = trust(
        { AWS: `arn:aws:iam::${B}:root` },
        { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${B}:role/deploy-*` } },
      );
      expect(ids(w)).toEqual([]);
      role(w, 'partner').trustPolicy = trust({ AWS: `arn:aws:iam::${A}:root` });
      expect(ids(w)).toEqual([]);
    });

    it('leaves a statement that denies, or that allows another action than sts:AssumeRole', () => {
      const w = clean();
      role(w, 'partner').trustPolicy = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Deny', Principal: { AWS: B }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { AWS: B }, Action: 'sts:TagSession' },
        ],
      };
      expect(ids(w)).toEqual([]);
    });
  });

  it('lists the most severe items first, each rule’s items in the world’s order', () => {
    const w = clean();
    w.accounts[0].root = {
      mfaEnabled: false,
      accessKeys: [
        { accessKeyId: 'AKIAROOTKEY000000001', secretAccessKey: SECRET, status: 'Active', createDate: daysAgo(700) },
      ],
    };
    delete user(w, 'alice').mfaDevices;
    role(w, 'partner').trustPolicy = trust({ AWS: B });
    expect(ids(w)).toEqual([
      `root-mfa:${A}`,
      `root-access-key:${A}:AKIAROOTKEY000000001`,
      `console-user-mfa:${A}:alice`,
      `role-trusts-account:${A}:partner`,
    ]);
  });

  it('checks an imported account: the partner role with an external ID passes, without it the role is flagged', () => {
    const r = importAuthorizationDetails(readFileSync('tests/fixtures/import/authorization-details.json', 'utf8'));
    if (!r.ok) throw new Error('the fixture does not import');
    expect(ids(r.value)).toEqual([]);
    const w = structuredClone(r.value);
    const audit = role(w, 'partner-audit');
    audit.trustPolicy = trust({ AWS: 'arn:aws:iam::444455556666:root' });
    expect(ids(w)).toEqual(['role-trusts-account:123456789012:partner-audit']);
  });
});

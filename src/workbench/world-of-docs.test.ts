import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../engine/parse';
import { worldOfDocs, screenOfDocs } from './world-of-docs';
import type { DocInput } from './types';

const allow = (action: string) =>
  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"${action}","Resource":"*"}]}`;
const ALICE = 'arn:aws:iam::111122223333:user/team/alice';

describe('the workbench documents as a small world', () => {
  const docs: DocInput[] = [
    { id: 'd1', name: 'notes', kind: 'identity', storedAs: 'user-inline', text: allow('s3:GetObject') },
    { id: 'd2', name: 'dev', kind: 'identity', text: allow('s3:*') },
    { id: 'd3', name: 'ReadOnly', kind: 'identity', storedAs: 'aws-managed', text: allow('s3:List*') },
    { id: 'd4', name: 'boundary', kind: 'boundary', text: allow('s3:*') },
    { id: 'd5', name: 'bucket', kind: 'resource', text: allow('s3:GetObject') },
    { id: 'd6', name: 'second bucket policy', kind: 'resource', text: allow('s3:PutObject') },
    { id: 'd7', name: 'root guard', kind: 'scp', level: 'root', text: allow('*') },
    { id: 'd8', name: 'account guard', kind: 'scp', level: 'account', text: allow('s3:*') },
    { id: 'd9', name: 'perimeter', kind: 'rcp', level: 'ou2', text: allow('*') },
  ];

  it('makes the principal a user carrying its documents as they are stored, and the resource carrying its policy', () => {
    const { world, docOf, skipped } = worldOfDocs(docs, { principal: ALICE, resource: 'arn:aws:s3:::reports/q3.csv' });
    expect(world.users).toEqual([
      {
        account: '111122223333',
        path: '/team/',
        name: 'alice',
        inlinePolicies: [{ name: 'd1', document: docs[0].text }],
        managedPolicies: ['arn:aws:iam::111122223333:policy/d2', 'arn:aws:iam::aws:policy/d3'],
        permissionsBoundary: 'arn:aws:iam::111122223333:policy/d4',
      },
    ]);
    expect(world.resources).toEqual([{ arn: 'arn:aws:s3:::reports/q3.csv', policy: docs[4].text }]);
    expect(skipped).toEqual([
      {
        docId: 'd6',
        name: 'second bucket policy',
        reason: 'a request has one resource policy; only the first one counts',
      },
    ]);
    // Every world id the gathering gives leads back to its workbench document.
    expect([...docOf].map(([id, d]) => `${id} → ${d.id}`)).toEqual([
      'user/team/alice:inline/d1 → d1',
      'arn:aws:iam::111122223333:policy/d2 → d2',
      'arn:aws:iam::aws:policy/d3 → d3',
      'arn:aws:iam::111122223333:policy/d4 → d4',
      'arn:aws:s3:::reports/q3.csv → d5',
      'd7 → d7',
      'd9 → d9',
      'd8 → d8',
    ]);
  });

  it('puts SCPs and RCPs on an organization path of the workbench levels, named as the tabs are', () => {
    const { world } = worldOfDocs(docs, { principal: ALICE, resource: 'arn:aws:s3:::reports/q3.csv' });
    const org = world.organization!;
    expect(org.id).toBe('');
    expect(org.root).toEqual({
      id: 'r-workbench',
      name: 'Root',
      scps: ['d7'],
      children: [{ id: 'ou-workbench-111122223333-ou2', name: 'OU 2', rcps: ['d9'], accounts: ['111122223333'] }],
    });
    expect(org.accountScps).toEqual({ '111122223333': ['d8'] });
    expect(world.accounts).toEqual([{ id: '111122223333', name: 'Account' }]);
  });

  it('makes a role ARN resource the role whose trust policy the resource document is', () => {
    const trust =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}';
    const { world, session } = worldOfDocs(
      [
        { id: 't', name: 'trust', kind: 'resource', text: trust },
        { id: 's', name: 'session', kind: 'session', text: allow('s3:*') },
      ],
      {
        principal: 'arn:aws:sts::111122223333:assumed-role/Reader/s1',
        resource: 'arn:aws:iam::444455556666:role/ops/Admin',
      },
    );
    expect(world.roles?.map((r) => [r.account, r.path, r.name, r.trustPolicy === trust])).toEqual([
      ['111122223333', '/', 'Reader', false],
      ['444455556666', '/ops/', 'Admin', true],
    ]);
    expect(session).toEqual({ policies: [allow('s3:*')] });
  });

  it('screens each document once by its kind and storage, a user’s inline policies sharing one limit', () => {
    let validated = 0;
    const { docOf } = worldOfDocs(docs, { principal: ALICE, resource: '*' });
    const screen = screenOfDocs(docs, docOf, parsePolicy, () => {
      validated++;
      return [];
    });
    const first = screen(docs[1].text, { id: 'arn:aws:iam::111122223333:policy/d2', type: 'identity' });
    const again = screen(docs[1].text, { id: 'arn:aws:iam::111122223333:policy/d2', type: 'identity' });
    expect([first === again, first.refusal, validated]).toEqual([true, undefined, 1]);
    const brokenDocs = [{ ...docs[1], text: '{"Version":' }];
    const w = worldOfDocs(brokenDocs, { principal: ALICE, resource: '*' });
    const broken = screenOfDocs(
      brokenDocs,
      w.docOf,
      parsePolicy,
      undefined,
    )('', {
      id: 'arn:aws:iam::111122223333:policy/d2',
      type: 'identity',
    });
    expect([broken.refusal?.unreadable, broken.refusal?.finding.code, broken.failClosed]).toEqual([
      true,
      'parse.json-syntax',
      undefined,
    ]);
  });
});

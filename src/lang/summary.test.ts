import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../catalog';
import { parsePolicy } from '../engine/parse';
import { summarizePolicy } from './summary';

const catalog = await loadCatalog();
const summarize = (doc: unknown) => summarizePolicy(parsePolicy(JSON.stringify(doc)).policy!, catalog);

describe('summarizePolicy', () => {
  it('counts actions by access level per service, with resources and conditions', () => {
    const s = summarize({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:GetObjectTagging', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'],
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ],
    });
    expect(s.statements[0].text).toBe(
      'Allows 1 list and 2 read actions in Amazon S3 on bucket `reports` and objects in bucket `reports`, only from `10.0.0.0/8`',
    );
    expect(s.statements[0].services[0].levels).toEqual({ Read: 2, List: 1 });
    expect(s.statements[0].services[0].access).toBe('Limited: List, Read');
  });

  it('says what a service wildcard, Deny, NotAction and conditions mean', () => {
    const s = summarize({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'sqs:*', Resource: '*' },
        {
          Effect: 'Deny',
          NotAction: 'iam:*',
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] } },
        },
      ],
    });
    const total = catalog.service('sqs')!.actions.length;
    expect(s.statements[0].text).toBe(`Allows all ${total} actions in Amazon SQS on all resources`);
    expect(s.statements[0].services[0].access).toBe('Full access');
    expect(s.statements[1].text).toMatch(
      /^Denies every action except all \d+ actions in AWS Identity and Access Management \(IAM\) on all resources, when MFA was not used \(or the key is absent\)$/,
    );
    expect(s.statements[2].text).toBe(
      'Allows every action in every service on all resources, when `aws:PrincipalTag/team` is `a` or `b`',
    );
  });

  it('names principals and unknown actions, and merges what Allow statements grant', () => {
    const s = summarize({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: ['kms:Decrypt', 'kms:Nope'],
          Resource: '*',
        },
        { Effect: 'Allow', Principal: '*', Action: 'kms:Encrypt', Resource: '*' },
      ],
    });
    expect(s.statements[0].text).toBe(
      'Allows 1 write action in AWS Key Management Service on all resources to `arn:aws:iam::111122223333:root` (not recognised: `kms:Nope`)',
    );
    expect(s.statements[1].principals).toBe('to anyone');
    expect(s.allowed.map((a) => [a.prefix, a.count, a.levels])).toEqual([['kms', 2, { Write: 2 }]]);
  });
});

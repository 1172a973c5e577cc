/**
 * Throughput of the statement evaluator (run: `npx vitest bench --run src/engine/evaluate`).
 * Figures, not assertions: the lead's `npm run bench` owns the end-to-end numbers.
 */
import { bench, describe } from 'vitest';
import { loadManagedPolicies } from '../../catalog';
import { parsePolicyValue } from '../parse';
import { TraceBuilder } from '../trace';
import { compilePolicy, forgetActions } from './compile';
import type { CompiledPolicy } from './compile';
import { evaluatePolicy } from './evaluate-policy';
import { request } from './testing';
import { wildcardMatch } from './wildcard';

const data = await loadManagedPolicies();
const TEN = [
  'AWSSupportServiceRolePolicy',
  'ReadOnlyAccess',
  'AWSConfigServiceRolePolicy',
  'AWS_ConfigRole',
  'SageMakerStudioProjectUserRolePermissionsBoundary',
  'SageMakerStudioProjectUserRolePolicy',
  'SageMakerStudioProjectProvisioningRolePolicy',
  'AWSPartnerLedSupportReadOnlyAccess',
  'SecurityAudit',
  'AWSResourceExplorerServiceRolePolicy',
];
const ten: CompiledPolicy[] = TEN.map((name) => {
  const p = data.policies.find((x) => x.name === name)!;
  return compilePolicy(parsePolicyValue(p.document).policy!, { policyId: p.arn, policyType: 'identity' });
});
const off = new TraceBuilder(false);
const requests = [
  request('s3:GetObject', 'arn:aws:s3:::bucket/key', { 'aws:SecureTransport': 'true' }),
  request('ec2:TerminateInstances', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1'),
  request('iam:PassRole', 'arn:aws:iam::111122223333:role/x'),
  request('dynamodb:PutItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/t'),
];

describe('evaluate', () => {
  bench('one request x ten large managed policies (tracing off)', () => {
    for (const c of ten) evaluatePolicy(c, requests[0], off);
  });
  bench('four varied requests x ten large managed policies (tracing off), per request', () => {
    for (const r of requests) for (const c of ten) evaluatePolicy(c, r, off);
  });
  bench('one request x ten large managed policies (tracing on)', () => {
    const t = new TraceBuilder(true);
    for (const c of ten) evaluatePolicy(c, requests[0], t);
  });
});

const SERVICES = ['s3', 'ec2', 'iam', 'dynamodb', 'lambda', 'sagemaker', 'kms', 'sts', 'logs', 'cloudwatch'];
const VERBS = ['Get', 'List', 'Describe', 'Put', 'Create', 'Delete'];
const manyActions = Array.from({ length: 6000 }, (_, i) =>
  request(`${SERVICES[i % SERVICES.length]}:${VERBS[i % VERBS.length]}Thing${i}`, 'arn:aws:s3:::b/k', {
    'aws:SecureTransport': 'true',
  }),
);
let k = 0;
describe('evaluate, actions never seen before (no memo)', () => {
  bench('one request with a fresh action x ten large managed policies (tracing off)', () => {
    const r = manyActions[k++ % manyActions.length];
    for (const c of ten) {
      forgetActions(c);
      evaluatePolicy(c, r, off);
    }
  });
});

describe('parse and compile', () => {
  bench(
    'all 1,594 managed policies',
    () => {
      for (const p of data.policies)
        compilePolicy(parsePolicyValue(p.document).policy!, { policyId: p.arn, policyType: 'identity' });
    },
    { iterations: 5 },
  );
});

describe('adversarial wildcards', () => {
  const text = 'a'.repeat(100000);
  bench('`a*a*…a*b` (1,000 stars) against 100,000 `a`', () => {
    wildcardMatch(`${'a*'.repeat(1000)}b`, text, false);
  });
  bench('`*a?a?…b*` (80 chars, bitap) against 100,000 `a`', () => {
    wildcardMatch(`*${'a?'.repeat(40)}b*`, text, false);
  });
});

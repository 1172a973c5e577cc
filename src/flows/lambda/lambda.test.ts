import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import { lambdaExecutionRole as flow } from './index';
import { coverage, machinePaths, testRun } from '../testing';

const ROLE_SESSION = 'arn:aws:sts::111122223333:assumed-role/image-resizer/resize-image';

describe('flow 7: Lambda, the execution role', () => {
  it('enumerates every path of the machine', () => {
    expect(machinePaths(flow)).toEqual([
      'lambda.invoke:error',
      'lambda.invoke:ok → lambda.assumeRole:ok → dynamodb.getNote:error',
      'lambda.invoke:ok → lambda.assumeRole:ok → dynamodb.getNote:ok → dynamodb.getInvoice:denied',
      'lambda.invoke:ok → lambda.assumeRole:ok → dynamodb.getNote:ok → dynamodb.getInvoice:ok',
      'lambda.invoke:role-refused → lambda.assumeRole:denied',
    ]);
  });

  it('Lambda assumes the role under its trust policy; the code reads Notes and is refused Billing', async () => {
    const run = await testRun(flow, defaultWorld());
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.changes).toEqual([
      'Added the DynamoDB table `Billing` with one invoice.',
      'Gave the execution role `image-resizer` the inline policy `read-resize-jobs`: `dynamodb:GetItem` on the Notes table.',
    ]);
    expect(run.steps.map((s) => s.messages.map((m) => `${m.from}→${m.to} ${m.label}`))).toEqual([
      ['app→lambda POST Invoke', 'lambda→app 200 OK'],
      ['lambda→sts POST AssumeRole', 'sts→lambda 200 OK'],
      ['lambda→dynamodb POST GetItem', 'dynamodb→lambda 200 OK'],
      ['lambda→dynamodb POST GetItem', 'dynamodb→lambda 400 AccessDeniedException'],
    ]);
    const [invoke, assume, note, invoice] = run.steps;
    expect(invoke!.decision?.action).toBe('lambda:InvokeFunction');
    expect(invoke!.decision?.principal).toBe('arn:aws:iam::111122223333:user/alice');
    expect(invoke!.decision?.decision).toBe('Allow');
    expect(invoke!.facts).toContainEqual({ label: 'X-Amz-Function-Error', value: 'Unhandled' });
    expect(invoke!.messages[1]!.http.body).toContain('"errorType": "AccessDeniedException"');
    expect(assume!.narration).toMatch(/^AWS-internal/);
    expect(assume!.decision?.principal).toBe('lambda.amazonaws.com');
    expect(assume!.decision?.action).toBe('sts:AssumeRole');
    expect(assume!.decision?.resource).toBe('arn:aws:iam::111122223333:role/service-role/image-resizer');
    expect(assume!.decision?.decision).toBe('Allow');
    expect(assume!.credentials?.arn).toBe(ROLE_SESSION);
    expect(assume!.messages[0]!.http.body).toContain('RoleSessionName=resize-image');
    expect(note!.decision?.decision).toBe('Allow');
    expect(note!.decision?.principal).toBe(ROLE_SESSION);
    expect(note!.facts[0]?.value).toContain('Resize the new banner');
    expect(invoice!.outcome).toBe('denied');
    expect(invoice!.decision?.decision).toBe('ImplicitDeny');
    expect(invoice!.error).toEqual({
      code: 'AccessDeniedException',
      message: `User: ${ROLE_SESSION} is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/Billing because no identity-based policy allows the dynamodb:GetItem action`,
      step: 'dynamodb.getInvoice',
    });
  }, 60_000);

  it('a trust policy naming another service: the Invoke fails with InvalidParameterValueException', async () => {
    const s = flow.switches.find((w) => w.id === 'wrong-trust')!;
    const run = await testRun(flow, defaultWorld(), { switches: [s.id] });
    expect(run.final).toEqual({ state: 'failed', status: 'failed' });
    const failing = run.steps.find((st) => st.event === s.fails!.step)!;
    expect(failing.error).toEqual({
      code: s.fails!.code,
      message: 'The role defined for the function cannot be assumed by Lambda.',
      step: 'lambda.invoke',
    });
    expect(failing.messages[1]!.label).toBe('400 InvalidParameterValueException');
    const last = run.steps[run.steps.length - 1]!;
    expect(last.event).toBe('lambda.assumeRole');
    expect(last.decision?.principal).toBe('lambda.amazonaws.com');
    expect(last.decision?.decision).toBe('ImplicitDeny');
    expect(last.messages[1]!.label).toBe('403 AccessDenied');
    expect(last.error?.code).toBe('InvalidParameterValueException');
  }, 60_000);

  it('dynamodb:* on *: the second read is allowed too (the risk)', async () => {
    const run = await testRun(flow, defaultWorld(), { switches: ['dynamodb-star'] });
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    const invoice = run.steps[3]!;
    expect(invoice.outcome).toBe('ok');
    expect(invoice.decision?.decision).toBe('Allow');
    expect(invoice.facts[0]?.value).toContain('1250.00');
    expect(run.steps[0]!.facts.some((f) => f.label === 'X-Amz-Function-Error')).toBe(false);
    expect(flow.switches.find((w) => w.id === 'dynamodb-star')?.risk).toMatch(/Billing/);
  }, 60_000);

  it('real runs take the machine’s paths, and no other', async () => {
    const c = await coverage(flow, defaultWorld());
    expect(c.strays).toEqual([]);
    expect(c.runs.every((r) => r.final.status !== 'stopped')).toBe(true);
    // alice may always invoke the function, and the role may always read Notes, in this flow.
    expect(c.missed).toEqual([
      'lambda.invoke:error',
      'lambda.invoke:ok → lambda.assumeRole:ok → dynamodb.getNote:error',
    ]);
  }, 120_000);

  it('the same seed and options give the same run, byte for byte', async () => {
    const a = await testRun(flow, defaultWorld(), {}, undefined, 'same');
    const b = await testRun(flow, defaultWorld(), {}, undefined, 'same');
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  }, 60_000);
});

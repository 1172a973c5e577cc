/**
 * Flow 7's steps. Alice's app invokes `resize-image` with her access key (her DeveloperAccess
 * policy allows `lambda:InvokeFunction` on it). Inside the invocation the Lambda service assumes
 * the execution role and the function's simulated code reads two items with the role's
 * credentials: its job in Notes, then an invoice in Billing. The simulator answers the Invoke;
 * what happened inside it (the AWS-internal AssumeRole, the code's DynamoDB calls, made by the
 * real STS decision and the real DynamoDB handler) is read from the invocation's record and
 * shown as the steps that follow.
 */
import type { DynamoDbTable, LambdaFunction, Role, World } from '../../world/types';
import { request, text } from '../../aws/http';
import { signRequest } from '../../aws/auth/sigv4';
import { exchangeView } from '../../aws/view';
import { invocationRecord, LAMBDA_PRINCIPAL, ROLE_NOT_ASSUMABLE } from '../../aws/lambda';
import type { InnerCall } from '../../aws/lambda';
import type { FlowDecision, FlowEnv, FlowExchange, FlowOptions, StepImpl, StepOutput } from '../types';
import { credentialsFromXml, failure } from '../common';
import * as wire from '../wire';

const ALICE = { accessKeyId: 'AKIAR7KLMW2QTHX4ALCE', secretAccessKey: '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' };
const FUNCTION_NAME = 'resize-image';
const V = '2012-10-17';
export const NOTE_KEY = { userId: { S: 'alice' }, noteId: { S: '2026-11-02#001' } };
export const INVOICE_KEY = { invoiceId: { S: 'INV-2026-11' } };

function functionOf(world: World): LambdaFunction {
  const fns = world.resources?.filter((r): r is LambdaFunction => r.type === 'lambda-function') ?? [];
  const fn = fns.find((f) => f.arn.endsWith(`:function:${FUNCTION_NAME}`)) ?? fns[0];
  if (!fn) throw new Error('the world has no Lambda function');
  return fn;
}

function tableArn(fn: LambdaFunction, name: string): string {
  const [, , , region, account] = fn.arn.split(':');
  return `arn:aws:dynamodb:${region}:${account}:table/${name}`;
}

function roleOf(world: World, fn: LambdaFunction): Role | undefined {
  return world.roles?.find((r) => `arn:aws:iam::${r.account}:role${r.path ?? '/'}${r.name}` === fn.role);
}

export function prepare(world: World, options: FlowOptions): { world: World; changes: string[] } {
  const changes: string[] = [];
  const switches = new Set(options.switches ?? []);
  const fn = functionOf(world);
  const role = roleOf(world, fn);
  if (!role) throw new Error(`the world has no role \`${fn.role}\``);
  const billing = tableArn(fn, 'Billing');
  if (!world.resources?.some((r) => r.arn === billing)) {
    const table: DynamoDbTable = {
      type: 'dynamodb-table',
      arn: billing,
      keySchema: [{ attributeName: 'invoiceId', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'invoiceId', attributeType: 'S' }],
      items: [{ invoiceId: { S: 'INV-2026-11' }, customer: { S: 'photos-app' }, total: { N: '1250.00' } }],
    };
    world.resources = [...(world.resources ?? []), table];
    changes.push('Added the DynamoDB table `Billing` with one invoice.');
  }
  const policyName = switches.has('dynamodb-star') ? 'dynamodb-everything' : 'read-resize-jobs';
  const statement = switches.has('dynamodb-star')
    ? { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }
    : { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: tableArn(fn, 'Notes') };
  role.inlinePolicies = [
    ...(role.inlinePolicies ?? []).filter((p) => p.name !== 'read-resize-jobs' && p.name !== 'dynamodb-everything'),
    { name: policyName, document: { Version: V, Statement: [statement] } },
  ];
  changes.push(
    switches.has('dynamodb-star')
      ? `Gave the execution role \`${role.name}\` the inline policy \`dynamodb-everything\`: \`dynamodb:*\` on \`*\`.`
      : `Gave the execution role \`${role.name}\` the inline policy \`read-resize-jobs\`: \`dynamodb:GetItem\` on the Notes table.`,
  );
  if (switches.has('wrong-trust')) {
    role.trustPolicy = {
      Version: V,
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    changes.push(
      `Made the trust policy of \`${role.name}\` name \`ec2.amazonaws.com\` instead of \`lambda.amazonaws.com\`.`,
    );
  }
  return { world, changes };
}

/** The Invoke as the SDK v3 Lambda client sends it (REST-JSON, the payload as the body), signed. */
function invokeRequest(env: FlowEnv, fn: LambdaFunction, payload: unknown) {
  const name = fn.arn.slice(fn.arn.lastIndexOf(':') + 1);
  return signRequest(
    request({
      method: 'POST',
      path: `/2015-03-31/functions/${encodeURIComponent(name)}/invocations`,
      headers: {
        host: `lambda.${env.region}.amazonaws.com`,
        'content-type': 'application/octet-stream',
        'x-amz-invocation-type': 'RequestResponse',
        'x-amz-log-type': 'None',
        'x-amz-user-agent': 'aws-sdk-js/3 iam-playground-flows',
      },
      body: JSON.stringify(payload),
    }),
    ALICE,
    { service: 'lambda', region: env.region, now: env.clock.now() },
  );
}

/** An exchange made inside the invocation, as the diagram keeps it. */
function innerExchange(c: InnerCall): FlowExchange {
  return exchangeView({
    request: c.request,
    response: c.response,
    service: c.service,
    operation: c.operation,
    caller: c.caller,
    ...(c.decision ? { decision: c.decision } : {}),
    notes: [],
    at: c.at,
    changed: false,
  }) as FlowExchange;
}

function decisionOf(x: FlowExchange): StepOutput['decision'] {
  return x.decision?.request ? (x.decision as FlowDecision) : undefined;
}

function innerCalls(env: FlowEnv, requestId: unknown): InnerCall[] {
  return invocationRecord(env.state, String(requestId))?.calls ?? [];
}

const invoke: StepImpl = async (_ctx, env) => {
  const fn = functionOf(env.state.world);
  const event = {
    job: 'resize-banner',
    reads: [
      { TableName: 'Notes', Key: NOTE_KEY },
      { TableName: 'Billing', Key: INVOICE_KEY },
    ],
  };
  const x = await env.send(invokeRequest(env, fn, event));
  const requestId = x.response.headers['x-amzn-requestid'] ?? '';
  const title = `Invoke ${FUNCTION_NAME}, signed with alice’s key`;
  const err = wire.errorOf(x.response);
  const decision = decisionOf(x);
  if (err?.code === 'InvalidParameterValueException')
    return {
      outcome: 'role-refused',
      title,
      narration: `The engine allows alice lambda:InvokeFunction, but before any code runs the Lambda service must take on the execution role, and it cannot: Lambda answers ${err.code}: ${err.message}`,
      exchanges: [x],
      ...(decision ? { decision } : {}),
      error: { code: err.code, message: err.message, step: 'lambda.invoke' },
      data: { requestId },
    };
  if (err) return failure('lambda.invoke', title, [x], (code, m) => `Lambda refused the Invoke: ${code}: ${m}`);
  const functionError = x.response.headers['x-amz-function-error'];
  return {
    outcome: 'ok',
    title,
    narration: `alice’s identity policy (DeveloperAccess) allows lambda:InvokeFunction on the function, so Lambda runs it and answers 200 once it has finished${functionError ? `, with X-Amz-Function-Error: ${functionError}: the code threw` : ''}. The next steps open up what happened inside the invocation, before this answer.`,
    exchanges: [x],
    ...(decision ? { decision } : {}),
    data: { requestId },
    facts: [
      { label: 'Function', value: fn.arn },
      { label: 'Execution role', value: fn.role },
      ...(functionError ? [{ label: 'X-Amz-Function-Error', value: functionError }] : []),
    ],
  };
};

const assumeRole: StepImpl = async (ctx, env) => {
  const call = innerCalls(env, ctx.data['requestId'])[0];
  const title = 'Inside the invocation: Lambda assumes the execution role (AWS-internal)';
  if (!call) throw new Error('the invocation has no record of its AssumeRole');
  const x = env.record(innerExchange(call));
  const decision = decisionOf(x);
  if (call.response.status !== 200)
    return {
      outcome: 'denied',
      from: 'lambda',
      title,
      narration: `AWS-internal, not a call you make: the Lambda service (${LAMBDA_PRINCIPAL}) asks STS for the role, and the engine finds no statement in its trust policy that lets ${LAMBDA_PRINCIPAL} perform sts:AssumeRole. That is why the Invoke failed with InvalidParameterValueException.`,
      exchanges: [x],
      ...(decision ? { decision } : {}),
      error: { code: 'InvalidParameterValueException', message: ROLE_NOT_ASSUMABLE, step: 'lambda.invoke' },
    };
  const creds = credentialsFromXml(call.response.body, 'Lambda (execution role)');
  return {
    outcome: 'ok',
    from: 'lambda',
    title,
    narration: `AWS-internal, not a call you make: the Lambda service (${LAMBDA_PRINCIPAL}) assumes the execution role; the engine allows it because the role’s trust policy names ${LAMBDA_PRINCIPAL}. The session is named after the function, and its credentials reach the code as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.`,
    exchanges: [x],
    ...(decision ? { decision } : {}),
    ...(creds ? { credentials: creds } : {}),
    facts: creds ? [{ label: 'Session', value: creds.arn }] : [],
  };
};

function readStep(index: number, table: string, step: string, deniedOutcome: string): StepImpl {
  return async (ctx, env) => {
    const call = innerCalls(env, ctx.data['requestId'])[index];
    const title = `The function’s code: GetItem on ${table}`;
    if (!call) throw new Error(`the invocation has no record of its read of ${table}`);
    const x = env.record(innerExchange(call));
    const decision = decisionOf(x);
    const err = wire.errorOf(x.response);
    if (err)
      return {
        outcome: deniedOutcome,
        from: 'lambda',
        title,
        narration: `The code, signed with the execution role’s credentials, asks for an item of ${table}: ${err.code}: ${err.message}. Nothing in the role allows it, so the engine denies it; the error is unhandled and comes back to alice as the function’s error.`,
        exchanges: [x],
        ...(decision ? { decision } : {}),
        error: { code: err.code, message: err.message, step },
      };
    const item = (JSON.parse(text(x.response.body)) as Record<string, unknown>)['Item'];
    return {
      outcome: 'ok',
      from: 'lambda',
      title,
      narration: `The code, signed with the execution role’s credentials, reads an item of ${table}; the engine allows dynamodb:GetItem${decision?.request ? ` for ${decision.principal}` : ''}.`,
      exchanges: [x],
      ...(decision ? { decision } : {}),
      facts: [{ label: 'Item', value: JSON.stringify(item) }],
    };
  };
}

export const steps: Record<string, StepImpl> = {
  'lambda.invoke': invoke,
  'lambda.assumeRole': assumeRole,
  'dynamodb.getNote': readStep(1, 'Notes', 'dynamodb.getNote', 'error'),
  'dynamodb.getInvoice': readStep(2, 'Billing', 'dynamodb.getInvoice', 'denied'),
};

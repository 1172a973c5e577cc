/**
 * AWS Lambda, as much as an invocation needs: `Invoke` (`POST /2015-03-31/functions/NAME/invocations`,
 * REST-JSON, signed), authorized by the engine for `lambda:InvokeFunction` on the function's ARN
 * (the caller's identity policies and the function's resource policy). Before the function runs,
 * the Lambda service gets its execution role's credentials: an AWS-internal `sts:AssumeRole` by
 * the service principal `lambda.amazonaws.com`, decided by the role's trust policy, with the
 * function's name as the session name. A role Lambda cannot assume fails the invocation with
 * `InvalidParameterValueException` ("The role defined for the function cannot be assumed by Lambda.").
 *
 * The function's code is simulated: it reads, with the execution role's credentials, each item the
 * event's `reads` list names (`{"TableName": …, "Key": …}`), through the real DynamoDB handler,
 * and returns them. An AWS error it meets is unhandled, as an uncaught SDK error in a Node.js
 * handler is: `200` with `X-Amz-Function-Error: Unhandled` and `{errorType, errorMessage, trace}`.
 * What the invocation did inside (the AssumeRole, the code's calls) is kept for the flows:
 * `invocationRecord(state, requestId)`.
 */
import type { HttpRequest, HttpResponse } from '../http';
import { request, response, text } from '../http';
import type { AwsContext } from '../context';
import type { Reply, ServiceCall, ServiceModule } from '../service';
import type { LambdaFunction, Role } from '../../world/types';
import { roleArn as arnOfRole } from '../../world/edit';
import { authorizeCall } from '../authz';
import type { CallDecision } from '../authz';
import { issueSession } from '../sessions';
import type { TemporarySession } from '../sessions';
import { roleId } from '../iam/shapes';
import { queryError, queryReply } from '../protocol/query';
import { el } from '../protocol/xml';
import { credentialsXml } from '../sts/session-policies';
import { signRequest } from '../auth/sigv4';
import { authenticateSync } from '../auth/authenticate';
import { dynamodb } from '../dynamodb';
import { jsonAuthError } from '../auth/errors';

export const LAMBDA_PRINCIPAL = 'lambda.amazonaws.com';
export const ROLE_NOT_ASSUMABLE = 'The role defined for the function cannot be assumed by Lambda.';
const INVOKE_RE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
/** How long the execution role's session lasts (Lambda refreshes it while the function is warm). */
export const EXECUTION_SESSION_SECONDS = 3600;

/** An exchange the Lambda service or the function's code made inside one invocation. */
export interface InnerCall {
  service: 'sts' | 'dynamodb';
  operation: string;
  request: HttpRequest;
  response: HttpResponse;
  /** Who made it: `lambda.amazonaws.com` for the AssumeRole, the role session for the code's calls. */
  caller: string;
  decision?: CallDecision;
  at: number;
}

export interface InvocationRecord {
  requestId: string;
  functionArn: string;
  /** The engine's decision on `sts:AssumeRole` by `lambda.amazonaws.com` (the trust policy). */
  trust: CallDecision;
  session?: TemporarySession;
  /** The AssumeRole first, then the code's calls in order. */
  calls: InnerCall[];
}

const RECORDS = new WeakMap<object, Map<string, InvocationRecord>>();

/** What the invocation `requestId` did inside, or undefined. */
export function invocationRecord(state: object, requestId: string): InvocationRecord | undefined {
  return RECORDS.get(state)?.get(requestId);
}

function keep(ctx: AwsContext, r: InvocationRecord): void {
  let m = RECORDS.get(ctx.state);
  if (!m) RECORDS.set(ctx.state, (m = new Map()));
  m.set(r.requestId, r);
  // Keep the last 50 invocations.
  if (m.size > 50) m.delete(m.keys().next().value!);
}

function lambdaError(type: string, message: string, requestId: string, status: number): HttpResponse {
  return response(
    status,
    { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': type },
    JSON.stringify({ Type: 'User', Message: message }),
  );
}

export function functionArnOf(account: string, region: string, name: string): string {
  if (name.startsWith('arn:')) return name.split(':').slice(0, 7).join(':');
  const parts = name.split(':');
  // `ACCOUNT:function:NAME` (a partial ARN) or a bare name.
  if (parts.length >= 3 && parts[1] === 'function') return `arn:aws:lambda:${region}:${parts[0]}:function:${parts[2]}`;
  return `arn:aws:lambda:${region}:${account}:function:${parts[0]}`;
}

export function findFunction(ctx: AwsContext, arn: string): LambdaFunction | undefined {
  return ctx.state.world.resources?.find((r): r is LambdaFunction => r.type === 'lambda-function' && r.arn === arn);
}

function functionName(fn: LambdaFunction): string {
  return fn.arn.slice(fn.arn.lastIndexOf(':') + 1);
}

/** The AssumeRole as the Lambda service sends it to STS (AWS-internal: shown, never sent by a customer). */
export function assumeRoleRequest(region: string, roleArn: string, sessionName: string): HttpRequest {
  const body = new URLSearchParams({
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: roleArn,
    RoleSessionName: sessionName,
    DurationSeconds: String(EXECUTION_SESSION_SECONDS),
  }).toString();
  return request({
    method: 'POST',
    path: '/',
    headers: {
      host: `sts.${region}.amazonaws.com`,
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'user-agent': 'lambda.amazonaws.com',
    },
    body,
  });
}

export interface ExecutionRole {
  ok: boolean;
  trust: CallDecision;
  role?: Role;
  session?: TemporarySession;
  call: InnerCall;
}

/**
 * How the Lambda service gets the function's credentials: `sts:AssumeRole` on the execution role by
 * `lambda.amazonaws.com`, decided by the engine on the role's trust policy; the session is named
 * after the function.
 */
export function assumeExecutionRole(ctx: AwsContext, fn: LambdaFunction): ExecutionRole {
  const name = functionName(fn);
  const region = fn.arn.split(':')[3] ?? ctx.region;
  const req = assumeRoleRequest(region, fn.role, name);
  const role = ctx.state.world.roles?.find((r) => arnOfRole(r) === fn.role);
  const trust = authorizeCall(ctx, { sourceIp: '127.0.0.1', secure: true }, 'sts:AssumeRole', fn.role, {
    principal: LAMBDA_PRINCIPAL,
    context: { 'sts:RoleSessionName': name },
  });
  const id = ctx.requestId();
  const at = ctx.clock.now();
  if (!role || !trust.allowed) {
    const message =
      trust.message || `User: ${LAMBDA_PRINCIPAL} is not authorized to perform: sts:AssumeRole on resource: ${fn.role}`;
    return {
      ok: false,
      trust,
      call: {
        service: 'sts',
        operation: 'AssumeRole',
        request: req,
        response: queryError('sts', 'AccessDenied', message, id, 403),
        caller: LAMBDA_PRINCIPAL,
        decision: trust,
        at,
      },
    };
  }
  const assumedRoleId = `${roleId(role)}:${name}`;
  const session = issueSession(ctx, {
    kind: 'assumed-role',
    arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${name}`,
    account: role.account,
    userId: assumedRoleId,
    roleArn: arnOfRole(role),
    facts: {},
    context: { 'lambda:SourceFunctionArn': fn.arn },
    durationSeconds: EXECUTION_SESSION_SECONDS,
  });
  const res = queryReply(
    'sts',
    'AssumeRole',
    [credentialsXml(session), el('AssumedRoleUser', [el('AssumedRoleId', assumedRoleId), el('Arn', session.arn)])],
    id,
  );
  return {
    ok: true,
    trust,
    role,
    session,
    call: {
      service: 'sts',
      operation: 'AssumeRole',
      request: req,
      response: res,
      caller: LAMBDA_PRINCIPAL,
      decision: trust,
      at,
    },
  };
}

/** One DynamoDB call of the function's code, signed with the execution role's credentials. */
async function codeCall(ctx: AwsContext, session: TemporarySession, op: string, body: unknown): Promise<InnerCall> {
  const region = ctx.region;
  const req = signRequest(
    request({
      method: 'POST',
      path: '/',
      headers: {
        host: `dynamodb.${region}.amazonaws.com`,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${op}`,
        'user-agent': 'aws-sdk-js/3 exec-env/AWS_Lambda_nodejs22.x',
      },
      body: JSON.stringify(body),
    }),
    { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken },
    { service: 'dynamodb', region, now: ctx.clock.now() },
  );
  const at = ctx.clock.now();
  const auth = authenticateSync(req, ctx);
  if (auth.kind !== 'signed') {
    const res =
      auth.kind === 'error'
        ? dynamodb.authError(auth.error, auth.detail, ctx, req, auth.facts)
        : jsonAuthError('missing', '', ctx, '1.0', 'com.amazon.coral.service#');
    return { service: 'dynamodb', operation: op, request: req, response: res, caller: session.arn, at };
  }
  const reply = await dynamodb.handle(
    { request: req, caller: auth.caller, region: auth.region, sourceIp: '127.0.0.1', secure: true },
    ctx,
  );
  return {
    service: 'dynamodb',
    operation: reply.operation,
    request: req,
    response: reply.response,
    caller: session.arn,
    ...(reply.decision ? { decision: reply.decision } : {}),
    at,
  };
}

function errorOfJson(res: HttpResponse): { type: string; message: string } {
  try {
    const j = JSON.parse(text(res.body)) as Record<string, unknown>;
    const raw = String(j['__type'] ?? res.headers['x-amzn-errortype'] ?? 'Error');
    return { type: raw.slice(raw.lastIndexOf('#') + 1), message: String(j['message'] ?? j['Message'] ?? '') };
  } catch {
    return { type: 'Error', message: text(res.body) };
  }
}

/** The simulated code: read each item of `event.reads`; the first AWS error is unhandled. */
async function runCode(
  ctx: AwsContext,
  session: TemporarySession,
  event: unknown,
  calls: InnerCall[],
): Promise<{ payload: unknown; unhandled: boolean }> {
  const reads = (event as { reads?: unknown } | null)?.reads;
  const items: unknown[] = [];
  if (Array.isArray(reads)) {
    for (const r of reads) {
      const c = await codeCall(ctx, session, 'GetItem', r);
      calls.push(c);
      if (c.response.status !== 200) {
        const e = errorOfJson(c.response);
        return {
          unhandled: true,
          payload: {
            errorType: e.type,
            errorMessage: e.message,
            trace: [`${e.type}: ${e.message}`, '    at index.handler (/var/task/index.mjs:12:18)'],
          },
        };
      }
      items.push((JSON.parse(text(c.response.body)) as Record<string, unknown>)['Item'] ?? null);
    }
  }
  return { unhandled: false, payload: { statusCode: 200, items } };
}

async function invoke(call: ServiceCall, ctx: AwsContext, rawName: string): Promise<Reply> {
  const id = ctx.requestId();
  const op = 'Invoke';
  const caller = call.caller!;
  const arn = functionArnOf(caller.account, call.region, decodeURIComponent(rawName));
  const decision = authorizeCall(ctx, call, 'lambda:InvokeFunction', arn);
  if (!decision.allowed)
    return { response: lambdaError('AccessDeniedException', decision.message, id, 403), operation: op, decision };
  const fn = findFunction(ctx, arn);
  if (!fn)
    return {
      response: lambdaError('ResourceNotFoundException', `Function not found: ${arn}`, id, 404),
      operation: op,
      decision,
    };
  const type = call.request.headers['x-amz-invocation-type'] ?? 'RequestResponse';
  if (type === 'DryRun') return { response: response(204, { 'x-amzn-requestid': id }, ''), operation: op, decision };
  let event: unknown = null;
  const raw = text(call.request.body).trim();
  if (raw !== '') {
    try {
      event = JSON.parse(raw);
    } catch {
      return {
        response: lambdaError(
          'InvalidRequestContentException',
          'Could not parse request body into json: Could not parse payload into json',
          id,
          400,
        ),
        operation: op,
        decision,
      };
    }
  }
  const exec = assumeExecutionRole(ctx, fn);
  const record: InvocationRecord = { requestId: id, functionArn: fn.arn, trust: exec.trust, calls: [exec.call] };
  keep(ctx, record);
  if (!exec.ok || !exec.session)
    return {
      response: lambdaError('InvalidParameterValueException', ROLE_NOT_ASSUMABLE, id, 400),
      operation: op,
      decision,
    };
  record.session = exec.session;
  const result = await runCode(ctx, exec.session, event, record.calls);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-requestid': id,
    'x-amz-executed-version': '$LATEST',
    ...(result.unhandled ? { 'x-amz-function-error': 'Unhandled' } : {}),
  };
  if (type === 'Event') return { response: response(202, { 'x-amzn-requestid': id }, ''), operation: op, decision };
  return { response: response(200, headers, JSON.stringify(result.payload)), operation: op, decision };
}

export async function handleLambda(call: ServiceCall, ctx: AwsContext): Promise<Reply> {
  const id = ctx.requestId();
  const m = INVOKE_RE.exec(call.request.path);
  if (!m || call.request.method !== 'POST')
    return {
      response: lambdaError('UnknownOperationException', 'Unknown operation', id, 404),
      operation: 'Unknown',
    };
  if (!call.caller)
    return {
      response: lambdaError('MissingAuthenticationTokenException', 'Missing Authentication Token', id, 403),
      operation: 'Invoke',
    };
  return invoke(call, ctx, m[1]!);
}

export const lambda: ServiceModule = {
  name: 'lambda',
  protocol: 'rest-json',
  handle: handleLambda,
  authError(kind, detail, ctx) {
    return jsonAuthError(kind, detail, ctx, '1.1');
  },
};

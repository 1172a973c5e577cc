/**
 * The Query protocol's dispatch for IAM and STS: read the parameters, find the operation named
 * by `Action`, run it, and answer `<ActionResponse>` or `<ErrorResponse>`. An operation answers
 * an error by throwing a `Fault`; anything else thrown is a bug, answered as AWS's 500
 * (`ServiceFailure` for IAM, `InternalFailure` for STS) rather than crashing the endpoint.
 */
import type { AwsContext, Principal } from '../context';
import type { CallDecision, CallOptions } from '../authz';
import { authorizeCall } from '../authz';
import type { Note, Reply, ServiceCall } from '../service';
import { queryError, queryParams, queryReply } from '../protocol/query';
import type { XmlNode } from '../protocol/xml';
import { Fault, Input } from './input';

export interface OpContext {
  call: ServiceCall;
  ctx: AwsContext;
  input: Input;
  /** The last decision the engine made for the call (the denying one, when denied). */
  decision?: CallDecision;
  notes: Note[];
}

export type Operation = (x: OpContext) => Promise<XmlNode> | XmlNode;

const VERSIONS = { iam: '2010-05-08', sts: '2011-06-15' } as const;

export async function dispatch(
  service: 'iam' | 'sts',
  ops: Record<string, Operation>,
  call: ServiceCall,
  ctx: AwsContext,
): Promise<Reply> {
  const requestId = ctx.requestId();
  const params = queryParams(call.request);
  const action = params.get('Action') ?? '';
  const op = Object.prototype.hasOwnProperty.call(ops, action) ? ops[action] : undefined;
  if (!op) {
    const message = action
      ? `Could not find operation ${action} for version ${VERSIONS[service]}`
      : 'The request must contain the parameter Action.';
    return {
      operation: 'Unknown',
      response: queryError(service, action ? 'InvalidAction' : 'MissingAction', message, requestId),
    };
  }
  const x: OpContext = { call, ctx, input: new Input(params), notes: [] };
  try {
    const result = await op(x);
    return {
      operation: action,
      response: queryReply(service, action, result, requestId),
      decision: x.decision,
      notes: x.notes,
    };
  } catch (e) {
    if (e instanceof Fault) {
      const type = e.status >= 500 ? 'Receiver' : 'Sender';
      return {
        operation: action,
        response: queryError(service, e.code, e.message, requestId, e.status, type),
        decision: x.decision,
        notes: x.notes,
      };
    }
    return {
      operation: action,
      response: queryError(
        service,
        service === 'iam' ? 'ServiceFailure' : 'InternalFailure',
        'The request processing has failed because of an unknown error, exception or failure.',
        requestId,
        500,
        'Receiver',
      ),
      decision: x.decision,
      notes: [{ kind: 'info', message: `internal error: ${String(e)}` }],
    };
  }
}

/** The caller of a signed operation; an unsigned request is refused as AWS refuses it. */
export function signedCaller(x: OpContext): Principal {
  const caller = x.call.caller;
  if (!caller) throw new Fault('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  return caller;
}

/** Asks the engine; a denial answers `AccessDenied` (403) with the engine's message. */
export function authorize(x: OpContext, action: string, resource: string, options?: CallOptions): CallDecision {
  const d = authorizeCall(x.ctx, x.call, action, resource, options);
  x.decision = d;
  if (!d.allowed) throw new Fault('AccessDenied', d.message, 403);
  return d;
}

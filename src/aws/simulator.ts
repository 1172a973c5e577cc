/**
 * One endpoint for every simulated service: route the request, authenticate its signature, hand
 * it to the service, and record the exchange (request, response, operation, caller, the engine's
 * decision, notes). Requests are handled one at a time, in arrival order, so concurrent clients
 * never lose a write. `iamplay serve` and the worker both drive this class.
 */
import type { ManagedPolicy } from '../world/types';
import type { HttpRequest, HttpResponse } from './http';
import type { AwsContext } from './context';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { Random } from './random';
import { secureRandom, uuid } from './random';
import type { AwsState } from './state';
import type { Note, ServiceModule, ServiceName } from './service';
import type { CallDecision } from './authz';
import { route } from './router';
import { authenticateSync } from './auth/authenticate';
import { queryError } from './protocol/query';
import { jsonError } from './protocol/json';
import { s3Error } from './protocol/rest-xml';
import { iam } from './iam';
import { sts } from './sts';
import { cognitoIdp } from './cognito-idp';
import { cognitoIdentity } from './cognito-identity';
import { s3 } from './s3';
import { dynamodb } from './dynamodb';
import { lambda } from './lambda';

export const SERVICES: Record<ServiceName, ServiceModule> = {
  iam,
  sts,
  'cognito-idp': cognitoIdp,
  'cognito-identity': cognitoIdentity,
  s3,
  dynamodb,
  lambda,
};

export interface Exchange {
  request: HttpRequest;
  response: HttpResponse;
  service: ServiceName;
  operation: string;
  /** The caller's ARN, `anonymous` for an unsigned call. */
  caller: string;
  decision?: CallDecision;
  notes: Note[];
  /** When the call was answered (simulated clock). */
  at: number;
  /**
   * Whether the call may have changed the state: the world was replaced, or the method writes
   * (anything but GET and HEAD: runtime records such as sessions change in place). `serve --state`
   * saves after such calls.
   */
  changed: boolean;
  /** The exception a handler threw (answered as a 500), for the log. */
  failure?: string;
}

export interface SimulatorInit {
  state: AwsState;
  clock?: Clock;
  random?: Random;
  region?: string;
  managedPolicy?: (arn: string) => ManagedPolicy | undefined;
  /** How many exchanges `history` keeps (default 200). */
  historySize?: number;
}

export interface Transport {
  sourceIp?: string;
  secure?: boolean;
}

/** The 500 a service answers when something failed inside it, in its own error shape. */
export function internalError(name: ServiceName, ctx: AwsContext, req: HttpRequest): HttpResponse {
  const id = ctx.requestId();
  switch (name) {
    case 'iam':
    case 'sts':
      return queryError(
        name,
        'InternalFailure',
        'The request processing has failed because of an unknown error, exception or failure.',
        id,
        500,
        'Receiver',
      );
    case 'dynamodb':
      return jsonError('com.amazonaws.dynamodb.v20120810#InternalServerError', 'Internal server error', id, 500, '1.0');
    case 'lambda':
      return jsonError('ServiceException', 'An internal error occurred.', id, 500, '1.1');
    case 'cognito-idp':
    case 'cognito-identity':
      return jsonError('InternalErrorException', 'An internal error occurred.', id, 500, '1.1');
    case 's3':
      return s3Error('InternalError', 'We encountered an internal error. Please try again.', id, 500, {}, req.method);
  }
}

/** The answer to a body over the limit, in the service's error shape (S3 `EntityTooLarge`, others 413). */
export function entityTooLarge(
  name: ServiceName,
  ctx: AwsContext,
  req: HttpRequest,
  size: number,
  limit: number,
): HttpResponse {
  const id = ctx.requestId();
  const message = 'Problems with the request at the HTTP level. The request entity is too large.';
  switch (name) {
    case 'iam':
    case 'sts':
      return queryError(name, 'RequestEntityTooLarge', message, id, 413);
    case 'dynamodb':
      return jsonError('RequestEntityTooLargeException', message, id, 413, '1.0');
    case 'lambda':
      return jsonError('RequestTooLargeException', message, id, 413, '1.1');
    case 'cognito-idp':
    case 'cognito-identity':
      return jsonError('RequestEntityTooLargeException', message, id, 413, '1.1');
    case 's3':
      return s3Error(
        'EntityTooLarge',
        'Your proposed upload exceeds the maximum allowed object size.',
        id,
        400,
        { ProposedSize: String(size), MaxSizeAllowed: String(limit) },
        req.method,
      );
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

export class Simulator {
  readonly ctx: AwsContext;
  /** The last exchanges, oldest first. */
  readonly history: Exchange[] = [];
  private readonly historySize: number;
  private readonly listeners: ((x: Exchange) => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(init: SimulatorInit) {
    const random = init.random ?? secureRandom;
    this.historySize = init.historySize ?? 200;
    this.ctx = {
      state: init.state,
      clock: init.clock ?? systemClock,
      random,
      region: init.region ?? 'us-east-1',
      managedPolicy: init.managedPolicy,
      requestId: () => uuid(random),
    };
  }

  get state(): AwsState {
    return this.ctx.state;
  }

  /** Calls `listener` with every exchange once it is answered; returns a function that stops it. */
  onExchange(listener: (x: Exchange) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Answers one request; requests are answered one at a time in arrival order. */
  handle(req: HttpRequest, transport: Transport = {}): Promise<Exchange> {
    const run = this.queue.then(() => this.answer(req, transport)).then((x) => this.record(x));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Refuses a request whose body is over `limit` bytes without reading it (`body` may be empty). */
  refuseTooLarge(req: HttpRequest, size: number, limit: number): Promise<Exchange> {
    const run = this.queue.then(() => {
      const name = safeRoute(req);
      const response = entityTooLarge(name, this.ctx, req, size, limit);
      return this.record({
        request: req,
        response,
        service: name,
        operation: 'Unknown',
        caller: 'anonymous',
        notes: [],
        at: this.ctx.clock.now(),
        changed: false,
      });
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private record(x: Exchange): Exchange {
    this.history.push(x);
    if (this.history.length > this.historySize) this.history.splice(0, this.history.length - this.historySize);
    for (const l of [...this.listeners]) {
      try {
        l(x);
      } catch {
        // A listener's failure is its own.
      }
    }
    return x;
  }

  private async answer(req: HttpRequest, transport: Transport): Promise<Exchange> {
    const ctx = this.ctx;
    const name = safeRoute(req);
    const service = SERVICES[name];
    const worldBefore = ctx.state.world;
    const at = ctx.clock.now();
    const writes = req.method !== 'GET' && req.method !== 'HEAD';
    try {
      const auth = authenticateSync(req, ctx);
      if (auth.kind === 'error') {
        const response = service.authError(auth.error, auth.detail, ctx, req, auth.facts);
        return {
          request: req,
          response,
          service: name,
          operation: 'Unknown',
          caller: 'anonymous',
          notes: [],
          at,
          changed: false,
        };
      }
      const caller = auth.kind === 'signed' ? auth.caller : undefined;
      const region = auth.kind === 'signed' ? auth.region : ctx.region;
      const reply = await service.handle(
        {
          request: req,
          caller,
          region,
          sourceIp: transport.sourceIp ?? '127.0.0.1',
          secure: transport.secure ?? false,
        },
        ctx,
      );
      return {
        request: req,
        response: reply.response,
        service: name,
        operation: reply.operation,
        caller: caller?.arn ?? 'anonymous',
        decision: reply.decision,
        notes: reply.notes ?? [],
        at,
        changed: writes || ctx.state.world !== worldBefore,
      };
    } catch (e) {
      return {
        request: req,
        response: internalError(name, ctx, req),
        service: name,
        operation: 'Unknown',
        caller: 'anonymous',
        notes: [],
        at,
        changed: writes || ctx.state.world !== worldBefore,
        failure: describe(e),
      };
    }
  }
}

/** The service of a request; a request the router cannot read goes to S3 (which answers anything). */
function safeRoute(req: HttpRequest): ServiceName {
  try {
    return route(req);
  } catch {
    return 's3';
  }
}

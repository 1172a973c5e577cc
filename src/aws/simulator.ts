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
import { authenticate } from './auth/authenticate';
import { iam } from './iam';
import { sts } from './sts';
import { cognitoIdp } from './cognito-idp';
import { cognitoIdentity } from './cognito-identity';
import { s3 } from './s3';
import { dynamodb } from './dynamodb';

export const SERVICES: Record<ServiceName, ServiceModule> = {
  iam,
  sts,
  'cognito-idp': cognitoIdp,
  'cognito-identity': cognitoIdentity,
  s3,
  dynamodb,
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
}

export interface SimulatorInit {
  state: AwsState;
  clock?: Clock;
  random?: Random;
  region?: string;
  managedPolicy?: (arn: string) => ManagedPolicy | undefined;
}

export interface Transport {
  sourceIp?: string;
  secure?: boolean;
}

export class Simulator {
  readonly ctx: AwsContext;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(init: SimulatorInit) {
    const random = init.random ?? secureRandom;
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

  /** Answers one request; requests are answered one at a time in arrival order. */
  handle(req: HttpRequest, transport: Transport = {}): Promise<Exchange> {
    const run = this.queue.then(() => this.answer(req, transport));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async answer(req: HttpRequest, transport: Transport): Promise<Exchange> {
    const ctx = this.ctx;
    const name = route(req);
    const service = SERVICES[name];
    const auth = await authenticate(req, ctx);
    const at = ctx.clock.now();
    if (auth.kind === 'error') {
      const response = service.authError(auth.error, auth.detail, ctx, req);
      return { request: req, response, service: name, operation: 'Unknown', caller: 'anonymous', notes: [], at };
    }
    const caller = auth.kind === 'signed' ? auth.caller : undefined;
    const region = auth.kind === 'signed' ? auth.region : ctx.region;
    const reply = await service.handle(
      { request: req, caller, region, sourceIp: transport.sourceIp ?? '127.0.0.1', secure: transport.secure ?? false },
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
    };
  }
}

/**
 * A run's own services: a simulator over a copy of the world, a seeded random source and a
 * simulated clock, so a run is fixed by its flow, options and seed. Step implementations talk to
 * the services only through `send` (the simulator) and `record` (parties it does not route).
 */
import type { World, ManagedPolicy } from '../world/types';
import { Simulator } from '../aws/simulator';
import { newState } from '../aws/state';
import type { AwsState } from '../aws/state';
import { SimClock } from '../aws/clock';
import { seededRandom, uuid } from '../aws/random';
import { COGNITO_IDENTITY_ISSUER, signingKey } from '../aws/signing-keys';
import { accessKeyIssuer, idKeyIssuer } from '../aws/cognito-idp/tokens';
import type { SigningKey } from '../aws/signing-keys';
import type { HttpRequest } from '../aws/http';
import { exchangeView } from '../aws/view';
import type { FlowEnv, FlowExchange, FlowOptions } from './types';

/** When every run starts on the simulated clock: 1 December 2026, 09:00 UTC. */
export const FLOW_EPOCH = Date.UTC(2026, 11, 1, 9, 0, 0);
/** How long one exchange takes on the simulated clock (a round trip in the same region). */
export const EXCHANGE_MS = 120;

export interface EnvInit {
  world: World;
  seed: string;
  options: FlowOptions;
  managedPolicy?: (arn: string) => ManagedPolicy | undefined;
  /** Signing keys to reuse (issuer → key): RSA keys are slow to make, and the same keys make the same tokens. */
  keys?: Record<string, SigningKey>;
  region?: string;
  /** The clock (default: a simulated one at `FLOW_EPOCH`). */
  clock?: SimClock;
  /**
   * Where requests go instead of the run's own simulator (an `iamplay serve` endpoint over HTTP,
   * say): the same steps then talk to other services, and only what crosses the wire is seen.
   */
  transport?: (req: HttpRequest) => Promise<FlowExchange>;
}

export interface RunEnv extends FlowEnv {
  /** Every exchange so far, in order. */
  readonly exchanges: FlowExchange[];
  /** The signing keys the run made or reused (to hand to the next run). */
  readonly keys: Record<string, SigningKey>;
}

/**
 * Makes the token signing keys the run may need before it starts (each user pool's two keys, the
 * identity pools' key), drawing their ids from a random source of their own: a run then draws the
 * same values whether its keys were made now or reused from an earlier run.
 */
export async function prepareKeys(env: RunEnv, seed: string): Promise<void> {
  const random = seededRandom(`keys:${seed}`);
  const ctx = { state: env.state, clock: env.clock, random, region: env.region, requestId: () => uuid(random) };
  const issuers = (env.state.world.userPools ?? []).flatMap((p) => [idKeyIssuer(p.id), accessKeyIssuer(p.id)]);
  if (env.state.world.identityPools?.length) issuers.push(COGNITO_IDENTITY_ISSUER);
  for (const issuer of issuers) if (!env.state.keys[issuer]) await signingKey(ctx, issuer);
}

export function createEnv(init: EnvInit): RunEnv {
  const state: AwsState = newState(init.world);
  if (init.keys) state.keys = { ...init.keys };
  const clock = init.clock ?? new SimClock(FLOW_EPOCH);
  const random = seededRandom(init.seed);
  const region = init.region ?? 'us-east-1';
  const sim = new Simulator({ state, clock, random, region, managedPolicy: init.managedPolicy });
  const exchanges: FlowExchange[] = [];
  const switches = new Set(init.options.switches ?? []);
  const env: RunEnv = {
    state,
    clock,
    random,
    region,
    options: init.options,
    managedPolicy: init.managedPolicy,
    exchanges,
    get keys() {
      return state.keys;
    },
    async send(req: HttpRequest): Promise<FlowExchange> {
      const v = init.transport ? await init.transport(req) : (exchangeView(await sim.handle(req)) as FlowExchange);
      clock.advance(EXCHANGE_MS);
      exchanges.push(v);
      return v;
    },
    record(x: FlowExchange): FlowExchange {
      clock.advance(EXCHANGE_MS);
      exchanges.push(x);
      return x;
    },
    on(id: string): boolean {
      return switches.has(id);
    },
  };
  return env;
}

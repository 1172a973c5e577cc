/**
 * For unit tests of the services: a context over a world with a simulated clock and a seeded
 * random source, and a call as a given principal (SigV4 is checked before `handle`, so a handler's
 * tests name the caller directly).
 */
import type { World } from '../world/types';
import { defaultWorld } from '../world/default-world';
import type { AwsContext, Principal } from './context';
import { SimClock } from './clock';
import { seededRandom, uuid } from './random';
import { newState } from './state';
import type { HttpRequest } from './http';
import type { ServiceCall } from './service';

export function testContext(world: World = defaultWorld(), seed = 'test'): AwsContext & { clock: SimClock } {
  const random = seededRandom(seed);
  return {
    state: newState(world),
    clock: new SimClock(Date.UTC(2026, 0, 1, 12, 0, 0)),
    random,
    region: 'us-east-1',
    requestId: () => uuid(random),
  };
}

/** A principal for an IAM user of the world (`arn:aws:iam::ACCT:user/NAME`). */
export function userPrincipal(account: string, name: string, accessKeyId = 'AKIAIOSFODNN7EXAMPLE'): Principal {
  return {
    kind: 'user',
    arn: `arn:aws:iam::${account}:user/${name}`,
    account,
    userId: `AIDA${name.toUpperCase()}`,
    accessKeyId,
  };
}

export function call(request: HttpRequest, caller?: Principal): ServiceCall {
  return { request, caller, region: 'us-east-1', sourceIp: '127.0.0.1', secure: false };
}

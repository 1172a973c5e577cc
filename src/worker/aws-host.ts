/**
 * The simulated AWS services inside the worker: the app's flows send the same HTTP requests the
 * real SDK sends (signed with `signRequest` of `src/aws/auth/sigv4.ts`), and get back the exchange as `iamplay serve` would
 * answer it, over the Account's world. What crosses to the page is plain data: the engine's
 * decision keeps its verdicts, message and trace, not the compiled policies it decided with.
 */
import type { World } from '../world/types';
import type { ManagedPolicy } from '../world/types';
import { Simulator } from '../aws/simulator';
import { exchangeView } from '../aws/view';
import type { ExchangeView } from '../aws/view';
import { newState } from '../aws/state';
import { ensureAdmin } from '../aws/admin';
import type { HttpRequest } from '../aws/http';
import type { Answer } from '../workbench/types';

export type { DecisionView, ExchangeView } from '../aws/view';

export interface AwsStarted {
  accountId: string;
  /** The administrator's long-term key (created in the world when it had none). */
  admin: { userName: string; accessKeyId: string; secretAccessKey: string };
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export type AwsHost = ReturnType<typeof awsHost>;

export function awsHost(managed: () => Promise<(arn: string) => ManagedPolicy | undefined>) {
  let sim: Simulator | undefined;
  return {
    /** Starts the services over a copy of the world; the previous run's sessions and codes are gone. */
    async start(world: World): Promise<Answer<AwsStarted>> {
      try {
        sim = new Simulator({ state: newState(structuredClone(world)), managedPolicy: await managed() });
        const admin = ensureAdmin(sim.ctx);
        return { ok: true, value: { accountId: sim.state.world.accounts[0]!.id, admin } };
      } catch (e) {
        return { ok: false, errors: [errorText(e)] };
      }
    },
    /** Answers one request as the endpoint would. */
    async call(req: HttpRequest): Promise<Answer<ExchangeView>> {
      if (!sim) return { ok: false, errors: ['the simulated services are not started'] };
      try {
        return { ok: true, value: exchangeView(await sim.handle(req)) };
      } catch (e) {
        return { ok: false, errors: [errorText(e)] };
      }
    },
    /** The world as the services have changed it. */
    world(): Answer<World> {
      return sim
        ? { ok: true, value: sim.state.world }
        : { ok: false, errors: ['the simulated services are not started'] };
    },
  };
}

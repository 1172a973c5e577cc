/**
 * The simulated AWS services inside the worker: the app's flows send the same HTTP requests the
 * real SDK sends (signed with `signRequest` of `src/aws/auth/sigv4.ts`), and get back the exchange as `iamplay serve` would
 * answer it, over the Account's world. What crosses to the page is plain data: the engine's
 * decision keeps its verdicts, message and trace, not the compiled policies it decided with.
 */
import type { World } from '../world/types';
import type { ManagedPolicy } from '../world/types';
import { Simulator } from '../aws/simulator';
import type { Exchange } from '../aws/simulator';
import { newState } from '../aws/state';
import { ensureAdmin } from '../aws/admin';
import type { HttpRequest } from '../aws/http';
import type { Answer } from '../workbench/types';
import type { Decision, Verdict } from '../engine/decision/types';
import type { PolicyType } from '../engine/model';
import type { TraceEvent } from '../engine/trace';

export interface DecisionView {
  principal: string;
  action: string;
  resource: string;
  allowed: boolean;
  decision: Decision | 'Error';
  message: string;
  deniedBy?: PolicyType;
  byPolicyType?: Partial<Record<PolicyType, Verdict>>;
  trace?: TraceEvent[];
}

export type ExchangeView = Omit<Exchange, 'decision'> & { decision?: DecisionView };

export interface AwsStarted {
  accountId: string;
  /** The administrator's long-term key (created in the world when it had none). */
  admin: { userName: string; accessKeyId: string; secretAccessKey: string };
}

function view(x: Exchange): ExchangeView {
  const { decision, ...rest } = x;
  if (!decision) return rest;
  const a = decision.authorized;
  const d: DecisionView = {
    principal: decision.principal,
    action: decision.action,
    resource: decision.resource,
    allowed: decision.allowed,
    decision: decision.decision,
    message: decision.message,
  };
  if (a) {
    if (a.deniedBy) d.deniedBy = a.deniedBy;
    d.byPolicyType = a.byPolicyType;
    d.trace = a.trace;
  }
  return { ...rest, decision: d };
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
        return { ok: true, value: view(await sim.handle(req)) };
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

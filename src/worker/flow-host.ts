/**
 * Flows inside the worker: a run over the Account's world, returned whole (every step with its
 * exchanges, tokens and decisions), so the page steps back and forth without asking again. RSA
 * signing keys are kept between runs: they are slow to make, and the same keys give the same
 * tokens, so a replay shows the same bytes.
 */
import type { World, ManagedPolicy } from '../world/types';
import type { Answer } from '../workbench/types';
import type { FlowOptions, FlowRun } from '../flows/types';
import type { SigningKey } from '../aws/signing-keys';
import { flowById } from '../flows/registry';
import { runFlow } from '../flows/runner';

export interface FlowRunRequest {
  flowId: string;
  world: World;
  seed: string;
  options?: FlowOptions;
  /** The step events chosen (a link's event log). */
  events?: string[];
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function flowHost(managed: () => Promise<(arn: string) => ManagedPolicy | undefined>) {
  const keys: Record<string, SigningKey> = {};
  return {
    async run(req: FlowRunRequest): Promise<Answer<FlowRun>> {
      const flow = flowById(String(req.flowId));
      if (!flow) return { ok: false, errors: [`there is no flow \`${String(req.flowId).slice(0, 80)}\``] };
      try {
        const r = await runFlow({
          flow,
          world: req.world,
          seed: String(req.seed).slice(0, 64),
          options: req.options ?? {},
          events: (req.events ?? []).slice(0, 100).map(String),
          managedPolicy: await managed(),
          keys,
        });
        Object.assign(keys, r.keys);
        return { ok: true, value: r.run };
      } catch (e) {
        return { ok: false, errors: [errorText(e)] };
      }
    },
  };
}

export type FlowHost = ReturnType<typeof flowHost>;

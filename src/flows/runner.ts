/**
 * Runs a flow: its machine as an XState actor, its steps against the run's own services. The
 * machine says which steps may come next (`meta.steps`); the runner takes the learner's choice
 * from the event log (or the default), runs that step's implementation, and sends the machine
 * the step event with its outcome. The diagram's steps come from the actor's inspection events.
 * Same flow, options, seed and event log: the same run.
 */
import { createActor } from 'xstate';
import type { AnyMachineSnapshot } from 'xstate';
import type { World, ManagedPolicy } from '../world/types';
import type { SigningKey } from '../aws/signing-keys';
import type { AwsState } from '../aws/state';
import type { FlowContext, FlowDefinition, FlowOptions, FlowRun } from './types';
import { createEnv, prepareKeys } from './env';
import type { EnvInit } from './env';
import { StepRecorder, stateName, stepsOf } from './adapter';

export interface RunInput {
  flow: FlowDefinition;
  /** The Account's world (not changed: the run works on a copy). */
  world: World;
  seed: string;
  options?: FlowOptions;
  /** The step events chosen so far, in order; where it ends, each state's default is taken. */
  events?: string[];
  /** Stop after this many steps (default: run to the end, at most `MAX_STEPS`). */
  stopAfter?: number;
  managedPolicy?: (arn: string) => ManagedPolicy | undefined;
  keys?: Record<string, SigningKey>;
  /** Another clock and transport for the requests (see `EnvInit`): a run against `iamplay serve`. */
  clock?: EnvInit['clock'];
  transport?: EnvInit['transport'];
}

export const MAX_STEPS = 60;

export interface RunResult {
  run: FlowRun;
  /** The signing keys of the run, to reuse in the next (same keys, same token bytes). */
  keys: Record<string, SigningKey>;
  /** The services' state at the end (the run's world, its sessions), for tests that ask again. */
  state: AwsState;
  /** The simulated time at the end (ms). */
  now: number;
}

export class FlowRunError extends Error {}

export async function runFlow(input: RunInput): Promise<RunResult> {
  const { flow } = input;
  const options: FlowOptions = {
    ...(input.options?.variant ? { variant: input.options.variant } : {}),
    switches: [...(input.options?.switches ?? [])].filter((s) => flow.switches.some((w) => w.id === s)).sort(),
  };
  if (options.variant !== undefined && !flow.variants.some((v) => v.id === options.variant))
    throw new FlowRunError(`the flow \`${flow.id}\` has no variant \`${options.variant}\``);
  const base = structuredClone(input.world);
  const prepared = flow.prepare ? flow.prepare(base, options) : { world: base, changes: [] };
  const env = createEnv({
    world: prepared.world,
    seed: input.seed,
    options,
    managedPolicy: input.managedPolicy,
    keys: input.keys,
    clock: input.clock,
    transport: input.transport,
  });
  if (!input.transport) await prepareKeys(env, input.seed);
  const recorder = new StepRecorder(flow.parties, () => env.clock.now());
  const actor = createActor(flow.machine, { inspect: recorder.inspect });
  actor.start();
  actor.send({ type: 'flow.start', options });
  const chosen: string[] = [];
  const limit = Math.min(input.stopAfter ?? MAX_STEPS, MAX_STEPS);
  let snap = actor.getSnapshot() as AnyMachineSnapshot;
  while (snap.status === 'active' && chosen.length < limit) {
    const steps = stepsOf(snap);
    if (steps.length === 0) break;
    const wanted = input.events?.[chosen.length];
    const type = wanted !== undefined && steps.includes(wanted) ? wanted : steps[0]!;
    const impl = flow.steps[type];
    if (!impl) throw new FlowRunError(`the flow \`${flow.id}\` has no implementation for the step \`${type}\``);
    const output = await impl(snap.context as FlowContext, env);
    const allowed = flow.outcomes[type] ?? [];
    if (!allowed.includes(output.outcome))
      throw new FlowRunError(
        `the step \`${type}\` of \`${flow.id}\` reported \`${output.outcome}\`, not one of ${allowed.join(', ')}`,
      );
    chosen.push(type);
    actor.send({ type, outcome: output.outcome, output });
    snap = actor.getSnapshot() as AnyMachineSnapshot;
  }
  actor.stop();
  const steps = await recorder.settle();
  const failed = Boolean((snap.context as FlowContext).error);
  return {
    run: {
      flow: { id: flow.id, version: flow.version, title: flow.title },
      seed: input.seed,
      options,
      parties: flow.parties,
      steps,
      changes: prepared.changes,
      events: chosen,
      final: { state: stateName(snap), status: snap.status === 'done' ? (failed ? 'failed' : 'done') : 'stopped' },
    },
    keys: env.keys,
    state: env.state,
    now: env.clock.now(),
  };
}

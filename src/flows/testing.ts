/**
 * The checks every flow's tests run: `xstate/graph` enumerates the machine's paths from
 * `flow.start` to a final state (events from each state's `meta.steps`, outcomes from
 * `flow.outcomes`), and real runs against the services, for every variant and every break-it
 * switch, must each follow one of those paths to a final state, and together cover them all.
 */
import { getSimplePaths } from 'xstate/graph';
import type { AnyMachineSnapshot } from 'xstate';
import type { World } from '../world/types';
import type { SigningKey } from '../aws/signing-keys';
import { managedPolicyLookup } from '../world/managed';
import { loadManagedPolicies } from '../catalog';
import type { FlowDefinition, FlowOptions, FlowRun } from './types';
import { runFlow } from './runner';
import { stepsOf } from './adapter';

/** A path as `event:outcome` items, e.g. `idpool.getId:ok`. */
export type PathKey = string;

/**
 * Every path of the machine from `flow.start` to a final state. `flow.start` is tried with no
 * options and with each variant, so a machine may route on the `variant` guard.
 */
export function machinePaths(flow: FlowDefinition): PathKey[] {
  const paths = getSimplePaths(flow.machine, {
    events: (snapshot: AnyMachineSnapshot) =>
      snapshot.status !== 'active'
        ? []
        : snapshot.value === 'idle'
          ? [
              { type: 'flow.start', options: {} },
              ...flow.variants.map((v) => ({ type: 'flow.start', options: { variant: v.id } })),
            ]
          : stepsOf(snapshot).flatMap((type) => (flow.outcomes[type] ?? []).map((outcome) => ({ type, outcome }))),
  } as never);
  const keys = new Set<PathKey>();
  for (const p of paths) {
    if ((p.state as AnyMachineSnapshot).status !== 'done') continue;
    keys.add(
      p.steps
        .map((s) => s.event as { type: string; outcome?: string })
        .filter((e) => e.type !== 'flow.start' && e.type !== 'xstate.init')
        .map((e) => `${e.type}:${e.outcome}`)
        .join(' → '),
    );
  }
  return [...keys].sort();
}

/** The path a run took. */
export function runPath(run: FlowRun): PathKey {
  return run.steps.map((s) => `${s.event}:${s.outcome}`).join(' → ');
}

/** The option sets the tests try: each variant (or none) alone and with each switch. */
export function optionSets(flow: FlowDefinition): FlowOptions[] {
  const variants = flow.variants.length ? flow.variants.map((v) => v.id) : [undefined];
  const out: FlowOptions[] = [];
  for (const variant of variants) {
    out.push(variant ? { variant } : {});
    for (const s of flow.switches) out.push({ ...(variant ? { variant } : {}), switches: [s.id] });
  }
  return out;
}

const keyCache: Record<string, SigningKey> = {};
let managed: ReturnType<typeof managedPolicyLookup> | undefined;

/** A run for tests: managed policies from the catalogue, RSA keys shared across runs (they are slow to make). */
export async function testRun(
  flow: FlowDefinition,
  world: World,
  options: FlowOptions = {},
  events?: string[],
  seed = 'test',
): Promise<FlowRun> {
  managed ??= managedPolicyLookup(await loadManagedPolicies());
  const r = await runFlow({ flow, world, seed, options, events, managedPolicy: managed, keys: keyCache });
  Object.assign(keyCache, r.keys);
  return r.run;
}

export interface Coverage {
  paths: PathKey[];
  runs: { options: FlowOptions; events: string[]; path: PathKey; final: FlowRun['final'] }[];
  /** Machine paths no run took. */
  missed: PathKey[];
  /** Runs whose path is not a machine path (should never happen). */
  strays: PathKey[];
}

/** How many steps two paths share from their start. */
function sharedSteps(a: PathKey, b: PathKey): number {
  const x = a.split(' → ');
  const y = b.split(' → ');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/**
 * The option sets, those whose runs so far came nearest to `path` first (stable otherwise): the
 * variant whose default run shares a path's start is the likeliest to take it.
 */
function byNearestRun(sets: FlowOptions[], runs: Coverage['runs'], path: PathKey): FlowOptions[] {
  const near = (o: FlowOptions) =>
    Math.max(
      0,
      ...runs.filter((r) => JSON.stringify(r.options) === JSON.stringify(o)).map((r) => sharedSteps(r.path, path)),
    );
  return sets
    .map((o, i) => ({ o, i, n: near(o) }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map((e) => e.o);
}

/**
 * Runs every option set with the default choices, then, for each path not yet taken, tries the
 * path's own step choices under every option set (nearest first).
 */
export async function coverage(flow: FlowDefinition, world: World): Promise<Coverage> {
  const paths = machinePaths(flow);
  const runs: Coverage['runs'] = [];
  const taken = new Set<PathKey>();
  const record = (options: FlowOptions, run: FlowRun) => {
    const path = runPath(run);
    runs.push({ options, events: run.events, path, final: run.final });
    taken.add(path);
  };
  for (const options of optionSets(flow)) record(options, await testRun(flow, world, options));
  for (const p of paths) {
    if (taken.has(p)) continue;
    const events = p.split(' → ').map((s) => s.slice(0, s.lastIndexOf(':')));
    for (const options of byNearestRun(optionSets(flow), runs, p)) {
      const run = await testRun(flow, world, options, events);
      record(options, run);
      if (taken.has(p)) break;
    }
  }
  return {
    paths,
    runs,
    missed: paths.filter((p) => !taken.has(p)),
    strays: [...taken].filter((p) => !paths.includes(p)),
  };
}

/**
 * The setup every flow machine is made from: its context and events, and the three actions and
 * guards all flows share. A flow writes only its states:
 *
 * ```ts
 * flowSetup.createMachine({
 *   id: 'x', initial: 'idle', context: initialContext,
 *   states: {
 *     idle: { on: { 'flow.start': { target: 'ready', actions: 'start' } } },
 *     ready: {
 *       meta: { steps: ['idpool.getId'] },
 *       on: { 'idpool.getId': [ok('identified'), failed()] },
 *     },
 *     …
 *     done: { type: 'final' },
 *     failed: { type: 'final' },
 *   },
 * })
 * ```
 */
import { assign, setup } from 'xstate';
import type { FlowContext, FlowEvent, StepOutput } from './types';

type StepEvent = { type: string; outcome: string; output?: StepOutput };

function stepEvent(e: FlowEvent): StepEvent | undefined {
  return 'outcome' in e ? e : undefined;
}

export const flowSetup = setup({
  types: { context: {} as FlowContext, events: {} as FlowEvent },
  actions: {
    /** Keeps the options `flow.start` carries. */
    start: assign(({ event }) =>
      event.type === 'flow.start' && 'options' in event ? { options: event.options, data: {} } : {},
    ),
    /** Merges the step's `data` into the context. */
    keep: assign(({ context, event }) => {
      const data = stepEvent(event)?.output?.data;
      return data ? { data: { ...context.data, ...data } } : {};
    }),
    /** Keeps the step's error (the run ends in `failed`). */
    fail: assign(({ context, event }) => {
      const e = stepEvent(event);
      const data = e?.output?.data;
      return {
        error: e?.output?.error ?? { code: e?.outcome ?? 'Error', message: '', step: e?.type ?? '' },
        ...(data ? { data: { ...context.data, ...data } } : {}),
      };
    }),
  },
  guards: {
    /** The step reported this outcome. */
    outcome: ({ event }, params: { is: string }) => stepEvent(event)?.outcome === params.is,
    /** The run was started with this variant. */
    variant: ({ context }, params: { is: string }) => context.options.variant === params.is,
    /** This break-it switch is on. */
    switchOn: ({ context }, params: { is: string }) => (context.options.switches ?? []).includes(params.is),
  },
});

export const initialContext: FlowContext = { options: {}, data: {} };

/** The transition for a step that reported `outcome`: keep its data and go to `target`. */
export function on(outcome: string, target: string) {
  return { guard: { type: 'outcome' as const, params: { is: outcome } }, target, actions: 'keep' as const };
}

/** The transition for a step that reported `error` (or `outcome`): keep the error and go to `failed`. */
export function failed(outcome = 'error', target = 'failed') {
  return { guard: { type: 'outcome' as const, params: { is: outcome } }, target, actions: 'fail' as const };
}

/**
 * The one place that reads XState's inspection events: a step of the sequence diagram is the
 * root actor's snapshot after a step event, with the event's output (its exchanges, tokens,
 * credentials, decision). XState 6 renames these events; only this file changes then.
 */
import type { InspectionEvent, AnyMachineSnapshot } from 'xstate';
import type { FlowExchange, FlowMessage, FlowStep, Party, PartyId, StepOutput } from './types';
import { requestView, responseView, statusText } from './http-view';
import { tokenView } from './tokens';
import { errorOf } from './wire';

/** Which lifeline answers an exchange. */
export function partyOf(x: FlowExchange): PartyId {
  switch (x.service) {
    case 'cognito-idp':
      return 'user-pool';
    case 'cognito-identity':
      return 'identity-pool';
    case 'ec2-metadata':
      return 'imds';
    default:
      return x.service;
  }
}

/** The state value as a dotted path (`signIn.challenged`). */
export function stateName(snapshot: AnyMachineSnapshot): string {
  const walk = (v: unknown): string =>
    typeof v === 'string'
      ? v
      : Object.entries(v as Record<string, unknown>)
          .map(([k, sub]) => `${k}.${walk(sub)}`)
          .join(',');
  return walk(snapshot.value);
}

/** The step events the current state accepts, from its states' `meta.steps` (default first). */
export function stepsOf(snapshot: AnyMachineSnapshot): string[] {
  const out: string[] = [];
  for (const meta of Object.values(snapshot.getMeta() as Record<string, { steps?: string[] } | undefined>))
    for (const s of meta?.steps ?? []) if (!out.includes(s)) out.push(s);
  return out;
}

function messages(x: FlowExchange, from: PartyId): FlowMessage[] {
  const to = partyOf(x);
  const failed = x.response.status >= 400;
  const err = errorOf(x.response);
  return [
    {
      from,
      to,
      kind: 'request',
      label: `${x.request.method} ${x.operation !== 'Unknown' ? x.operation : x.request.path}`,
      http: requestView(x.request),
      failed: false,
    },
    {
      from: to,
      to: from,
      kind: 'response',
      // An error without an AWS code (the metadata service's HTML pages) is named by its status.
      label: err && !err.code.startsWith('HTTP ') ? `${x.response.status} ${err.code}` : statusText(x.response.status),
      http: responseView(x.response),
      failed,
    },
  ];
}

/** Collects the diagram's steps from the inspection events of one run. */
export class StepRecorder {
  readonly steps: FlowStep[] = [];
  private pending: Promise<void>[] = [];
  private before: string[] = [];

  constructor(
    private readonly parties: Party[],
    private readonly now: () => number,
  ) {}

  /** The `inspect` callback for `createActor`. */
  readonly inspect = (ev: InspectionEvent): void => {
    // Only the flow's own (root) actor draws steps.
    if (ev.type !== '@xstate.snapshot' || ev.rootId !== ev.actorRef.sessionId) return;
    const snapshot = ev.snapshot as AnyMachineSnapshot;
    const event = ev.event as { type: string; outcome?: string; output?: StepOutput };
    if (event.type === 'flow.start' || event.type === 'xstate.init') {
      this.before = stepsOf(snapshot);
      return;
    }
    if (!event.output) return;
    const out = event.output;
    const at = this.now();
    const from = out.from ?? 'app';
    const step: FlowStep = {
      index: this.steps.length,
      event: event.type,
      outcome: event.outcome ?? out.outcome,
      state: stateName(snapshot),
      title: out.title,
      narration: out.narration,
      at,
      messages: out.exchanges.flatMap((x) => messages(x, from)),
      tokens: [],
      facts: out.facts ?? [],
      alternatives: this.before.filter((s) => s !== event.type),
      ...(out.credentials ? { credentials: out.credentials } : {}),
      ...(out.decision ? { decision: out.decision } : {}),
      ...(out.error ? { error: out.error } : {}),
    };
    this.steps.push(step);
    this.before = stepsOf(snapshot);
    if (out.tokens?.length)
      this.pending.push(
        Promise.all(
          out.tokens.map((t) => tokenView(t, at).then((v) => (t.expect ? { ...v, jwks: t.expect.jwks } : v))),
        ).then((views) => {
          step.tokens = views;
        }),
      );
  };

  /** Waits for the token views (their signature checks are asynchronous). */
  async settle(): Promise<FlowStep[]> {
    await Promise.all(this.pending);
    return this.steps;
  }

  get lifelines(): Party[] {
    return this.parties;
  }
}

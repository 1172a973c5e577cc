/**
 * A flow's state in a share link: the flow's id and version, the seed, the options and the event
 * log, and the step shown (not a snapshot of the run: the link replays to the same step on any
 * machine). This file is the pure part: the JSON the link carries and its strict check. The page
 * compresses it into the hash (`src/ui/flows/link-hash.ts`).
 */
import type { FlowInfo } from './catalog-types';
import type { FlowOptions } from './types';

/** The link's own format (bumped when the fields change meaning). */
export const FLOW_LINK_FORMAT = 1;

export interface FlowLink {
  format: number;
  /** The app version that made the link (told, not checked: the flow's version is what matters). */
  app: string;
  flow: string;
  flowVersion: number;
  seed: string;
  options: FlowOptions;
  events: string[];
  /** The step shown, 0-based. */
  step: number;
}

export type LinkCheck = { ok: true; value: FlowLink } | { ok: false; error: string };

export const MAX_LINK_EVENTS = 100;
/** The runner's `MAX_STEPS` (not imported: that would bring XState onto the page; a test keeps them equal). */
export const MAX_LINK_STEPS = 60;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/;
const SEED = /^[A-Za-z0-9._-]{1,64}$/;
const APP = /^[0-9A-Za-z.+-]{1,40}$/;

/** The JSON a link carries for `link` (keys in a fixed order, no empty options). */
export function linkJson(link: FlowLink): FlowLink {
  const options: FlowOptions = {};
  if (link.options.variant) options.variant = link.options.variant;
  if (link.options.switches?.length) options.switches = [...link.options.switches].sort();
  return {
    format: FLOW_LINK_FORMAT,
    app: link.app,
    flow: link.flow,
    flowVersion: link.flowVersion,
    seed: link.seed,
    options,
    events: [...link.events],
    step: link.step,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (v: Record<string, unknown>, keys: string[]) => Object.keys(v).every((k) => keys.includes(k));
const code = (s: string) => `\`${s.slice(0, 80)}\``;

/**
 * Checks what a link carries, strictly: every field of the right type and size, nothing else,
 * a flow this build has at the same version, a variant and switches that flow offers. The
 * errors say plainly what is wrong.
 */
export function checkLink(value: unknown, flows: readonly FlowInfo[]): LinkCheck {
  const bad = (what: string): LinkCheck => ({ ok: false, error: `the link is malformed (${what})` });
  if (!isObject(value)) return bad('not an object');
  if (!onlyKeys(value, ['format', 'app', 'flow', 'flowVersion', 'seed', 'options', 'events', 'step']))
    return bad('unexpected fields');
  const { format, app, flow, flowVersion, seed, options, events, step } = value;
  if (typeof format !== 'number' || !Number.isInteger(format)) return bad('no format');
  if (format > FLOW_LINK_FORMAT) return { ok: false, error: 'the link was made by a newer version of IAM Playground' };
  if (format !== FLOW_LINK_FORMAT) return { ok: false, error: 'the link has an unknown format' };
  if (typeof app !== 'string' || !APP.test(app)) return bad('app version');
  if (typeof flow !== 'string' || !NAME.test(flow)) return bad('flow id');
  if (typeof flowVersion !== 'number' || !Number.isInteger(flowVersion) || flowVersion < 1 || flowVersion > 10_000)
    return bad('flow version');
  if (typeof seed !== 'string' || !SEED.test(seed)) return bad('seed');
  if (!Array.isArray(events) || events.length > MAX_LINK_EVENTS) return bad('events');
  if (!events.every((e): e is string => typeof e === 'string' && NAME.test(e))) return bad('events');
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step >= MAX_LINK_STEPS) return bad('step');
  if (!isObject(options) || !onlyKeys(options, ['variant', 'switches'])) return bad('options');
  const { variant, switches } = options;
  if (variant !== undefined && (typeof variant !== 'string' || !NAME.test(variant))) return bad('variant');
  if (switches !== undefined) {
    if (!Array.isArray(switches) || switches.length > 20) return bad('switches');
    if (!switches.every((s): s is string => typeof s === 'string' && NAME.test(s))) return bad('switches');
  }

  const info = flows.find((f) => f.id === flow);
  if (!info)
    return { ok: false, error: `the link names a flow this version of IAM Playground does not have: ${code(flow)}` };
  if (flowVersion > info.version)
    return {
      ok: false,
      error: `the link was made with a newer version of the flow “${info.title}” (version ${flowVersion}; this app has version ${info.version})`,
    };
  if (flowVersion < info.version)
    return {
      ok: false,
      error: `the link was made with an older version of the flow “${info.title}” (version ${flowVersion}; this app has version ${info.version}), whose steps may differ`,
    };
  if (variant !== undefined && !info.variants.some((v) => v.id === variant))
    return { ok: false, error: `the flow “${info.title}” has no variant ${code(variant)}` };
  const unknown = (switches ?? []).find((s) => !info.switches.some((w) => w.id === s));
  if (unknown !== undefined) return { ok: false, error: `the flow “${info.title}” has no switch ${code(unknown)}` };
  if (new Set(switches ?? []).size !== (switches ?? []).length) return bad('a switch twice');

  return {
    ok: true,
    value: linkJson({
      format,
      app,
      flow,
      flowVersion,
      seed,
      options: {
        ...(variant !== undefined ? { variant } : {}),
        ...(switches !== undefined ? { switches } : {}),
      },
      events,
      step,
    }),
  };
}

/**
 * Where a sequence diagram draws things: one lifeline per party, one arrow per message, a band per
 * step with its title, and a box for every label so nothing overlaps. Pure arithmetic over the
 * run (no DOM, no text measuring): a label's width is estimated from its length, generously, and
 * the gap between two lifelines grows until the longest label of an arrow between them fits.
 */
import type { FlowMessage, Party, PartyId } from './types';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutOptions {
  /** Width of one character of an arrow label, in px (monospace at 12 px is about 7.2). */
  charWidth: number;
  /** Width of one character of a lifeline's heading (bold 13 px). */
  headCharWidth: number;
  /** The narrowest gap between two lifelines. */
  minGap: number;
  /** Room left and right of the outer lifelines (half a heading must fit). */
  margin: number;
  /** Height of the lifeline headings at the top. */
  headHeight: number;
  /** Height of a step's title row. */
  titleHeight: number;
  /** Height of one arrow's row (label above, line below). */
  rowHeight: number;
  /** Height of a step that has no message (a wait). */
  emptyHeight: number;
  /** Width of a message a party sends itself (drawn as a loop to the right). */
  selfWidth: number;
  /** Padding around a label inside its box. */
  pad: number;
}

export const LAYOUT_DEFAULTS: LayoutOptions = {
  charWidth: 7.2,
  headCharWidth: 8,
  minGap: 150,
  margin: 24,
  headHeight: 40,
  titleHeight: 26,
  rowHeight: 34,
  emptyHeight: 22,
  selfWidth: 36,
  pad: 6,
};

export interface LayoutInput {
  parties: Party[];
  steps: { title: string; messages: Pick<FlowMessage, 'from' | 'to' | 'label' | 'failed' | 'kind'>[] }[];
}

export interface LifelineLayout {
  id: PartyId;
  label: string;
  x: number;
  /** The heading's box, centred on `x`. */
  head: Box;
}

export interface ArrowLayout {
  /** The step it belongs to, and its place among the step's messages. */
  step: number;
  index: number;
  from: PartyId;
  to: PartyId;
  kind: FlowMessage['kind'];
  failed: boolean;
  label: string;
  /** Start and end of the line (equal for a message to itself: it loops right by `selfWidth`). */
  x1: number;
  x2: number;
  y: number;
  self: boolean;
  labelBox: Box;
}

export interface StepBand {
  step: number;
  /** Top and bottom of the step's rows. */
  y1: number;
  y2: number;
  /** The title's box (left-aligned at the margin). */
  titleBox: Box;
}

export interface Layout {
  width: number;
  height: number;
  lifelines: LifelineLayout[];
  arrows: ArrowLayout[];
  bands: StepBand[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The parties of the run in their declared order, and any a message names that the run does not declare. */
function partiesOf(input: LayoutInput): Party[] {
  const out = [...input.parties];
  for (const s of input.steps)
    for (const m of s.messages)
      for (const id of [m.from, m.to]) if (!out.some((p) => p.id === id)) out.push({ id, label: id });
  return out;
}

export function layoutDiagram(input: LayoutInput, options: Partial<LayoutOptions> = {}): Layout {
  const o = { ...LAYOUT_DEFAULTS, ...options };
  const parties = partiesOf(input);
  const n = parties.length;
  const col = new Map(parties.map((p, i) => [p.id, i]));
  const labelWidth = (text: string) => text.length * o.charWidth + 2 * o.pad;
  const headWidth = (text: string) => text.length * o.headCharWidth + 2 * o.pad;

  // Gaps between neighbouring lifelines: wide enough for both half-headings and every label.
  const gaps = Array.from({ length: Math.max(0, n - 1) }, (_, i) =>
    Math.max(o.minGap, headWidth(parties[i]!.label) / 2 + headWidth(parties[i + 1]!.label) / 2 + o.pad),
  );
  const spans: { a: number; b: number; need: number }[] = [];
  for (const s of input.steps)
    for (const m of s.messages) {
      const a = col.get(m.from)!;
      const b = col.get(m.to)!;
      if (a === b) {
        // A loop to the right: its label sits right of the loop, inside the next gap.
        if (a < n - 1) gaps[a] = Math.max(gaps[a]!, o.selfWidth + labelWidth(m.label) + o.pad);
        continue;
      }
      spans.push({ a: Math.min(a, b), b: Math.max(a, b), need: labelWidth(m.label) + 2 * o.pad });
    }
  // Shorter spans first, so a long arrow only widens what its neighbours left too narrow.
  spans.sort((p, q) => p.b - p.a - (q.b - q.a) || p.a - q.a);
  for (const { a, b, need } of spans) {
    let have = 0;
    for (let i = a; i < b; i++) have += gaps[i]!;
    if (have < need) {
      const extra = (need - have) / (b - a);
      for (let i = a; i < b; i++) gaps[i] = gaps[i]! + extra;
    }
  }

  const firstHalf = n > 0 ? headWidth(parties[0]!.label) / 2 : 0;
  const lastParty = parties[n - 1];
  const lastSelf = input.steps.some((s) => s.messages.some((m) => m.from === lastParty?.id && m.to === lastParty?.id));
  const lastSelfLabel = Math.max(
    0,
    ...input.steps.flatMap((s) =>
      s.messages.filter((m) => m.from === lastParty?.id && m.to === lastParty?.id).map((m) => labelWidth(m.label)),
    ),
  );
  const xs: number[] = [];
  let x = o.margin + firstHalf;
  for (let i = 0; i < n; i++) {
    xs.push(round(x));
    x += gaps[i] ?? 0;
  }
  const lastHalf = lastParty ? headWidth(lastParty.label) / 2 : 0;
  const right = lastSelf ? Math.max(lastHalf, o.selfWidth + lastSelfLabel + o.pad) : lastHalf;

  // Titles are left-aligned and may be wider than the lifelines: the diagram widens for them.
  const titleText = (i: number, t: string) => `${i + 1}. ${t}`;
  const widestTitle = Math.max(0, ...input.steps.map((s, i) => labelWidth(titleText(i, s.title))));
  const width = round(Math.max((xs[n - 1] ?? o.margin) + right + o.margin, o.margin * 2 + widestTitle));

  const lifelines: LifelineLayout[] = parties.map((p, i) => {
    const w = headWidth(p.label);
    return {
      id: p.id,
      label: p.label,
      x: xs[i]!,
      head: { x: round(xs[i]! - w / 2), y: 4, width: round(w), height: o.headHeight - 12 },
    };
  });

  const arrows: ArrowLayout[] = [];
  const bands: StepBand[] = [];
  let y = o.headHeight;
  input.steps.forEach((s, step) => {
    const y1 = y;
    const title = titleText(step, s.title);
    const titleBox: Box = { x: o.margin, y: round(y + 4), width: round(labelWidth(title)), height: o.titleHeight - 6 };
    y += o.titleHeight;
    s.messages.forEach((m, index) => {
      const x1 = xs[col.get(m.from)!]!;
      const x2 = xs[col.get(m.to)!]!;
      const self = x1 === x2;
      const w = labelWidth(m.label);
      const lineY = y + o.rowHeight - 8;
      const boxY = lineY - 6 - 18;
      const labelBox: Box = self
        ? { x: round(x1 + o.selfWidth + o.pad), y: round(lineY - 18), width: round(w), height: 18 }
        : { x: round((x1 + x2) / 2 - w / 2), y: round(boxY), width: round(w), height: 18 };
      arrows.push({
        step,
        index,
        from: m.from,
        to: m.to,
        kind: m.kind,
        failed: m.failed,
        label: m.label,
        x1,
        x2,
        y: round(lineY),
        self,
        labelBox,
      });
      y += o.rowHeight;
    });
    if (s.messages.length === 0) y += o.emptyHeight;
    bands.push({ step, y1: round(y1), y2: round(y), titleBox });
  });

  return { width, height: round(y + 12), lifelines, arrows, bands };
}

/** Whether two boxes overlap (for tests and for the view's own checks). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

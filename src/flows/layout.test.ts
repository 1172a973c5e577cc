import { describe, expect, it } from 'vitest';
import { layoutDiagram, overlaps, type LayoutInput } from './layout';

const input: LayoutInput = {
  parties: [
    { id: 'app', label: 'Browser app' },
    { id: 'user-pool', label: 'User pool' },
    { id: 'sts', label: 'STS' },
  ],
  steps: [
    {
      title: 'InitiateAuth',
      messages: [
        { from: 'app', to: 'user-pool', kind: 'request', label: 'POST InitiateAuth', failed: false },
        { from: 'user-pool', to: 'app', kind: 'response', label: '400 NotAuthorizedException', failed: true },
      ],
    },
    { title: 'Wait an hour', messages: [] },
    {
      title: 'AssumeRoleWithWebIdentity',
      messages: [{ from: 'app', to: 'sts', kind: 'request', label: 'POST AssumeRoleWithWebIdentity', failed: false }],
    },
  ],
};

describe('sequence diagram layout', () => {
  const l = layoutDiagram(input);

  it('places one lifeline per party, the gap widened for the longest label between them', () => {
    // Browser app: 11 characters × 8 + 12 = 100 wide, centred 24 + 50 from the left.
    // app → user pool: "400 NotAuthorizedException" is 26 × 7.2 + 12 = 199.2, plus 12 of air: 211.2.
    // user pool → STS: the 150 px minimum (the long arrow spans two gaps, 361.2 ≥ 240).
    expect(l.lifelines.map((x) => [x.id, x.x])).toEqual([
      ['app', 74],
      ['user-pool', 285.2],
      ['sts', 435.2],
    ]);
    expect(l.lifelines[0]!.head).toEqual({ x: 24, y: 4, width: 100, height: 28 });
    expect(l.width).toBe(477.2);
    expect(l.height).toBe(254);
  });

  it('puts one arrow per message, in order, each with its label box centred above it', () => {
    expect(l.arrows.map((a) => [a.step, a.index, a.x1, a.x2, a.y, a.failed])).toEqual([
      [0, 0, 74, 285.2, 92, false],
      [0, 1, 285.2, 74, 126, true],
      [2, 0, 74, 435.2, 234, false],
    ]);
    expect(l.arrows[1]!.labelBox).toEqual({ x: 80, y: 102, width: 199.2, height: 18 });
    expect(l.arrows[2]!.labelBox).toEqual({ x: 140.6, y: 210, width: 228, height: 18 });
  });

  it('gives every step a band with its numbered title, a wait step included', () => {
    expect(l.bands.map((b) => [b.step, b.y1, b.y2])).toEqual([
      [0, 40, 134],
      [1, 134, 182],
      [2, 182, 242],
    ]);
    expect(l.bands[2]!.titleBox).toEqual({ x: 24, y: 186, width: 213.6, height: 20 });
  });

  it('lets no label overlap another, and keeps every box inside the diagram', () => {
    const boxes = [
      ...l.lifelines.map((x) => x.head),
      ...l.arrows.map((a) => a.labelBox),
      ...l.bands.map((b) => b.titleBox),
    ];
    for (let i = 0; i < boxes.length; i++) {
      const b = boxes[i]!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(l.width);
      expect(b.y + b.height).toBeLessThanOrEqual(l.height);
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(b, boxes[j]!), `${i} and ${j}`).toBe(false);
    }
  });

  it('draws a message a party sends itself as a loop with room for its label', () => {
    const self = layoutDiagram({
      parties: [{ id: 'instance', label: 'EC2 instance' }],
      steps: [
        {
          title: 'Read the key',
          messages: [{ from: 'instance', to: 'instance', kind: 'request', label: 'read ~/.aws', failed: false }],
        },
      ],
    });
    const a = self.arrows[0]!;
    expect([a.self, a.x1, a.x2]).toEqual([true, 78, 78]);
    // 78 + 36 of loop + 6: the label starts at 120 and is 11 × 7.2 + 12 = 91.2 wide.
    expect(a.labelBox).toEqual({ x: 120, y: 74, width: 91.2, height: 18 });
    expect(self.width).toBe(78 + 36 + 91.2 + 6 + 24);
  });

  it('adds a lifeline for a party a message names and the run does not declare', () => {
    const extra = layoutDiagram({
      parties: [{ id: 'app', label: 'Browser app' }],
      steps: [{ title: 'x', messages: [{ from: 'app', to: 's3', kind: 'request', label: 'GET /k', failed: false }] }],
    });
    expect(extra.lifelines.map((x) => [x.id, x.label, x.x])).toEqual([
      ['app', 'Browser app', 74],
      ['s3', 's3', 224],
    ]);
  });
});

// What every registered flow must do, whoever wrote it: its real runs follow its machine, each
// break-it switch fails where it says with AWS's code, and every token it shows verifies against
// the issuer's JWKS with jose while one changed byte does not.
import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { defaultWorld } from '../world/default-world';
import { FLOWS } from './registry';
import { FLOW_INFOS } from './catalog';
import { testRun } from './testing';
import type { FlowDefinition, FlowRun } from './types';

/** One changed byte in the middle of the signature part. */
function tamper(jwt: string): string {
  const [h, p, s] = jwt.split('.');
  const i = Math.floor(s!.length / 2);
  const c = s![i] === 'A' ? 'B' : 'A';
  return `${h}.${p}.${s!.slice(0, i)}${c}${s!.slice(i + 1)}`;
}

async function runsOf(flow: FlowDefinition): Promise<FlowRun[]> {
  const variants = flow.variants.length ? flow.variants.map((v) => ({ variant: v.id })) : [{}];
  const runs: FlowRun[] = [];
  for (const options of variants) runs.push(await testRun(flow, defaultWorld(), options));
  return runs;
}

describe('every flow', () => {
  it('is listed in the catalogue the page reads, with the same description', () => {
    expect(FLOW_INFOS.map((f) => f.id)).toEqual(FLOWS.map((f) => f.id));
    for (const f of FLOWS) {
      const info = FLOW_INFOS.find((i) => i.id === f.id)!;
      expect({ ...info }).toEqual({
        id: f.id,
        version: f.version,
        order: f.order,
        title: f.title,
        summary: f.summary,
        parties: f.parties,
        variants: f.variants,
        switches: f.switches,
      });
    }
    expect(new Set(FLOWS.map((f) => f.order)).size).toBe(FLOWS.length);
  });

  for (const flow of FLOWS) {
    describe(flow.id, () => {
      it('runs every variant to its end over the default world', async () => {
        for (const run of await runsOf(flow)) {
          expect(run.final.status, JSON.stringify(run.options)).not.toBe('stopped');
          for (const s of run.steps) {
            expect(s.title.length, s.event).toBeGreaterThan(0);
            expect(s.narration.length, s.event).toBeGreaterThan(20);
            for (const m of s.messages) expect(run.parties.map((p) => p.id)).toContain(m.from);
            for (const m of s.messages) expect(run.parties.map((p) => p.id)).toContain(m.to);
          }
        }
      }, 120_000);

      it('fails each break-it switch at its step with AWS’s code', async () => {
        for (const s of flow.switches.filter((w) => w.fails)) {
          const variant = flow.variants[0]?.id;
          const run = await testRun(flow, defaultWorld(), { ...(variant ? { variant } : {}), switches: [s.id] });
          const failed = run.steps.find((x) => x.error);
          expect(failed?.event, s.id).toBe(s.fails!.step);
          expect(failed?.error?.code, s.id).toBe(s.fails!.code);
          expect(failed?.error?.message, s.id).not.toBe('');
        }
      }, 120_000);

      it('shows tokens that verify with the issuer’s JWKS, and not with one byte changed', async () => {
        let checked = 0;
        for (const run of await runsOf(flow))
          for (const step of run.steps)
            for (const t of step.tokens.filter((x) => x.payload)) {
              const jwks = t.jwks;
              expect(jwks, `${flow.id} ${t.label}: the token panel must carry its issuer's JWKS`).toBeDefined();
              const keys = createLocalJWKSet(jwks as JSONWebKeySet);
              const { payload } = await jwtVerify(t.raw, keys, { currentDate: new Date(step.at) });
              expect(payload.iss).toBe(t.payload!['iss']);
              await expect(jwtVerify(tamper(t.raw), keys, { currentDate: new Date(step.at) })).rejects.toThrow(
                /signature verification failed/,
              );
              checked++;
            }
        const claimed = (await runsOf(flow)).flatMap((r) => r.steps.flatMap((s) => s.tokens.filter((t) => t.payload)));
        expect(checked).toBe(claimed.length);
      }, 120_000);
    });
  }
});

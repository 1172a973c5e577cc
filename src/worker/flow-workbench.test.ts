import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../world/default-world';
import { authorize } from '../world/authorize';
import { managedPolicyLookup } from '../world/managed';
import { loadManagedPolicies, loadCatalog } from '../catalog';
import { parsePolicy } from '../engine/parse';
import { Simulator } from '../aws/simulator';
import { SimClock } from '../aws/clock';
import { seededRandom } from '../aws/random';
import type { CredentialsView } from '../flows/types';
import { runFlow } from '../flows/runner';
import { identityPoolEnhanced } from '../flows/identity-enhanced';
import { FLOWS } from '../flows/registry';
import * as wire from '../flows/wire';
import { evaluateWorkbench } from '../workbench/evaluation';
import { scenarioFromRequest } from '../workbench/from-request';

const managed = managedPolicyLookup(await loadManagedPolicies());
const catalog = await loadCatalog();
const BUCKET = 'playground-photos';

/** Maria's identity-pool credentials from flow 2, then S3 calls signed with them on the same services. */
async function asMaria() {
  const r = await runFlow({
    flow: identityPoolEnhanced,
    world: defaultWorld(),
    seed: 'from-request',
    options: { variant: 'no-group' },
    managedPolicy: managed,
  });
  const creds = r.run.steps.find((s) => s.credentials)!.credentials as CredentialsView;
  const identityId = String(r.run.steps.find((s) => s.event === 'idpool.getId')!.facts[0]!.value);
  const clock = new SimClock(r.now);
  const sim = new Simulator({ state: r.state, clock, random: seededRandom('s3'), managedPolicy: managed });
  const send = async (method: string, key: string, body?: string) => {
    const req = wire.s3(
      method,
      BUCKET,
      key,
      'us-east-1',
      { credentials: creds, now: clock.now(), region: 'us-east-1' },
      { body },
    );
    return sim.handle(req);
  };
  const get = (key: string) => send('GET', key);
  // Her own file, written first (a GetObject of a missing key asks for s3:ListBucket, to choose 404 or 403).
  const put = await send('PUT', `home/${identityId}/avatar.txt`, 'me');
  if (put.response.status !== 200) throw new Error(`PutObject: ${put.response.status}`);
  return { r, identityId, get };
}

describe('scenarioFromRequest: a service’s request, posed again in the workbench', () => {
  it('decides a role session’s S3 calls as the service did, with the same deciding statements', async () => {
    const { r, identityId, get } = await asMaria();
    const own = await get(`home/${identityId}/avatar.txt`);
    const other = await get('home/alice/notes.txt');
    const pub = await get('public/welcome.txt');
    const rows = [];
    for (const x of [own, other, pub]) {
      const d = x.decision!;
      const world = authorize(r.state.world, d.request, { now: r.now, managedPolicy: managed });
      const s = scenarioFromRequest(r.state.world, d.request, { managedPolicy: managed });
      const answer = evaluateWorkbench(s.docs, s.request, { parse: parsePolicy, catalog });
      const row = answer.rows[0]!;
      if (!row.ok || !world.ok) throw new Error('not decided');
      const refs = (list: { policyType: string; statementIndex: number }[]) =>
        list.map((ref) => `${ref.policyType}#${ref.statementIndex}`);
      expect(refs(row.value.deciding)).toEqual(refs(world.value.deciding));
      rows.push({
        service: d.decision,
        world: world.value.decision,
        workbench: row.value.decision,
        deciding: row.value.deciding.map((ref) => s.docs.find((doc) => doc.id === ref.policyId)?.name),
      });
    }
    expect(rows).toEqual([
      {
        service: 'Allow',
        world: 'Allow',
        workbench: 'Allow',
        deciding: ['photos-app-authenticated: inline own-photos'],
      },
      { service: 'ImplicitDeny', world: 'ImplicitDeny', workbench: 'ImplicitDeny', deciding: [] },
      // public/: the bucket policy's public read decides (the role's own Allow is not needed).
      {
        service: 'Allow',
        world: 'Allow',
        workbench: 'Allow',
        deciding: ['arn:aws:s3:::playground-photos: resource policy'],
      },
    ]);
    expect(other.response.status).toBe(403);
  }, 60_000);

  it('carries the session’s context: the identity id is what `${cognito-identity.amazonaws.com:sub}` becomes', async () => {
    const { identityId, get } = await asMaria();
    const x = await get(`home/${identityId}/avatar.txt`);
    const s = scenarioFromRequest(defaultWorld(), x.decision!.request);
    expect(s.request.actions).toEqual(['s3:GetObject']);
    expect(s.request.principal).toMatch(/^arn:aws:sts::111122223333:assumed-role\/photos-app-authenticated\//);
    expect(s.request.context).toContainEqual({ key: 'cognito-identity.amazonaws.com:sub', value: identityId });
  }, 60_000);
});

describe('every decision a flow shows opens in the workbench with the same answer', () => {
  let total = 0;
  for (const flow of FLOWS) {
    it(`${flow.id}: each step's decision, posed again in the workbench`, async () => {
      const variants = flow.variants.length ? flow.variants.map((v) => ({ variant: v.id })) : [{}];
      const options = [...variants, ...flow.switches.map((s) => ({ ...variants[0], switches: [s.id] }))];
      let compared = 0;
      for (const o of options) {
        const r = await runFlow({ flow, world: defaultWorld(), seed: 'wb', options: o, managedPolicy: managed });
        for (const step of r.run.steps) {
          const d = step.decision;
          if (!d?.request) continue;
          const s = scenarioFromRequest(r.state.world, d.request, { managedPolicy: managed });
          const answer = evaluateWorkbench(s.docs, s.request, { parse: parsePolicy, catalog });
          const row = answer.rows[0]!;
          expect(row.ok && row.value.decision, `${JSON.stringify(o)} ${step.event}`).toBe(d.decision);
          compared++;
        }
      }
      total += compared;
    }, 180_000);
  }
  it('compared some decisions at all', () => {
    expect(total).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import { authorize } from '../../world/authorize';
import { managedPolicyLookup } from '../../world/managed';
import { loadManagedPolicies } from '../../catalog';
import { usingCredentials as flow } from './index';
import { coverage, machinePaths, testRun } from '../testing';

const ROLE = 'arn:aws:sts::111122223333:assumed-role/photos-app-editors/CognitoIdentityCredentials';
const TABLE = 'arn:aws:dynamodb:us-east-1:111122223333:table/Notes';
const PRE =
  'userPool.signIn:ok → idpool.getId:ok → idpool.getCredentialsForIdentity:ok → s3.putObject:ok → s3.getObject:ok';
const DECIDED = [
  's3.putObject',
  's3.getObject',
  's3.getObjectOtherPrefix',
  'dynamodb.query',
  'dynamodb.getItemOtherKey',
];

describe('flow 5: the credentials used', () => {
  it('has a path to done for each answer about someone else’s data, and one to failed at every own call', () => {
    expect(machinePaths(flow)).toEqual([
      'userPool.signIn:error',
      'userPool.signIn:ok → idpool.getId:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getCredentialsForIdentity:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getCredentialsForIdentity:ok → s3.putObject:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getCredentialsForIdentity:ok → s3.putObject:ok → s3.getObject:error',
      `${PRE} → s3.getObjectOtherPrefix:denied → dynamodb.query:error`,
      `${PRE} → s3.getObjectOtherPrefix:denied → dynamodb.query:ok → dynamodb.getItemOtherKey:denied`,
      `${PRE} → s3.getObjectOtherPrefix:denied → dynamodb.query:ok → dynamodb.getItemOtherKey:ok`,
      `${PRE} → s3.getObjectOtherPrefix:ok → dynamodb.query:error`,
      `${PRE} → s3.getObjectOtherPrefix:ok → dynamodb.query:ok → dynamodb.getItemOtherKey:denied`,
      `${PRE} → s3.getObjectOtherPrefix:ok → dynamodb.query:ok → dynamodb.getItemOtherKey:ok`,
    ]);
  });

  it('maria writes and reads her own prefix and partition, and is refused alice’s', async () => {
    const run = await testRun(flow, defaultWorld());
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.changes).toEqual([
      "Gave Maria's role `photos-app-editors` the inline policy `own-home-and-notes`: S3 Get/Put on `home/${cognito-identity.amazonaws.com:sub}/*` and GetItem/Query/PutItem on `Notes` where `dynamodb:LeadingKeys` is `${cognito-identity.amazonaws.com:sub}`.",
    ]);
    const identityId = run.steps[1]!.facts[0]!.value;
    expect(identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const byEvent = Object.fromEntries(run.steps.map((s) => [s.event, s]));
    const put = byEvent['s3.putObject']!;
    expect(put.title).toBe(`S3 PutObject home/${identityId}/hello.txt`);
    expect(put.decision?.decision).toBe('Allow');
    expect(put.decision?.resource).toBe(`arn:aws:s3:::playground-photos/home/${identityId}/hello.txt`);
    expect(put.decision?.request.context?.['cognito-identity.amazonaws.com:sub']).toBe(identityId);
    expect(put.decision?.deciding?.map((d) => `${d.policyId}#${d.sid}`)).toEqual([
      'role/photos-app-editors:inline/own-home-and-notes#OwnPrefix',
    ]);
    expect(byEvent['s3.getObject']!.narration).toMatch(/Hello from Maria\./);
    const other = byEvent['s3.getObjectOtherPrefix']!;
    expect(other.outcome).toBe('denied');
    expect(other.messages[1]!.label).toBe('403 AccessDenied');
    expect(other.decision?.decision).toBe('ImplicitDeny');
    expect(other.decision?.message).toBe(
      `User: ${ROLE} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::playground-photos/home/alice/notes.txt because no identity-based policy allows the s3:GetObject action`,
    );
    expect(other.decision?.trace?.length).toBeGreaterThan(0);
    const query = byEvent['dynamodb.query']!;
    expect(query.decision?.decision).toBe('Allow');
    expect(query.decision?.action).toBe('dynamodb:Query');
    expect(query.decision?.request.context?.['dynamodb:LeadingKeys']).toEqual([identityId]);
    const item = byEvent['dynamodb.getItemOtherKey']!;
    expect(item.outcome).toBe('denied');
    expect(item.messages[1]!.label).toBe('400 AccessDeniedException');
    expect(item.decision?.request.context?.['dynamodb:LeadingKeys']).toEqual(['alice']);
    expect(item.decision?.message).toBe(
      `User: ${ROLE} is not authorized to perform: dynamodb:GetItem on resource: ${TABLE} because no identity-based policy allows the dynamodb:GetItem action`,
    );
  }, 60_000);

  it('each S3 and DynamoDB decision is the one authorize(world, request) gives on the run’s world', async () => {
    const managed = managedPolicyLookup(await loadManagedPolicies());
    for (const options of [{}, { switches: ['no-identity-variable'] }]) {
      const run = await testRun(flow, defaultWorld(), options);
      const world = flow.prepare!(structuredClone(defaultWorld()), { switches: options.switches ?? [] }).world;
      const decided = run.steps.filter((s) => DECIDED.includes(s.event));
      expect(decided.map((s) => s.event)).toEqual(DECIDED);
      for (const step of decided) {
        const d = step.decision!;
        const r = authorize(world, d.request, { trace: true, now: step.at, managedPolicy: managed });
        if (!r.ok) throw new Error(`authorize failed for ${step.event}`);
        expect(r.value.decision, step.event).toBe(d.decision);
        expect(r.value.deciding, step.event).toEqual(d.deciding);
        expect(r.value.byPolicyType, step.event).toEqual(d.byPolicyType);
        expect(r.value.decision === 'Allow' ? '' : r.value.message, step.event).toBe(d.message);
      }
    }
  }, 60_000);

  it('a policy without the identity variable lets her read alice’s file and note (the risk)', async () => {
    const run = await testRun(flow, defaultWorld(), { switches: ['no-identity-variable'] });
    const byEvent = Object.fromEntries(run.steps.map((s) => [s.event, s]));
    expect(byEvent['s3.getObjectOtherPrefix']!.outcome).toBe('ok');
    expect(byEvent['s3.getObjectOtherPrefix']!.narration).toMatch(/Only alice \(and the resizer\) may read this\./);
    expect(byEvent['dynamodb.getItemOtherKey']!.outcome).toBe('ok');
    expect(byEvent['dynamodb.getItemOtherKey']!.decision?.deciding?.[0]?.policyId).toBe(
      'role/photos-app-editors:inline/home-and-notes',
    );
  }, 60_000);

  it('each failing break-it switch fails where it says, with AWS’s error', async () => {
    const messages: Record<string, string> = {};
    for (const s of flow.switches.filter((w) => w.fails)) {
      const run = await testRun(flow, defaultWorld(), { switches: [s.id] });
      const last = run.steps[run.steps.length - 1]!;
      expect(run.final.status, s.id).toBe('failed');
      expect(last.event, s.id).toBe(s.fails!.step);
      expect(last.error?.code, s.id).toBe(s.fails!.code);
      messages[s.id] = last.error!.message;
    }
    expect(messages).toEqual({
      'expired-id-token': 'Invalid login token. Token expired: 1796119260 >= 1796119200',
      'wrong-kid-id-token': "Invalid login token. Couldn't verify signed token.",
    });
  }, 60_000);

  it('real runs take every path of the machine, and no other', async () => {
    const c = await coverage(flow, defaultWorld());
    expect(c.strays).toEqual([]);
    expect(c.runs.every((r) => r.final.status !== 'stopped')).toBe(true);
    // Maria's password is right and her role exists; the role always allows her own prefix and
    // partition; and either both of someone else's reads are allowed (no variable) or neither is.
    expect(c.missed).toEqual([
      'userPool.signIn:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getCredentialsForIdentity:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getCredentialsForIdentity:ok → s3.putObject:error',
      'userPool.signIn:ok → idpool.getId:ok → idpool.getCredentialsForIdentity:ok → s3.putObject:ok → s3.getObject:error',
      `${PRE} → s3.getObjectOtherPrefix:denied → dynamodb.query:error`,
      `${PRE} → s3.getObjectOtherPrefix:denied → dynamodb.query:ok → dynamodb.getItemOtherKey:ok`,
      `${PRE} → s3.getObjectOtherPrefix:ok → dynamodb.query:error`,
      `${PRE} → s3.getObjectOtherPrefix:ok → dynamodb.query:ok → dynamodb.getItemOtherKey:denied`,
    ]);
  }, 180_000);
});

import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import { crossAccount as flow } from './index';
import { coverage, machinePaths, testRun } from '../testing';

const AUDIT = 'arn:aws:iam::111122223333:role/cloudinsight-audit';
const DENIED = `User: arn:aws:iam::444455556666:user/insight-scanner is not authorized to perform: sts:AssumeRole on resource: ${AUDIT}`;

describe('flow 8: AssumeRole across accounts, ExternalId and role chaining', () => {
  it('has one path per integration to done, and to failed at each AWS call', () => {
    expect(machinePaths(flow)).toEqual([
      'vendor.register:one-role → sts.assumeRole:error',
      'vendor.register:one-role → sts.assumeRole:ok → s3.listObjects:error',
      'vendor.register:one-role → sts.assumeRole:ok → s3.listObjects:ok',
      'vendor.register:two-roles → sts.assumeRole:error',
      'vendor.register:two-roles → sts.assumeRole:ok → sts.chainRole:error',
      'vendor.register:two-roles → sts.assumeRole:ok → sts.chainRole:ok → s3.listObjects:error',
      'vendor.register:two-roles → sts.assumeRole:ok → sts.chainRole:ok → s3.listObjects:ok',
    ]);
  });

  it('with your ExternalId the trust policy allows the vendor, and it lists your bucket', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'external-id' });
    expect(run.final).toEqual({ state: 'done', status: 'done' });
    expect(run.changes[0]).toBe(
      'Added the vendor’s account 444455556666 (CloudInsight, a SaaS vendor that audits S3 buckets).',
    );
    const assume = run.steps[1]!;
    expect(assume.messages.map((m) => `${m.from}→${m.to} ${m.label}`)).toEqual([
      'vendor→sts POST AssumeRole',
      'sts→vendor 200 OK',
    ]);
    expect(assume.messages[0]!.http.body).toContain('ExternalId=ci-7f3a9c2e-5d41-4b8e');
    expect(assume.decision?.decision).toBe('Allow');
    expect(assume.decision?.principal).toBe('arn:aws:iam::444455556666:user/insight-scanner');
    expect(assume.decision?.byPolicyType?.trust).toBe('Allow');
    expect(assume.decision?.request.context?.['sts:ExternalId']).toBe('ci-7f3a9c2e-5d41-4b8e');
    expect(assume.credentials?.arn).toBe('arn:aws:sts::111122223333:assumed-role/cloudinsight-audit/cloudinsight-scan');
    expect(assume.credentials?.expiration).toBe(Date.parse('2026-12-01T10:00:00Z'));
    expect(run.steps[2]!.decision?.decision).toBe('Allow');
    expect(run.steps[2]!.facts[0]?.value).toBe(
      'home/alice/notes.txt, home/bob/todo.txt, public/pixel.png, public/welcome.txt',
    );
  }, 30_000);

  it('without an ExternalId STS answers AccessDenied, and the trust policy is why', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'no-external-id' });
    expect(run.final).toEqual({ state: 'failed', status: 'failed' });
    const last = run.steps[1]!;
    expect(last.error).toEqual({ code: 'AccessDenied', message: DENIED, step: 'sts.assumeRole' });
    expect(last.messages[1]!.label).toBe('403 AccessDenied');
    expect(last.decision?.decision).toBe('ImplicitDeny');
    expect(last.decision?.byPolicyType?.trust).toBe('ImplicitDeny');
    expect(last.decision?.byPolicyType?.identity).toBe('Allow');
    expect(last.messages[0]!.http.body).not.toContain('ExternalId');
  });

  it('the confused deputy: denied with the ExternalId condition, allowed (the risk) without it', async () => {
    const safe = await testRun(flow, defaultWorld(), { variant: 'confused-deputy' });
    expect(safe.steps[0]!.messages[0]!.from).toBe('attacker');
    expect(safe.steps[0]!.messages[0]!.to).toBe('vendor');
    expect(safe.steps[1]!.messages[0]!.http.body).toContain('ExternalId=ci-2b8d41e0-93c7-4f1a');
    expect(safe.final.status).toBe('failed');
    expect(safe.steps[1]!.error?.code).toBe('AccessDenied');
    expect(safe.steps[1]!.error?.message).toBe(DENIED);
    expect(safe.steps[1]!.narration).toMatch(/The attack fails/);

    const risky = await testRun(flow, defaultWorld(), { variant: 'confused-deputy', switches: ['no-condition'] });
    expect(risky.final).toEqual({ state: 'done', status: 'done' });
    expect(risky.steps[1]!.decision?.decision).toBe('Allow');
    expect(risky.steps[1]!.narration).toMatch(/confused deputy/);
    expect(risky.steps[2]!.narration).toMatch(/shows the 4 keys to the attacker/);
    expect(flow.switches.find((s) => s.id === 'no-condition')?.risk).toMatch(/confused deputy/);
  });

  it('role chaining: a one-hour chained session; more is refused with AWS’s text', async () => {
    const run = await testRun(flow, defaultWorld(), { variant: 'chaining' });
    expect(run.final.status).toBe('done');
    expect(run.events).toEqual(['vendor.register', 'sts.assumeRole', 'sts.chainRole', 's3.listObjects']);
    const chain = run.steps[2]!;
    expect(chain.messages[0]!.from).toBe('vendor');
    expect(chain.credentials?.arn).toBe(
      'arn:aws:sts::111122223333:assumed-role/photos-inventory/cloudinsight-inventory',
    );
    expect(chain.decision?.principal).toBe(
      'arn:aws:sts::111122223333:assumed-role/cloudinsight-audit/cloudinsight-scan',
    );
    expect(chain.narration).toMatch(/at most one hour/);

    const long = await testRun(flow, defaultWorld(), { variant: 'chaining', switches: ['long-chain'] });
    expect(long.final.status).toBe('failed');
    expect(long.steps[2]!.error).toEqual({
      code: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      step: 'sts.chainRole',
    });
    expect(long.steps[2]!.messages[0]!.http.body).toContain('DurationSeconds=7200');
  });

  it('each break-it switch that fails, fails where it says, with AWS’s code', async () => {
    for (const variant of ['external-id', 'chaining'])
      for (const s of flow.switches.filter((w) => w.fails)) {
        const run = await testRun(flow, defaultWorld(), { variant, switches: [s.id] });
        const last = run.steps[run.steps.length - 1]!;
        expect(run.final.status, s.id).toBe('failed');
        expect(last.event, s.id).toBe(s.fails!.step);
        expect(last.error?.code, s.id).toBe(s.fails!.code);
      }
  });

  it('real runs take the machine’s paths, and no other', async () => {
    const c = await coverage(flow, defaultWorld());
    expect(c.strays).toEqual([]);
    expect(c.runs.every((r) => r.final.status !== 'stopped')).toBe(true);
    // The roles' policies allow the listing, so no run has S3 refuse it.
    expect(c.missed).toEqual([
      'vendor.register:one-role → sts.assumeRole:ok → s3.listObjects:error',
      'vendor.register:two-roles → sts.assumeRole:ok → sts.chainRole:ok → s3.listObjects:error',
    ]);
  }, 120_000);

  it('the same seed and options give the same run, byte for byte', async () => {
    const a = await testRun(flow, defaultWorld(), { variant: 'chaining' }, undefined, 'same');
    const b = await testRun(flow, defaultWorld(), { variant: 'chaining' }, undefined, 'same');
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

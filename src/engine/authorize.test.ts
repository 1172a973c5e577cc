import { describe, expect, it } from 'vitest';
import { applicability, decide, evaluate, evaluateBins } from './authorize';
import { TraceBuilder } from './trace';
import { parseCaller } from './caller';
import { buildContext } from './context';
import { parsePolicyValue } from './parse';
import type { EvalRequest } from './evaluate/types';
import type { PolicyEntry } from './decision/types';

const NOW = Date.UTC(2026, 0, 15, 12);
function request(
  principal: string,
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
): EvalRequest {
  const c = parseCaller(principal);
  if (!c.ok) throw new Error(c.errors[0].message);
  return { caller: c.value, action, resource, context: buildContext(c.value, resource, context, { now: NOW }) };
}
function entry(id: string, doc: unknown): PolicyEntry {
  const p = parsePolicyValue(doc).policy;
  if (!p) throw new Error('does not parse');
  return { id, policy: p };
}
const allowAll = (id: string) =>
  entry(id, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const ALICE = 'arn:aws:iam::111122223333:user/alice';

describe('evaluate: the flowchart steps are in the trace (IAM User Guide, "Policy evaluation logic")', () => {
  it('records every step in AWS order for an allowed request', () => {
    const r = evaluate(
      { identity: [allowAll('id')], scps: [[allowAll('scp')]], rcps: [[]] },
      request(ALICE, 's3:GetObject', 'arn:aws:s3:::b/k'),
    );
    expect(r.decision).toBe('Allow');
    const steps = r.trace
      .filter((e) => e.kind === 'step')
      .map((e) => (e.kind === 'step' ? `${e.step}:${e.outcome}` : ''));
    expect(steps).toEqual([
      'explicit-deny:continue',
      'rcp:continue',
      'scp:continue',
      'resource:not-applicable',
      'identity:continue',
      'boundary:not-applicable',
      'session:not-applicable',
      'decision:allow',
    ]);
    expect(r.message).toBe('');
    expect(r.byPolicyType).toEqual({
      scp: 'Allow',
      rcp: 'Allow',
      resource: 'NotApplicable',
      identity: 'Allow',
      boundary: 'NotApplicable',
      session: 'NotApplicable',
    });
  });
  it('stops at the step that denies', () => {
    const r = evaluate(
      {
        identity: [allowAll('id')],
        boundary: entry('pb', {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }],
        }),
      },
      request(ALICE, 's3:GetObject', 'arn:aws:s3:::b/k'),
    );
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deniedBy).toBe('boundary');
    const steps = r.trace.filter((e) => e.kind === 'step').map((e) => (e.kind === 'step' ? e.step : ''));
    expect(steps).toEqual(['explicit-deny', 'rcp', 'scp', 'resource', 'identity', 'boundary', 'decision']);
    expect(r.byPolicyType.boundary).toBe('ImplicitDeny');
  });
  it('nests statements under their policy event', () => {
    const r = evaluate({ identity: [allowAll('id')] }, request(ALICE, 's3:GetObject', '*'));
    const policy = r.trace.find((e) => e.kind === 'policy');
    const statement = r.trace.find((e) => e.kind === 'statement');
    expect(policy && policy.kind === 'policy' ? [policy.policyId, policy.policyType] : []).toEqual(['id', 'identity']);
    expect(statement?.parent).toBe(policy?.id);
    expect(r.trace[0].kind).toBe('request');
  });
  it('records nothing when tracing is off', () => {
    const r = evaluate({ identity: [allowAll('id')] }, request(ALICE, 's3:GetObject', '*'), { trace: false });
    expect(r.decision).toBe('Allow');
    expect(r.trace).toEqual([]);
  });
  it('marks SCP levels in the trace', () => {
    const r = evaluate(
      { identity: [allowAll('id')], scps: [[allowAll('root')], [allowAll('ou')]] },
      request(ALICE, 's3:GetObject', '*'),
    );
    const levels = r.trace.flatMap((e) =>
      e.kind === 'policy' && e.policyType === 'scp' ? [`${e.policyId}@${e.level}`] : [],
    );
    expect(levels).toEqual(['root@0', 'ou@1']);
  });
  it('adds RCPFullAWSAccess at every RCP level', () => {
    const r = evaluate({ identity: [allowAll('id')], rcps: [[], []] }, request(ALICE, 's3:GetObject', '*'));
    const rcps = r.trace.flatMap((e) =>
      e.kind === 'policy' && e.policyType === 'rcp' ? [`${e.policyId}@${e.level}`] : [],
    );
    expect(rcps).toEqual(['RCPFullAWSAccess@0', 'RCPFullAWSAccess@1']);
  });
});

describe('evaluate: statements that cannot be evaluated are errors, not exceptions', () => {
  it('reports a statement with a bad Effect and ignores it', () => {
    const bad = entry('id', {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Oops', Effect: 'Permit', Action: '*', Resource: '*' }],
    });
    const r = evaluate({ identity: [bad] }, request(ALICE, 's3:GetObject', '*'));
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.errors.map((f) => [f.code, f.message])).toEqual([
      ['evaluate.statement-invalid', 'statement 0 (`Oops`) of `id` cannot be evaluated and is ignored'],
    ]);
  });
});

describe('evaluate: deciding statements carry their source', () => {
  it('names policy, statement index, Sid and range', () => {
    const p = entry('mine', {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    });
    const r = evaluate({ identity: [p] }, request(ALICE, 's3:GetObject', '*'));
    expect(r.deciding).toHaveLength(1);
    const d = r.deciding[0];
    expect([d.policyId, d.policyType, d.statementIndex, d.sid]).toEqual(['mine', 'identity', 0, 'Read']);
    expect(d.range.start.line).toBe(4);
  });
  it('reuses compiled policies (same answers on a second call)', () => {
    const p = allowAll('again');
    const a = evaluate({ identity: [p] }, request(ALICE, 's3:GetObject', '*'), { trace: false });
    const b = evaluate({ identity: [p] }, request(ALICE, 'ec2:RunInstances', '*'), { trace: false });
    expect([a.decision, b.decision]).toEqual(['Allow', 'Allow']);
  });
});

describe('evaluate: notes name what decided', () => {
  const denyAll = (id: string) =>
    entry(id, { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] });
  const note = (r: ReturnType<typeof evaluate>, step: string) =>
    r.trace.flatMap((e) => (e.kind === 'step' && e.step === step ? [e.note] : []))[0];
  const none = (id: string) =>
    entry(id, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] });

  it('names SCP levels root, OU n, account by default, and as given', () => {
    const set = {
      identity: [allowAll('id')],
      scps: [[allowAll('r')], [allowAll('ou1')], [none('ou2')], [allowAll('a')]],
    };
    const byDefault = evaluate(set, request(ALICE, 's3:GetObject', '*'));
    expect(byDefault.deniedBy).toBe('scp');
    expect(note(byDefault, 'scp')).toBe(
      'no service control policy at `OU 2` of the organization path allows the request',
    );
    expect(
      byDefault.trace.flatMap((e) => (e.kind === 'policy' && e.policyType === 'scp' ? [e.levelName] : [])),
    ).toEqual(['root', 'OU 1', 'OU 2', 'account']);
    const named = evaluate(
      { ...set, scpLevelNames: ['root', 'Workloads', 'Sandbox', 'dev-account'] },
      request(ALICE, 's3:GetObject', '*'),
    );
    expect(note(named, 'scp')).toBe(
      'no service control policy at `Sandbox` of the organization path allows the request',
    );
    const allowed = evaluate(
      { identity: [allowAll('id')], scps: [[allowAll('r')], [allowAll('a')]], scpLevelNames: ['root', 'prod'] },
      request(ALICE, 's3:GetObject', '*'),
    );
    expect(note(allowed, 'scp')).toBe('every level of the organization path has an SCP that allows: `root`, `prod`');
  });

  it('says which reason keeps RCPs and SCPs out', () => {
    const ec2 = evaluate(
      { identity: [allowAll('id')], rcps: [[denyAll('d')]] },
      request(ALICE, 'ec2:RunInstances', '*'),
    );
    expect(note(ec2, 'rcp')).toBe('RCPs do not apply: `ec2` is not a service that RCPs govern');
    const slr = 'arn:aws:iam::111122223333:role/aws-service-role/elasticmapreduce.amazonaws.com/AWSServiceRoleForEMR';
    const bySlr = evaluate(
      { identity: [allowAll('id')], rcps: [[denyAll('d')]], scps: [[denyAll('s')]] },
      request(slr, 's3:GetObject', '*'),
    );
    expect(note(bySlr, 'rcp')).toBe('RCPs do not apply: the caller is a service-linked role, which RCPs never limit');
    expect(note(bySlr, 'scp')).toBe('SCPs do not apply: the caller is a service-linked role, which SCPs never limit');
    const anon = evaluate({ scps: [[denyAll('s')]] }, request('anonymous', 's3:GetObject', 'arn:aws:s3:::b/k'));
    expect(note(anon, 'scp')).toBe('SCPs do not apply: an anonymous caller belongs to no account');
  });

  it('a federated user without a session policy has no permissions', () => {
    const r = evaluate(
      { identity: [allowAll('id')] },
      request('arn:aws:sts::111122223333:federated-user/carol', 's3:GetObject', '*'),
    );
    expect([r.decision, r.deniedBy, r.byPolicyType.session]).toEqual(['ImplicitDeny', 'session', 'ImplicitDeny']);
    expect(note(r, 'session')).toBe(
      'a federated user (GetFederationToken) created without a session policy has no permissions',
    );
  });

  it('never lists the deciding NotPrincipal deny as not matched', () => {
    const bucket = entry('bucket', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          NotPrincipal: { AWS: [ALICE, 'arn:aws:iam::111122223333:root'] },
          Action: 's3:*',
          Resource: '*',
        },
      ],
    });
    const r = evaluate(
      { identity: [allowAll('id')], boundary: allowAll('pb'), resource: bucket },
      request(ALICE, 's3:GetObject', 'arn:aws:s3:::b/k'),
    );
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deciding.map((d) => `${d.policyId}#${d.statementIndex}`)).toEqual(['bucket#0']);
    const st = r.trace.find((e) => e.kind === 'statement' && e.ref.policyId === 'bucket');
    expect(st?.kind === 'statement' && [st.matched, st.failedOn]).toEqual([true, undefined]);
  });
});

describe('decide is pure over the bins', () => {
  it('gives the same answer for the same applicability and bins', () => {
    const set = { identity: [allowAll('id')], scps: [[allowAll('r')], [allowAll('a')]] };
    const req = request(ALICE, 's3:GetObject', '*');
    const app = applicability(set, req);
    const { bins } = evaluateBins(set, req, app, new TraceBuilder(false));
    const first = decide(app, bins);
    expect(decide(app, bins)).toEqual(first);
    expect(first.decision).toBe('Allow');
    expect(first.deciding.map((d) => d.policyId)).toEqual(['r', 'a', 'id']);
    expect(first.steps.map((s) => s.step)).toEqual([
      'explicit-deny',
      'rcp',
      'scp',
      'resource',
      'identity',
      'boundary',
      'session',
      'decision',
    ]);
  });
});

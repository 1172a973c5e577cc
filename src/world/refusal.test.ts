/**
 * Malformed policies never grant (issue 8). Every validator ERROR case (checks.cases.ts) is run
 * through `iamplay eval`'s path: IAM refuses the document, so the case is answered with that
 * finding; and through `failClosed` (the workbench's "evaluate anyway"): never Allow where the
 * policy without its broken statements would not allow. The quick screen of refuse-fast.ts never
 * passes a document the validator refuses.
 */
import { describe, expect, it } from 'vitest';
import { loadManagedPolicies } from '../catalog';
import fc from 'fast-check';
import type { Finding } from '../engine/diagnostics';
import type { PolicyType } from '../engine/model';
import { CASES } from '../engine/validate/checks.cases';
import { validatePolicy } from '../engine/validate';
import { parsePolicy } from '../engine/parse';
import { ACCEPTED_BY_IAM, brokenStatements, failClosed, isRefusal, refusals } from '../engine/refusal';
import { mayBeRefused } from '../engine/refuse-fast';
import { runCase } from './from-case';
import { evaluate } from '../engine/authorize';
import { parseCaller } from '../engine/caller';
import { buildContext } from '../engine/context';
import type { PolicySet } from '../engine/decision/types';

const textOf = (doc: unknown) => (typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
const range = (start: number, end: number) => ({
  start: { line: 1, column: start + 1, offset: start },
  end: { line: 1, column: end + 1, offset: end },
});
const finding = (code: string, severity: Finding['severity'], at: [number, number]): Finding => ({
  code,
  severity,
  message: 'm',
  range: range(...at),
});
const NOW = Date.UTC(2026, 0, 15, 12);
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

describe('the refusal contract', () => {
  it('refuses every ERROR but the catalogue ones IAM stores as written', () => {
    expect([...ACCEPTED_BY_IAM].sort()).toEqual(['validate.unknown-action', 'validate.unknown-service']);
    expect(isRefusal(finding('validate.invalid-effect', 'ERROR', [0, 1]))).toBe(true);
    expect(isRefusal(finding('parse.json-syntax', 'ERROR', [0, 1]))).toBe(true);
    expect(isRefusal(finding('validate.unknown-action', 'ERROR', [0, 1]))).toBe(false);
    expect(isRefusal(finding('validate.unknown-service', 'ERROR', [0, 1]))).toBe(false);
    expect(isRefusal(finding('validate.missing-version', 'WARNING', [0, 1]))).toBe(false);
    const list = [
      finding('validate.missing-version', 'WARNING', [0, 1]),
      finding('validate.invalid-effect', 'ERROR', [5, 9]),
      finding('validate.unknown-action', 'ERROR', [2, 3]),
      finding('validate.element-type', 'ERROR', [1, 2]),
    ];
    expect(refusals(list).map((f) => f.code)).toEqual(['validate.invalid-effect', 'validate.element-type']);
  });

  const TWO = `{"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condtion": {"Bool": {"aws:SecureTransport": "true"}}},
  {"Sid": "NoDelete", "Effect": "deny", "Action": "s3:DeleteObject", "Resource": "*"},
  {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}
]}`;

  it('finds the statements the refusals fall in, and only those', () => {
    const parsed = parsePolicy(TWO);
    const findings = validatePolicy(TWO);
    expect(refusals(findings).map((f) => f.code)).toEqual([
      'validate.unknown-statement-key',
      'validate.invalid-effect',
    ]);
    expect(brokenStatements(parsed.policy!, findings)).toEqual([0, 1]);
    expect(
      brokenStatements(
        parsed.policy!,
        findings.filter((f) => f.severity !== 'ERROR'),
      ),
    ).toEqual([]);
  });

  it('drops a broken Allow and makes a broken Deny deny everything, keeping indexes and ranges', () => {
    const policy = parsePolicy(TWO).policy!;
    const safe = failClosed(policy, [0, 1]);
    expect(safe.statements.map((s) => [s.index, s.effect?.value, s.sid?.value])).toEqual([
      [1, 'Deny', 'NoDelete'],
      [2, 'Allow', 'List'],
    ]);
    expect(safe.statements[0].action?.values.map((v) => v.value)).toEqual(['*']);
    expect(safe.statements[0].resource?.values.map((v) => v.value)).toEqual(['*']);
    expect(safe.statements[0].condition).toBeUndefined();
    expect(safe.statements[0].range).toEqual(policy.statements[1].range);
    expect(failClosed(policy, [])).toBe(policy);
    // Evaluated: the broken deny now denies what the valid Allow allowed.
    const caller = parseCaller(ALICE);
    if (!caller.ok) throw new Error('caller');
    const req = (action: string) => ({
      caller: caller.value,
      action,
      resource: 'arn:aws:s3:::b',
      context: buildContext(caller.value, 'arn:aws:s3:::b', {}, { now: NOW }),
    });
    const set: PolicySet = { identity: [{ id: 'p', policy: safe }] };
    expect(evaluate(set, req('s3:ListBucket'), { trace: false }).decision).toBe('ExplicitDeny');
    expect(evaluate(set, req('s3:GetObject'), { trace: false }).decision).toBe('ExplicitDeny');
  });
});

/** Where a document of `type` goes in an eval case, with what else the request needs to be allowed. */
function caseFor(doc: unknown, type: PolicyType, action: string, resource: string, context: Record<string, string>) {
  const c: Record<string, unknown> = { id: 'c', request: { principal: ALICE, action, resource, context } };
  switch (type) {
    case 'identity':
      c.identityPolicies = [doc];
      break;
    case 'resource':
    case 'trust':
      c.resourcePolicy = doc;
      break;
    case 'boundary':
      c.identityPolicies = [ALLOW_ALL];
      c.permissionsBoundary = doc;
      break;
    case 'session':
      // Session policies limit role sessions (an IAM user has none).
      c.request = { principal: 'arn:aws:sts::111122223333:assumed-role/app/s', action, resource, context };
      c.identityPolicies = [ALLOW_ALL];
      c.sessionPolicy = doc;
      break;
    case 'scp':
      c.identityPolicies = [ALLOW_ALL];
      c.scps = [[doc]];
      break;
    case 'rcp':
      c.identityPolicies = [ALLOW_ALL];
      c.rcps = [[doc]];
      break;
  }
  return c;
}

/** Requests a document could allow: its own actions, with a context that meets its conditions. */
function requestsFor(
  text: string,
  type: PolicyType,
): { action: string; resource: string; context: Record<string, string> }[] {
  const actions = new Set(['s3:GetObject', 's3:PutObject']);
  for (const m of text.matchAll(/"([a-z0-9-]+:[A-Za-z0-9*]+)"/g)) if (!m[1].startsWith('aws:')) actions.add(m[1]);
  const context: Record<string, string> = {};
  for (const m of text.matchAll(/"((?:aws|s3):[A-Za-z/]+)":\s*\[?\s*"([^"]*)"/g)) context[m[1]] = m[2];
  const out = [];
  for (const a of actions) {
    const action = a.replace(/\*/g, 'X');
    const resource =
      type === 'trust' || action.startsWith('sts:')
        ? 'arn:aws:iam::111122223333:role/app'
        : 'arn:aws:s3:::reports/q1.csv';
    out.push({ action, resource, context: {} }, { action, resource, context });
  }
  return out;
}

describe('every lint ERROR against eval', () => {
  const errors = CASES.filter((c) => c.severity === 'ERROR');

  it('covers every ERROR code of the validator', () => {
    expect(new Set(errors.map((c) => c.code)).size).toBeGreaterThanOrEqual(37);
  });

  it('answers each refused document with its finding, and without the catalogue misses only catalogue checks', () => {
    const missed: string[] = [];
    for (const c of errors) {
      const type = c.type ?? 'identity';
      const text = textOf(c.doc);
      const refused = refusals(validatePolicy(text, { type }));
      if (refused.length === 0) {
        missed.push(c.code);
        continue;
      }
      expect(
        refused.map((f) => f.code),
        c.code,
      ).toContain(c.code);
      for (const r of requestsFor(text, type)) {
        const answer = runCase(caseFor(c.doc, type, r.action, r.resource, r.context), { now: NOW });
        expect('error' in answer, `${c.code} ${r.action}`).toBe(true);
        if ('error' in answer) {
          expect(answer.error.code).toBe(refused[0].code);
          expect(answer.error.message).toMatch(
            /^`[a-zA-Z[\]0-9]+`: .+ \(line \d+, column \d+; IAM refuses such a document\)$/,
          );
        }
      }
    }
    // Catalogue checks: the key types and the actions a pattern stands for (IAM stores unknown
    // actions as written, and lint may report them as ERROR; they match nothing).
    // The size limits depend on whether an identity policy is managed or inline (the `kind`
    // option), which an eval case does not say.
    expect(missed.filter((code) => !ACCEPTED_BY_IAM.has(code)).sort()).toEqual([
      'validate.operator-type-mismatch',
      'validate.policy-too-large',
      'validate.policy-too-large',
      'validate.trust-action',
    ]);
  });

  it('never turns into Allow: not through eval, and not with the broken statements ignored', () => {
    let allowedAnyway = 0;
    for (const c of errors) {
      const type = c.type ?? 'identity';
      const text = textOf(c.doc);
      const parsed = parsePolicy(text);
      const findings = validatePolicy(text, { type });
      const broken = parsed.policy ? brokenStatements(parsed.policy, findings) : [];
      // The document without its broken statements, as the baseline a fail-closed reading may not exceed.
      const without = parsed.policy && {
        ...parsed.policy,
        statements: parsed.policy.statements.filter((s) => !broken.includes(s.index)),
      };
      for (const r of requestsFor(text, type)) {
        const plain = runCase(caseFor(c.doc, type, r.action, r.resource, r.context), { now: NOW });
        if (ACCEPTED_BY_IAM.has(c.code)) {
          // IAM stores an unknown action or service as written and eval evaluates it: it can only
          // match a request for that very name, which no AWS service ever sends.
          expect('error' in plain, c.code).toBe(false);
          continue;
        }
        const anyway = runCase(caseFor(c.doc, type, r.action, r.resource, r.context), { now: NOW, anyway: true });
        const decision = (a: ReturnType<typeof runCase>) => ('error' in a ? a.error.code : a.decision);
        if (!('error' in plain)) expect(plain.decision, `${c.code} ${r.action}`).not.toBe('Allow');
        if (without === undefined) {
          expect(decision(anyway), c.code).not.toBe('Allow');
          continue;
        }
        const baseline = runCase(caseFor(JSON.parse(JSON.stringify(c.doc)), type, r.action, r.resource, r.context), {
          now: NOW,
          anyway: true,
        });
        if (decision(anyway) === 'Allow') {
          allowedAnyway++;
          expect(decision(baseline), `${c.code} ${r.action}`).toBe('Allow');
          // The allow comes from a statement that is not broken.
          if (!('error' in anyway))
            for (const d of anyway.deciding)
              if (d.policy === Object.keys(caseFor(0, type, '', '', {})).at(-1))
                expect(broken).not.toContain(d.statement);
        }
      }
    }
    // A few documents keep a valid statement that allows on its own (the first of two statements
    // sharing a Sid; the valid statements around an invalid `Sid`): those allow, as the baseline does.
    expect(allowedAnyway).toBe(4);
  });
});

const managed = (
  (await loadManagedPolicies()) as {
    policies: { name: string; document: unknown }[];
  }
).policies;

describe('the quick screen agrees with the validator', () => {
  const refusedByValidator = (doc: unknown, type: PolicyType) =>
    refusals(validatePolicy(textOf(doc), { type })).length > 0;

  it('never passes a document of checks.cases.ts that the validator refuses, and passes the plain near misses', () => {
    const passed: string[] = [];
    for (const c of CASES) {
      for (const [doc, type] of [
        [c.doc, c.type ?? 'identity'],
        [c.near, c.nearType ?? c.type ?? 'identity'],
      ] as [unknown, PolicyType][]) {
        const value = typeof doc === 'string' ? safeParse(doc) : doc;
        if (value === undefined) continue;
        if (refusedByValidator(doc, type)) expect(mayBeRefused(value, type), `${c.code} ${textOf(doc)}`).toBe(true);
        else if (!mayBeRefused(value, type)) passed.push(c.code);
      }
    }
    // Plain documents take the fast path (most near misses and many WARNING cases).
    expect(passed.length).toBeGreaterThan(40);
  });

  it('passes most AWS managed policies and never one the validator refuses', () => {
    let fast = 0;
    for (const p of managed) {
      const refused = refusedByValidator(p.document, 'identity');
      const screened = mayBeRefused(p.document, 'identity');
      if (refused) expect(screened, p.name).toBe(true);
      if (!screened) fast++;
    }
    expect(fast / managed.length).toBeGreaterThan(0.8);
  }, 120_000);

  it('never passes a mutation of a managed policy that the validator refuses', () => {
    const docs = managed.slice(0, 400).map((p) => p.document);
    const junk = fc.oneof(
      fc.constant(null),
      fc.constant(7),
      fc.constant('deny'),
      fc.constant([]),
      fc.constant({}),
      fc.constant(['s3:GetObject', 3]),
      fc.constant({ StringEqual: { 'aws:username': 'x' } }),
      fc.constant({ StringEquals: 'x' }),
      fc.constant('arn:aws:iam::111122223333:user/${aws:username'),
      fc.constant('reports/*'),
      fc.constant({ AWS: '*' }),
    );
    const key = fc.constantFrom(
      'Effect',
      'Action',
      'NotAction',
      'Resource',
      'NotResource',
      'Condition',
      'Condtion',
      'Principal',
      'Sid',
      'Conditions',
    );
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.nat(40), key, junk, fc.boolean(), (d, si, k, v, del) => {
        const doc = JSON.parse(JSON.stringify(docs[d])) as { Statement: unknown };
        const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
        const s = list[si % list.length] as Record<string, unknown>;
        if (del) delete s[k];
        else s[k] = v;
        if (refusedByValidator(doc, 'identity')) expect(mayBeRefused(doc, 'identity')).toBe(true);
      }),
      { numRuns: 400, seed: 8 },
    );
  }, 120_000);
});

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Fail closed (IAM User Guide, "Validating IAM policies"; IAM API `MalformedPolicyDocument`): a
 * document IAM would refuse when it is written is never evaluated as if it were fine.
 *
 * - `refusals(findings)`: the findings that mean IAM refuses the document; every ERROR does,
 *   except the ones IAM accepts when a policy is written (Access Analyzer's catalogue checks: an
 *   action or service that does not exist is stored as written and simply matches nothing).
 * - `brokenStatements(policy, refusals)`: the statements those findings fall in.
 * - `failClosed(policy, broken)`: the policy as the workbench evaluates it when the learner asks
 *   to "evaluate anyway": a broken `Allow` never matches, a broken `Deny` applies to every request.
 */
import type { Finding, Range } from './diagnostics';
import type { Policy, Ranged, Statement, ValueList } from './model';

/** ERROR codes IAM accepts when the policy is written (they come from the action catalogue, not the grammar). */
export const ACCEPTED_BY_IAM: ReadonlySet<string> = new Set(['validate.unknown-action', 'validate.unknown-service']);

/** True when IAM would refuse a document with this finding. */
export function isRefusal(f: Finding): boolean {
  return f.severity === 'ERROR' && !ACCEPTED_BY_IAM.has(f.code);
}

/** The findings that make IAM refuse the document, in their order. */
export function refusals(findings: readonly Finding[]): Finding[] {
  return findings.filter(isRefusal);
}

function within(inner: Range, outer: Range): boolean {
  return inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

/** Indexes (0-based, as in `Statement.index`) of the statements a refusal falls in. */
export function brokenStatements(policy: Policy, findings: readonly Finding[]): number[] {
  const out: number[] = [];
  for (const s of policy.statements)
    if (findings.some((f) => isRefusal(f) && within(f.range, s.range))) out.push(s.index);
  return out;
}

function everything(range: Range): ValueList {
  const star: Ranged<string> = { value: '*', range };
  return { values: [star], single: true, range };
}

/**
 * The policy with its broken statements made safe: a broken Allow is dropped (it never matches); a
 * broken Deny becomes a Deny of every action on every resource, with no principal and no
 * condition (it always applies). Statement indexes and ranges are kept, so the trace still points
 * at the text the learner wrote.
 */
export function failClosed(policy: Policy, broken: readonly number[]): Policy {
  if (broken.length === 0) return policy;
  const set = new Set(broken);
  const statements: Statement[] = [];
  for (const s of policy.statements) {
    if (!set.has(s.index)) {
      statements.push(s);
      continue;
    }
    if (s.effect?.value !== 'Allow' && /^deny$/i.test(s.effect?.value ?? '')) {
      statements.push({
        index: s.index,
        ...(s.sid ? { sid: s.sid } : {}),
        effect: { value: 'Deny', range: s.effect!.range },
        action: everything(s.range),
        resource: everything(s.range),
        // No Principal: a statement without one applies to every caller, in every policy type
        // (an identity-based policy may not name one at all).
        range: s.range,
      });
    }
    // A broken Allow (or a statement whose effect cannot be read) is left out: it never grants.
  }
  return { ...policy, statements };
}

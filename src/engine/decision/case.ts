/**
 * One evaluation case as `iamplay eval` reads it (issue 3): a request and the policies that apply,
 * checked for shape, evaluated, and answered as one plain object. Pure: the CLI and the tests share it.
 *
 * ```
 * { "id": "c1",
 *   "request": { "principal": "<ARN> | anonymous", "action": "s3:GetObject", "resource": "<ARN> | *",
 *                "resourceAccount": "111122223333", "context": { "aws:SourceIp": "10.0.0.1" } },
 *   "identityPolicies": [<policy>], "resourcePolicy": <policy>, "permissionsBoundary": <policy>,
 *   "sessionPolicy": <policy>, "scps": [[<policy>...], ...], "rcps": [[<policy>...], ...],
 *   "scpLevelNames": ["root", "Workloads", "dev"], "rcpLevelNames": [...] }
 * ```
 * `rule`, `description` and `expect` are allowed and ignored (the JSON case files carry them).
 */
import type { ContextValue, Policy, PolicyType } from '../model';
import type { Caller, EvalRequest } from '../evaluate/types';
import type { FlowStep } from '../trace';
import type { Decision, PolicyEntry, PolicySet, Verdict } from './types';
import { parseCaller } from '../caller';
import { arnAccount, buildContext, contextValues } from '../context';
import { parsePolicyValue } from '../parse';
import { evaluate } from '../authorize';
import type { ExplainedStatement } from '../explain';
import { explainedStatements, steps } from '../explain';

export interface CaseError {
  code: string;
  message: string;
}

export interface DecidingStatement {
  policy: string;
  policyType: PolicyType;
  statement: number;
  sid?: string;
}

export interface CaseExplain {
  message: string;
  deniedBy?: PolicyType;
  deciding: DecidingStatement[];
  byPolicyType: Partial<Record<PolicyType, Verdict>>;
  steps: { step: FlowStep; outcome: string; note: string }[];
  /**
   * Every statement evaluated: whether it matched (deciding statements always do), the first
   * element that failed, the SCP/RCP level's name, and for a condition that failed its reason.
   */
  statements: ExplainedStatement[];
  context: Record<string, ContextValue>;
  errors: CaseError[];
}

export type CaseAnswer =
  | { id: string | null; decision: Decision; deciding: DecidingStatement[]; explain?: CaseExplain }
  | { id: string | null; error: CaseError };

export interface CaseOptions {
  explain?: boolean;
  /** Request time in milliseconds for `aws:CurrentTime` / `aws:EpochTime` when the context has none. */
  now?: number;
}

const CASE_KEYS = new Set([
  'id',
  'request',
  'identityPolicies',
  'resourcePolicy',
  'permissionsBoundary',
  'sessionPolicy',
  'scps',
  'rcps',
  'scpLevelNames',
  'rcpLevelNames',
  'rule',
  'description',
  'expect',
]);
const REQUEST_KEYS = new Set(['principal', 'action', 'resource', 'resourceAccount', 'context']);
const ACTION_RE = /^[A-Za-z0-9-]+:[A-Za-z0-9_-]+$/;

class CaseProblem {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/** Parsed policies by their JSON text: cases that repeat a document share one parse and one compilation. */
const parsedByText = new Map<string, Policy>();
const MAX_PARSED = 5000;

function policyAt(value: unknown, where: string): Policy {
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value);
  } catch (e) {
    throw new CaseProblem(
      'evaluate.case.shape',
      e instanceof RangeError ? `\`${where}\` is nested too deeply` : `\`${where}\` cannot be read as JSON`,
    );
  }
  if (text === undefined) throw new CaseProblem('evaluate.case.shape', `\`${where}\` is not a policy document`);
  const hit = parsedByText.get(text);
  if (hit) return hit;
  const parsed = parsePolicyValue(value);
  const bad = parsed.findings.find((f) => f.severity === 'ERROR');
  if (bad)
    throw new CaseProblem(
      bad.code,
      `\`${where}\`: ${bad.message} (line ${bad.range.start.line}, column ${bad.range.start.column})`,
    );
  if (!parsed.policy) throw new CaseProblem('parse.not-an-object', `\`${where}\` is not a policy document`);
  if (parsedByText.size >= MAX_PARSED) parsedByText.clear();
  parsedByText.set(text, parsed.policy);
  return parsed.policy;
}

function entry(value: unknown, where: string): PolicyEntry {
  return { id: where, policy: policyAt(value, where) };
}

function levels(value: unknown, where: string): PolicyEntry[][] {
  if (!Array.isArray(value))
    throw new CaseProblem(
      'evaluate.case.shape',
      `\`${where}\` must be a list of levels (root first), each a list of policies`,
    );
  return value.map((level, i) => {
    if (!Array.isArray(level))
      throw new CaseProblem(
        'evaluate.case.shape',
        `\`${where}[${i}]\` must be a list of policies (one level of the organization path)`,
      );
    return level.map((p, j) => entry(p, `${where}[${i}][${j}]`));
  });
}

function names(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== ''))
    throw new CaseProblem('evaluate.case.shape', `\`${where}\` must be a list of level names, root first`);
  return value as string[];
}

function str(value: unknown, where: string, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new CaseProblem('evaluate.case.shape', `\`${where}\` must be a non-empty string`);
  return value;
}

function contextOf(value: unknown): Record<string, ContextValue> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CaseProblem(
      'evaluate.request.context',
      '`request.context` must be an object of condition keys to values',
    );
  }
  const out: Record<string, ContextValue> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (
      Array.isArray(v) &&
      v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')
    )
      out[k] = v.map(String);
    else
      throw new CaseProblem(
        'evaluate.request.context',
        `the context key \`${k}\` must have a string or a list of strings`,
      );
  }
  return out;
}

/** Builds the policy set and the request of a case; throws CaseProblem for a case it cannot evaluate. */
function prepare(
  c: Record<string, unknown>,
  now: number | undefined,
): { set: PolicySet; request: EvalRequest; resourceAccount?: string } {
  for (const k of Object.keys(c))
    if (!CASE_KEYS.has(k)) throw new CaseProblem('evaluate.case.unknown-key', `unknown key \`${k}\` in the case`);
  const rq = c.request;
  if (typeof rq !== 'object' || rq === null || Array.isArray(rq))
    throw new CaseProblem('evaluate.case.shape', 'the case needs a `request` object');
  const r = rq as Record<string, unknown>;
  for (const k of Object.keys(r))
    if (!REQUEST_KEYS.has(k)) throw new CaseProblem('evaluate.case.unknown-key', `unknown key \`${k}\` in \`request\``);
  const principal = str(r.principal, 'request.principal', true)!;
  const action = str(r.action, 'request.action', true)!;
  const resource = str(r.resource, 'request.resource', true)!;
  const resourceAccount = str(r.resourceAccount, 'request.resourceAccount', false);
  if (!ACTION_RE.test(action)) {
    throw new CaseProblem(
      'evaluate.request.action',
      `\`${action.slice(0, 100)}\` is not an action; write \`service:ActionName\`, such as \`s3:GetObject\``,
    );
  }
  if (resource !== '*' && !(resource.startsWith('arn:') && resource.split(':', 6).length === 6)) {
    throw new CaseProblem(
      'evaluate.request.resource',
      `\`${resource.slice(0, 100)}\` is not an ARN; write \`arn:partition:service:region:account:resource\` or \`*\``,
    );
  }
  if (resourceAccount !== undefined && !/^\d{12}$/.test(resourceAccount)) {
    throw new CaseProblem(
      'evaluate.request.resource',
      `\`request.resourceAccount\` must be a 12-digit account id, found \`${resourceAccount.slice(0, 40)}\``,
    );
  }
  const given = contextOf(r.context);
  const parsed = parseCaller(principal);
  if (!parsed.ok) throw new CaseProblem(parsed.errors[0].code, parsed.errors[0].message);
  let caller: Caller = parsed.value;
  // A session ARN drops the role's path; the context's aws:PrincipalArn may give the full role ARN.
  const given_pa = Object.entries(given).find(([k]) => k.toLowerCase() === 'aws:principalarn')?.[1];
  if (
    caller.kind === 'assumed-role' &&
    typeof given_pa === 'string' &&
    given_pa.startsWith(`arn:aws:iam::${caller.account}:role/`)
  ) {
    caller = { ...caller, roleArn: given_pa };
  }

  const set: PolicySet = {};
  if (c.identityPolicies !== undefined) {
    if (!Array.isArray(c.identityPolicies))
      throw new CaseProblem('evaluate.case.shape', '`identityPolicies` must be a list of policies');
    set.identity = c.identityPolicies.map((p, i) => entry(p, `identityPolicies[${i}]`));
  }
  if (c.resourcePolicy !== undefined) set.resource = entry(c.resourcePolicy, 'resourcePolicy');
  if (c.permissionsBoundary !== undefined) set.boundary = entry(c.permissionsBoundary, 'permissionsBoundary');
  if (c.sessionPolicy !== undefined) set.session = [entry(c.sessionPolicy, 'sessionPolicy')];
  if (c.scps !== undefined) set.scps = levels(c.scps, 'scps');
  if (c.rcps !== undefined) set.rcps = levels(c.rcps, 'rcps');
  if (c.scpLevelNames !== undefined) set.scpLevelNames = names(c.scpLevelNames, 'scpLevelNames');
  if (c.rcpLevelNames !== undefined) set.rcpLevelNames = names(c.rcpLevelNames, 'rcpLevelNames');

  const account = resourceAccount ?? arnAccount(resource) ?? caller.account;
  const context = buildContext(caller, resource, given, { resourceAccount: account, now });
  return { set, request: { caller, action, resource, context }, resourceAccount: account };
}

/** Evaluates one case value. Never throws. */
export function runCase(value: unknown, options: CaseOptions = {}): CaseAnswer {
  let id: string | null = null;
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return {
        id,
        error: { code: 'evaluate.case.shape', message: 'a case must be a JSON object with `id` and `request`' },
      };
    }
    const c = value as Record<string, unknown>;
    if (typeof c.id === 'string' || typeof c.id === 'number') id = String(c.id);
    else return { id, error: { code: 'evaluate.case.shape', message: 'the case needs an `id` (a string)' } };
    const { set, request, resourceAccount } = prepare(c, options.now);
    const result = evaluate(set, request, { trace: options.explain === true, resourceAccount });
    const deciding = result.deciding.map((ref) => {
      const d: DecidingStatement = { policy: ref.policyId, policyType: ref.policyType, statement: ref.statementIndex };
      if (ref.sid !== undefined) d.sid = ref.sid;
      return d;
    });
    if (!options.explain) return { id, decision: result.decision, deciding };
    const explain: CaseExplain = {
      message: result.message,
      deciding,
      byPolicyType: result.byPolicyType,
      steps: [],
      statements: [],
      context: contextValues(request.context),
      errors: result.errors.map((f) => ({ code: f.code, message: f.message })),
    };
    if (result.deniedBy) explain.deniedBy = result.deniedBy;
    for (const e of steps(result.trace)) explain.steps.push({ step: e.step, outcome: e.outcome, note: e.note });
    explain.statements = explainedStatements(result.trace, result.deciding);
    return { id, decision: result.decision, deciding, explain };
  } catch (e) {
    if (e instanceof CaseProblem) return { id, error: { code: e.code, message: e.message } };
    return {
      id,
      error: {
        code: 'evaluate.internal',
        message: `the case could not be evaluated: ${e instanceof Error ? e.message : String(e)}`,
      },
    };
  }
}

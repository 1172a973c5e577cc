/**
 * Turns the workbench's documents and request draft into the engine's policy set and requests,
 * and runs the decision once per action (the AWS policy simulator's results table). Pure: the
 * decision function and the catalogue are passed in.
 *
 * Fail closed (IAM User Guide, "Validating IAM policies"): a document IAM would refuse is reported
 * as refused, and decided with only when the person asks to evaluate anyway; then its broken
 * statements are made safe (`failClosed`: a broken Allow never matches, a broken Deny always applies).
 */
import type { Catalog } from '../catalog';
import type { DecisionResult, EvaluateOptions, PolicyEntry, PolicySet } from '../engine/decision/types';
import type { Finding } from '../engine/diagnostics';
import type { ContextValue, Policy, Request } from '../engine/model';
import { brokenStatements, failClosed, refusals } from '../engine/refusal';
import { parseCaller } from '../engine/caller';
import { suggest } from '../engine/validate/suggest';
import { inlineSizeFindings, type PolicyKind } from '../engine/validate';
import type {
  ActionProblem,
  DocInput,
  DocKind,
  EvaluateOptions as WorkbenchOptions,
  EvaluationAnswer,
  RefusedDoc,
  RequestInput,
} from './types';
import { ORG_LEVEL_ORDER, orgLevelName, sizeKind } from './types';

export type EvaluateFn = (set: PolicySet, request: Request, options?: EvaluateOptions) => DecisionResult;
export type ParseFn = (text: string) => { policy?: Policy; findings: Finding[] };
/** Every finding of a document (parse and validation), as the editor shows them; `size`: the size limit it is held to. */
export type ValidateFn = (text: string, kind: DocKind, size?: PolicyKind) => Finding[];

export const MAX_ACTIONS = 50;

/** A second document of a kind the request takes once: it is left out, and the person told why. */
function onlyFirst(doc: DocInput, rule: string): EvaluationAnswer['skipped'][number] {
  return { docId: doc.id, name: doc.name, reason: `${rule}; only the first one counts` };
}

export interface PolicySetOptions extends WorkbenchOptions {
  validate?: ValidateFn;
  /** Why session policies do not apply to this request's principal ('' or absent: they apply). */
  noSession?: string;
}

/**
 * The policy set the documents make. Documents that cannot be read are refused and left out;
 * documents with findings IAM refuses are refused, and used fail-closed only with `anyway`.
 */
export function buildPolicySet(
  docs: DocInput[],
  parse: ParseFn,
  options: PolicySetOptions = {},
): {
  set: PolicySet;
  skipped: EvaluationAnswer['skipped'];
  refused: RefusedDoc[];
  levels: EvaluationAnswer['levels'];
} {
  const set: PolicySet = {};
  const skipped: EvaluationAnswer['skipped'] = [];
  const refused: RefusedDoc[] = [];
  const scps = new Map<string, PolicyEntry[]>();
  const rcps = new Map<string, PolicyEntry[]>();
  // A user's inline policies share one limit of 2,048 characters, in the order they are listed.
  const userInline = docs.filter((d) => d.kind === 'identity' && d.storedAs === 'user-inline');
  const totals = new Map<string, Finding[]>();
  if (options.validate)
    inlineSizeFindings(
      userInline.map((d) => d.text),
      'user-inline',
    ).forEach((f, i) => totals.set(userInline[i].id, f));
  for (const doc of docs) {
    const parsed = parse(doc.text);
    // AWS refuses a document that is not valid JSON, so a partly read one is not evaluated at all.
    const unreadable = refusals(parsed.findings);
    if (!parsed.policy || unreadable.length > 0) {
      const finding: Finding = unreadable[0] ?? {
        code: 'parse.not-a-policy',
        severity: 'ERROR',
        message: 'it is not a policy document',
        range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      };
      refused.push({
        docId: doc.id,
        name: doc.name,
        finding,
        count: Math.max(1, unreadable.length),
        unreadable: true,
        statements: [],
      });
      continue;
    }
    let policy = parsed.policy;
    if (options.validate) {
      const total = totals.get(doc.id);
      const size = total ? undefined : sizeKind(doc.kind, doc.storedAs);
      const found = refusals([...options.validate(doc.text, doc.kind, size), ...(total ?? [])]);
      if (found.length > 0) {
        const statements = brokenStatements(policy, found);
        refused.push({
          docId: doc.id,
          name: doc.name,
          finding: found[0],
          count: found.length,
          unreadable: false,
          statements,
        });
        if (!options.anyway) continue;
        policy = failClosed(policy, statements);
      }
    }
    const entry: PolicyEntry = { id: doc.id, policy };
    switch (doc.kind) {
      case 'identity':
        (set.identity ??= []).push(entry);
        break;
      case 'resource':
        if (set.resource) skipped.push(onlyFirst(doc, 'a request has one resource policy'));
        else set.resource = entry;
        break;
      case 'boundary':
        if (set.boundary) skipped.push(onlyFirst(doc, 'a principal has one permissions boundary'));
        else set.boundary = entry;
        break;
      case 'session':
        if (options.noSession) skipped.push({ docId: doc.id, name: doc.name, reason: options.noSession });
        else (set.session ??= []).push(entry);
        break;
      case 'scp':
      case 'rcp': {
        const map = doc.kind === 'scp' ? scps : rcps;
        const level = doc.level ?? 'root';
        if (!map.has(level)) map.set(level, []);
        map.get(level)!.push(entry);
        break;
      }
    }
  }
  // A level with no SCP here keeps AWS's default FullAWSAccess, so only levels with documents are listed.
  const levels = {
    scp: ORG_LEVEL_ORDER.filter((l) => scps.has(l)),
    rcp: ORG_LEVEL_ORDER.filter((l) => rcps.has(l)),
  };
  if (scps.size > 0) {
    set.scps = levels.scp.map((l) => scps.get(l)!);
    set.scpLevelNames = levels.scp.map(orgLevelName);
  }
  if (rcps.size > 0) {
    set.rcps = levels.rcp.map((l) => rcps.get(l)!);
    set.rcpLevelNames = levels.rcp.map(orgLevelName);
  }
  return { set, skipped, refused, levels };
}

const show = (v: string) => `\`${v.length > 80 ? `${v.slice(0, 80)}…` : v}\``;

/**
 * Whether the request's action is one AWS has. A request names exactly one real action: a
 * wildcard, a typo or an unknown service is answered as such (the decision is only "if it existed").
 */
export function actionProblem(action: string, catalog: Catalog | undefined): ActionProblem | undefined {
  if (!catalog) return undefined;
  if (action.includes('*') || action.includes('?'))
    return {
      kind: 'wildcard',
      message: `${show(action)} is a wildcard: a request names one action, and AWS has no action called ${show(action)}`,
    };
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1)
    return { kind: 'malformed', message: `${show(action)} is not an action: write it as \`service:Action\`` };
  if (catalog.action(action)) return undefined;
  const prefix = action.slice(0, colon);
  const service = catalog.service(prefix);
  if (!service) {
    const [best] = suggest(
      prefix,
      catalog.services.map((s) => s.prefix),
      1,
    );
    const suggestion = best ? `${best}:${action.slice(colon + 1)}` : undefined;
    const fixed = suggestion && catalog.action(suggestion) ? catalog.action(suggestion)!.fullName : undefined;
    return {
      kind: 'unknown-service',
      message: `AWS has no service with the prefix ${show(prefix)}${best ? `; did you mean ${show(best)}?` : ''}`,
      ...(fixed ? { suggestion: fixed } : {}),
    };
  }
  const [best] = suggest(
    action,
    service.actions.map((a) => a.fullName),
    1,
  );
  return {
    kind: 'unknown-action',
    message: `AWS has no action ${show(action)} in ${service.name}${best ? `; did you mean ${show(best)}?` : ''}`,
    ...(best ? { suggestion: best } : {}),
  };
}

/** Caller kinds a session policy can apply to (IAM User Guide, "Session policies"). */
const SESSION_CALLERS = new Set(['assumed-role', 'federated-user', 'role']);

/** Why the documents' session policies do not apply to this principal, or '' when they do (or the principal cannot be read). */
export function sessionNotApplicable(principal: string): string {
  const caller = parseCaller(principal.trim() || 'anonymous');
  if (!caller.ok || SESSION_CALLERS.has(caller.value.kind)) return '';
  const who: Record<string, string> = {
    user: 'an IAM user',
    account: 'the account root user',
    anonymous: 'an anonymous caller',
    service: 'an AWS service principal',
  };
  return `session policies apply only to role sessions and federated users, and the principal is ${who[caller.value.kind] ?? 'not a session'}: it does not apply and is left out of the decision`;
}

const ARN = /^arn:[a-z-]+:[a-z0-9-]*:[a-z0-9-]*:(\d{12}|aws|)?:.+$/;

/** What is wrong with the request's principal, resource and owner account as typed (shown at each field). */
export function checkFields(input: RequestInput): EvaluationAnswer['fields'] {
  const fields: EvaluationAnswer['fields'] = {};
  const principal = input.principal.trim();
  if (principal === '')
    fields.principal =
      'the principal is empty, so the request is evaluated as `anonymous`; type an ARN, or `anonymous` for a caller with no credentials';
  else {
    const caller = parseCaller(principal);
    if (!caller.ok)
      fields.principal = caller.errors.map((f) => (f.help ? `${f.message}: ${f.help}` : f.message)).join('; ');
  }
  const resource = input.resource.trim();
  if (resource !== '' && resource !== '*' && !ARN.test(resource))
    fields.resource = resource.startsWith('arn:')
      ? `${show(resource)} is not a valid ARN: an ARN has six parts, \`arn:partition:service:region:account:resource\``
      : `${show(resource)} is not an ARN: write one such as \`arn:aws:s3:::bucket/key\`, or \`*\` for an action that takes no resource`;
  const account = input.resourceAccount.trim();
  if (account !== '' && !/^\d{12}$/.test(account))
    fields.resourceAccount = `${show(account)} is not an account id: it has 12 digits; it is left out, so the owner is the account in the resource ARN`;
  return fields;
}

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV6 = /^[0-9a-fA-F:.]{2,45}(\/\d{1,3})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A note when `value` does not fit the documented `type` of `key`; '' when it fits. */
export function checkContextValue(key: string, type: string, value: string): string {
  const base = type.replace(/^ArrayOf/, '');
  const values = type.startsWith('ArrayOf') ? value.split(',').map((v) => v.trim()) : [value];
  for (const v of values) {
    const bad =
      (base === 'Bool' && v !== 'true' && v !== 'false') ||
      (base === 'Numeric' && (v.trim() === '' || !Number.isFinite(Number(v)))) ||
      (base === 'Date' && !ISO_DATE.test(v) && !/^\d{1,12}$/.test(v)) ||
      (base === 'IPAddress' && !IPV4.test(v) && !(v.includes(':') && IPV6.test(v))) ||
      (base === 'ARN' && !v.startsWith('arn:'));
    if (bad) {
      const what: Record<string, string> = {
        Bool: '`true` or `false`',
        Numeric: 'a number',
        Date: 'a date (ISO 8601 or epoch seconds)',
        IPAddress: 'an IP address',
        ARN: 'an ARN',
      };
      return `\`${key}\` takes ${what[base] ?? base}; \`${v.slice(0, 60)}\` is not one`;
    }
  }
  return '';
}

/** The engine's request for one action, with context values typed from the catalogue (`ArrayOf…` keys take a comma-separated list). */
export function buildRequest(
  input: RequestInput,
  action: string,
  catalog: Catalog | undefined,
  notes: string[],
): Request {
  const context: Record<string, ContextValue> = {};
  for (const { key, value } of input.context) {
    const k = key.trim();
    if (k === '') continue;
    const type = catalog?.conditionKey(k)?.type ?? '';
    if (type) {
      const note = checkContextValue(k, type, value);
      if (note && !notes.includes(note)) notes.push(note);
    }
    context[k] = type.startsWith('ArrayOf')
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '')
      : value;
  }
  const request: Request = {
    principal: input.principal.trim() || 'anonymous',
    action,
    resource: input.resource.trim() || '*',
    context,
  };
  if (/^\d{12}$/.test(input.resourceAccount.trim())) request.resourceAccount = input.resourceAccount.trim();
  return request;
}

/** Decides every action of the request against the documents. Never throws: a failing action gets an error row. */
export function evaluateWorkbench(
  docs: DocInput[],
  input: RequestInput,
  deps: { evaluate: EvaluateFn; parse: ParseFn; validate?: ValidateFn; catalog?: Catalog },
  options: WorkbenchOptions = {},
): EvaluationAnswer {
  const anyway = options.anyway === true;
  const { set, skipped, refused, levels } = buildPolicySet(docs, deps.parse, {
    anyway,
    validate: deps.validate,
    noSession: sessionNotApplicable(input.principal),
  });
  const notes: string[] = [];
  if (input.actions.length > MAX_ACTIONS) notes.push(`only the first ${MAX_ACTIONS} actions are evaluated`);
  const rows: EvaluationAnswer['rows'] = [];
  for (const action of input.actions.slice(0, MAX_ACTIONS)) {
    try {
      const request = buildRequest(input, action, deps.catalog, notes);
      const r = deps.evaluate(set, request, { trace: true });
      const problem = actionProblem(action, deps.catalog);
      rows.push({
        ok: true,
        value: {
          action,
          decision: r.decision,
          message: r.message,
          deciding: r.deciding,
          ...(r.deniedBy ? { deniedBy: r.deniedBy } : {}),
          byPolicyType: r.byPolicyType,
          trace: r.trace,
          errors: r.errors,
          ...(problem ? { actionProblem: problem } : {}),
        },
      });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      rows.push({
        ok: false,
        action,
        error: e instanceof Error && e.name === 'PrincipalError' ? why : `the engine failed on this request: ${why}`,
      });
    }
  }
  return { rows, skipped, notes, refused, anyway: anyway && refused.length > 0, fields: checkFields(input), levels };
}

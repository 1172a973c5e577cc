/**
 * Decides the workbench's documents and request draft once per action (the AWS policy
 * simulator's results table): the documents become a small world (`worldOfDocs`) and `authorize`
 * gathers, screens and decides, as for every other path. Pure: the catalogue and the validator
 * are passed in.
 *
 * Fail closed (IAM User Guide, "Validating IAM policies"): a document IAM would refuse is reported
 * as refused, and decided with only when the person asks to evaluate anyway; then its broken
 * statements are made safe (`failClosed`: a broken Allow never matches, a broken Deny always applies).
 */
import type { Catalog } from '../catalog';
import type { ContextValue, Request } from '../engine/model';
import { parseCaller } from '../engine/caller';
import { suggest } from '../engine/validate/suggest';
import { authorize } from '../world/authorize';
import type { WorldRequest } from '../world/authorize';
import type {
  ActionProblem,
  DocInput,
  EvaluateOptions as WorkbenchOptions,
  EvaluationAnswer,
  OrgLevel,
  RefusedDoc,
  RequestInput,
} from './types';
import { screenOfDocs, worldOfDocs } from './world-of-docs';
import type { ParseFn, ValidateFn } from './world-of-docs';

export type { ParseFn, ValidateFn } from './world-of-docs';

export const MAX_ACTIONS = 50;

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
  deps: { parse: ParseFn; validate?: ValidateFn; catalog?: Catalog },
  options: WorkbenchOptions = {},
): EvaluationAnswer {
  const anyway = options.anyway === true;
  const principal = input.principal.trim() || 'anonymous';
  const resource = input.resource.trim() || '*';
  const account = input.resourceAccount.trim();
  const { world, session, docOf, skipped } = worldOfDocs(docs, {
    principal,
    resource,
    ...(/^\d{12}$/.test(account) ? { resourceAccount: account } : {}),
    userid: input.context.find((c) => c.key.trim().toLowerCase() === 'aws:userid')?.value.trim(),
  });
  const noSession = sessionNotApplicable(input.principal);
  if (noSession)
    for (const d of docs) if (d.kind === 'session') skipped.push({ docId: d.id, name: d.name, reason: noSession });
  const screen = screenOfDocs(docs, docOf, deps.parse, deps.validate);
  const policyId = (id: string) => docOf.get(id)?.id ?? id;
  const notes: string[] = [];
  if (input.actions.length > MAX_ACTIONS) notes.push(`only the first ${MAX_ACTIONS} actions are evaluated`);
  const rows: EvaluationAnswer['rows'] = [];
  const refusedById = new Map<string, RefusedDoc>();
  let levels: EvaluationAnswer['levels'] = { scp: [], rcp: [] };
  const levelOf = (list: { id: string }[][] | undefined): OrgLevel[] =>
    (list ?? []).map((level) => docs.find((d) => d.id === level[0]?.id)?.level ?? 'root');
  for (const action of input.actions.slice(0, MAX_ACTIONS)) {
    try {
      const request: WorldRequest = buildRequest(input, action, deps.catalog, notes);
      if (session) request.session = session;
      const r = authorize(world, request, { trace: true, screen, anyway, policyId, attachedLevelsOnly: true });
      if (!r.ok) {
        rows.push({
          ok: false,
          action,
          error: r.errors.map((f) => (f.help ? `${f.message}: ${f.help}` : f.message)).join('; '),
        });
        continue;
      }
      const v = r.value;
      for (const x of v.refused) {
        const doc = docOf.get(x.id) ?? docs.find((d) => d.id === x.id);
        if (doc && !refusedById.has(doc.id))
          refusedById.set(doc.id, {
            docId: doc.id,
            name: doc.name,
            finding: x.finding,
            count: x.count,
            unreadable: x.unreadable,
            statements: x.statements,
          });
      }
      levels = { scp: levelOf(v.policies.scps), rcp: levelOf(v.policies.rcps) };
      const problem = actionProblem(action, deps.catalog);
      rows.push({
        ok: true,
        value: {
          action,
          decision: v.decision,
          message: v.message,
          deciding: v.deciding,
          ...(v.deniedBy ? { deniedBy: v.deniedBy } : {}),
          byPolicyType: v.byPolicyType,
          trace: v.trace,
          errors: v.errors,
          ...(problem ? { actionProblem: problem } : {}),
        },
      });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      rows.push({ ok: false, action, error: `the engine failed on this request: ${why}` });
    }
  }
  // In the order of the documents, as the page lists them.
  const refused = docs.flatMap((d) => {
    const x = refusedById.get(d.id);
    return x ? [x] : [];
  });
  return { rows, skipped, notes, refused, anyway: anyway && refused.length > 0, fields: checkFields(input), levels };
}

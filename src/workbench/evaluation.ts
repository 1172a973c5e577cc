/**
 * Turns the workbench's documents and request draft into the engine's policy set and requests,
 * and runs the decision once per action (the AWS policy simulator's results table). Pure: the
 * decision function and the catalogue are passed in.
 */
import type { Catalog } from '../catalog';
import type { DecisionResult, EvaluateOptions, PolicyEntry, PolicySet } from '../engine/decision/types';
import type { ContextValue, Policy, Request } from '../engine/model';
import type { DocInput, EvaluationAnswer, RequestInput } from './types';
import { ORG_LEVEL_ORDER } from './types';

export type EvaluateFn = (set: PolicySet, request: Request, options?: EvaluateOptions) => DecisionResult;
export type ParseFn = (text: string) => { policy?: Policy; findings: { severity: string; message: string }[] };

export const MAX_ACTIONS = 50;

/** A second document of a kind the request takes once: it is left out, and the person told why. */
function onlyFirst(doc: DocInput, rule: string): EvaluationAnswer['skipped'][number] {
  return { docId: doc.id, name: doc.name, reason: `${rule}; only the first one counts` };
}

/** The policy set the documents make. Documents that cannot be read are reported and left out. */
export function buildPolicySet(
  docs: DocInput[],
  parse: ParseFn,
): { set: PolicySet; skipped: EvaluationAnswer['skipped'] } {
  const set: PolicySet = {};
  const skipped: EvaluationAnswer['skipped'] = [];
  const scps = new Map<string, PolicyEntry[]>();
  const rcps = new Map<string, PolicyEntry[]>();
  for (const doc of docs) {
    const parsed = parse(doc.text);
    // AWS refuses a document that is not valid JSON, so a partly read one is not evaluated.
    const broken = parsed.findings.find((f) => f.severity === 'ERROR');
    if (!parsed.policy || broken) {
      skipped.push({ docId: doc.id, name: doc.name, reason: broken ? broken.message : 'it is not a policy document' });
      continue;
    }
    const entry: PolicyEntry = { id: doc.id, policy: parsed.policy };
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
        (set.session ??= []).push(entry);
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
  if (scps.size > 0) set.scps = ORG_LEVEL_ORDER.filter((l) => scps.has(l)).map((l) => scps.get(l)!);
  if (rcps.size > 0) set.rcps = ORG_LEVEL_ORDER.filter((l) => rcps.has(l)).map((l) => rcps.get(l)!);
  return { set, skipped };
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
  deps: { evaluate: EvaluateFn; parse: ParseFn; catalog?: Catalog },
): EvaluationAnswer {
  const { set, skipped } = buildPolicySet(docs, deps.parse);
  const notes: string[] = [];
  if (input.actions.length > MAX_ACTIONS) notes.push(`only the first ${MAX_ACTIONS} actions are evaluated`);
  const rows: EvaluationAnswer['rows'] = [];
  for (const action of input.actions.slice(0, MAX_ACTIONS)) {
    try {
      const request = buildRequest(input, action, deps.catalog, notes);
      const r = deps.evaluate(set, request, { trace: true });
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
  return { rows, skipped, notes };
}

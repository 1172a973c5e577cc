/**
 * A quick structural screen over a parsed JSON value, for callers that evaluate many documents
 * (`iamplay eval`): `mayBeRefused(value, type)` is false only when the document is plainly within
 * the grammar, so the validator (without the action catalogue) would find nothing IAM refuses
 * (see refusal.ts). It is conservative: anything unusual (a policy variable, a `NotPrincipal`,
 * a `Federated` principal, a value it does not recognise) answers true, and the caller then runs
 * the full validator on the ranged text, which decides and words the finding. The rules are the
 * validator's own (its value parsers, operator table, ARN and action shapes), never a copy.
 */
import type { PolicyType } from './model';
import { POLICY_ELEMENTS, STATEMENT_ELEMENTS } from './parse';
import { parseOperator } from './validate/operators';
import { valueProblem } from './validate/values';
import { arnProblem } from './validate/resources';
import { isWellFormedAction } from './validate/resolve';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const TOP = POLICY_ELEMENTS;
const ELEMENTS = STATEMENT_ELEMENTS;
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const WITH_PRINCIPAL = new Set<PolicyType>(['resource', 'trust', 'rcp']);
const TRUST_ACTIONS = new Set(
  [
    'sts:AssumeRole',
    'sts:AssumeRoleWithSAML',
    'sts:AssumeRoleWithWebIdentity',
    'sts:TagSession',
    'sts:SetSourceIdentity',
    'sts:SetContext',
  ].map((a) => a.toLowerCase()),
);
const SID = /^[A-Za-z0-9]*$/;
const ACCOUNT = /^\d{12}$/;
/** IAM user and role ARNs and the account root, without wildcards (the validator's IAM_ARN, narrowed). */
const PLAIN_IAM_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(root|user\/[^*?]+|role\/[^*?]+)$/;
const SERVICE = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;

/** A string or a non-empty list of strings, every one passing `ok`. No policy variables. */
function strings(v: unknown, ok: (s: string) => boolean): boolean {
  if (typeof v === 'string') return !v.includes('${') && ok(v);
  if (!Array.isArray(v)) return false;
  for (const s of v) if (typeof s !== 'string' || s.includes('${') || !ok(s)) return false;
  return true;
}

/** `*`, or an ARN of six parts with a partition and a service: the common case checked inline, the rest by the validator's rule. */
function arnOk(r: string): boolean {
  if (r === '*') return true;
  if (r.startsWith('arn:')) {
    const a = r.indexOf(':', 4);
    const b = a < 0 ? -1 : r.indexOf(':', a + 1);
    const c = b < 0 ? -1 : r.indexOf(':', b + 1);
    const d = c < 0 ? -1 : r.indexOf(':', c + 1);
    if (d > 0 && b > a + 1 && a > 4 && PARTITION.test(r.slice(4, a))) return true;
  }
  return arnProblem(r) === undefined;
}
const PARTITION = /^[a-z*?-]+$/;

function principalOk(p: unknown, type: PolicyType): boolean {
  if (p === '*') return true;
  if (type === 'rcp' || !isObject(p)) return false;
  for (const kind in p) {
    const v = p[kind];
    if (kind === 'AWS') {
      if (!strings(v, (s) => s === '*' || ACCOUNT.test(s) || PLAIN_IAM_ARN.test(s))) return false;
    } else if (kind === 'Service') {
      if (!strings(v, (s) => SERVICE.test(s))) return false;
    } else return false;
  }
  return true;
}

/** Operators by name, as the validator reads them (names repeat across documents). */
const operators = new Map<string, ReturnType<typeof parseOperator>>();
function operator(name: string): ReturnType<typeof parseOperator> {
  let op = operators.get(name);
  if (op === undefined && !operators.has(name)) {
    op = parseOperator(name);
    if (operators.size > 1000) operators.clear();
    operators.set(name, op);
  }
  return op;
}

/** Well-formed action names seen before (they repeat across documents). */
const goodActions = new Set<string>();
function actionOk(a: string): boolean {
  if (goodActions.has(a)) return true;
  if (!isWellFormedAction(a)) return false;
  if (a.length < 128) {
    if (goodActions.size > 20_000) goodActions.clear();
    goodActions.add(a);
  }
  return true;
}

/** Values already found well formed, per operator family (dates, addresses and numbers repeat across documents). */
const goodValues = new Map<string, Set<string>>();
function valueOk(family: NonNullable<ReturnType<typeof parseOperator>>['family'], text: string): boolean {
  if (family === 'String') return !text.includes('${');
  let good = goodValues.get(family);
  if (good?.has(text)) return true;
  if (text.includes('${') || valueProblem(family, text) !== undefined) return false;
  if (text.length <= 64) {
    if (!good) goodValues.set(family, (good = new Set()));
    if (good.size > 20_000) good.clear();
    good.add(text);
  }
  return true;
}

function itemOk(op: NonNullable<ReturnType<typeof parseOperator>>, item: unknown): boolean {
  if (typeof item === 'string') return valueOk(op.family, item);
  if (typeof item === 'boolean') return valueOk(op.family, item ? 'true' : 'false');
  // A number's source text (`10.0`, `1e3`) is not known here: only String operators take any.
  if (typeof item === 'number' && op.family === 'String') return valueOk(op.family, String(item));
  return false;
}

function conditionOk(c: unknown): boolean {
  if (!isObject(c)) return false;
  for (const name in c) {
    const op = operator(name);
    if (!op || (op.base === 'Null' && op.ifExists)) return false;
    const block = c[name];
    if (!isObject(block)) return false;
    for (const key in block) {
      if (key.includes('${')) return false;
      const raw = block[key];
      if (Array.isArray(raw)) {
        for (const item of raw) if (!itemOk(op, item)) return false;
      } else if (!itemOk(op, raw)) return false;
    }
  }
  return true;
}

/** `sids`: the Sids of the statements before (undefined when the caller checks repeats itself). */
function statementOk(s: Obj, type: PolicyType, sids: string[] | undefined): boolean {
  for (const k in s) if (!ELEMENTS.has(k)) return false;
  if (s.Sid !== undefined) {
    if (typeof s.Sid !== 'string' || !SID.test(s.Sid)) return false;
    if (sids) {
      if (sids.includes(s.Sid)) return false;
      sids.push(s.Sid);
    }
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return false;
  if (type === 'rcp' && s.Effect === 'Allow') return false;
  // Action xor NotAction, well formed; a trust policy grants only the trust actions.
  if ((s.Action === undefined) === (s.NotAction === undefined)) return false;
  if (type === 'trust') {
    if (!strings(s.Action, (a) => TRUST_ACTIONS.has(a.toLowerCase()))) return false;
  } else if (!strings(s.Action ?? s.NotAction, actionOk)) return false;
  // Resource xor NotResource (none in a trust policy), each an ARN or `*`.
  if (type === 'trust') {
    if (s.Resource !== undefined || s.NotResource !== undefined) return false;
  } else {
    if ((s.Resource === undefined) === (s.NotResource === undefined)) return false;
    if (!strings(s.Resource ?? s.NotResource, arnOk)) return false;
  }
  // Principal only where the type has one, and then required; NotPrincipal is left to the validator.
  if (s.NotPrincipal !== undefined) return false;
  if (WITH_PRINCIPAL.has(type)) {
    if (!principalOk(s.Principal, type)) return false;
  } else if (s.Principal !== undefined) return false;
  return s.Condition === undefined || conditionOk(s.Condition);
}

/**
 * False when the document is plainly well formed for `type` (IAM would not refuse it); true when
 * it may not be, and the validator must decide. Never throws; linear in the size of the document
 */
export function mayBeRefused(value: unknown, type: PolicyType): boolean {
  if (!isObject(value)) return true;
  for (const k in value) if (!TOP.has(k)) return true;
  if (value.Version !== undefined && !(typeof value.Version === 'string' && VERSIONS.has(value.Version))) return true;
  if (value.Id !== undefined && typeof value.Id !== 'string') return true;
  const st = value.Statement;
  const list = Array.isArray(st) ? st : st === undefined ? undefined : [st];
  if (!list) return true;
  // Sids seen so far: a list (documents have few statements); a long document's go in a set.
  if (list.length > 64) {
    const seen = new Set<string>();
    for (const s of list) {
      if (!isObject(s) || !statementOk(s, type, undefined)) return true;
      if (s.Sid !== undefined) {
        if (seen.has(s.Sid as string)) return true;
        seen.add(s.Sid as string);
      }
    }
    return false;
  }
  const sids: string[] = [];
  for (const s of list) if (!isObject(s) || !statementOk(s, type, sids)) return true;
  return false;
}

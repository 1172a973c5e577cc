/**
 * The registry of finding codes: every `parse.*` and `validate.*` code, with its severity (IAM
 * Access Analyzer's finding types) and a one-line title. The validators take their code and
 * severity from here (`Ctx.report`), so a misspelt code, or a severity other than the registered
 * one, is a type error. `also` names the one other severity a code may have, and when.
 */
import type { Severity } from './diagnostics';

interface Entry {
  severity: Severity;
  /** A second severity the code takes in some cases (see the title). */
  also?: Severity;
  title: string;
}

export const FINDINGS = {
  // parse
  'parse.empty-document': { severity: 'ERROR', title: 'the document is empty' },
  'parse.json-syntax': { severity: 'ERROR', title: 'the document is not valid JSON' },
  'parse.too-deep': { severity: 'ERROR', title: 'the document nests deeper than 64 levels' },
  'parse.not-an-object': { severity: 'ERROR', title: 'the document is not a JSON object' },
  'parse.statement-shape': { severity: 'ERROR', title: '`Statement` is neither an object nor a list of objects' },
  // structure
  'validate.unknown-top-level-key': { severity: 'ERROR', title: 'an element IAM does not know at the top level' },
  'validate.unknown-statement-key': { severity: 'ERROR', title: 'an element IAM does not know in a statement' },
  'validate.duplicate-key': { severity: 'WARNING', title: 'an element written twice in one object' },
  'validate.element-type': { severity: 'ERROR', title: 'an element of the wrong JSON type' },
  'validate.empty-list': { severity: 'SUGGESTION', title: 'an empty list or object' },
  'validate.principal-shape': { severity: 'ERROR', title: 'a principal that is neither `*` nor an object' },
  'validate.principal-type': { severity: 'ERROR', title: 'a principal type IAM does not know' },
  'validate.condition-value-type': {
    severity: 'ERROR',
    title: 'a condition value that is not a string, number or boolean',
  },
  'validate.missing-version': { severity: 'WARNING', title: 'no `Version`' },
  'validate.invalid-version': { severity: 'ERROR', title: 'a `Version` that is not a policy language version' },
  'validate.old-version': { severity: 'WARNING', title: 'the 2008-10-17 policy language' },
  'validate.missing-statement': { severity: 'ERROR', title: 'no `Statement`' },
  'validate.policy-too-large': {
    severity: 'ERROR',
    title: 'a policy over IAM’s size limit for its kind, counted without whitespace',
  },
  // statements
  'validate.missing-effect': { severity: 'ERROR', title: 'a statement without `Effect`' },
  'validate.invalid-effect': { severity: 'ERROR', title: 'an `Effect` other than `Allow` or `Deny`' },
  'validate.missing-action': { severity: 'ERROR', title: 'a statement without `Action` or `NotAction`' },
  'validate.conflicting-elements': { severity: 'ERROR', title: 'an element with its `Not` counterpart' },
  'validate.trust-resource': { severity: 'ERROR', title: 'a `Resource` in a role trust policy' },
  'validate.missing-resource': { severity: 'ERROR', title: 'a statement without `Resource` or `NotResource`' },
  'validate.missing-principal': { severity: 'ERROR', title: 'a resource-based statement without `Principal`' },
  'validate.principal-not-allowed': { severity: 'ERROR', title: 'a `Principal` in a policy type that has none' },
  'validate.rcp-principal': { severity: 'ERROR', title: 'an RCP principal other than `*`' },
  'validate.rcp-allow': { severity: 'ERROR', title: 'an RCP `Allow` of less than everything' },
  'validate.invalid-sid': { severity: 'ERROR', title: 'a `Sid` with characters IAM refuses' },
  'validate.duplicate-sid': { severity: 'ERROR', title: 'a `Sid` used twice' },
  'validate.principal-group': { severity: 'ERROR', title: 'a group named as a principal' },
  'validate.principal-malformed': {
    severity: 'ERROR',
    also: 'WARNING',
    title: 'a principal IAM cannot read (a WARNING for a service name without its domain)',
  },
  // actions
  'validate.variable-in-action': { severity: 'WARNING', title: 'a policy variable in `Action`' },
  'validate.action-malformed': { severity: 'ERROR', title: 'an action not written as `service:Action`' },
  'validate.unknown-service': {
    severity: 'ERROR',
    also: 'WARNING',
    title: 'a service prefix that does not exist (a WARNING for those AWS’s managed policies name)',
  },
  'validate.unknown-action': {
    severity: 'ERROR',
    also: 'WARNING',
    title: 'an action its service does not have (a WARNING for those AWS’s managed policies name)',
  },
  'validate.wildcard-matches-nothing': { severity: 'WARNING', title: 'an action wildcard that matches no action' },
  'validate.trust-action': { severity: 'ERROR', title: 'an action a role trust policy cannot grant' },
  'validate.redundant-action': { severity: 'SUGGESTION', title: 'an action another value of the list covers' },
  // resources
  'validate.resource-malformed': { severity: 'ERROR', title: 'a resource that is neither `*` nor an ARN' },
  'validate.resource-no-match': { severity: 'WARNING', title: 'a resource none of the statement’s actions takes' },
  // conditions
  'validate.null-ifexists': { severity: 'ERROR', title: '`Null` with `IfExists`' },
  'validate.unknown-operator': { severity: 'ERROR', title: 'a condition operator IAM does not know' },
  'validate.value-numeric': { severity: 'ERROR', title: 'a numeric condition value that is not a number' },
  'validate.value-date': { severity: 'ERROR', title: 'a date condition value that is not a date' },
  'validate.value-bool': { severity: 'ERROR', title: 'a `Bool` value other than `true` or `false`' },
  'validate.value-null': { severity: 'ERROR', title: 'a `Null` value other than `true` or `false`' },
  'validate.value-ip': { severity: 'ERROR', title: 'an IP condition value that is not an address or CIDR block' },
  'validate.value-binary': { severity: 'ERROR', title: 'a binary condition value that is not base64' },
  'validate.value-arn': { severity: 'ERROR', title: 'an ARN condition value that is not an ARN' },
  'validate.equals-with-wildcard': { severity: 'WARNING', title: 'a wildcard in an `Equals` operator' },
  'validate.unknown-condition-key': { severity: 'WARNING', title: 'a condition key AWS does not document' },
  'validate.operator-type-mismatch': { severity: 'ERROR', title: 'an operator of the wrong type for its key' },
  'validate.multivalued-key-without-set-operator': {
    severity: 'WARNING',
    title: 'a multivalued key without `ForAllValues` or `ForAnyValue`',
  },
  'validate.set-operator-single-valued-key': { severity: 'WARNING', title: 'a set operator on a single-valued key' },
  'validate.mfa-bool-false': { severity: 'WARNING', title: '`Bool` on `aws:MultiFactorAuthPresent` with `false`' },
  'validate.condition-key-not-applicable': {
    severity: 'WARNING',
    title: 'a condition key none of the statement’s actions supports',
  },
  // variables
  'validate.variable-malformed': { severity: 'ERROR', title: 'a policy variable IAM cannot read' },
  'validate.variable-unknown-key': { severity: 'WARNING', title: 'a policy variable of an unknown key' },
  'validate.variable-without-version': { severity: 'WARNING', title: 'policy variables without `Version` 2012-10-17' },
  // security
  'validate.allow-with-notaction': { severity: 'SECURITY_WARNING', title: '`Allow` with `NotAction`' },
  'validate.allow-with-notresource': { severity: 'SECURITY_WARNING', title: '`Allow` with `NotResource`' },
  'validate.allow-with-notprincipal': { severity: 'SECURITY_WARNING', title: '`Allow` with `NotPrincipal`' },
  'validate.full-access': { severity: 'SECURITY_WARNING', title: 'every action on every resource' },
  'validate.passrole-on-star': { severity: 'SECURITY_WARNING', title: '`iam:PassRole` on every role' },
  'validate.permissions-management-on-star': {
    severity: 'SECURITY_WARNING',
    title: 'a permissions-management action on every resource',
  },
  'validate.public-principal': { severity: 'SECURITY_WARNING', title: 'a resource open to everyone' },
  // suggestions
  'validate.redundant-resource': { severity: 'SUGGESTION', title: 'a resource another value of the list covers' },
  'validate.redundant-statement': { severity: 'SUGGESTION', title: 'a statement that repeats another' },
} as const satisfies Record<string, Entry>;

export type FindingCode = keyof typeof FINDINGS;

/** The severities a code may be reported with: its own, and its `also` if it has one. */
export type SeverityOf<C extends FindingCode> =
  (typeof FINDINGS)[C]['severity'] | ((typeof FINDINGS)[C] extends { also: infer A } ? A : never);

/** Every registered code, in registry order. */
export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];

/** True when `code` is a registered code. */
export function isFindingCode(code: string): code is FindingCode {
  return Object.prototype.hasOwnProperty.call(FINDINGS, code);
}

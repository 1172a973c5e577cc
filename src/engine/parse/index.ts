export { parsePolicy, parsePolicyValue } from './parse-policy';
export type { PolicyParse } from './parse-policy';
export { parseJson, MAX_JSON_DEPTH, excessiveNestingAt } from './json';
export type { JsonNode, JsonParse } from './json';
export { buildPolicy, VARIABLES_VERSION } from './policy';
export { rangeOf, propertiesOf, lastProperty, duplicateKeys } from './ranges';
export { policyFromValue, NO_RANGE } from './value';
export { POLICY_ELEMENTS, STATEMENT_ELEMENTS, PRINCIPAL_KINDS } from './policy';
export type { Unreadable } from './policy';

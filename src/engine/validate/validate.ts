/**
 * Policy validation, after IAM Access Analyzer's policy checks: `validatePolicy(text, options)`
 * returns the parser's findings followed by `validate.*` findings, sorted by position. Never
 * throws; a document the parser cannot use yields only its parse findings.
 */
import type { Finding, Severity } from '../diagnostics';
import { LineIndex } from '../diagnostics';
import { FINDINGS } from '../findings';
import { parsePolicy } from '../parse';
import type { PolicyParse } from '../parse';
import { checkActions } from './actions';
import { checkConditions } from './conditions';
import type { Ctx, PolicyKind, ValidateOptions } from './context';
import { checkRedundancy } from './redundancy';
import { checkResources } from './resources';
import { checkSecurity } from './security';
import { checkSize } from './size';
import { checkStatements } from './statements';
import { checkStructure, statementNodes } from './structure';
import { checkVariables } from './variables';

export type { PolicyKind, ValidateOptions };

const ORDER: Record<Severity, number> = { ERROR: 0, SECURITY_WARNING: 1, WARNING: 2, SUGGESTION: 3 };

/** Validates an already parsed document (the language service parses once and reuses the tree). */
export function validateParsed(text: string, parsed: PolicyParse, options: ValidateOptions = {}): Finding[] {
  const findings: Finding[] = [...parsed.findings];
  const { policy, tree } = parsed;
  if (!policy || !tree || tree.type !== 'object') return findings;
  const own: Finding[] = [];
  const ctx: Ctx = {
    text,
    lines: new LineIndex(text),
    type: options.type ?? 'identity',
    catalog: options.catalog,
    policy,
    tree,
    findings: own,
    report(code, message, range, help, severity?: Severity) {
      own.push({ code, severity: severity ?? FINDINGS[code].severity, message, help, range });
    },
    add(code, severity: Severity, message, range, help) {
      own.push({ code, severity, message, help, range });
    },
  };
  checkStructure(ctx);
  checkStatements(ctx, statementNodes(tree));
  checkActions(ctx);
  checkResources(ctx);
  checkConditions(ctx);
  checkVariables(ctx);
  checkSecurity(ctx);
  checkRedundancy(ctx);
  checkSize(ctx, options.kind);
  own.sort(
    (a, b) =>
      a.range.start.offset - b.range.start.offset ||
      ORDER[a.severity] - ORDER[b.severity] ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  return findings.concat(own);
}

export function validatePolicy(text: string, options: ValidateOptions = {}): Finding[] {
  return validateParsed(text, parsePolicy(text), options);
}

/**
 * Findings and summary for one document: the parser's findings, then the validator's and the
 * summary when those services are given. Pure: the services are passed in.
 */
import type { Finding } from '../engine/diagnostics';
import type { PolicyType } from '../engine/model';
import { inlineSizeFindings, type PolicyKind } from '../engine/validate';
import type { Analysis, DocKind, StoredAs, SummaryLine } from './types';
import { sizeKind } from './types';

export interface AnalysisServices {
  parse: (text: string) => { findings: Finding[] };
  /** `size`: the size limit the document is held to, if any. */
  validate?: (text: string, type: PolicyType, size?: PolicyKind) => Finding[];
  summarize?: (text: string, type: PolicyType) => SummaryLine[] | undefined;
}

/** The policy type a document of this kind is checked as (a resource policy doubles as a trust policy for `sts:AssumeRole*`). */
export function policyTypeOf(kind: DocKind, text: string): PolicyType {
  if (kind === 'resource')
    return /"sts:AssumeRole(WithSAML|WithWebIdentity)?"/i.test(text.slice(0, 20_000)) ? 'trust' : 'resource';
  return kind;
}

/**
 * `storedAs`: how IAM stores the document (its size limit follows). For a user's inline policy,
 * `earlierInline` holds the user's inline policies listed before it: IAM counts them together.
 */
export function analyze(
  text: string,
  kind: DocKind,
  services: AnalysisServices,
  storedAs?: StoredAs,
  earlierInline: readonly string[] = [],
): Analysis {
  const type = policyTypeOf(kind, text);
  const together = kind === 'identity' && storedAs === 'user-inline' && earlierInline.length > 0;
  const size = together ? undefined : sizeKind(kind, storedAs);
  const missing: string[] = [];
  let findings: Finding[];
  if (services.validate) {
    findings = services.validate(text, type, size);
    if (together) findings = [...findings, ...inlineSizeFindings([...earlierInline, text], 'user-inline').at(-1)!];
  } else {
    findings = services.parse(text).findings;
    missing.push('validation');
  }
  let summary: SummaryLine[] | undefined;
  if (services.summarize) summary = services.summarize(text, type);
  else missing.push('summary');
  return summary ? { findings, summary, missing } : { findings, missing };
}

/** Findings that say the same thing (same code, same message), once, with every place they occur. */
export interface FindingGroup {
  finding: Finding;
  /** Every range the finding occurs at, in order (the first is `finding.range`). */
  ranges: Finding['range'][];
}

/**
 * Groups repeated findings: an unknown service is found once per action that names it, but it is
 * one problem. The document's tab and its problems panel both count these groups.
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = `${f.code}\u0000${f.severity}\u0000${f.message}`;
    const g = groups.get(key);
    if (g) g.ranges.push(f.range);
    else groups.set(key, { finding: f, ranges: [f.range] });
  }
  return [...groups.values()];
}

/** The problems of a document by severity, counted as the problems panel lists them (repeats once). */
export function problemCounts(findings: readonly Finding[]): { errors: number; warnings: number; total: number } {
  const groups = groupFindings(findings);
  const errors = groups.filter((g) => g.finding.severity === 'ERROR').length;
  return { errors, warnings: groups.length - errors, total: groups.length };
}

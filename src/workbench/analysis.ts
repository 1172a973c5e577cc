/**
 * Findings and summary for one document: the parser's findings, then the validator's and the
 * summary when those services are given. Pure: the services are passed in.
 */
import type { Finding } from '../engine/diagnostics';
import type { PolicyType } from '../engine/model';
import type { Analysis, DocKind, SummaryLine } from './types';

export interface AnalysisServices {
  parse: (text: string) => { findings: Finding[] };
  validate?: (text: string, type: PolicyType) => Finding[];
  summarize?: (text: string, type: PolicyType) => SummaryLine[] | undefined;
}

/** The policy type a document of this kind is checked as (a resource policy doubles as a trust policy for `sts:AssumeRole*`). */
export function policyTypeOf(kind: DocKind, text: string): PolicyType {
  if (kind === 'resource')
    return /"sts:AssumeRole(WithSAML|WithWebIdentity)?"/i.test(text.slice(0, 20_000)) ? 'trust' : 'resource';
  return kind;
}

export function analyze(text: string, kind: DocKind, services: AnalysisServices): Analysis {
  const type = policyTypeOf(kind, text);
  const missing: string[] = [];
  let findings: Finding[];
  if (services.validate) {
    findings = services.validate(text, type);
  } else {
    findings = services.parse(text).findings;
    missing.push('validation');
  }
  let summary: SummaryLine[] | undefined;
  if (services.summarize) summary = services.summarize(text, type);
  else missing.push('summary');
  return summary ? { findings, summary, missing } : { findings, missing };
}

/**
 * Parses the world's policy documents once: objects are cached by identity, texts by value.
 */
import type { Finding } from '../engine/diagnostics';
import type { Policy } from '../engine/model';
import { parsePolicy, parsePolicyValue } from '../engine/parse';
import type { PolicyDocument } from './types';

export interface ParsedDocument {
  policy?: Policy;
  findings: Finding[];
}

const byObject = new WeakMap<object, ParsedDocument>();
const byText = new Map<string, ParsedDocument>();
const MAX_TEXT_CACHE = 2000;

/** The parsed form of a world document (parse findings only; validation is separate). */
export function parseDocument(doc: PolicyDocument): ParsedDocument {
  if (typeof doc === 'string') {
    let p = byText.get(doc);
    if (!p) {
      const r = parsePolicy(doc);
      p = { findings: r.findings };
      if (r.policy) p.policy = r.policy;
      if (byText.size >= MAX_TEXT_CACHE) byText.clear();
      byText.set(doc, p);
    }
    return p;
  }
  let p = byObject.get(doc);
  if (!p) {
    const r = parsePolicyValue(doc);
    p = { findings: r.findings };
    if (r.policy) p.policy = r.policy;
    byObject.set(doc, p);
  }
  return p;
}

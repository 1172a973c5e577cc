/** The parser's entry points: policy text (or a JSON value) to the normalised model, with findings. */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Finding } from '../diagnostics';
import { LineIndex } from '../diagnostics';
import type { Policy } from '../model';
import { parseJson } from './json';
import { buildPolicy } from './policy';

export interface PolicyParse {
  /** As much of the model as could be built; absent when the document is empty, not an object or unreadable. */
  policy?: Policy;
  /** The JSON tree with offsets (duplicate keys kept), for validation and the language service. */
  tree?: JsonNode;
  /** Only `parse.*` findings: JSON syntax, empty document, top level not an object, unusable `Statement`. */
  findings: Finding[];
}

/** Parses policy text. Never throws; malformed input is answered with ranged findings. */
export function parsePolicy(text: string): PolicyParse {
  const lines = new LineIndex(text);
  if (text.trim() === '') {
    return {
      findings: [
        {
          code: 'parse.empty-document',
          severity: 'ERROR',
          message: 'the policy document is empty',
          help: 'Write a JSON object such as {"Version": "2012-10-17", "Statement": [...]}.',
          range: lines.range(0, text.length),
        },
      ],
    };
  }
  const { tree, findings } = parseJson(text, lines);
  const out: PolicyParse = { findings };
  if (!tree) return out;
  out.tree = tree;
  const policy = buildPolicy(tree, text, lines, findings);
  if (policy) out.policy = policy;
  return out;
}

/**
 * Parses a policy that arrives as a JSON value (e.g. in a CLI case): it is printed with a 2-space
 * indent and parsed, so ranges refer to the returned `text`.
 */
export function parsePolicyValue(value: unknown): PolicyParse & { text: string } {
  let text: string | undefined;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  } catch (e) {
    const lines = new LineIndex('');
    return {
      text: '',
      findings: [
        {
          code: 'parse.json-syntax',
          severity: 'ERROR',
          message: 'the policy value cannot be written as JSON',
          help: String(e),
          range: lines.range(0, 0),
        },
      ],
    };
  }
  if (text === undefined) text = '';
  return { text, ...parsePolicy(text) };
}

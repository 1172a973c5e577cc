/**
 * Reading the world's policy documents, and the refusal screen every path to a decision goes
 * through (IAM User Guide, "Validating IAM policies"; IAM's `MalformedPolicyDocument`): a document
 * IAM would refuse is reported as refused, with its first refusing finding, and is decided with
 * only fail-closed (`failClosed`: a broken Allow never matches, a broken Deny always applies).
 *
 * `parseDocument` parses a document once (objects cached by identity, texts by value).
 * `screenWith(validate)` is a `Screen`: what `authorize` asks of each document it gathers. The
 * world's default validates without the catalogue and holds a document to the size limit of how
 * IAM stores it; the workbench passes its validator (with the catalogue), `iamplay eval` a cached
 * one (a document seen twice is read once).
 */
import type { Finding } from '../engine/diagnostics';
import type { Policy, PolicyType } from '../engine/model';
import { parsePolicy, parsePolicyValue } from '../engine/parse';
import type { PolicyParse } from '../engine/parse';
import { brokenStatements, failClosed, refusals } from '../engine/refusal';
import { inlineSizeFindings, validateParsed, type PolicyKind } from '../engine/validate';
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

/** How IAM stores an identity policy or a boundary: it decides the size limit it is held to. */
export type StoredAs = 'managed' | 'aws-managed' | 'user-inline' | 'role-inline' | 'group-inline';

/** Where a gathered document sits: what the screen needs to know to judge it. */
export interface DocPlace {
  /** The id the gathering gives it (`user/alice:inline/S3Notes`, a managed policy's ARN, …). */
  id: string;
  /** The policy type it is evaluated as. */
  type: PolicyType;
  /** For identity policies and boundaries: how IAM stores it (AWS managed policies have no limit of the account). */
  storedAs?: StoredAs;
  /** For a user's inline policy: the user's inline documents listed before it (they share 2,048 characters). */
  earlierInline?: PolicyDocument[];
}

/** Why IAM refuses a document, and where. */
export interface Refusal {
  /** The first finding IAM refuses, with where it sits in the text. */
  finding: Finding;
  /** How many refusing findings the document has. */
  count: number;
  /** The text is not a policy at all (JSON syntax, not an object): it is left out even fail-closed. */
  unreadable: boolean;
  /** Statement indexes (0-based) the refusals fall in. */
  statements: number[];
}

/** A screened document: its policy, or why IAM refuses it (and the policy made safe, unless unreadable). */
export interface Screened {
  policy?: Policy;
  refusal?: Refusal;
  /** For a refused, readable document: the policy with its broken statements made safe. */
  failClosed?: Policy;
}

export type Screen = (doc: PolicyDocument, place: DocPlace) => Screened;

/** Every finding of a document's text (parse and validation) for a policy type; `size`: the size limit it is held to. */
export type Validate = (text: string, type: PolicyType, size?: PolicyKind) => Finding[];

const START = { line: 1, column: 1, offset: 0 };

/** The text a document's ranges refer to. */
export function documentText(doc: PolicyDocument): string | undefined {
  if (typeof doc === 'string') return doc;
  try {
    return JSON.stringify(doc, null, 2);
  } catch {
    return undefined;
  }
}

/** The screen's verdict on parsed findings: unreadable, refused (with the safe policy), or fine. */
export function judge(policy: Policy | undefined, parseFindings: Finding[], findings: () => Finding[]): Screened {
  const unreadable = refusals(parseFindings);
  if (!policy || unreadable.length > 0) {
    const finding: Finding = unreadable[0] ?? {
      code: 'parse.not-a-policy',
      severity: 'ERROR',
      message: 'it is not a policy document',
      range: { start: START, end: START },
    };
    return {
      refusal: { finding, count: Math.max(1, unreadable.length), unreadable: true, statements: [] },
    };
  }
  const found = refusals(findings());
  if (found.length === 0) return { policy };
  const statements = brokenStatements(policy, found);
  return {
    refusal: { finding: found[0], count: found.length, unreadable: false, statements },
    failClosed: failClosed(policy, statements),
  };
}

/** The size limit a document is held to, and the findings of a user's inline policies' shared limit. */
function sizeOf(doc: PolicyDocument, place: DocPlace, text: string): { size?: PolicyKind; total: Finding[] } {
  if (place.storedAs === 'user-inline') {
    const texts = [...(place.earlierInline ?? []).map((d) => documentText(d) ?? ''), text];
    const total = inlineSizeFindings(texts, 'user-inline')[texts.length - 1] ?? [];
    return total.length > 0 ? { total } : { size: 'user-inline', total };
  }
  if (place.storedAs === 'aws-managed' || place.storedAs === undefined) return { total: [] };
  return { size: place.storedAs, total: [] };
}

/** A screen over `validate` (default: the validator without the catalogue) and `parse` (default: the cached parser). */
export function screenWith(
  validate: Validate = (text, type, size) => validateParsed(text, parsed(text), { type, kind: size }),
  parse: (text: string) => PolicyParse | ParsedDocument = parsed,
): Screen {
  return (doc, place) => {
    const text = documentText(doc);
    if (text === undefined)
      return judge(
        undefined,
        [
          {
            code: 'parse.json-syntax',
            severity: 'ERROR',
            message: 'the policy value cannot be written as JSON',
            range: { start: START, end: START },
          },
        ],
        () => [],
      );
    const p = parse(text);
    return judge(p.policy, p.findings, () => {
      const { size, total } = sizeOf(doc, place, text);
      return [...validate(text, place.type, size), ...total];
    });
  };
}

const parsedCache = new Map<string, PolicyParse>();
function parsed(text: string): PolicyParse {
  let p = parsedCache.get(text);
  if (!p) {
    p = parsePolicy(text);
    if (parsedCache.size >= 256) parsedCache.clear();
    parsedCache.set(text, p);
  }
  return p;
}

/** The world's screen: validation without the catalogue, size limits by how IAM stores each policy. */
export const screenDocument: Screen = screenWith();

/**
 * Policy documents sent to IAM and STS: checked with the engine's validator (the same screen
 * `authorize` uses), so a document IAM would refuse is refused here with `MalformedPolicyDocument`
 * and never stored; held to IAM's size limits (counted without whitespace, as IAM counts), and
 * returned URL-encoded as the IAM API returns them.
 */
import type { PolicyType } from '../../engine/model';
import { policySize } from '../../engine/validate/size';
import { documentText, screenDocument } from '../../world/documents';
import type { PolicyDocument } from '../../world/types';
import { Fault } from './input';

/**
 * The document as the world keeps it (the parsed JSON object, key order kept), or a
 * `MalformedPolicyDocument` fault with the engine's first refusing finding.
 */
export function acceptDocument(text: string, type: PolicyType): Record<string, unknown> {
  const screened = screenDocument(text, { id: 'request', type });
  if (screened.refusal) {
    const f = screened.refusal.finding;
    const message = screened.refusal.unreadable ? 'Syntax errors in policy.' : sentence(f.message);
    throw new Fault('MalformedPolicyDocument', message);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // The screen read it, so this does not happen; refuse rather than store something unread.
  }
  throw new Fault('MalformedPolicyDocument', 'Syntax errors in policy.');
}

function sentence(message: string): string {
  const m = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(m) ? m : `${m}.`;
}

/** The size IAM counts for a policy: its JSON text without the whitespace outside strings. */
export function sizeOf(doc: PolicyDocument): number {
  return policySize(documentText(doc) ?? '');
}

/** The JSON text of a policy as the world holds it (text as given, an object printed). */
export function textOf(doc: PolicyDocument): string {
  return documentText(doc) ?? '';
}

/** URL-encoded JSON text, as the IAM API returns documents (RFC 3986). */
export function encodedDocument(doc: PolicyDocument): string {
  return encodeURIComponent(textOf(doc)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

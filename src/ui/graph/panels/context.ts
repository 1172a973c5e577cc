/**
 * The context panel's form, checked: MFA in three states (yes, no, not fixed), a source IP address
 * (IPv4 or IPv6, one address, said precisely when it is not one), a time (ISO 8601, UTC), and
 * principal and request tags as `key=value` lines. Only a valid form becomes a `GraphContext`.
 */
import type { ContextValue } from '../../../engine/model';
import type { GraphContext } from '../../../graph/types';

export type MfaChoice = 'yes' | 'no' | 'open';

export interface ContextForm {
  mfa: MfaChoice;
  sourceIp: string;
  /** A `datetime-local` value (`2026-12-01T12:00`), read as UTC; empty: the graph's now. */
  time: string;
  /** `key=value` lines. */
  principalTags: string;
  requestTags: string;
}

export interface ContextErrors {
  sourceIp?: string;
  time?: string;
  principalTags?: string;
  requestTags?: string;
}

export const EMPTY_FORM: ContextForm = { mfa: 'open', sourceIp: '', time: '', principalTags: '', requestTags: '' };

/** Why a text is not one IPv4 address, or undefined when it is. */
function ipv4Problem(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 4)
    return `\`${text}\` has ${parts.length} part${parts.length === 1 ? '' : 's'}: an IPv4 address has four numbers separated by dots, such as 203.0.113.7`;
  for (const p of parts) {
    if (p === '') return `\`${text}\` has an empty part: each of the four parts is a number from 0 to 255`;
    if (!/^\d+$/.test(p))
      return `\`${p}\` in \`${text}\` is not a number: each of the four parts is a number from 0 to 255`;
    if (p.length > 1 && p.startsWith('0')) return `\`${p}\` in \`${text}\` has a leading zero: write it without`;
    if (Number(p) > 255) return `${p} in \`${text}\` is above 255: each of the four parts is a number from 0 to 255`;
  }
  return undefined;
}

/** Why a text is not one IPv6 address, or undefined when it is. */
function ipv6Problem(text: string): string | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return `\`${text}\` has \`::\` more than once: it may stand for zeros only once`;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  // An IPv4 tail (`::ffff:192.0.2.1`) counts as two groups.
  const last = groups[groups.length - 1];
  let count = groups.length;
  if (last?.includes('.')) {
    const p = ipv4Problem(last);
    if (p) return p;
    groups.pop();
    count += 1;
  }
  for (const g of groups)
    if (!/^[0-9a-fA-F]{1,4}$/.test(g))
      return `\`${g || '(empty)'}\` in \`${text}\` is not a group of one to four hexadecimal digits`;
  if (halves.length === 1 && count !== 8)
    return `\`${text}\` has ${count} groups: an IPv6 address has eight, or \`::\` for zeros`;
  if (halves.length === 2 && count > 7) return `\`${text}\` has too many groups for \`::\` to stand for any`;
  return undefined;
}

/** Why a source IP is not one address (IPv4 or IPv6), or undefined when it is one. */
export function ipProblem(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '') return 'Type an address, such as 203.0.113.7, or leave it empty to keep it open';
  if (text.includes('/'))
    return `\`${text}\` is a range: a request comes from one address (write ${text.slice(0, text.indexOf('/'))})`;
  if (/\s/.test(text)) return `\`${text}\` has a space in it: one address only`;
  if (text.includes(':')) return ipv6Problem(text);
  return ipv4Problem(text);
}

/** `key=value` lines as tags; one message naming the first bad line. */
export function parseTags(text: string): { tags: Record<string, string>; problem?: string } {
  const tags: Record<string, string> = {};
  const lines = text.split(/\n|,/).map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq < 0) return { tags, problem: `Line ${i + 1}, \`${line}\`, has no \`=\`: write key=value` };
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === '') return { tags, problem: `Line ${i + 1}, \`${line}\`, has no key before \`=\`` };
    if (key.length > 128) return { tags, problem: `Line ${i + 1}: a tag key has at most 128 characters` };
    if (value.length > 256) return { tags, problem: `Line ${i + 1}: a tag value has at most 256 characters` };
    if (key in tags) return { tags, problem: `Line ${i + 1}: the key \`${key}\` is already given` };
    tags[key] = value;
  }
  return { tags };
}

/** A `datetime-local` value (seconds optional) read as UTC, to ISO 8601; undefined with a message when it is not one. */
export function timeToIso(text: string): { iso?: string; problem?: string } {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?$/.exec(t);
  if (!m) return { problem: `\`${t}\` is not a date and time such as 2026-12-01T12:00` };
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return { problem: `\`${t}\` is not a real date and time` };
  return { iso: back.toISOString() };
}

/** The form, checked: a `GraphContext` when every field is valid, else the message for each bad field. */
export function formToContext(form: ContextForm): { context?: GraphContext; errors: ContextErrors } {
  const errors: ContextErrors = {};
  const context: GraphContext = {};
  if (form.mfa !== 'open') context.mfa = form.mfa === 'yes';
  if (form.sourceIp.trim() !== '') {
    const p = ipProblem(form.sourceIp);
    if (p) errors.sourceIp = p;
    else context.sourceIp = form.sourceIp.trim();
  }
  if (form.time.trim() !== '') {
    const t = timeToIso(form.time);
    if (t.problem) errors.time = t.problem;
    else context.time = t.iso;
  }
  const keys: Record<string, ContextValue> = {};
  const principal = parseTags(form.principalTags);
  if (principal.problem) errors.principalTags = principal.problem;
  for (const [k, v] of Object.entries(principal.tags)) keys[`aws:PrincipalTag/${k}`] = v;
  const request = parseTags(form.requestTags);
  if (request.problem) errors.requestTags = request.problem;
  const requestKeys = Object.keys(request.tags);
  for (const [k, v] of Object.entries(request.tags)) keys[`aws:RequestTag/${k}`] = v;
  if (requestKeys.length > 0) keys['aws:TagKeys'] = requestKeys;
  if (Object.keys(keys).length > 0) context.keys = keys;
  if (Object.keys(errors).length > 0) return { errors };
  return { context, errors };
}

/** The form that shows a context (the inverse of `formToContext` for what it makes). */
export function contextToForm(context: GraphContext): ContextForm {
  const principal: string[] = [];
  const request: string[] = [];
  for (const [k, v] of Object.entries(context.keys ?? {})) {
    const value = Array.isArray(v) ? v.join(',') : v;
    if (k.startsWith('aws:PrincipalTag/')) principal.push(`${k.slice('aws:PrincipalTag/'.length)}=${value}`);
    else if (k.startsWith('aws:RequestTag/')) request.push(`${k.slice('aws:RequestTag/'.length)}=${value}`);
  }
  return {
    mfa: context.mfa === undefined ? 'open' : context.mfa ? 'yes' : 'no',
    sourceIp: context.sourceIp ?? '',
    time: context.time ? context.time.slice(0, 16) : '',
    principalTags: principal.join('\n'),
    requestTags: request.join('\n'),
  };
}

/** One line saying what the context fixes: `MFA present, from 203.0.113.7`; `Nothing fixed: …` when empty. */
export function contextSummary(context: GraphContext): string {
  const parts: string[] = [];
  if (context.mfa !== undefined) parts.push(context.mfa ? 'MFA present' : 'no MFA');
  if (context.sourceIp) parts.push(`from ${context.sourceIp}`);
  if (context.time) parts.push(`at ${context.time}`);
  const tags = Object.keys(context.keys ?? {}).filter((k) => k !== 'aws:TagKeys').length;
  if (tags > 0) parts.push(`${tags} tag${tags === 1 ? '' : 's'}`);
  return parts.length > 0 ? parts.join(', ') : 'Nothing fixed: conditions on MFA, source IP and tags stay open';
}

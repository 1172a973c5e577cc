/**
 * Which condition keys the graph decides and which stay open, and the candidate values the
 * checker asks the engine with for an open key (the condition's own values, the bounds of the
 * key's domain, `true`/`false`, an address inside a CIDR, absence). The engine judges each
 * candidate: nothing here compares values the way an operator does.
 */
import type { ContextValue } from '../../engine/model';
import { splitOperator } from '../../engine/evaluate/operators';
import { parseDate } from '../../engine/evaluate/date';
import { parseNumber } from '../../engine/evaluate/scalars';
import type { GraphContext, PrincipalKind } from '../types';
import { contextKeys } from '../request';

/** How long a user's GetSessionToken session can last: a user's `aws:TokenIssueTime` lies in [now − 36 h, now]. */
export const USER_SESSION_MS = 36 * 60 * 60 * 1000;

/** Keys the world fixes for every request (lower case). */
const WORLD_KEYS: ReadonlySet<string> = new Set([
  'aws:principalaccount',
  'aws:resourceaccount',
  'aws:username',
  'aws:userid',
  'aws:principalarn',
  'aws:principaltype',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  'aws:currenttime',
  'aws:epochtime',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:federatedprovider',
]);

const WORLD_PREFIXES = ['aws:principaltag/', 'aws:resourcetag/'];

/** What decides whether a key is open for one checker: the keys its context fixes. */
export interface KeyRules {
  /** Lower-cased keys the graph context fixes. */
  fixed: ReadonlySet<string>;
  /** Whether the context fixes MFA (then `aws:MultiFactorAuthAge` is fixed too, present or absent). */
  mfaFixed: boolean;
}

export function keyRules(context: GraphContext | undefined): KeyRules {
  const fixed = new Set(Object.keys(contextKeys(context)).map((k) => k.toLowerCase()));
  const mfaFixed = context?.mfa !== undefined;
  if (mfaFixed) fixed.add('aws:multifactorauthage');
  return { fixed, mfaFixed };
}

/**
 * Whether the world and the context decide a key (lower case) for a principal of this kind.
 * `aws:TokenIssueTime` is decided for role sessions (15 min before now) and open for users (a
 * session from GetSessionToken, or none); every key neither fixes is open.
 */
export function isDecided(lowerKey: string, kind: PrincipalKind, rules: KeyRules): boolean {
  if (rules.fixed.has(lowerKey) || WORLD_KEYS.has(lowerKey)) return true;
  for (const p of WORLD_PREFIXES) if (lowerKey.startsWith(p)) return true;
  if (lowerKey === 'aws:tokenissuetime') return kind !== 'user';
  return false;
}

/** One reading of a key by a condition: its operator as written and its policy values (after substitution). */
export interface KeyUse {
  operator: string;
  values: (string | null)[];
}

export interface CandidateFacts {
  /** The value the request context already has for the key (filled by the engine: absence is then not a candidate). */
  base: ContextValue | undefined;
  kind: PrincipalKind;
  /** The request time in milliseconds. */
  now: number;
}

const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Addresses unlikely to be inside the CIDRs a policy names: a candidate outside them. */
const OTHER_IPS = ['198.51.100.77', '2001:db8::77'];
const OTHER = 'graph-other';

/**
 * The values to try for an open key (undefined: absent), deduplicated, in a stable order: absence
 * first (when the engine does not fill the key), then the base value, then the candidates of each use.
 */
export function candidates(lowerKey: string, uses: KeyUse[], facts: CandidateFacts): (ContextValue | undefined)[] {
  const out: (ContextValue | undefined)[] = [];
  const seen = new Set<string>();
  const add = (v: ContextValue | undefined) => {
    const k = v === undefined ? '\u0000absent' : JSON.stringify(v);
    if (seen.has(k)) return;
    seen.add(k);
    out.push(v);
  };
  if (facts.base === undefined) add(undefined);
  else add(facts.base);
  const userIssue = lowerKey === 'aws:tokenissuetime' && facts.kind === 'user';
  const lo = facts.now - USER_SESSION_MS;
  const hi = facts.now;
  if (userIssue) {
    add(isoSeconds(lo));
    add(isoSeconds(hi));
  }
  if (lowerKey === 'aws:multifactorauthpresent') {
    add('true');
    add('false');
    return out;
  }
  for (const use of uses) {
    const base = splitOperator(use.operator).base;
    const kind = base?.kind ?? 'string';
    const values = use.values.filter((v): v is string => typeof v === 'string');
    for (const v of values) {
      switch (kind) {
        case 'bool':
          add('true');
          add('false');
          break;
        case 'date': {
          const t = parseDate(v);
          if (t === undefined) break;
          for (const d of [t - 1000, t, t + 1000]) {
            if (userIssue && (d < lo || d > hi)) continue;
            add(isoSeconds(d));
          }
          break;
        }
        case 'numeric': {
          const n = parseNumber(v);
          if (n === undefined) break;
          add(String(n - 1));
          add(String(n));
          add(String(n + 1));
          break;
        }
        case 'ip':
          // An address is inside every CIDR written with it.
          add(v.split('/')[0].trim());
          break;
        case 'null':
          break;
        default:
          add(v);
          if (/[*?]/.test(v)) add(v.replace(/\*/g, '').replace(/\?/g, 'x'));
      }
    }
    if (kind === 'ip') for (const ip of OTHER_IPS) add(ip);
    else if (kind === 'null') add(userIssue ? isoSeconds(hi) : 'true');
    else if (kind !== 'bool' && kind !== 'date' && kind !== 'numeric') add(OTHER);
    if (splitOperator(use.operator).qualifier && values.length > 1) add(values);
  }
  return out;
}

/** The most candidate contexts one check asks the engine with. */
export const MAX_COMBINATIONS = 1024;

/**
 * The candidate contexts for several open keys: every combination when there are at most
 * `MAX_COMBINATIONS`, else each key varied alone with the others at their first candidate.
 */
export function combinations<T>(lists: T[][]): T[][] {
  let total = 1;
  for (const l of lists) total *= Math.max(1, l.length);
  if (total <= MAX_COMBINATIONS) {
    let out: T[][] = [[]];
    for (const l of lists) {
      const next: T[][] = [];
      for (const prefix of out) for (const v of l) next.push([...prefix, v]);
      out = next;
    }
    return out;
  }
  const first = lists.map((l) => l[0]);
  const out: T[][] = [first];
  lists.forEach((l, i) => {
    for (let j = 1; j < l.length; j++) {
      const c = [...first];
      c[i] = l[j];
      out.push(c);
    }
  });
  return out;
}

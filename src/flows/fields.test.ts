import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../world/default-world';
import { FLOWS } from './registry';
import { optionSets, testRun } from './testing';
import { explainField, explainHeader } from './fields';
import type { FlowRun, HttpView } from './types';

/**
 * Names that are data, not fields: what flow 7's Lambda function returns is its own JSON (its
 * keys are the function's, not AWS's). Attribute names of DynamoDB items and keys, and provider
 * names in `Logins`, are skipped by the collector, as are HTML pages (IMDS's 401).
 */
const IGNORED = new Set<string>(['job', 'reads', 'statusCode', 'items', 'customer', 'total']);

/** Parents whose keys are data (provider names, item attribute names). */
const DATA_PARENTS = new Set([
  'Logins',
  'Key',
  'Item',
  'Items',
  'ExclusiveStartKey',
  'LastEvaluatedKey',
  'ExpressionAttributeValues',
]);

interface SeenNames {
  headers: Set<string>;
  /** `name` → a context it was seen in (the parent key, or `form`, or `xml`). */
  fields: Map<string, string>;
}

function walkJson(v: unknown, parent: string, out: SeenNames): void {
  if (Array.isArray(v)) {
    for (const x of v) walkJson(x, parent, out);
    return;
  }
  if (!v || typeof v !== 'object') return;
  for (const [k, sub] of Object.entries(v as Record<string, unknown>)) {
    // Map keys that are provider names (`cognito-idp.REGION.amazonaws.com/POOL`) are data, not fields.
    if (!DATA_PARENTS.has(parent) && !IGNORED.has(parent) && !out.fields.has(k)) out.fields.set(k, parent);
    walkJson(sub, k, out);
  }
}

function body(h: HttpView, out: SeenNames): void {
  const type = h.contentType ?? '';
  const b = h.body.trim();
  if (!b || type.includes('text/html')) return;
  if (type.includes('json') || b.startsWith('{')) {
    try {
      walkJson(JSON.parse(b), '', out);
      return;
    } catch {
      // not JSON after all
    }
  }
  if (type.includes('x-www-form-urlencoded')) {
    for (const pair of b.split('\n&').join('&').split('&')) {
      const k = decodeURIComponent(pair.split('=')[0] ?? '');
      if (k && !out.fields.has(k)) out.fields.set(k, 'form');
    }
    return;
  }
  if (b.startsWith('<'))
    for (const m of b.matchAll(/<([A-Za-z][\w.-]*)[\s>]/g)) if (!out.fields.has(m[1]!)) out.fields.set(m[1]!, 'xml');
}

function collectNames(runs: FlowRun[], out: SeenNames = { headers: new Set(), fields: new Map() }): SeenNames {
  for (const run of runs)
    for (const step of run.steps)
      for (const m of step.messages) {
        for (const [h] of m.http.headers) out.headers.add(h.toLowerCase());
        body(m.http, out);
      }
  return out;
}

describe('field explanations', () => {
  it('explains headers in any case, and the parts of the Authorization header', () => {
    expect(explainHeader('X-Amz-Target')).toMatch(/^Which operation a JSON-protocol call is/);
    expect(explainHeader('x-amz-security-token')).toMatch(/session token/);
    expect(explainHeader('Credential')).toMatch(/credential scope `DATE\/REGION\/SERVICE\/aws4_request`/);
    expect(explainHeader('SignedHeaders')).toMatch(/^The headers the signature covers/);
    expect(explainHeader('Signature')).toMatch(/^HMAC-SHA256 of the string to sign/);
    expect(explainHeader('X-Not-A-Header')).toBeUndefined();
  });

  it('explains fields, in their context where it matters', () => {
    expect(explainField('ExternalId')).toMatch(/confused deputy/);
    expect(explainField('DurationSeconds')).toMatch(/at most one hour for role chaining/);
    expect(explainField('USER_ID_FOR_SRP', 'ChallengeParameters')).toMatch(/not the email typed/);
    expect(explainField('Type', 'imds')).toBe('`AWS-HMAC`: credentials that sign with SigV4.');
    expect(explainField('AssumeRoleResponse')).toBe('The answer of AssumeRole (Query-protocol XML).');
    expect(explainField('PolicyArns.member.1.arn')).toMatch(/^Managed session policies/);
    expect(explainField('NoSuchField')).toBeUndefined();
  });

  it('covers every header and field the registered flows’ runs show', async () => {
    const runs: FlowRun[] = [];
    for (const flow of FLOWS)
      for (const options of optionSets(flow)) runs.push(await testRun(flow, defaultWorld(), options));
    const seen = collectNames(runs);
    expect(seen.headers.size).toBeGreaterThan(10);
    expect([...seen.headers].filter((h) => !explainHeader(h))).toEqual([]);
    const auth = runs
      .flatMap((r) => r.steps.flatMap((s) => s.messages.flatMap((m) => m.http.headers)))
      .find(([h]) => h === 'authorization')?.[1];
    const parts = [...(auth ?? '').matchAll(/(\w+)=/g)].map((m) => m[1]!);
    expect(parts).toEqual(['Credential', 'SignedHeaders', 'Signature']);
    for (const p of parts) expect(explainHeader(p), p).toBeDefined();
    const missing = [...seen.fields]
      .filter(([k, ctx]) => !IGNORED.has(k) && !explainField(k, ctx))
      .map(([k, c]) => `${k} (in ${c || 'the body'})`);
    expect(missing).toEqual([]);
    for (const k of [
      'AuthFlow',
      'SRP_A',
      'SALT',
      'SRP_B',
      'SECRET_BLOCK',
      'USER_ID_FOR_SRP',
      'Session',
      'IdToken',
      'IdentityId',
      'Logins',
      'RoleArn',
      'ExternalId',
      'DurationSeconds',
      'AssumedRoleUser',
      'SessionToken',
    ])
      expect(seen.fields.has(k), k).toBe(true);
  }, 300_000);
});

/**
 * The state as a file (`iamplay serve --state FILE`): `stateToJson` writes it, `stateFromJson`
 * reads it back and refuses, with a message that says what is wrong, a file that is not JSON, of
 * another `format`, with a world `loadWorld` refuses, or with sessions or keys of the wrong shape.
 * A refused file is never overwritten (the caller stops).
 */
import type { Result } from '../engine/diagnostics';
import { loadWorld } from '../world/load';
import type { AwsState } from './state';
import { STATE_FORMAT } from './state';
import { emptyCognitoIdpState } from './cognito-idp/state';
import { emptyCognitoIdentityState } from './cognito-identity/state';
import type { TemporarySession } from './sessions';
import type { SigningKey } from './signing-keys';

export function stateToJson(state: AwsState): string {
  return `${JSON.stringify(state)}\n`;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const KINDS = new Set(['assumed-role', 'user', 'root', 'federated-user']);

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function sessionProblem(id: string, s: unknown): string | undefined {
  if (!isObject(s)) return `is ${describeType(s)}, not a session object`;
  if (!/^ASIA[A-Z2-7]{16}$/.test(id)) return 'is not an `ASIA…` temporary access key id';
  if (s['accessKeyId'] !== id)
    return `has \`accessKeyId\` ${JSON.stringify(s['accessKeyId'])}, not its own key \`${id}\``;
  for (const f of ['secretAccessKey', 'sessionToken', 'arn', 'account', 'userId'])
    if (typeof s[f] !== 'string' || s[f] === '') return `has no \`${f}\` string`;
  for (const f of ['expiration', 'issuedAt'])
    if (typeof s[f] !== 'number' || !Number.isFinite(s[f])) return `has no \`${f}\` time in milliseconds`;
  if (!KINDS.has(s['kind'] as string))
    return `has \`kind\` ${JSON.stringify(s['kind'])}, not one of ${[...KINDS].join(', ')}`;
  if (!isObject(s['facts'])) return 'has no `facts` object';
  if (s['context'] !== undefined && !isObject(s['context'])) return 'has a `context` that is not an object';
  return undefined;
}

function keyProblem(k: unknown): string | undefined {
  if (!isObject(k)) return `is ${describeType(k)}, not a key object`;
  if (typeof k['kid'] !== 'string' || k['kid'] === '') return 'has no `kid` string';
  for (const f of ['privateJwk', 'publicJwk']) {
    const jwk = k[f];
    if (!isObject(jwk) || jwk['kty'] !== 'RSA' || typeof jwk['n'] !== 'string' || typeof jwk['e'] !== 'string')
      return `has no RSA \`${f}\` (kty, n, e)`;
  }
  if (typeof (k['privateJwk'] as Obj)['d'] !== 'string') return 'has a `privateJwk` without its private part `d`';
  return undefined;
}

/** Reads a state file's text; `file` names it in every message. */
export function stateFromJson(text: string, file: string): Result<AwsState, string> {
  const fail = (message: string): Result<AwsState, string> => ({ ok: false, errors: [`${file}: ${message}`] });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(raw)) return fail(`the state is ${describeType(raw)}, not an object`);
  if (raw['format'] !== STATE_FORMAT)
    return fail(
      raw['format'] === undefined
        ? `no \`format\`: this is not an iamplay state file (format ${STATE_FORMAT})`
        : `\`format\` is ${JSON.stringify(raw['format'])}; this iamplay reads state format ${STATE_FORMAT}`,
    );
  if (!isObject(raw['world'])) return fail('no `world` object');
  const world = loadWorld(JSON.stringify(raw['world'], null, 2));
  if (!world.ok) {
    const shown = world.errors.slice(0, 3).map((f) => f.message);
    const more = world.errors.length > 3 ? `; and ${world.errors.length - 3} more` : '';
    return fail(`the world is refused: ${shown.join('; ')}${more}`);
  }
  const sts = raw['sts'];
  if (!isObject(sts) || !isObject(sts['sessions'])) return fail('no `sts.sessions` object');
  for (const [id, s] of Object.entries(sts['sessions'])) {
    const p = sessionProblem(id, s);
    if (p) return fail(`the session \`sts.sessions.${id}\` ${p}`);
  }
  const keys = raw['keys'] ?? {};
  if (!isObject(keys)) return fail(`\`keys\` is ${describeType(keys)}, not an object`);
  for (const [issuer, k] of Object.entries(keys)) {
    const p = keyProblem(k);
    if (p) return fail(`the signing key \`keys.${issuer}\` ${p}`);
  }
  for (const f of ['cognitoIdp', 'cognitoIdentity', 's3', 'dynamodb'])
    if (raw[f] !== undefined && !isObject(raw[f])) return fail(`\`${f}\` is ${describeType(raw[f])}, not an object`);
  // S3's and DynamoDB's runtime facts (bucket creation dates, table billing modes), when present.
  const data: Pick<AwsState, 's3' | 'dynamodb'> = {};
  if (isObject(raw['s3']) && isObject(raw['s3']['buckets'])) data.s3 = raw['s3'] as unknown as AwsState['s3'];
  if (isObject(raw['dynamodb']) && isObject(raw['dynamodb']['tables']))
    data.dynamodb = raw['dynamodb'] as unknown as AwsState['dynamodb'];
  return {
    ok: true,
    value: {
      ...data,
      format: STATE_FORMAT,
      world: world.value,
      sts: { sessions: sts['sessions'] as Record<string, TemporarySession> },
      keys: keys as Record<string, SigningKey>,
      cognitoIdp: (raw['cognitoIdp'] as AwsState['cognitoIdp'] | undefined) ?? emptyCognitoIdpState(),
      cognitoIdentity:
        (raw['cognitoIdentity'] as AwsState['cognitoIdentity'] | undefined) ?? emptyCognitoIdentityState(),
    },
  };
}

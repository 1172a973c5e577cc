/**
 * Flow 6's steps. The app runs on the instance `i-0a1b2c3d4e5f67890`: its SDK takes a key from
 * `~/.aws/credentials` when one is stored there, else the instance profile's credentials from the
 * metadata service (IMDSv2, as the AWS SDKs do). The metadata service is not routed by the
 * simulator (it is a link-local address on the instance, without SigV4): its exchanges are
 * answered by `imdsHandle` and recorded; every other call goes through the simulated services.
 */
import type { Ec2Instance, World } from '../../world/types';
import type { HttpResponse } from '../../aws/http';
import { text } from '../../aws/http';
import type { AwsContext } from '../../aws/context';
import { uuid } from '../../aws/random';
import { isoSeconds } from '../../aws/clock';
import {
  CREDENTIALS_PATH,
  CREDENTIALS_SECONDS,
  ROTATE_AFTER_SECONDS,
  TOKEN_HEADER,
  TOKEN_PATH,
  TTL_HEADER,
  imdsHandle,
  imdsRequest,
} from '../../aws/ec2-metadata';
import type { CredentialsView, FlowContext, FlowEnv, FlowExchange, FlowOptions, StepImpl, StepOutput } from '../types';
import { expiryText, failure, signer } from '../common';
import * as wire from '../wire';

/** Alice's key: the one `stored-keys` puts on the instance. */
export const STORED_KEY = 'AKIAR7KLMW2QTHX4ALCE';
const BUCKET = 'playground-photos';
const OBJECT = 'public/welcome.txt';
/** What the attacker reads with what they got. */
const SECRET_OBJECT = 'home/alice/notes.txt';
const TOKEN_TTL = '21600';
/** How long after the leak the attacker tries the stored key again. */
const LEAKED_KEY_DAYS = 90;

function instanceOf(world: World): Ec2Instance {
  const i = world.resources?.find(
    (r): r is Ec2Instance => r.type === 'ec2-instance' && r.instanceProfile !== undefined,
  );
  if (!i) throw new Error('the world has no EC2 instance with an instance profile');
  return i;
}

const instanceId = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

export function prepare(world: World, options: FlowOptions): { world: World; changes: string[] } {
  const changes: string[] = [];
  const instance = instanceOf(world);
  const id = instanceId(instance.arn);
  const variant = options.variant ?? 'instance-profile';
  if (variant === 'stored-keys') {
    if (!(instance.storedAccessKeys ?? []).includes(STORED_KEY)) {
      instance.storedAccessKeys = [...(instance.storedAccessKeys ?? []), STORED_KEY];
      changes.push(`Stored alice’s access key \`${STORED_KEY}\` in \`~/.aws/credentials\` on the instance \`${id}\`.`);
    }
  } else if (instance.storedAccessKeys?.length) {
    delete instance.storedAccessKeys;
    changes.push(`Removed the access keys stored on the instance \`${id}\`: the SDK would find them before IMDS.`);
  }
  const tokens = variant === 'imdsv1' ? 'optional' : 'required';
  if (variant !== 'stored-keys' && instance.httpTokens !== tokens) {
    instance.httpTokens = tokens;
    changes.push(`Set \`HttpTokens\` of the instance \`${id}\` to \`${tokens}\`.`);
  }
  return { world, changes };
}

function awsContext(env: FlowEnv): AwsContext {
  return {
    state: env.state,
    clock: env.clock,
    random: env.random,
    region: env.region,
    managedPolicy: env.managedPolicy,
    requestId: () => uuid(env.random),
  };
}

/** One exchange with the instance's metadata service, recorded for the diagram. */
function imds(env: FlowEnv, method: 'GET' | 'PUT', path: string, headers: Record<string, string> = {}): FlowExchange {
  const instance = instanceOf(env.state.world);
  const request = imdsRequest(method, path, headers);
  const at = env.clock.now();
  const response = imdsHandle(awsContext(env), instance.arn, request);
  return env.record({
    request,
    response,
    service: 'ec2-metadata',
    operation: path,
    caller: 'anonymous',
    notes: [],
    at,
    changed: false,
  });
}

const TITLES: Record<number, string> = {
  400: '400 - Bad Request',
  401: '401 - Unauthorized',
  403: '403 - Forbidden',
  404: '404 - Not Found',
};

/** A failed IMDS step: the service answers with a status and a short page, no error code. */
function imdsFailure(step: string, title: string, exchanges: FlowExchange[], why: string): StepOutput {
  const res = exchanges[exchanges.length - 1]!.response;
  const code = `HTTP ${res.status}`;
  const message = TITLES[res.status] ?? String(res.status);
  return {
    outcome: 'error',
    title,
    narration: `The metadata service answers ${message}: ${why}`,
    exchanges,
    error: { code, message, step },
  };
}

function credsOf(ctx: FlowContext, key = 'credentials'): CredentialsView {
  return ctx.data[key] as CredentialsView;
}

function imdsCredentials(res: HttpResponse, arn: string): CredentialsView | undefined {
  try {
    const j = JSON.parse(text(res.body)) as Record<string, string>;
    if (j['Code'] !== 'Success' || !j['AccessKeyId']) return undefined;
    return {
      arn,
      accessKeyId: j['AccessKeyId'],
      secretAccessKey: j['SecretAccessKey'] ?? '',
      sessionToken: j['Token'] ?? '',
      expiration: Date.parse(j['Expiration'] ?? ''),
      source: 'IMDS',
    };
  } catch {
    return undefined;
  }
}

function lastUpdated(res: HttpResponse): string {
  try {
    return String((JSON.parse(text(res.body)) as Record<string, string>)['LastUpdated'] ?? '');
  } catch {
    return '';
  }
}

const findCredentials: StepImpl = async (_ctx, env) => {
  const instance = instanceOf(env.state.world);
  const stored = instance.storedAccessKeys?.[0];
  const owner = stored
    ? env.state.world.users?.find((u) => u.accessKeys?.some((k) => k.accessKeyId === stored))
    : undefined;
  const key = owner?.accessKeys?.find((k) => k.accessKeyId === stored);
  const title = 'The SDK looks for credentials';
  if (owner && key) {
    const creds: CredentialsView = {
      arn: `arn:aws:iam::${owner.account}:user/${owner.name}`,
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      source: 'stored on disk (~/.aws/credentials)',
    };
    return {
      outcome: 'stored-key',
      title,
      narration: `The SDK’s credential chain checks the environment, then the shared credentials file: ~/.aws/credentials holds ${owner.name}’s long-term access key ${key.accessKeyId}, so the SDK uses it and never asks the metadata service. The key has no expiry.`,
      exchanges: [],
      credentials: creds,
      data: { credentials: creds },
      facts: [
        {
          label: 'Found in',
          value: '~/.aws/credentials',
          explain: 'A file on the instance’s disk: anyone who reads it has the key.',
        },
        { label: 'Belongs to', value: creds.arn },
      ],
    };
  }
  return {
    outcome: 'instance-profile',
    title,
    narration:
      'The SDK’s credential chain finds no key in the environment or in ~/.aws/credentials, so it turns to the instance metadata service at 169.254.169.254, which serves the instance profile’s role credentials.',
    exchanges: [],
    facts: [{ label: 'Instance profile', value: instance.instanceProfile ?? '—' }],
  };
};

const getToken: StepImpl = async (_ctx, env) => {
  const ttl = env.on('ttl-too-long') ? '86400' : TOKEN_TTL;
  const headers: Record<string, string> = { 'X-aws-ec2-metadata-token-ttl-seconds': ttl };
  if (env.on('forwarded-for')) headers['X-Forwarded-For'] = '10.0.1.25';
  const x = imds(env, 'PUT', TOKEN_PATH, headers);
  const title = 'PUT /latest/api/token: an IMDSv2 session token';
  if (x.response.status !== 200)
    return imdsFailure(
      'imds.getToken',
      title,
      [x],
      x.response.status === 403
        ? 'a token PUT that carries X-Forwarded-For came through a proxy, and IMDS gives no token to a relayed request.'
        : `the TTL ${ttl} is outside 1 to 21600 seconds.`,
    );
  const token = text(x.response.body);
  return {
    outcome: 'ok',
    title,
    narration: `The SDK starts an IMDSv2 session: a PUT (which a page, a redirect or most SSRF bugs cannot send) with the header X-aws-ec2-metadata-token-ttl-seconds: ${ttl}. The service answers with a token that is valid for six hours on this instance only.`,
    exchanges: [x],
    tokens: [{ label: 'IMDSv2 session token', jwt: token }],
    data: { imdsToken: token },
    facts: [{ label: 'Token lifetime', value: `${x.response.headers[TTL_HEADER] ?? ttl} seconds` }],
  };
};

const getRoleName: StepImpl = async (ctx, env) => {
  const x = imds(env, 'GET', CREDENTIALS_PATH, { 'X-aws-ec2-metadata-token': String(ctx.data['imdsToken']) });
  const title = 'GET …/iam/security-credentials/: the role’s name';
  if (x.response.status !== 200)
    return imdsFailure('imds.getRoleName', title, [x], 'the instance profile gives no role credentials.');
  const role = text(x.response.body);
  return {
    outcome: 'ok',
    title,
    narration: `With the token in X-aws-ec2-metadata-token, the SDK lists the security credentials: one role, ${role}, the role in the instance profile.`,
    exchanges: [x],
    data: { roleName: role },
    facts: [{ label: 'Role', value: role }],
  };
};

function roleSessionArn(env: FlowEnv, role: string): string {
  const instance = instanceOf(env.state.world);
  return `arn:aws:sts::${instance.arn.split(':')[4]}:assumed-role/${role}/${instanceId(instance.arn)}`;
}

const getCredentials: StepImpl = async (ctx, env) => {
  const role = String(ctx.data['roleName']);
  const x = imds(env, 'GET', `${CREDENTIALS_PATH}${role}`, { [TOKEN_HEADER]: String(ctx.data['imdsToken']) });
  const title = `GET …/iam/security-credentials/${role}: the credentials`;
  const creds = x.response.status === 200 ? imdsCredentials(x.response, roleSessionArn(env, role)) : undefined;
  if (!creds) return imdsFailure('imds.getCredentials', title, [x], 'no credentials for that role.');
  return {
    outcome: 'ok',
    title,
    narration: `The service returns temporary credentials of the role ${role} for this instance: an ASIA… key id, a secret and a session token, expiring ${expiryText(creds.expiration!, env.clock.now())}. They were issued when they were first asked for (LastUpdated ${lastUpdated(x.response)}).`,
    exchanges: [x],
    credentials: creds,
    data: { credentials: creds, firstCredentials: creds },
    facts: [
      { label: 'Session', value: creds.arn, explain: 'The role session is named after the instance id.' },
      { label: 'LastUpdated', value: lastUpdated(x.response) },
      { label: 'Expiration', value: isoSeconds(creds.expiration!) },
    ],
  };
};

const getObject: StepImpl = async (ctx, env) => {
  const creds = credsOf(ctx);
  const x = await env.send(wire.s3('GET', BUCKET, OBJECT, env.region, signer(env, creds)));
  const title = `S3 GetObject ${OBJECT}, signed with the ${creds.accessKeyId.startsWith('AKIA') ? 'stored key' : 'role credentials'}`;
  if (x.response.status !== 200)
    return failure('s3.getObject', title, [x], (code, m) => `S3 refused the request: ${code}: ${m}`);
  return {
    outcome: 'ok',
    title,
    narration: `The app reads s3://${BUCKET}/${OBJECT}, signing with ${creds.accessKeyId}. S3 checks the signature, asks IAM who ${creds.arn} is, and the engine allows s3:GetObject.`,
    exchanges: [x],
    ...(x.decision ? { decision: x.decision as StepOutput['decision'] } : {}),
    facts: [{ label: 'Signed as', value: creds.arn }],
  };
};

async function attackerCalls(
  env: FlowEnv,
  creds: CredentialsView,
): Promise<{ exchanges: FlowExchange[]; arn?: string; failedAt?: FlowExchange }> {
  const who = await env.send(wire.sts('GetCallerIdentity', {}, env.region, signer(env, creds)));
  if (who.response.status !== 200) return { exchanges: [who], failedAt: who };
  const arn = wire.xmlValue(who.response.body, 'Arn') ?? '';
  const read = await env.send(wire.s3('GET', BUCKET, SECRET_OBJECT, env.region, signer(env, creds)));
  return read.response.status === 200
    ? { exchanges: [who, read], arn }
    : { exchanges: [who, read], arn, failedAt: read };
}

const useLeakedKey: StepImpl = async (ctx, env) => {
  env.clock.advance(LEAKED_KEY_DAYS * 24 * 3600 * 1000);
  const creds = credsOf(ctx);
  const r = await attackerCalls(env, creds);
  const title = `${LEAKED_KEY_DAYS} days later, from the attacker’s laptop, with the leaked key`;
  if (r.failedAt) {
    const err = wire.errorOf(r.failedAt.response);
    return {
      outcome: 'refused',
      title,
      from: 'attacker',
      narration: `The key no longer works: ${err?.code ?? ''}: ${err?.message ?? ''}.`,
      exchanges: r.exchanges,
      error: { code: err?.code ?? 'Error', message: err?.message ?? '', step: 'attacker.useLeakedKey' },
    };
  }
  return {
    outcome: 'ok',
    title,
    from: 'attacker',
    narration: `The key file leaked (a backup, a repository, a path traversal). ${LEAKED_KEY_DAYS} days later, from anywhere on the internet, the attacker asks STS whose key it is (${r.arn}) and reads ${SECRET_OBJECT}. A long-term key works until someone deactivates or deletes it.`,
    exchanges: r.exchanges,
    facts: [
      { label: 'Caller', value: r.arn ?? '' },
      {
        label: 'Expires',
        value: 'never',
        explain: 'Long-term access keys have no expiry: rotate and delete them, or keep them off instances.',
      },
    ],
  };
};

const waitForRotation: StepImpl = async (ctx, env) => {
  const first = credsOf(ctx);
  // The expiry is given to the second; the set was issued within that second.
  const issued = first.expiration! - CREDENTIALS_SECONDS * 1000 + 1000;
  env.clock.set(Math.max(env.clock.now(), issued + ROTATE_AFTER_SECONDS * 1000));
  return {
    outcome: 'ok',
    title: 'An hour passes',
    narration: `The app keeps working with the same credentials. An hour after they were issued (now ${isoSeconds(env.clock.now())}), the metadata service has a new set ready, long before the old one expires at ${isoSeconds(first.expiration!)}; the AWS SDKs fetch it before the old expires.`,
    exchanges: [],
    facts: [{ label: 'Simulated time', value: isoSeconds(env.clock.now()) }],
  };
};

const refreshCredentials: StepImpl = async (ctx, env) => {
  const role = String(ctx.data['roleName']);
  const old = credsOf(ctx);
  const x = imds(env, 'GET', `${CREDENTIALS_PATH}${role}`, { [TOKEN_HEADER]: String(ctx.data['imdsToken']) });
  const title = 'The SDK refreshes the credentials: a new set';
  const creds = x.response.status === 200 ? imdsCredentials(x.response, roleSessionArn(env, role)) : undefined;
  if (!creds) return imdsFailure('imds.refreshCredentials', title, [x], 'no credentials for that role.');
  return {
    outcome: 'ok',
    title,
    narration: `Same token, same path: the service now returns a new key id (${creds.accessKeyId}, was ${old.accessKeyId}) expiring ${isoSeconds(creds.expiration!)}. Nobody rotated anything by hand; the old set keeps working until its own expiry.`,
    exchanges: [x],
    credentials: creds,
    data: { credentials: creds },
    facts: [
      { label: 'New key id', value: creds.accessKeyId },
      { label: 'Previous key id', value: old.accessKeyId },
      { label: 'LastUpdated', value: lastUpdated(x.response) },
    ],
  };
};

const ssrf: StepImpl = async (_ctx, env) => {
  // The vulnerable link preview fetches whatever URL it is given: a plain GET, no custom headers.
  const fetcher = { 'User-Agent': 'photos-app-link-preview/1.4' };
  const list = imds(env, 'GET', CREDENTIALS_PATH, fetcher);
  const title = 'SSRF: the attacker makes the app fetch the metadata URL';
  const intro =
    'The attacker submits http://169.254.169.254/latest/meta-data/iam/security-credentials/ to the app’s link-preview feature, which fetches it from inside the instance: a plain GET, with no way to send a PUT or a custom header.';
  if (list.response.status === 401)
    return {
      outcome: 'blocked',
      title,
      narration: `${intro} IMDSv2 is required, so a GET without a session token gets 401 - Unauthorized: the SSRF cannot get the token, and the credentials stay on the instance.`,
      exchanges: [list],
      facts: [{ label: 'HttpTokens', value: 'required', explain: 'Only IMDSv2: every GET needs a token from a PUT.' }],
    };
  const role = text(list.response.body);
  const creds = imds(env, 'GET', `${CREDENTIALS_PATH}${role}`, fetcher);
  const stolen = imdsCredentials(creds.response, roleSessionArn(env, role));
  if (!stolen)
    return {
      outcome: 'blocked',
      title,
      narration: `${intro} The service lists the role but gives no credentials.`,
      exchanges: [list, creds],
    };
  return {
    outcome: 'leaked',
    title,
    narration: `${intro} With HttpTokens optional, IMDSv1 answers a GET without a token: the app shows the attacker the role name (${role}), then the credentials themselves.`,
    exchanges: [list, creds],
    credentials: { ...stolen, source: 'IMDSv1, through the SSRF' },
    data: { stolen },
    facts: [{ label: 'HttpTokens', value: 'optional', explain: 'IMDSv1 allowed: one GET is enough.' }],
  };
};

const useStolen: StepImpl = async (ctx, env) => {
  const stolen = credsOf(ctx, 'stolen');
  const r = await attackerCalls(env, stolen);
  const title = 'The attacker uses the stolen credentials from outside';
  if (r.failedAt) return failure('attacker.useStolenCredentials', title, r.exchanges, (c, m) => `Refused: ${c}: ${m}`);
  return {
    outcome: 'ok',
    title,
    from: 'attacker',
    narration: `From their own laptop the attacker signs with the stolen key, secret and session token: STS says they are ${r.arn}, and S3 lets them read ${SECRET_OBJECT}, since the role may read the whole bucket. They expire at ${isoSeconds(stolen.expiration!)}.`,
    exchanges: r.exchanges,
    facts: [{ label: 'Caller', value: r.arn ?? '' }],
  };
};

const afterExpiry: StepImpl = async (ctx, env) => {
  const stolen = credsOf(ctx, 'stolen');
  env.clock.set(Math.max(env.clock.now(), stolen.expiration! + 60_000));
  const x = await env.send(wire.sts('GetCallerIdentity', {}, env.region, signer(env, stolen)));
  const title = 'After the expiry, the stolen credentials are refused';
  const err = wire.errorOf(x.response);
  if (!err)
    return {
      outcome: 'ok',
      title,
      from: 'attacker',
      narration: 'The credentials still work.',
      exchanges: [x],
    };
  return {
    outcome: 'expired',
    title,
    from: 'attacker',
    narration: `At ${isoSeconds(env.clock.now())} the stolen set has expired: STS answers ${err.code}: ${err.message}. Role credentials limit a leak to hours; a stored key does not.`,
    exchanges: [x],
    error: { code: err.code, message: err.message, step: 'attacker.afterExpiry' },
  };
};

export const steps: Record<string, StepImpl> = {
  'sdk.findCredentials': findCredentials,
  's3.getObject': getObject,
  'attacker.useLeakedKey': useLeakedKey,
  'imds.getToken': getToken,
  'imds.getRoleName': getRoleName,
  'imds.getCredentials': getCredentials,
  'clock.waitForRotation': waitForRotation,
  'imds.refreshCredentials': refreshCredentials,
  'ssrf.fetchCredentials': ssrf,
  'attacker.useStolenCredentials': useStolen,
  'attacker.afterExpiry': afterExpiry,
};

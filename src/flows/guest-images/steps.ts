/**
 * Flow 4's steps against the simulated services. A stranger's browser asks the identity pool for
 * a guest identity (GetId without `Logins`) and its credentials (GetCredentialsForIdentity: the
 * pool's unauthenticated role, with the enhanced flow's guest scope-down session policy), then
 * signs S3 calls with them: a public image, a listing of the bucket, and somebody's private file.
 * Every S3 answer carries the engine's decision, with the request the workbench can ask again.
 */
import type { World } from '../../world/types';
import type {
  CredentialsView,
  FlowContext,
  FlowDecision,
  FlowEnv,
  FlowExchange,
  FlowOptions,
  StepImpl,
  StepOutput,
} from '../types';
import { credentialsFromJson, expiryText, failure, signer } from '../common';
import * as wire from '../wire';

export const BUCKET = 'playground-photos';
export const PUBLIC_KEY = 'public/welcome.txt';
export const PRIVATE_KEY = 'home/alice/notes.txt';
export const READ_ONLY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

/** The exchange's decision, when the engine was asked (with the request, for the workbench). */
export function decisionOf(x: FlowExchange): FlowDecision | undefined {
  return x.decision?.request ? (x.decision as FlowDecision) : undefined;
}

/** A signed S3 call with the flow's credentials, at the flow's time. */
export function s3Call(
  env: FlowEnv,
  creds: CredentialsView,
  method: string,
  key: string,
  extra: { query?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<FlowExchange> {
  return env.send(wire.s3(method, BUCKET, key, env.region, signer(env, creds), extra));
}

/** The facts of a decision: the verdict, and the engine's AccessDenied text when it denied. */
export function decisionFacts(d: FlowDecision | undefined): NonNullable<StepOutput['facts']> {
  if (!d) return [];
  const facts: NonNullable<StepOutput['facts']> = [
    { label: 'Decision', value: d.decision, explain: `${d.action} on ${d.resource}` },
  ];
  if (!d.allowed) facts.push({ label: 'Why', value: d.message, explain: `${d.action} on ${d.resource}` });
  return facts;
}

function guestRoleArn(world: World): string {
  const arn = world.identityPools?.[0]?.roles.unauthenticated;
  if (!arn) throw new Error('the identity pool has no guest role');
  return arn;
}

/** Gives the guest role the variant's policies, and turns guest access off for `guests-off`. */
export function prepare(world: World, options: FlowOptions): { world: World; changes: string[] } {
  const changes: string[] = [];
  const ip = world.identityPools![0]!;
  const arn = guestRoleArn(world);
  const role = world.roles?.find((r) => `arn:aws:iam::${r.account}:role${r.path ?? '/'}${r.name}` === arn);
  if (!role) throw new Error(`the world has no role ${arn}`);
  const switches = new Set(options.switches ?? []);
  if ((options.variant ?? 'read-only-access') === 'read-only-access') {
    if (!role.managedPolicies?.includes(READ_ONLY)) {
      role.managedPolicies = [...(role.managedPolicies ?? []), READ_ONLY];
      changes.push(`Attached the AWS managed policy \`AmazonS3ReadOnlyAccess\` to the guest role \`${role.name}\`.`);
    }
  } else {
    role.managedPolicies = [];
    role.inlinePolicies = [
      {
        name: 'public-images-only',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/public/*` }],
        },
      },
    ];
    changes.push(
      `Gave the guest role \`${role.name}\` one inline policy, \`public-images-only\` (s3:GetObject on \`public/*\`), and no managed policy.`,
    );
  }
  if (switches.has('guest-lists-bucket')) {
    role.inlinePolicies = [
      ...(role.inlinePolicies ?? []),
      {
        name: 'list-the-bucket',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}` }],
        },
      },
    ];
    changes.push(
      `Added the inline policy \`list-the-bucket\` (s3:ListBucket on the whole bucket) to \`${role.name}\`.`,
    );
  }
  if (switches.has('guests-off')) {
    ip.allowUnauthenticatedIdentities = false;
    changes.push(`Turned off guest access (\`AllowUnauthenticatedIdentities\`) on \`${ip.identityPoolName}\`.`);
  }
  return { world, changes };
}

function credsOf(ctx: FlowContext): CredentialsView {
  return ctx.data['credentials'] as CredentialsView;
}

const getId: StepImpl = async (_ctx, env) => {
  const ip = env.state.world.identityPools![0]!;
  const x = await env.send(
    wire.cognitoIdentity('GetId', { AccountId: ip.account, IdentityPoolId: ip.identityPoolId }, env.region),
  );
  const title = 'GetId without a login: a guest identity';
  if (x.response.status !== 200)
    return failure('idpool.getId', title, [x], (c, m) => `The identity pool refused a guest: ${c}: ${m}`);
  const identityId = String(wire.jsonOf(x.response.body)?.['IdentityId'] ?? '');
  return {
    outcome: 'ok',
    title,
    narration: `The page calls GetId with no \`Logins\`: anyone who opens it does. The identity pool allows guests, so it creates a new identity, ${identityId}, for this browser (the app should keep it: every call without a login makes a new one).`,
    exchanges: [x],
    data: { identityId },
    facts: [{ label: 'Guest identity id', value: identityId }],
  };
};

export const SCOPE_DOWN_EXPLAIN =
  'For guests in the enhanced flow, Cognito passes a scope-down session policy (cognito-sts.md §4.7): it allows only the services on its list (S3 and DynamoDB are on it), so a guest role’s IAM, EC2 or STS permissions are cut off. It never narrows S3: what a stranger may read of the bucket is up to the guest role’s own policies. (The basic flow passes no scope-down at all.)';

const getCredentials: StepImpl = async (ctx, env) => {
  const x = await env.send(
    wire.cognitoIdentity('GetCredentialsForIdentity', { IdentityId: ctx.data['identityId'] }, env.region),
  );
  const title = 'GetCredentialsForIdentity: the guest role';
  if (x.response.status !== 200)
    return failure('idpool.getCredentialsForIdentity', title, [x], (c, m) => `No credentials: ${c}: ${m}`);
  const roleArn = x.notes[0]?.data?.['roleArn'] ?? guestRoleArn(env.state.world);
  const body = wire.jsonOf(x.response.body) ?? {};
  const creds = credentialsFromJson(
    body['Credentials'] as Record<string, unknown>,
    roleArn,
    'GetCredentialsForIdentity',
  );
  if (!creds) return failure('idpool.getCredentialsForIdentity', title, [x], () => 'The reply held no credentials.');
  return {
    outcome: 'ok',
    title,
    narration: `With no login, the identity pool takes its unauthenticated role, ${roleArn}, and returns credentials for it that expire in an hour. Whatever that role allows, every visitor of the page may do.`,
    exchanges: [x],
    credentials: creds,
    data: { credentials: creds },
    facts: [
      { label: 'Role', value: roleArn, explain: x.notes[0]?.message },
      {
        label: 'Session policy',
        value: 'CognitoUnauthenticatedScopeDown (s3:*, dynamodb:*, …)',
        explain: SCOPE_DOWN_EXPLAIN,
      },
      ...(creds.expiration ? [{ label: 'Expires', value: expiryText(creds.expiration, env.clock.now()) }] : []),
    ],
  };
};

const getPublic: StepImpl = async (ctx, env) => {
  const x = await s3Call(env, credsOf(ctx), 'GET', PUBLIC_KEY);
  const title = `S3 GetObject ${PUBLIC_KEY}`;
  const decision = decisionOf(x);
  if (x.response.status !== 200)
    return failure('s3.getObject', title, [x], (c, m) => `S3 refused the public image: ${c}: ${m}`);
  const text = new TextDecoder().decode(x.response.body);
  return {
    outcome: 'ok',
    title,
    narration: `The page loads a public file with the guest credentials: allowed, as it should be. It reads “${text.trim()}”`,
    exchanges: [x],
    ...(decision ? { decision } : {}),
    facts: decisionFacts(decision),
  };
};

function keysOf(body: Uint8Array): string[] {
  return [...new TextDecoder().decode(body).matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!);
}

const list: StepImpl = async (ctx, env) => {
  const x = await s3Call(env, credsOf(ctx), 'GET', '', { query: 'list-type=2' });
  const title = `S3 ListObjectsV2 on ${BUCKET}`;
  const decision = decisionOf(x);
  if (x.response.status !== 200) {
    const err = wire.errorOf(x.response);
    return {
      outcome: 'denied',
      title,
      narration: `The stranger asks for the bucket's listing: ${err?.code ?? 'refused'}. ${decision?.message ?? ''} Without s3:ListBucket nobody learns which users and files exist.`,
      exchanges: [x],
      ...(decision ? { decision } : {}),
      facts: decisionFacts(decision),
    };
  }
  const keys = keysOf(x.response.body);
  return {
    outcome: 'ok',
    title,
    narration: `The stranger lists the whole bucket, and S3 answers with every key: ${keys.join(', ')}. The names alone tell who the users are and what they keep.`,
    exchanges: [x],
    ...(decision ? { decision } : {}),
    facts: [...decisionFacts(decision), { label: 'Keys', value: keys.join(', ') }],
  };
};

const getPrivate: StepImpl = async (ctx, env) => {
  const x = await s3Call(env, credsOf(ctx), 'GET', PRIVATE_KEY);
  const title = `S3 GetObject ${PRIVATE_KEY} (somebody's private file)`;
  const decision = decisionOf(x);
  if (x.response.status !== 200) {
    const err = wire.errorOf(x.response);
    return {
      outcome: 'denied',
      title,
      narration: `The stranger asks for alice's private file: ${err?.code ?? 'refused'}, “${err?.message ?? ''}”. The guest role allows nothing outside public/, and the bucket policy's home statement needs \`aws:username\`, which a role session does not have.`,
      exchanges: [x],
      ...(decision ? { decision } : {}),
      facts: decisionFacts(decision),
    };
  }
  const text = new TextDecoder().decode(x.response.body);
  return {
    outcome: 'ok',
    title,
    narration: `The stranger reads alice's private file: “${text.trim()}”. Allowed: AmazonS3ReadOnlyAccess allows s3:Get* on every object of every bucket, and the guest scope-down session policy allows s3:*, so it does not stop this. Anyone who opens the page can do the same.`,
    exchanges: [x],
    ...(decision ? { decision } : {}),
    facts: [
      ...decisionFacts(decision),
      { label: 'Session policy', value: 'allows s3:*: not a limit here', explain: SCOPE_DOWN_EXPLAIN },
    ],
  };
};

export const steps: Record<string, StepImpl> = {
  'idpool.getId': getId,
  'idpool.getCredentialsForIdentity': getCredentials,
  's3.getObject': getPublic,
  's3.listObjectsV2': list,
  's3.getObjectPrivate': getPrivate,
};

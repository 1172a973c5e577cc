/**
 * Flow 5's steps. Signing in and getting credentials are flow 2's steps (the enhanced flow, Maria
 * in `editors`); then the app signs S3 and DynamoDB calls with the credentials. The role's policy
 * names the caller's own prefix and partition with `${cognito-identity.amazonaws.com:sub}`, which
 * the session carries as the identity id: the engine resolves it per request. Each S3 and
 * DynamoDB step carries the engine's decision with its request, for the workbench.
 */
import type { PolicyDocument, Role, World } from '../../world/types';
import type { CredentialsView, FlowContext, FlowEnv, FlowExchange, FlowOptions, StepImpl, StepOutput } from '../types';
import { failure, signer } from '../common';
import * as wire from '../wire';
import { MARIA, steps as enhanced } from '../identity-enhanced/steps';
import { BUCKET, decisionFacts, decisionOf, PRIVATE_KEY, s3Call } from '../guest-images/steps';

const SUB = '${cognito-identity.amazonaws.com:sub}';
export const TABLE = 'Notes';
export const OWN_FILE = 'hello.txt';
export const OWN_BODY = 'Hello from Maria.\n';
/** Someone else's note (alice's), by its key. */
export const OTHER_NOTE = { userId: { S: 'alice' }, noteId: { S: '2026-11-02#001' } };
export const OWN_POLICY = 'own-home-and-notes';
export const LOOSE_POLICY = 'home-and-notes';

function roleArnOf(r: Role): string {
  return `arn:aws:iam::${r.account}:role${r.path ?? '/'}${r.name}`;
}

/** The role the identity pool gives Maria: her lowest-precedence group's, else the authenticated role. */
export function mariasRole(world: World): Role | undefined {
  const ip = world.identityPools![0]!;
  const provider = ip.cognitoIdentityProviders![0]!;
  const poolId = provider.providerName.slice(provider.providerName.lastIndexOf('/') + 1);
  const pool = world.userPools?.find((p) => p.id === poolId);
  const maria = pool?.users?.find((u) => u.attributes.some((a) => a.name === 'email' && a.value === MARIA.username));
  const groups = (pool?.groups ?? [])
    .filter((g) => maria?.groups?.includes(g.groupName) && g.roleArn)
    .sort((a, b) => (a.precedence ?? Infinity) - (b.precedence ?? Infinity));
  const tokenMapping = ip.roleMappings?.[`${provider.providerName}:${provider.clientId}`]?.type === 'Token';
  const arn = (tokenMapping ? groups[0]?.roleArn : undefined) ?? ip.roles.authenticated;
  return world.roles?.find((r) => roleArnOf(r) === arn);
}

function tableArn(world: World): string {
  const t = world.resources?.find((r) => r.type === 'dynamodb-table' && r.arn.endsWith(`:table/${TABLE}`));
  if (!t) throw new Error(`the world has no table ${TABLE}`);
  return t.arn;
}

function ownPolicy(table: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OwnPrefix',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: `arn:aws:s3:::${BUCKET}/home/${SUB}/*`,
      },
      {
        Sid: 'OwnNotes',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
        Resource: table,
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [SUB] } },
      },
    ],
  } as PolicyDocument;
}

function loosePolicy(table: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${BUCKET}/home/*` },
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], Resource: table },
    ],
  } as PolicyDocument;
}

function hasOwnStatements(role: Role): boolean {
  const text = JSON.stringify(role.inlinePolicies ?? []);
  return (
    text.includes(`arn:aws:s3:::${BUCKET}/home/${SUB}/*`) &&
    text.includes('dynamodb:GetItem') &&
    text.includes('dynamodb:LeadingKeys')
  );
}

/** Gives Maria's role the per-identity statements (or, with the switch, statements without the variable). */
export function prepare(world: World, options: FlowOptions): { world: World; changes: string[] } {
  const changes: string[] = [];
  const role = mariasRole(world);
  if (!role) throw new Error('the world has no role for maria');
  const table = tableArn(world);
  if ((options.switches ?? []).includes('no-identity-variable')) {
    role.inlinePolicies = [
      ...(role.inlinePolicies ?? []).filter((p) => !JSON.stringify(p.document).includes(SUB)),
      { name: LOOSE_POLICY, document: loosePolicy(table) },
    ];
    changes.push(
      `Gave Maria's role \`${role.name}\` the inline policy \`${LOOSE_POLICY}\`: S3 Get/Put on \`home/*\` and GetItem/Query/PutItem on the whole \`${TABLE}\` table, with no \`${SUB}\` (and removed any statement that used it).`,
    );
  } else if (!hasOwnStatements(role)) {
    role.inlinePolicies = [...(role.inlinePolicies ?? []), { name: OWN_POLICY, document: ownPolicy(table) }];
    changes.push(
      `Gave Maria's role \`${role.name}\` the inline policy \`${OWN_POLICY}\`: S3 Get/Put on \`home/${SUB}/*\` and GetItem/Query/PutItem on \`${TABLE}\` where \`dynamodb:LeadingKeys\` is \`${SUB}\`.`,
    );
  }
  return { world, changes };
}

function credsOf(ctx: FlowContext): CredentialsView {
  return ctx.data['credentials'] as CredentialsView;
}

function ownKey(ctx: FlowContext): string {
  return `home/${String(ctx.data['identityId'])}/${OWN_FILE}`;
}

function ownStep(step: string, title: string, x: FlowExchange, ok: () => StepOutput): StepOutput {
  if (x.response.status === 200) return ok();
  return failure(step, title, [x], (c, m) => `Refused on her own data: ${c}: ${m}`);
}

const putObject: StepImpl = async (ctx, env) => {
  const key = ownKey(ctx);
  const x = await s3Call(env, credsOf(ctx), 'PUT', key, {
    body: OWN_BODY,
    headers: { 'content-type': 'text/plain' },
  });
  const title = `S3 PutObject ${key}`;
  const decision = decisionOf(x);
  return ownStep('s3.putObject', title, x, () => ({
    outcome: 'ok',
    title,
    narration: env.on('no-identity-variable')
      ? `The app writes a file under Maria's own prefix, home/${String(ctx.data['identityId'])}/: allowed, as \`home/*\` allows every prefix.`
      : `The app writes a file under Maria's own prefix, home/${String(ctx.data['identityId'])}/: the role's policy allows \`home/${SUB}/*\`, and the engine puts her session's identity id in place of the variable.`,
    exchanges: [x],
    ...(decision ? { decision } : {}),
    facts: decisionFacts(decision),
  }));
};

const getObject: StepImpl = async (ctx, env) => {
  const key = ownKey(ctx);
  const x = await s3Call(env, credsOf(ctx), 'GET', key);
  const title = `S3 GetObject ${key}`;
  const decision = decisionOf(x);
  return ownStep('s3.getObject', title, x, () => ({
    outcome: 'ok',
    title,
    narration: `She reads her file back: “${new TextDecoder().decode(x.response.body).trim()}”. Allowed by the same statement.`,
    exchanges: [x],
    ...(decision ? { decision } : {}),
    facts: decisionFacts(decision),
  }));
};

const getOther: StepImpl = async (ctx, env) => {
  const x = await s3Call(env, credsOf(ctx), 'GET', PRIVATE_KEY);
  const title = `S3 GetObject ${PRIVATE_KEY} (someone else's prefix)`;
  const decision = decisionOf(x);
  if (x.response.status === 200)
    return {
      outcome: 'ok',
      title,
      narration: `The risk, shown: Maria reads alice's file, “${new TextDecoder().decode(x.response.body).trim()}”. The policy allows \`home/*\`: every user of the identity pool gets the same role, so every user reads every prefix.`,
      exchanges: [x],
      ...(decision ? { decision } : {}),
      facts: decisionFacts(decision),
    };
  const err = wire.errorOf(x.response);
  return {
    outcome: 'denied',
    title,
    narration: `Maria asks for a file under someone else's prefix: ${err?.code ?? 'refused'}. \`home/${SUB}/*\` becomes home/${String(ctx.data['identityId'])}/* for her session, which home/alice/ does not match, and no other policy allows it.`,
    exchanges: [x],
    ...(decision ? { decision } : {}),
    facts: decisionFacts(decision),
  };
};

function ddb(env: FlowEnv, ctx: FlowContext, op: string, body: unknown): Promise<FlowExchange> {
  return env.send(wire.dynamodb(op, body, env.region, signer(env, credsOf(ctx))));
}

const query: StepImpl = async (ctx, env) => {
  const me = String(ctx.data['identityId']);
  const x = await ddb(env, ctx, 'Query', {
    TableName: TABLE,
    KeyConditionExpression: 'userId = :me',
    ExpressionAttributeValues: { ':me': { S: me } },
  });
  const title = `DynamoDB Query on ${TABLE}, partition ${me}`;
  const decision = decisionOf(x);
  return ownStep('dynamodb.query', title, x, () => ({
    outcome: 'ok',
    title,
    narration: `The app queries Maria's own notes: the partition key is her identity id, so \`dynamodb:LeadingKeys\` is [${me}] and the condition \`ForAllValues:StringEquals\` against \`${SUB}\` holds. ${String(wire.jsonOf(x.response.body)?.['Count'] ?? 0)} notes so far.`,
    exchanges: [x],
    ...(decision ? { decision } : {}),
    facts: decisionFacts(decision),
  }));
};

const getItemOther: StepImpl = async (ctx, env) => {
  const x = await ddb(env, ctx, 'GetItem', { TableName: TABLE, Key: OTHER_NOTE });
  const title = `DynamoDB GetItem on ${TABLE}, alice's note`;
  const decision = decisionOf(x);
  if (x.response.status === 200)
    return {
      outcome: 'ok',
      title,
      narration: `The risk, shown: Maria reads alice's note. Without \`dynamodb:LeadingKeys\` the policy allows every item of the table to every user of the identity pool.`,
      exchanges: [x],
      ...(decision ? { decision } : {}),
      facts: decisionFacts(decision),
    };
  const err = wire.errorOf(x.response);
  return {
    outcome: 'denied',
    title,
    narration: `Maria asks for one of alice's notes: ${err?.code ?? 'refused'}. \`dynamodb:LeadingKeys\` is [alice], not her identity id, so the condition fails and nothing else allows it.`,
    exchanges: [x],
    ...(decision ? { decision } : {}),
    facts: decisionFacts(decision),
  };
};

export const steps: Record<string, StepImpl> = {
  'userPool.signIn': enhanced['userPool.signIn']!,
  'idpool.getId': enhanced['idpool.getId']!,
  'idpool.getCredentialsForIdentity': enhanced['idpool.getCredentialsForIdentity']!,
  's3.putObject': putObject,
  's3.getObject': getObject,
  's3.getObjectOtherPrefix': getOther,
  'dynamodb.query': query,
  'dynamodb.getItemOtherKey': getItemOther,
};

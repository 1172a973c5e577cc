/**
 * Flow 8's steps. The vendor's own onboarding API is not AWS: its exchange is recorded as the
 * vendor answers it (`env.record`). Every AssumeRole goes to the simulated STS, signed with the
 * vendor's key (or the first role's session when chaining), and is decided by the engine: the
 * trust policy of the customer's role and the vendor's own identity policy.
 */
import type { World } from '../../world/types';
import { request, response } from '../../aws/http';
import type { CredentialsView, FlowDecision, FlowEnv, FlowExchange, FlowOptions, StepImpl } from '../types';
import { credentialsFromXml, expiryText, failure, signer } from '../common';
import * as wire from '../wire';

export const CUSTOMER = '111122223333';
export const VENDOR = '444455556666';
/** The account of the vendor's other customer, who tries the confused deputy. */
export const ATTACKER = '777788889999';
export const VENDOR_USER_ARN = `arn:aws:iam::${VENDOR}:user/insight-scanner`;
export const AUDIT_ROLE_ARN = `arn:aws:iam::${CUSTOMER}:role/cloudinsight-audit`;
export const INVENTORY_ROLE_ARN = `arn:aws:iam::${CUSTOMER}:role/photos-inventory`;
/** The ExternalId the vendor assigned to you, and the one it assigned to the attacker. */
export const CUSTOMER_EXTERNAL_ID = 'ci-7f3a9c2e-5d41-4b8e';
export const ATTACKER_EXTERNAL_ID = 'ci-2b8d41e0-93c7-4f1a';
const BUCKET = 'playground-photos';
const VENDOR_HOST = 'api.cloudinsight.example';
const VENDOR_KEY = { accessKeyId: 'AKIAWV3NDR7Q2X4C9K1M', secretAccessKey: 'q8Jz4Lp0Xv2Nc7Bm5Rt9Wk3Hs6Gd1Fa8Ye4Ui2Oo' };
const V = '2012-10-17' as const;

function trustPolicy(withCondition: boolean) {
  return {
    Version: V,
    Statement: [
      {
        Sid: 'CloudInsightScanner',
        Effect: 'Allow' as const,
        Principal: { AWS: `arn:aws:iam::${VENDOR}:root` },
        Action: 'sts:AssumeRole',
        ...(withCondition ? { Condition: { StringEquals: { 'sts:ExternalId': CUSTOMER_EXTERNAL_ID } } } : {}),
      },
    ],
  };
}

/** The integration has two roles: the chaining variant, or the switch that asks the chained session for more. */
function chains(options: FlowOptions): boolean {
  return options.variant === 'chaining' || (options.switches ?? []).includes('long-chain');
}

/** Adds the vendor's account and user, your role for the vendor (and a second role for chaining). */
export function prepare(world: World, options: FlowOptions): { world: World; changes: string[] } {
  const changes: string[] = [];
  const withCondition = !(options.switches ?? []).includes('no-condition');
  if (!world.accounts.some((a) => a.id === VENDOR)) {
    world.accounts.push({ id: VENDOR, name: 'CloudInsight (SaaS vendor)' });
    changes.push(`Added the vendor’s account ${VENDOR} (CloudInsight, a SaaS vendor that audits S3 buckets).`);
  }
  world.users = (world.users ?? []).filter((u) => !(u.account === VENDOR && u.name === 'insight-scanner'));
  world.users.push({
    account: VENDOR,
    name: 'insight-scanner',
    id: 'AIDAWV3NDR7Q2X4C9K1MP',
    inlinePolicies: [
      {
        name: 'assume-customer-roles',
        document: {
          Version: V,
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/cloudinsight-*' }],
        },
      },
    ],
    accessKeys: [{ ...VENDOR_KEY, status: 'Active', createDate: '2026-01-15T08:00:00Z' }],
  });
  changes.push(
    `Added the vendor’s user \`insight-scanner\`, allowed to assume \`cloudinsight-*\` roles in any account.`,
  );
  world.roles = (world.roles ?? []).filter(
    (r) => !(r.account === CUSTOMER && (r.name === 'cloudinsight-audit' || r.name === 'photos-inventory')),
  );
  world.roles.push({
    account: CUSTOMER,
    name: 'cloudinsight-audit',
    id: 'AROAC1DINS7GHT4UD1TX2',
    description: 'Taken on by CloudInsight (444455556666) to audit the photos bucket',
    trustPolicy: trustPolicy(withCondition),
    inlinePolicies: [
      {
        name: 'list-photos',
        document: {
          Version: V,
          Statement: [
            { Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}` },
            { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: INVENTORY_ROLE_ARN },
          ],
        },
      },
    ],
    maxSessionDuration: 43200,
  });
  changes.push(
    withCondition
      ? `Added your role \`cloudinsight-audit\`: its trust policy names the vendor’s account and requires \`sts:ExternalId\` = \`${CUSTOMER_EXTERNAL_ID}\`.`
      : 'Added your role `cloudinsight-audit`: its trust policy names the vendor’s account, with no ExternalId condition.',
  );
  if (chains(options)) {
    world.roles.push({
      account: CUSTOMER,
      name: 'photos-inventory',
      id: 'AROAPH0T0S1NV3NT0RY7K',
      description: 'Lists the photos bucket; taken on from cloudinsight-audit sessions',
      trustPolicy: {
        Version: V,
        Statement: [{ Effect: 'Allow', Principal: { AWS: AUDIT_ROLE_ARN }, Action: 'sts:AssumeRole' }],
      },
      inlinePolicies: [
        {
          name: 'list-photos',
          document: {
            Version: V,
            Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}` }],
          },
        },
      ],
      maxSessionDuration: 43200,
    });
    changes.push(
      'Added your role `photos-inventory` (MaxSessionDuration 12 hours), trusted by `cloudinsight-audit` sessions.',
    );
  }
  return { world, changes };
}

function vendorExchange(env: FlowEnv, path: string, body: unknown, reply: unknown, caller: string): FlowExchange {
  const req = request({
    method: 'POST',
    path,
    headers: { host: VENDOR_HOST, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const res = response(200, { 'content-type': 'application/json' }, JSON.stringify(reply));
  return env.record({
    request: req,
    response: res,
    service: 'vendor',
    operation: 'RegisterIntegration',
    caller,
    notes: [],
    at: env.clock.now(),
    changed: true,
  });
}

const register: StepImpl = async (_ctx, env) => {
  const attacker = env.options.variant === 'confused-deputy';
  const chained = chains(env.options);
  const externalId = attacker ? ATTACKER_EXTERNAL_ID : CUSTOMER_EXTERNAL_ID;
  const roles = chained ? [AUDIT_ROLE_ARN, INVENTORY_ROLE_ARN] : [AUDIT_ROLE_ARN];
  const x = vendorExchange(
    env,
    '/v1/integrations',
    { RoleArn: AUDIT_ROLE_ARN, ...(chained ? { ChainedRoleArn: INVENTORY_ROLE_ARN } : {}) },
    {
      IntegrationId: attacker ? 'int-0e5b7c' : 'int-4a9f21',
      Account: attacker ? ATTACKER : CUSTOMER,
      ExternalId: externalId,
      RoleArn: AUDIT_ROLE_ARN,
    },
    attacker ? `arn:aws:iam::${ATTACKER}:root` : `arn:aws:iam::${CUSTOMER}:root`,
  );
  return {
    outcome: chained ? 'two-roles' : 'one-role',
    title: attacker ? 'The attacker registers your role with the vendor' : 'You register your role with the vendor',
    from: attacker ? 'attacker' : 'app',
    narration: attacker
      ? `Another customer of the vendor (account ${ATTACKER}) registers ${AUDIT_ROLE_ARN} — your role, not theirs — with the vendor. The vendor cannot tell whose role it is; it answers with the ExternalId it assigned to that customer, ${ATTACKER_EXTERNAL_ID}. This is the vendor’s own API, not AWS.`
      : `You give the vendor your role’s ARN${chained ? ' (and a second role to chain to)' : ''}. The vendor assigned your account the ExternalId ${CUSTOMER_EXTERNAL_ID}, which your trust policy requires. This is the vendor’s own API, not AWS.`,
    exchanges: [x],
    data: { externalId: env.options.variant === 'no-external-id' ? undefined : externalId, roles },
    facts: [
      { label: 'Role registered', value: AUDIT_ROLE_ARN },
      {
        label: 'ExternalId the vendor will send',
        value: env.options.variant === 'no-external-id' ? '(none)' : externalId,
        explain:
          'The vendor makes one per customer and sends it on every AssumeRole for that customer; the customer cannot choose it, so no customer can use another’s.',
      },
    ],
  };
};

function decisionOf(x: FlowExchange): FlowDecision | undefined {
  return x.decision?.request ? (x.decision as FlowDecision) : undefined;
}

function trustFact(x: FlowExchange): { label: string; value: string; explain?: string }[] {
  const d = x.decision;
  if (!d) return [];
  const trust = d.byPolicyType?.['trust'];
  const identity = d.byPolicyType?.['identity'];
  const cross = d.principal.split(':')[4] !== d.resource.split(':')[4];
  return [
    {
      label: 'The engine’s decision',
      value: `${d.decision} (${d.action} on ${d.resource})`,
      explain: `Trust policy: ${trust ?? 'not evaluated'}; the caller’s identity-based policies: ${identity ?? 'not evaluated'}.${cross ? ' Across accounts both must allow.' : ''}`,
    },
  ];
}

const assumeRole: StepImpl = async (ctx, env) => {
  const externalId = ctx.data['externalId'] as string | undefined;
  const attacker = env.options.variant === 'confused-deputy';
  const x = await env.send(
    wire.sts(
      'AssumeRole',
      { RoleArn: AUDIT_ROLE_ARN, RoleSessionName: 'cloudinsight-scan', ExternalId: externalId },
      env.region,
      signer(env, VENDOR_KEY),
    ),
  );
  const title = `AssumeRole ${externalId ? `with ExternalId ${externalId}` : 'without an ExternalId'}`;
  if (x.response.status !== 200)
    return {
      ...failure(
        'sts.assumeRole',
        title,
        [x],
        (code, m) =>
          `STS asks the engine, which evaluates your role’s trust policy: ${
            externalId
              ? `the condition \`sts:ExternalId\` = ${CUSTOMER_EXTERNAL_ID} does not match ${externalId}`
              : 'the request has no `sts:ExternalId`, so the condition cannot match'
          }, so no statement allows the vendor. ${code}: ${m}${attacker ? ' The attack fails: the ExternalId is why.' : ''}`,
      ),
      from: 'vendor',
      facts: trustFact(x),
    };
  const creds = credentialsFromXml(x.response.body, 'AssumeRole')!;
  const risk = attacker
    ? ' This is the confused deputy: the vendor now holds a session of your role on behalf of someone else.'
    : '';
  return {
    outcome: 'ok',
    title,
    from: 'vendor',
    narration: `Signed with the vendor’s own access key, AssumeRole reaches STS, and the engine evaluates your role’s trust policy: it names the vendor’s account${
      env.on('no-condition') ? ' and has no condition' : ` and its condition \`sts:ExternalId\` matches`
    }, and the vendor’s identity policy allows \`sts:AssumeRole\` on \`cloudinsight-*\` roles. STS returns a session of your role for one hour.${risk}`,
    exchanges: [x],
    credentials: creds,
    ...(decisionOf(x) ? { decision: decisionOf(x) } : {}),
    data: { credentials: creds },
    facts: [
      ...trustFact(x),
      { label: 'Session', value: creds.arn },
      { label: 'Expires', value: expiryText(creds.expiration!, env.clock.now()) },
    ],
  };
};

const chainRole: StepImpl = async (ctx, env) => {
  const first = ctx.data['credentials'] as CredentialsView;
  const duration = env.on('long-chain') ? '7200' : '3600';
  const x = await env.send(
    wire.sts(
      'AssumeRole',
      { RoleArn: INVENTORY_ROLE_ARN, RoleSessionName: 'cloudinsight-inventory', DurationSeconds: duration },
      env.region,
      signer(env, first),
    ),
  );
  const title = `AssumeRole from the role’s session (role chaining), DurationSeconds ${duration}`;
  const limits =
    'A chained session lasts at most one hour, whatever the second role’s MaxSessionDuration (here 12 hours), and it cannot outlive the need to re-assume: to keep going, the vendor must assume the first role again. Transitive session tags and the source identity carry over.';
  if (x.response.status !== 200)
    return {
      ...failure('sts.chainRole', title, [x], (code, m) => `${code}: ${m} ${limits}`),
      from: 'vendor',
    };
  const creds = credentialsFromXml(x.response.body, 'AssumeRole (chained)')!;
  return {
    outcome: 'ok',
    title,
    from: 'vendor',
    narration: `Signed with the session of \`cloudinsight-audit\`, the vendor assumes \`photos-inventory\`, whose trust policy names that role. ${limits}`,
    exchanges: [x],
    credentials: creds,
    ...(decisionOf(x) ? { decision: decisionOf(x) } : {}),
    data: { credentials: creds },
    facts: [
      ...trustFact(x),
      { label: 'Chained session', value: creds.arn },
      { label: 'Expires', value: expiryText(creds.expiration!, env.clock.now()) },
    ],
  };
};

const listObjects: StepImpl = async (ctx, env) => {
  const creds = ctx.data['credentials'] as CredentialsView;
  const x = await env.send(wire.s3('GET', BUCKET, '', env.region, signer(env, creds), { query: 'list-type=2' }));
  const title = `ListObjectsV2 on ${BUCKET} with the role’s session`;
  if (x.response.status !== 200)
    return { ...failure('s3.listObjects', title, [x], (code, m) => `S3 refused: ${code}: ${m}`), from: 'vendor' };
  const text = new TextDecoder().decode(x.response.body);
  const keys = [...text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!);
  const attacker = env.options.variant === 'confused-deputy';
  return {
    outcome: 'ok',
    title,
    from: 'vendor',
    narration: attacker
      ? `The vendor lists your bucket and shows the ${keys.length} keys to the attacker: the risk of a trust policy without the ExternalId condition.`
      : `The vendor lists your bucket (${keys.length} keys) with the session: the role’s policy allows \`s3:ListBucket\` on it.`,
    exchanges: [x],
    ...(decisionOf(x) ? { decision: decisionOf(x) } : {}),
    facts: [{ label: 'Keys listed', value: keys.join(', ') }],
  };
};

export const steps: Record<string, StepImpl> = {
  'vendor.register': register,
  'sts.assumeRole': assumeRole,
  'sts.chainRole': chainRole,
  's3.listObjects': listObjects,
};

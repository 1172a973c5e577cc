/**
 * Flow 9's steps. The console sign-in is not a public API: it is the small model in
 * `src/aws/sign-in`, recorded with `env.record` (party `sign-in`). The calls with access keys go
 * to the simulated S3 and STS and are decided by the engine.
 */
import type { World } from '../../world/types';
import { handleSignIn, signInRequest, totpCode } from '../../aws/sign-in';
import type { SignInDirectory } from '../../aws/sign-in';
import type { CredentialsView, FlowDecision, FlowEnv, FlowExchange, FlowOptions, StepImpl, StepOutput } from '../types';
import { credentialsFromXml, expiryText, failure, signer } from '../common';
import * as wire from '../wire';

const A = '111122223333';
export const ROOT_ARN = `arn:aws:iam::${A}:root`;
export const ADMIN_ARN = `arn:aws:iam::${A}:user/admin`;
export const ROOT_MFA_SERIAL = `arn:aws:iam::${A}:mfa/root-account-mfa-device`;
export const ADMIN_MFA_SERIAL = `arn:aws:iam::${A}:mfa/admin`;
const ROOT_EMAIL = 'owner@iam-playground.example';
const ROOT_SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const ADMIN_SEED = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
const ROOT_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const ADMIN_KEY = { accessKeyId: 'AKIAQ3EGXK7NADM1NKEY', secretAccessKey: 'Xq3vT8bN2mK5pL9wR4zH7cJ1dF6gS0aY2uE8iO3t' };
const BUCKET = 'playground-photos';
const OBJECT = 'home/alice/notes.txt';

/**
 * What the sign-in page checks against. The world keeps no passwords (IAM never shows them) and
 * no seed for the root's MFA device, so the flow gives them to the sign-in model here.
 */
export const DIRECTORY: SignInDirectory = {
  roots: {
    [A]: {
      email: ROOT_EMAIL,
      password: 'Root-Pa55-Tr0ub4dor&3',
      mfa: { serialNumber: ROOT_MFA_SERIAL, seed: ROOT_SEED },
    },
  },
  users: { [ADMIN_ARN]: 'Admin-Console-9!' },
  secret: 'console-sign-in-model',
};

/** The admin's policy that denies everything but MFA housekeeping when the call was not made with MFA. */
export const REQUIRE_MFA = {
  Version: '2012-10-17' as const,
  Statement: [
    {
      Sid: 'DenyAllWithoutMFA',
      Effect: 'Deny' as const,
      NotAction: ['iam:ListMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken', 'sts:GetCallerIdentity'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ],
};

function isAdmin(env: { options: FlowOptions }): boolean {
  return env.options.variant === 'admin';
}

export function prepare(world: World, options: FlowOptions): { world: World; changes: string[] } {
  const changes: string[] = [];
  const noMfa = (options.switches ?? []).includes('no-mfa');
  const account = world.accounts.find((a) => a.id === A);
  if (!account) throw new Error(`the world has no account ${A}`);
  account.root = { mfaEnabled: false, ...account.root };
  account.root.mfaEnabled = !(noMfa && options.variant !== 'admin');
  changes.push(
    account.root.mfaEnabled
      ? `Assigned the root user a virtual MFA device (${ROOT_MFA_SERIAL}).`
      : 'Left the root user without an MFA device (as in the default world).',
  );
  if (!account.root.accessKeys?.some((k) => k.accessKeyId === ROOT_KEY.accessKeyId && k.status === 'Active')) {
    account.root.accessKeys = [
      ...(account.root.accessKeys ?? []).filter((k) => k.accessKeyId !== ROOT_KEY.accessKeyId).slice(0, 1),
      { ...ROOT_KEY, status: 'Active', createDate: '2024-02-12T09:14:03Z' },
    ];
    changes.push(
      `Gave the root user the access key ${ROOT_KEY.accessKeyId} (the default world has it: a checklist finding).`,
    );
  }
  const admin = world.users?.find((u) => u.account === A && u.name === 'admin');
  if (!admin) throw new Error('the world has no user `admin`');
  admin.loginProfile ??= { createDate: '2024-02-12T09:30:00Z' };
  if (options.variant === 'admin' && noMfa) {
    admin.mfaDevices = [];
    changes.push('Removed the admin user’s MFA device.');
  } else {
    admin.mfaDevices = [
      { serialNumber: ADMIN_MFA_SERIAL, enableDate: '2024-02-12T09:41:27Z', seed: ADMIN_SEED },
      ...(admin.mfaDevices ?? []).filter((d) => d.serialNumber !== ADMIN_MFA_SERIAL),
    ];
  }
  admin.accessKeys = [
    ...(admin.accessKeys ?? []).filter((k) => k.accessKeyId !== ADMIN_KEY.accessKeyId).slice(0, 1),
    { ...ADMIN_KEY, status: 'Active', createDate: '2026-06-01T12:00:00Z' },
  ];
  changes.push(`Gave the admin user the access key ${ADMIN_KEY.accessKeyId}.`);
  admin.inlinePolicies = [
    ...(admin.inlinePolicies ?? []).filter((p) => p.name !== 'RequireMFA'),
    { name: 'RequireMFA', document: REQUIRE_MFA },
  ];
  changes.push(
    'Attached to the admin user the inline policy `RequireMFA`: Deny everything but MFA housekeeping without MFA.',
  );
  return { world, changes };
}

function signIn(env: FlowEnv, form: Record<string, string>): FlowExchange {
  const req = signInRequest(form);
  const res = handleSignIn(env.state.world, DIRECTORY, req, env.clock.now());
  return env.record({
    request: req,
    response: res,
    service: 'sign-in',
    operation: form['action'] === 'mfa' ? 'SignIn (MFA)' : 'SignIn (password)',
    caller: 'anonymous',
    notes: [],
    at: env.clock.now(),
    changed: false,
  });
}

const CONSOLE_NOTE =
  'The real console sign-in is a browser page at signin.aws.amazon.com, not an API: this exchange is the playground’s model of what it checks.';

const password: StepImpl = async (_ctx, env) => {
  const admin = isAdmin(env);
  const secret = env.on('wrong-password')
    ? 'Root-Pa55-Tr0ub4dor&4'
    : admin
      ? DIRECTORY.users[ADMIN_ARN]!
      : DIRECTORY.roots[A]!.password;
  const x = signIn(
    env,
    admin
      ? { action: 'password', principal: 'iam-user', account: 'iam-playground', username: 'admin', password: secret }
      : { action: 'password', principal: 'root', email: ROOT_EMAIL, password: secret },
  );
  const title = admin ? 'Sign in as the IAM user admin' : 'Sign in as the root user (email and password)';
  if (x.response.status !== 200)
    return {
      ...failure(
        'signin.password',
        title,
        [x],
        (code, m) => `The sign-in page refuses: ${m} (${code}). ${CONSOLE_NOTE}`,
      ),
      from: 'user',
    };
  const body = wire.jsonOf(x.response.body) ?? {};
  if (body['state'] === 'MFA_REQUIRED')
    return {
      outcome: 'mfa',
      title,
      from: 'user',
      narration: `The password is right; the identity has an MFA device, so the page asks for its code. ${CONSOLE_NOTE}`,
      exchanges: [x],
      data: { signInToken: body['signInToken'], mfaSerial: body['mfaSerial'] },
      facts: [{ label: 'MFA device', value: String(body['mfaSerial']) }],
    };
  return {
    outcome: 'ok',
    title,
    from: 'user',
    narration: `${admin ? 'The admin user' : 'The root user'} is signed in with the password alone: no MFA device. ${
      admin ? '' : 'Anyone who learns this password and email owns the account. '
    }${CONSOLE_NOTE}`,
    exchanges: [x],
    facts: [
      { label: 'Signed in as', value: String(body['principal']) },
      {
        label: 'MFA',
        value: 'none',
        explain: admin
          ? 'Without a device the admin cannot get an MFA session, so `RequireMFA` will deny everything.'
          : 'AWS recommends an MFA device on the root user (a checklist finding).',
      },
    ],
  };
};

const mfa: StepImpl = async (ctx, env) => {
  const admin = isAdmin(env);
  const seed = admin ? ADMIN_SEED : ROOT_SEED;
  const right = totpCode(seed, env.clock.now());
  const code = env.on('wrong-mfa') ? right.replace(/^./, (d) => String((Number(d) + 5) % 10)) : right;
  const x = signIn(env, { action: 'mfa', signInToken: String(ctx.data['signInToken']), mfaCode: code });
  const title = `Enter the MFA code ${code}`;
  if (x.response.status !== 200)
    return {
      ...failure(
        'signin.mfa',
        title,
        [x],
        (c, m) => `The code is not the one the device shows now (${right}): ${m} (${c}).`,
      ),
      from: 'user',
    };
  const body = wire.jsonOf(x.response.body) ?? {};
  return {
    outcome: 'ok',
    title,
    from: 'user',
    narration: `The code matches the device’s TOTP at this time (30-second steps): ${String(body['principal'])} is signed in to the console with MFA, until ${String(body['sessionExpires'])}.`,
    exchanges: [x],
    facts: [{ label: 'Signed in as', value: String(body['principal']) }],
  };
};

function decisionOf(x: FlowExchange): FlowDecision | undefined {
  return x.decision?.request ? (x.decision as FlowDecision) : undefined;
}

function getObject(env: FlowEnv, creds: Pick<CredentialsView, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>) {
  return env.send(wire.s3('GET', BUCKET, OBJECT, env.region, signer(env, creds)));
}

const ROOT_LIMITS =
  'IAM policies cannot be attached to the root user and do not limit it: in its own account it may do anything. Only an SCP of an AWS Organization (for a member account) limits it.';

const callWithKey: StepImpl = async (_ctx, env) => {
  const admin = isAdmin(env);
  const key = admin ? ADMIN_KEY : ROOT_KEY;
  const x = await getObject(env, key);
  const title = `GetObject ${OBJECT}, signed with the ${admin ? 'admin user’s' : 'root user’s'} access key`;
  const decision = decisionOf(x);
  const facts: StepOutput['facts'] = [
    { label: 'Signed with', value: `${key.accessKeyId} (${admin ? ADMIN_ARN : ROOT_ARN})` },
    ...(decision ? [{ label: 'The engine’s decision', value: decision.decision }] : []),
  ];
  if (x.response.status === 403) {
    const f = failure(
      's3.getObject',
      title,
      [x],
      (code, m) =>
        `The admin user has AdministratorAccess, but \`RequireMFA\` denies every action when \`aws:MultiFactorAuthPresent\` is false or absent, and a long-term key carries no MFA: an explicit deny wins. ${code}: ${m}`,
    );
    return { ...f, outcome: 'denied', from: 'app', facts };
  }
  if (x.response.status !== 200)
    return { ...failure('s3.getObject', title, [x], (c, m) => `${c}: ${m}`), from: 'app', facts };
  return {
    outcome: 'ok',
    title,
    from: 'app',
    narration: admin
      ? 'The admin user reads the object.'
      : `S3 answers 200: the engine allows root without looking for a policy that allows it. ${ROOT_LIMITS} A root access key never expires and cannot be limited: delete it (a checklist finding) and use roles.`,
    exchanges: [x],
    ...(decision ? { decision } : {}),
    facts: [
      ...facts,
      ...(admin ? [] : [{ label: 'Checklist', value: 'The root user has an active access key: delete it.' }]),
    ],
  };
};

const sessionToken: StepImpl = async (_ctx, env) => {
  const code = totpCode(ADMIN_SEED, env.clock.now());
  const x = await env.send(
    wire.sts(
      'GetSessionToken',
      { DurationSeconds: '3600', SerialNumber: ADMIN_MFA_SERIAL, TokenCode: code },
      env.region,
      signer(env, ADMIN_KEY),
    ),
  );
  const title = `GetSessionToken with SerialNumber and TokenCode ${code}`;
  if (x.response.status !== 200)
    return {
      ...failure(
        'sts.getSessionToken',
        title,
        [x],
        (c, m) => `STS cannot check the code: the admin user has no MFA device with this serial number. ${c}: ${m}`,
      ),
      from: 'app',
    };
  const creds = credentialsFromXml(x.response.body, 'GetSessionToken')!;
  creds.arn = ADMIN_ARN;
  return {
    outcome: 'ok',
    title,
    from: 'app',
    narration:
      'Signed with the long-term key, GetSessionToken checks the code against the admin’s device and returns temporary credentials marked as made with MFA: calls signed with them carry `aws:MultiFactorAuthPresent` = true.',
    exchanges: [x],
    credentials: creds,
    data: { mfaCredentials: creds },
    facts: [
      { label: 'Session of', value: ADMIN_ARN },
      { label: 'Expires', value: expiryText(creds.expiration!, env.clock.now()) },
    ],
  };
};

const callWithMfa: StepImpl = async (ctx, env) => {
  const creds = ctx.data['mfaCredentials'] as CredentialsView;
  const x = await getObject(env, creds);
  const title = `GetObject ${OBJECT} with the MFA session`;
  const decision = decisionOf(x);
  if (x.response.status !== 200)
    return { ...failure('s3.getObjectWithMfa', title, [x], (c, m) => `${c}: ${m}`), from: 'app' };
  return {
    outcome: 'ok',
    title,
    from: 'app',
    narration:
      'With `aws:MultiFactorAuthPresent` = true the Deny’s condition is false, so it does not apply, and AdministratorAccess allows the call.',
    exchanges: [x],
    ...(decision ? { decision } : {}),
    facts: decision ? [{ label: 'The engine’s decision', value: decision.decision }] : [],
  };
};

export const steps: Record<string, StepImpl> = {
  'signin.password': password,
  'signin.mfa': mfa,
  's3.getObject': callWithKey,
  'sts.getSessionToken': sessionToken,
  's3.getObjectWithMfa': callWithMfa,
};

/**
 * The user-pool operations through `handle`: pools, clients and groups made by an admin (and
 * refused to a caller without permission), sign-up with the password policy and confirmation,
 * admin-created users, the sign-in errors with AWS's texts, TOTP, sessions and bad input.
 */
import { describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import type { AwsContext } from '../context';
import { secretHash } from './index';
import { createClient } from './flows.test-support';
import { CLIENT, MARIA, POOL, SAM, admin, bob, claims, err, idpContext, send } from './test-support';

function pool(ctx: AwsContext, id = POOL) {
  return ctx.state.world.userPools!.find((p) => p.id === id)!;
}

async function passwordClient(ctx: AwsContext, extra: Record<string, unknown> = {}) {
  return createClient(ctx, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ...extra });
}

function passwordSignIn(
  ctx: AwsContext,
  clientId: string,
  username: string,
  password: string,
  extra: Record<string, string> = {},
) {
  return send(ctx, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password, ...extra },
  });
}

describe('CreateUserPool, CreateUserPoolClient, CreateGroup, AdminAddUserToGroup', () => {
  it('make a pool with the default password policy, a client with a secret and a group whose role reaches the ID token', async () => {
    const ctx = await idpContext();
    const a = await send(ctx, 'CreateUserPool', { PoolName: 'shop-users' }, admin);
    expect(a.status).toBe(200);
    const up = a.json['UserPool'] as Record<string, unknown>;
    const id = up['Id'] as string;
    expect(id.startsWith('us-east-1_')).toBe(true);
    expect(id.slice('us-east-1_'.length)).toMatch(/^[0-9A-Za-z]{9}$/);
    expect(up['Arn']).toBe(`arn:aws:cognito-idp:us-east-1:111122223333:userpool/${id}`);
    expect(up['Policies']).toEqual({
      PasswordPolicy: {
        MinimumLength: 8,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 7,
      },
    });
    expect(up['MfaConfiguration']).toBe('OFF');

    const c = await send(
      ctx,
      'CreateUserPoolClient',
      { UserPoolId: id, ClientName: 'shop-web', GenerateSecret: true },
      admin,
    );
    const client = c.json['UserPoolClient'] as Record<string, unknown>;
    expect(client['ClientId']).toMatch(/^[a-z0-9]{26}$/);
    expect(typeof client['ClientSecret']).toBe('string');
    expect(client['ExplicitAuthFlows']).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_CUSTOM_AUTH',
    ]);
    expect(client['RefreshTokenValidity']).toBe(30);
    expect(client['AuthSessionValidity']).toBe(3);

    const g = await send(
      ctx,
      'CreateGroup',
      {
        UserPoolId: POOL,
        GroupName: 'admins',
        RoleArn: 'arn:aws:iam::111122223333:role/photos-app-authenticated',
        Precedence: 0,
      },
      admin,
    );
    expect(g.status).toBe(200);
    expect(g.json['Group']).toMatchObject({ GroupName: 'admins', Precedence: 0, UserPoolId: POOL });
    expect(err(await send(ctx, 'CreateGroup', { UserPoolId: POOL, GroupName: 'admins' }, admin))).toEqual({
      status: 400,
      type: 'GroupExistsException',
      message: 'A group with the name already exists.',
    });
    const add = await send(
      ctx,
      'AdminAddUserToGroup',
      { UserPoolId: POOL, Username: MARIA.email, GroupName: 'admins' },
      admin,
    );
    expect(add.status).toBe(200);
    const clientId = await passwordClient(ctx);
    const s = await passwordSignIn(ctx, clientId, MARIA.email, MARIA.password);
    const idToken = claims((s.json['AuthenticationResult'] as Record<string, string>)['IdToken']!);
    expect(idToken['cognito:groups']).toEqual(['editors', 'admins']);
    expect(idToken['cognito:preferred_role']).toBe('arn:aws:iam::111122223333:role/photos-app-authenticated');
    expect(
      err(
        await send(ctx, 'AdminAddUserToGroup', { UserPoolId: POOL, Username: MARIA.email, GroupName: 'nope' }, admin),
      ),
    ).toEqual({
      status: 400,
      type: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
  });

  it('refuse a caller whose policies do not allow the action, with the engine decision on the reply', async () => {
    const ctx = await idpContext();
    const a = await send(ctx, 'AdminCreateUser', { UserPoolId: POOL, Username: 'new@example.com' }, bob);
    expect(err(a)).toEqual({
      status: 400,
      type: 'AccessDeniedException',
      message:
        'User: arn:aws:iam::111122223333:user/bob is not authorized to perform: cognito-idp:AdminCreateUser on resource: arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Pl4yGr0nd because no identity-based policy allows the cognito-idp:AdminCreateUser action',
    });
    expect(a.reply.decision?.decision).toBe('ImplicitDeny');
    expect(err(await send(ctx, 'CreateUserPool', { PoolName: 'x' }))).toEqual({
      status: 400,
      type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  it('answer an unknown pool with ResourceNotFoundException and bad input with validation errors', async () => {
    const ctx = await idpContext();
    expect(
      err(await send(ctx, 'CreateUserPoolClient', { UserPoolId: 'us-east-1_Nope12345', ClientName: 'x' }, admin)),
    ).toEqual({
      status: 400,
      type: 'ResourceNotFoundException',
      message: 'User pool us-east-1_Nope12345 does not exist.',
    });
    expect(err(await send(ctx, 'CreateUserPoolClient', { UserPoolId: 'nounderscore' }, admin))).toEqual({
      status: 400,
      type: 'InvalidParameterException',
      message:
        "2 validation errors detected: Value 'nounderscore' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+; Value null at 'clientName' failed to satisfy constraint: Member must not be null",
    });
    expect(
      err(
        await send(ctx, 'CreateUserPool', { PoolName: 'p', Policies: { PasswordPolicy: { MinimumLength: 5 } } }, admin),
      ),
    ).toEqual({
      status: 400,
      type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
    });
    expect(err(await send(ctx, 'CreateUserPool', { PoolName: 7 }, admin))).toEqual({
      status: 400,
      type: 'SerializationException',
      message: 'NUMBER_VALUE can not be converted to a String',
    });
    expect(err(await send(ctx, 'CreateUserPool', '{"PoolName": ', admin))).toEqual({
      status: 400,
      type: 'SerializationException',
      message: 'the body is not valid JSON',
    });
    expect(
      err(
        await send(
          ctx,
          'CreateUserPoolClient',
          { UserPoolId: POOL, ClientName: 'x', AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'days' } },
          admin,
        ),
      ),
    ).toEqual({ status: 400, type: 'InvalidParameterException', message: 'Invalid range for token validity.' });
    const unknown = await send(ctx, 'DescribeEverything', {});
    expect(err(unknown)).toEqual({ status: 400, type: 'UnknownOperationException', message: '' });
  });
});

describe('SignUp and ConfirmSignUp', () => {
  it('checks the password policy in AWS words', async () => {
    const ctx = await idpContext();
    const cases: [string, string][] = [
      ['Ab1!', 'Password did not conform with policy: Password not long enough'],
      ['abcdefg1!', 'Password did not conform with policy: Password must have uppercase characters'],
      ['ABCDEFG1!', 'Password did not conform with policy: Password must have lowercase characters'],
      ['Abcdefgh!', 'Password did not conform with policy: Password must have numeric characters'],
      ['Abcdefgh1', 'Password did not conform with policy: Password must have symbol characters'],
    ];
    for (const [password, message] of cases)
      expect(
        err(await send(ctx, 'SignUp', { ClientId: CLIENT, Username: 'lee@example.com', Password: password })),
      ).toEqual({
        status: 400,
        type: 'InvalidPasswordException',
        message,
      });
    expect(pool(ctx).users).toHaveLength(2);
  });

  it('creates an unconfirmed user, shows the code as a note, and confirms with it', async () => {
    const ctx = await idpContext();
    const a = await send(ctx, 'SignUp', {
      ClientId: CLIENT,
      Username: 'lee@example.com',
      Password: 'Lee-Pass-2026',
      UserAttributes: [{ Name: 'name', Value: 'Lee' }],
    });
    expect(a.status).toBe(200);
    expect(a.json['UserConfirmed']).toBe(false);
    expect(a.json['CodeDeliveryDetails']).toEqual({
      Destination: 'l***@e***.com',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    const sub = a.json['UserSub'] as string;
    expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const note = a.reply.notes![0]!;
    expect(note.kind).toBe('confirmation-code');
    const code = note.data!['code']!;
    expect(code).toMatch(/^[0-9]{6}$/);
    const user = pool(ctx).users!.find((u) => u.username === sub)!;
    expect(user.userStatus).toBe('UNCONFIRMED');

    expect(
      err(await send(ctx, 'SignUp', { ClientId: CLIENT, Username: 'lee@example.com', Password: 'Lee-Pass-2026' })),
    ).toEqual({
      status: 400,
      type: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
    const wrong = code === '000000' ? '111111' : '000000';
    expect(
      err(await send(ctx, 'ConfirmSignUp', { ClientId: CLIENT, Username: 'lee@example.com', ConfirmationCode: wrong })),
    ).toEqual({
      status: 400,
      type: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    expect(
      err(await send(ctx, 'ConfirmSignUp', { ClientId: CLIENT, Username: 'lee@example.com', ConfirmationCode: '' })),
    ).toEqual({
      status: 400,
      type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '' at 'confirmationCode' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });
    const ok = await send(ctx, 'ConfirmSignUp', {
      ClientId: CLIENT,
      Username: 'lee@example.com',
      ConfirmationCode: code,
    });
    expect(ok.status).toBe(200);
    const confirmed = pool(ctx).users!.find((u) => u.username === sub)!;
    expect(confirmed.userStatus).toBe('CONFIRMED');
    expect(confirmed.attributes).toContainEqual({ name: 'email_verified', value: 'true' });
    expect(user.userStatus).toBe('UNCONFIRMED');
    expect(
      err(await send(ctx, 'ConfirmSignUp', { ClientId: CLIENT, Username: 'lee@example.com', ConfirmationCode: code })),
    ).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });

  it('expires the code after 24 hours', async () => {
    const ctx = await idpContext();
    const a = await send(ctx, 'SignUp', { ClientId: CLIENT, Username: 'kim@example.com', Password: 'Kim-Pass-2026' });
    const code = a.reply.notes![0]!.data!['code']!;
    ctx.clock.advance(24 * 3600_000 + 1000);
    expect(
      err(await send(ctx, 'ConfirmSignUp', { ClientId: CLIENT, Username: 'kim@example.com', ConfirmationCode: code })),
    ).toEqual({
      status: 400,
      type: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
  });

  it('an unconfirmed user cannot sign in until AdminConfirmSignUp', async () => {
    const ctx = await idpContext();
    const clientId = await passwordClient(ctx);
    await send(ctx, 'SignUp', { ClientId: CLIENT, Username: 'kim@example.com', Password: 'Kim-Pass-2026' });
    expect(err(await passwordSignIn(ctx, clientId, 'kim@example.com', 'Kim-Pass-2026'))).toEqual({
      status: 400,
      type: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    });
    const c = await send(ctx, 'AdminConfirmSignUp', { UserPoolId: POOL, Username: 'kim@example.com' }, admin);
    expect(c.status).toBe(200);
    expect((await passwordSignIn(ctx, clientId, 'kim@example.com', 'Kim-Pass-2026')).status).toBe(200);
  });

  it('needs the SecretHash of a client with a secret', async () => {
    const ctx = await idpContext();
    const c = await send(
      ctx,
      'CreateUserPoolClient',
      { UserPoolId: POOL, ClientName: 'server', GenerateSecret: true },
      admin,
    );
    const { ClientId, ClientSecret } = c.json['UserPoolClient'] as { ClientId: string; ClientSecret: string };
    const body = { ClientId, Username: 'kim@example.com', Password: 'Kim-Pass-2026' };
    expect(err(await send(ctx, 'SignUp', body))).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: `Client ${ClientId} is configured for secret but secret was not received`,
    });
    expect(err(await send(ctx, 'SignUp', { ...body, SecretHash: 'bm9wZQ==' }))).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${ClientId}`,
    });
    const ok = await send(ctx, 'SignUp', {
      ...body,
      SecretHash: secretHash(ClientSecret, 'kim@example.com', ClientId),
    });
    expect(ok.status).toBe(200);
  });
});

describe('sign-in errors', () => {
  it('USER_PASSWORD_AUTH is refused on a client that does not allow it', async () => {
    const ctx = await idpContext();
    expect(err(await passwordSignIn(ctx, CLIENT, MARIA.email, MARIA.password))).toEqual({
      status: 400,
      type: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
  });

  it('wrong password, unknown user (LEGACY client), disabled user, missing parameter', async () => {
    const ctx = await idpContext();
    const clientId = await passwordClient(ctx);
    expect(err(await passwordSignIn(ctx, clientId, MARIA.email, 'nope'))).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(err(await passwordSignIn(ctx, clientId, 'nobody@example.com', 'nope'))).toEqual({
      status: 400,
      type: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    expect(
      err(
        await send(ctx, 'InitiateAuth', {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: MARIA.email },
        }),
      ),
    ).toEqual({
      status: 400,
      type: 'InvalidParameterException',
      message: 'Missing required parameter PASSWORD',
    });
    ctx.state.world = {
      ...ctx.state.world,
      userPools: [
        {
          ...pool(ctx),
          users: pool(ctx).users!.map((u) => (u.username === MARIA.username ? { ...u, enabled: false } : u)),
        },
      ],
    };
    expect(err(await passwordSignIn(ctx, clientId, MARIA.email, MARIA.password))).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    expect(err(await send(ctx, 'InitiateAuth', { AuthFlow: 'SIDEWAYS', ClientId: clientId }))).toEqual({
      status: 400,
      type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'SIDEWAYS' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]",
    });
    expect(err(await send(ctx, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 'nosuchclient' }))).toEqual({
      status: 400,
      type: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient does not exist.',
    });
  });

  it('a challenge session expires after the client AuthSessionValidity (3 minutes by default)', async () => {
    const ctx = await idpContext();
    const clientId = await passwordClient(ctx);
    const a = await passwordSignIn(ctx, clientId, SAM.email, SAM.password);
    expect(a.json['ChallengeName']).toBe('NEW_PASSWORD_REQUIRED');
    expect(a.json['ChallengeParameters']).toEqual({
      USER_ID_FOR_SRP: SAM.username,
      requiredAttributes: '[]',
      userAttributes: '{"email":"sam@example.com"}',
    });
    ctx.clock.advance(3 * 60_000 + 1000);
    const r = await send(ctx, 'RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: a.json['Session'],
      ChallengeResponses: { USERNAME: SAM.username, NEW_PASSWORD: 'Brand-New-Pass-9' },
    });
    expect(err(r)).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });

  it('NEW_PASSWORD_REQUIRED checks the new password against the policy, then issues tokens', async () => {
    const ctx = await idpContext();
    const clientId = await passwordClient(ctx);
    const a = await passwordSignIn(ctx, clientId, SAM.email, SAM.password);
    const respond = (pw: string) =>
      send(ctx, 'RespondToAuthChallenge', {
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: a.json['Session'],
        ChallengeResponses: { USERNAME: SAM.username, NEW_PASSWORD: pw },
      });
    expect(err(await respond('short'))).toEqual({
      status: 400,
      type: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    });
    const b = await respond('Brand-New-Pass-9');
    expect(b.status).toBe(200);
    expect(Object.keys(b.json['AuthenticationResult'] as object).sort()).toEqual([
      'AccessToken',
      'ExpiresIn',
      'IdToken',
      'RefreshToken',
      'TokenType',
    ]);
  });

  it('AdminCreateUser makes a FORCE_CHANGE_PASSWORD user with a temporary password note; it expires after 7 days', async () => {
    const ctx = await idpContext();
    const clientId = await passwordClient(ctx);
    const a = await send(ctx, 'AdminCreateUser', { UserPoolId: POOL, Username: 'ana@example.com' }, admin);
    expect(a.status).toBe(200);
    const user = a.json['User'] as Record<string, unknown>;
    expect(user['UserStatus']).toBe('FORCE_CHANGE_PASSWORD');
    expect(user['Enabled']).toBe(true);
    const note = a.reply.notes![0]!;
    expect(note.kind).toBe('temporary-password');
    const temp = note.data!['temporaryPassword']!;
    expect((await passwordSignIn(ctx, clientId, 'ana@example.com', temp)).json['ChallengeName']).toBe(
      'NEW_PASSWORD_REQUIRED',
    );
    ctx.clock.advance(8 * 86400_000);
    expect(err(await passwordSignIn(ctx, clientId, 'ana@example.com', temp))).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: 'Temporary password has expired and must be reset by an administrator.',
    });
    expect(err(await send(ctx, 'AdminCreateUser', { UserPoolId: POOL, Username: 'ana@example.com' }, admin))).toEqual({
      status: 400,
      type: 'UsernameExistsException',
      message: 'User account already exists',
    });
    const set = await send(
      ctx,
      'AdminSetUserPassword',
      { UserPoolId: POOL, Username: 'ana@example.com', Password: 'Ana-Final-2026', Permanent: true },
      admin,
    );
    expect(set.status).toBe(200);
    expect((await passwordSignIn(ctx, clientId, 'ana@example.com', 'Ana-Final-2026')).status).toBe(200);
    expect(
      err(
        await send(
          ctx,
          'AdminSetUserPassword',
          { UserPoolId: POOL, Username: 'ana@example.com', Password: 'weak' },
          admin,
        ),
      ),
    ).toEqual({
      status: 400,
      type: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    });
    expect(
      err(await send(ctx, 'AdminConfirmSignUp', { UserPoolId: POOL, Username: 'nobody@example.com' }, admin)),
    ).toEqual({
      status: 400,
      type: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });
});

describe('TOTP (SOFTWARE_TOKEN_MFA)', () => {
  async function mfaPool(ctx: AwsContext) {
    const m = await send(
      ctx,
      'SetUserPoolMfaConfig',
      { UserPoolId: POOL, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
      admin,
    );
    expect(m.json).toEqual({ SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' });
    return passwordClient(ctx);
  }
  const totpCode = (secret: string, at: number) =>
    new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
      timestamp: at,
    });

  it('enrols with AssociateSoftwareToken and VerifySoftwareToken, then asks for a code at sign-in', async () => {
    const ctx = await idpContext();
    const clientId = await mfaPool(ctx);
    const first = await passwordSignIn(ctx, clientId, MARIA.email, MARIA.password);
    const access = (first.json['AuthenticationResult'] as Record<string, string>)['AccessToken']!;
    const assoc = await send(ctx, 'AssociateSoftwareToken', { AccessToken: access });
    const secret = assoc.json['SecretCode'] as string;
    expect(secret).toMatch(/^[A-Z2-7]{52}$/);
    const bad = totpCode(secret, ctx.clock.now()) === '000000' ? '111111' : '000000';
    expect(err(await send(ctx, 'VerifySoftwareToken', { AccessToken: access, UserCode: bad }))).toEqual({
      status: 400,
      type: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA mode',
    });
    const v = await send(ctx, 'VerifySoftwareToken', {
      AccessToken: access,
      UserCode: totpCode(secret, ctx.clock.now()),
    });
    expect(v.json).toEqual({ Status: 'SUCCESS' });
    expect(pool(ctx).users!.find((u) => u.username === MARIA.username)!.softwareTokenSecret).toBe(secret);

    ctx.clock.advance(60_000);
    const s = await passwordSignIn(ctx, clientId, MARIA.email, MARIA.password);
    expect(s.json['ChallengeName']).toBe('SOFTWARE_TOKEN_MFA');
    const respond = (code: string) =>
      send(ctx, 'RespondToAuthChallenge', {
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: s.json['Session'],
        ChallengeResponses: { USERNAME: MARIA.username, SOFTWARE_TOKEN_MFA_CODE: code },
      });
    const wrong = totpCode(secret, ctx.clock.now()) === '123456' ? '654321' : '123456';
    expect(err(await respond(wrong))).toEqual({
      status: 400,
      type: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    });
    const right = await respond(totpCode(secret, ctx.clock.now()));
    expect(right.status).toBe(200);
    expect(typeof (right.json['AuthenticationResult'] as Record<string, string>)['IdToken']).toBe('string');
  });

  it('with MFA ON a user without a token is asked to set one up (MFA_SETUP) and signs in after verifying', async () => {
    const ctx = await idpContext();
    const clientId = await passwordClient(ctx);
    await send(
      ctx,
      'SetUserPoolMfaConfig',
      { UserPoolId: POOL, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } },
      admin,
    );
    const s = await passwordSignIn(ctx, clientId, MARIA.email, MARIA.password);
    expect(s.json['ChallengeName']).toBe('MFA_SETUP');
    expect(s.json['ChallengeParameters']).toEqual({ MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' });
    const assoc = await send(ctx, 'AssociateSoftwareToken', { Session: s.json['Session'] });
    const secret = assoc.json['SecretCode'] as string;
    const v = await send(ctx, 'VerifySoftwareToken', {
      Session: assoc.json['Session'],
      UserCode: totpCode(secret, ctx.clock.now()),
    });
    expect(v.json['Status']).toBe('SUCCESS');
    const done = await send(ctx, 'RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'MFA_SETUP',
      Session: v.json['Session'],
      ChallengeResponses: { USERNAME: MARIA.username },
    });
    expect(done.status).toBe(200);
    expect(pool(ctx).users!.find((u) => u.username === MARIA.username)!.softwareTokenSecret).toBe(secret);
  });
});

describe('ForgotPassword, ConfirmForgotPassword, AdminGetUser', () => {
  it('sends a reset code to the verified email, sets the new password with it, and refuses a wrong or late code', async () => {
    const ctx = await idpContext();
    const clientId = await passwordClient(ctx);
    const f = await send(ctx, 'ForgotPassword', { ClientId: clientId, Username: MARIA.email });
    expect(f.json).toEqual({
      CodeDeliveryDetails: { Destination: 'm***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
    });
    const code = f.reply.notes![0]!.data!['code']!;
    const confirm = (c: string, pw = 'Reset-Pass-2026') =>
      send(ctx, 'ConfirmForgotPassword', {
        ClientId: clientId,
        Username: MARIA.email,
        ConfirmationCode: c,
        Password: pw,
      });
    expect(err(await confirm(code === '000000' ? '111111' : '000000'))).toEqual({
      status: 400,
      type: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    expect(err(await confirm(code, 'weak'))).toEqual({
      status: 400,
      type: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    });
    expect((await confirm(code)).status).toBe(200);
    expect((await passwordSignIn(ctx, clientId, MARIA.email, 'Reset-Pass-2026')).status).toBe(200);
    expect(err(await passwordSignIn(ctx, clientId, MARIA.email, MARIA.password))).toMatchObject({
      type: 'NotAuthorizedException',
    });

    const again = await send(ctx, 'ForgotPassword', { ClientId: clientId, Username: MARIA.email });
    ctx.clock.advance(3600_000 + 1000);
    expect(err(await confirm(again.reply.notes![0]!.data!['code']!))).toEqual({
      status: 400,
      type: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
    expect(err(await send(ctx, 'ForgotPassword', { ClientId: clientId, Username: SAM.email }))).toEqual({
      status: 400,
      type: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    });
  });

  it('AdminGetUser describes a user found by email', async () => {
    const ctx = await idpContext();
    const a = await send(ctx, 'AdminGetUser', { UserPoolId: POOL, Username: SAM.email }, admin);
    expect(a.json).toMatchObject({ Username: SAM.username, UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true });
    expect(a.json['UserCreateDate']).toBe(Date.parse('2026-11-28T16:40:00Z') / 1000);
  });
});

describe('bad input', () => {
  const OPS = [
    'CreateUserPool',
    'CreateUserPoolClient',
    'CreateGroup',
    'SetUserPoolMfaConfig',
    'AdminAddUserToGroup',
    'AdminConfirmSignUp',
    'AdminCreateUser',
    'AdminSetUserPassword',
    'AdminUserGlobalSignOut',
    'AdminGetUser',
    'SignUp',
    'ConfirmSignUp',
    'ResendConfirmationCode',
    'ForgotPassword',
    'ConfirmForgotPassword',
    'InitiateAuth',
    'RespondToAuthChallenge',
    'GetUser',
    'GlobalSignOut',
    'AssociateSoftwareToken',
    'VerifySoftwareToken',
    'SetUserMFAPreference',
  ];
  const BODIES = [
    '[1]',
    'null',
    '{}',
    '{"ClientId": 5, "UserPoolId": true}',
    '{"ClientId": "5ekq2vd8s7rj4ndm0m9ocpga1t", "AuthFlow": "USER_SRP_AUTH", "AuthParameters": "x"}',
    '{"ClientId": "5ekq2vd8s7rj4ndm0m9ocpga1t", "AuthFlow": "USER_SRP_AUTH", "AuthParameters": {"USERNAME": "maria@example.com", "SRP_A": "zz"}}',
    '{"ClientId": "5ekq2vd8s7rj4ndm0m9ocpga1t", "ChallengeName": "PASSWORD_VERIFIER", "ChallengeResponses": {"USERNAME": 3}}',
    '{"ClientId": "5ekq2vd8s7rj4ndm0m9ocpga1t", "Username": "x@example.com", "Password": "A-good-pass-1", "UserAttributes": {"a": 1}}',
    '{"AccessToken": "a.b.c", "UserPoolId": "us-east-1_Pl4yGr0nd", "Username": "maria@example.com", "Policies": []}',
  ];

  it('gets an AWS error shape for every operation, never an internal error', async () => {
    const ctx = await idpContext();
    for (const op of OPS)
      for (const body of BODIES) {
        const a = await send(ctx, op, body, admin);
        if (a.status === 200) continue;
        expect([op, body, a.status]).toEqual([op, body, 400]);
        expect(typeof a.json['__type']).toBe('string');
        expect(a.json['__type']).not.toBe('InternalErrorException');
      }
    expect(err(await send(ctx, 'SignUp', '[1]'))).toEqual({
      status: 400,
      type: 'SerializationException',
      message: 'the body is not a JSON object',
    });
    expect(
      err(await send(ctx, 'InitiateAuth', { ClientId: CLIENT, AuthFlow: 'USER_SRP_AUTH', AuthParameters: 'x' })),
    ).toEqual({
      status: 400,
      type: 'SerializationException',
      message: 'VALUE_STRING can not be converted to a structure',
    });
  });
});

/**
 * The real AWS SDK v3 client parses every answer: its requests go to `handle` through a custom
 * request handler (no network), signed ones as the account's root user.
 */
import { describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  ResendConfirmationCodeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  UsernameExistsException,
  InvalidPasswordException,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AwsContext } from '../context';
import type { Reply } from '../service';
import { cognitoIdp } from './index';
import { WorldSchema } from '../../world/schema';
import { admin, idpContext } from './test-support';
import { serviceHandler } from '../sdk.test-helper';

function sdkClient(ctx: AwsContext, replies: Reply[] = []) {
  return new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:4566',
    credentials: { accessKeyId: 'AKIAROOTEXAMPLE00001', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: serviceHandler(
      cognitoIdp,
      ctx,
      (req) => (req.headers['authorization'] ? admin : undefined),
      (_req, reply) => replies.push(reply),
    ),
  });
}

const totp = (secret: string, at: number) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at,
  });

describe('the AWS SDK v3 client', { timeout: 60_000 }, () => {
  it('parses the answer of every operation, and the errors as modelled exceptions', async () => {
    const ctx = await idpContext();
    const replies: Reply[] = [];
    const sdk = sdkClient(ctx, replies);

    const pool = await sdk.send(new CreateUserPoolCommand({ PoolName: 'sdk-pool', AutoVerifiedAttributes: ['email'] }));
    const poolId = pool.UserPool!.Id!;
    expect(pool.UserPool!.Policies!.PasswordPolicy!.MinimumLength).toBe(8);
    expect(pool.UserPool!.CreationDate).toBeInstanceOf(Date);

    const client = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'sdk-client',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const clientId = client.UserPoolClient!.ClientId!;
    expect(client.UserPoolClient!.TokenValidityUnits).toEqual({
      AccessToken: 'hours',
      IdToken: 'hours',
      RefreshToken: 'days',
    });

    const group = await sdk.send(
      new CreateGroupCommand({
        UserPoolId: poolId,
        GroupName: 'readers',
        RoleArn: 'arn:aws:iam::111122223333:role/photos-app-authenticated',
        Precedence: 2,
      }),
    );
    expect(group.Group!.Precedence).toBe(2);

    const signUp = await sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'pat',
        Password: 'Pat-Pass-2026',
        UserAttributes: [{ Name: 'email', Value: 'pat@example.com' }],
      }),
    );
    expect(signUp.UserConfirmed).toBe(false);
    expect(signUp.CodeDeliveryDetails).toEqual({
      Destination: 'p***@e***.com',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    await expect(
      sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'pat', Password: 'Pat-Pass-2026' })),
    ).rejects.toBeInstanceOf(UsernameExistsException);
    await expect(
      sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'quinn', Password: 'weak' })),
    ).rejects.toBeInstanceOf(InvalidPasswordException);

    const resent = await sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'pat' }));
    expect(resent.CodeDeliveryDetails!.DeliveryMedium).toBe('EMAIL');
    const code = replies.at(-1)!.notes![0]!.data!['code']!;
    await sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'pat', ConfirmationCode: code }));

    await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'pat', GroupName: 'readers' }));
    const created = await sdk.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'robin', TemporaryPassword: 'Robin-Temp-1' }),
    );
    expect(created.User!.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(created.User!.UserCreateDate).toBeInstanceOf(Date);
    await sdk.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: 'robin',
        Password: 'Robin-Final-1',
        Permanent: true,
      }),
    );
    await sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'sky', Password: 'Sky-Pass-2026' }));
    await sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'sky' }));
    const robin = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'robin' }));
    expect(robin.UserStatus).toBe('CONFIRMED');
    const forgot = await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'pat' }));
    expect(forgot.CodeDeliveryDetails!.AttributeName).toBe('email');
    const resetCode = replies.at(-1)!.notes![0]!.data!['code']!;
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: 'pat',
        ConfirmationCode: resetCode,
        Password: 'Pat-Pass-2026',
      }),
    );

    const auth = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'pat', PASSWORD: 'Pat-Pass-2026' },
      }),
    );
    const tokens = auth.AuthenticationResult!;
    expect(tokens.TokenType).toBe('Bearer');
    const me = await sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }));
    expect(me.Username).toBe('pat');

    const refreshed = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
      }),
    );
    expect(refreshed.AuthenticationResult!.RefreshToken).toBeUndefined();

    await sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    const assoc = await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken! }));
    const verified = await sdk.send(
      new VerifySoftwareTokenCommand({
        AccessToken: tokens.AccessToken!,
        UserCode: totp(assoc.SecretCode!, ctx.clock.now()),
      }),
    );
    expect(verified.Status).toBe('SUCCESS');
    await sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: tokens.AccessToken!,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );

    const challenge = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'pat', PASSWORD: 'Pat-Pass-2026' },
      }),
    );
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const answered = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: challenge.Session!,
        ChallengeResponses: { USERNAME: 'pat', SOFTWARE_TOKEN_MFA_CODE: totp(assoc.SecretCode!, ctx.clock.now()) },
      }),
    );
    expect(typeof answered.AuthenticationResult!.IdToken).toBe('string');

    await sdk.send(new GlobalSignOutCommand({ AccessToken: answered.AuthenticationResult!.AccessToken! }));
    await sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: 'robin' }));
    const denied = await sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(NotAuthorizedException);
    expect((denied as NotAuthorizedException).message).toBe('Access Token has been revoked');
    expect((denied as NotAuthorizedException).$metadata.httpStatusCode).toBe(400);
    const ops = new Set(replies.map((r) => r.operation));
    expect(ops.size).toBe(22);
    expect(WorldSchema.safeParse(ctx.state.world).success).toBe(true);
  });
});

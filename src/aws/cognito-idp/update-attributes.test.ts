import { describe, expect, it } from 'vitest';
import type { AwsContext } from '../context';
import { createClient } from './flows.test-support';
import { MARIA, claims, err, idpContext, send } from './test-support';

async function signIn(ctx: AwsContext) {
  const clientId = await createClient(ctx, {
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  const a = await send(ctx, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: MARIA.email, PASSWORD: MARIA.password },
  });
  const r = a.json['AuthenticationResult'] as Record<string, string>;
  return { clientId, access: r['AccessToken']!, refresh: r['RefreshToken']! };
}

describe('UpdateUserAttributes', () => {
  it('lets the signed-in user write a custom attribute; refreshed ID tokens carry it', async () => {
    const ctx = await idpContext();
    const t = await signIn(ctx);
    const u = await send(ctx, 'UpdateUserAttributes', {
      AccessToken: t.access,
      UserAttributes: [{ Name: 'custom:tier', Value: 'admin' }],
    });
    expect(u.status).toBe(200);
    expect(u.json).toEqual({ CodeDeliveryDetailsList: [] });
    const got = await send(ctx, 'GetUser', { AccessToken: t.access });
    expect(got.json['UserAttributes']).toContainEqual({ Name: 'custom:tier', Value: 'admin' });
    const r = await send(ctx, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: t.clientId,
      AuthParameters: { REFRESH_TOKEN: t.refresh },
    });
    const id = (r.json['AuthenticationResult'] as Record<string, string>)['IdToken']!;
    expect(claims(id)['custom:tier']).toBe('admin');
  });

  it('marks a new email unverified and says where the code went; refuses sub and a bad token', async () => {
    const ctx = await idpContext();
    const t = await signIn(ctx);
    const u = await send(ctx, 'UpdateUserAttributes', {
      AccessToken: t.access,
      UserAttributes: [{ Name: 'email', Value: 'maria.new@example.com' }],
    });
    expect(u.json).toEqual({
      CodeDeliveryDetailsList: [{ Destination: 'm***@example.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' }],
    });
    const got = await send(ctx, 'GetUser', { AccessToken: t.access });
    expect(got.json['UserAttributes']).toContainEqual({ Name: 'email_verified', Value: 'false' });
    expect(
      err(
        await send(ctx, 'UpdateUserAttributes', {
          AccessToken: t.access,
          UserAttributes: [{ Name: 'sub', Value: 'x' }],
        }),
      ),
    ).toEqual({
      status: 400,
      type: 'InvalidParameterException',
      message: 'Cannot modify the non-mutable attribute sub',
    });
    expect(err(await send(ctx, 'UpdateUserAttributes', { AccessToken: 'abc.def.ghi', UserAttributes: [] }))).toEqual({
      status: 400,
      type: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
  });
});

/**
 * Cognito user pools: JSON 1.1 with `X-Amz-Target: AWSCognitoIdentityProviderService.*`; SRP sign-in, JWTs, the JWKS.
 * (A stub until the service is built: every call answers as an unknown operation.)
 */
import type { ServiceModule } from '../service';
import { jsonError } from '../protocol/json';
import { jsonAuthError } from '../auth/errors';

export const cognitoIdp: ServiceModule = {
  name: 'cognito-idp',
  protocol: 'json',
  async handle(_call, ctx) {
    return { operation: 'Unknown', response: jsonError('UnknownOperationException', '', ctx.requestId(), 400, '1.1') };
  },
  authError(kind, detail, ctx) {
    return jsonAuthError(kind, detail, ctx, '1.1');
  },
};

/**
 * Cognito user pools: JSON 1.1 with `X-Amz-Target: AWSCognitoIdentityProviderService.*`; SRP sign-in, JWTs, the JWKS.
 * The operations are in `handler.ts`; `verifyIdToken` checks an ID token for other services.
 */
import type { ServiceModule } from '../service';
import { jsonAuthError } from '../auth/errors';
import { handleCognitoIdp } from './handler';

export { verifyIdToken, verifyAccessToken, poolJwks, issuerUrl } from './tokens';
export type { TokenCheck, TokenRefusal } from './tokens';
export { secretHash } from './pools';

export const cognitoIdp: ServiceModule = {
  name: 'cognito-idp',
  protocol: 'json',
  handle: handleCognitoIdp,
  authError(kind, detail, ctx) {
    return jsonAuthError(kind, detail, ctx, '1.1');
  },
};

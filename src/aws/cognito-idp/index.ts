/**
 * Cognito user pools: JSON 1.1 with `X-Amz-Target: AWSCognitoIdentityProviderService.*`; SRP sign-in, JWTs, the JWKS.
 * The operations are in `handler.ts`; `verifyIdToken` checks an ID token for other services.
 */
import type { ServiceModule } from '../service';
import { jsonError } from '../protocol/json';
import { handleCognitoIdp } from './handler';

export { verifyIdToken, verifyAccessToken, poolJwks, issuerUrl } from './tokens';
export type { TokenCheck, TokenRefusal } from './tokens';
export { secretHash } from './pools';

export const cognitoIdp: ServiceModule = {
  name: 'cognito-idp',
  protocol: 'json',
  handle: handleCognitoIdp,
  authError(kind, detail, ctx) {
    return jsonError(
      kind === 'signature' ? 'InvalidSignatureException' : 'UnrecognizedClientException',
      detail,
      ctx.requestId(),
      400,
      '1.1',
    );
  },
};

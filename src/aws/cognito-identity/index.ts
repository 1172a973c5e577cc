/**
 * Cognito identity pools: JSON 1.1 with `X-Amz-Target: AWSCognitoIdentityService.*`; GetId, credentials, role resolution.
 * The operations are in `handler.ts`, `pools.ts` and `identities.ts`; role resolution in `roles.ts`.
 */
import type { ServiceModule } from '../service';
import { jsonAuthError } from '../auth/errors';
import { handleIdentityCall } from './handler';

export { resolveRole } from './roles';
export type { RoleResolution, RoleChoice, ResolveInput } from './roles';

export const cognitoIdentity: ServiceModule = {
  name: 'cognito-identity',
  protocol: 'json',
  handle(call, ctx) {
    return handleIdentityCall(call, ctx, cognitoIdentity);
  },
  authError(kind, detail, ctx) {
    return jsonAuthError(kind, detail, ctx, '1.1');
  },
};

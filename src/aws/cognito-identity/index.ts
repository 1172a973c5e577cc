/**
 * Cognito identity pools: JSON 1.1 with `X-Amz-Target: AWSCognitoIdentityService.*`; GetId, credentials, role resolution.
 * The operations are in `handler.ts`, `pools.ts` and `identities.ts`; role resolution in `roles.ts`.
 */
import type { ServiceModule } from '../service';
import { jsonError } from '../protocol/json';
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
    return jsonError(
      kind === 'signature' ? 'InvalidSignatureException' : 'UnrecognizedClientException',
      detail,
      ctx.requestId(),
      400,
      '1.1',
    );
  },
};

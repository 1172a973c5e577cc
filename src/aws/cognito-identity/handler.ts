/**
 * The identity pools service's dispatch: `X-Amz-Target: AWSCognitoIdentityService.<Operation>`, a
 * JSON 1.1 body, and the operation. CreateIdentityPool, DescribeIdentityPool, SetIdentityPoolRoles
 * and GetIdentityPoolRoles need a signed caller (an unsigned call gets the service's
 * missing-authentication answer); GetId, GetCredentialsForIdentity and GetOpenIdToken are public.
 */
import type { AwsContext } from '../context';
import type { Reply, ServiceCall, ServiceModule } from '../service';
import { jsonBody, targetOperation } from '../protocol/json';
import type { Op } from './common';
import { fail } from './common';
import { Input } from './input';
import { createIdentityPool, describeIdentityPool, getIdentityPoolRoles, setIdentityPoolRoles } from './pools';
import { getCredentialsForIdentity, getId, getOpenIdToken } from './identities';

export const TARGET_PREFIX = 'AWSCognitoIdentityService';

const SIGNED: Record<string, Op> = {
  CreateIdentityPool: createIdentityPool,
  DescribeIdentityPool: describeIdentityPool,
  SetIdentityPoolRoles: setIdentityPoolRoles,
  GetIdentityPoolRoles: getIdentityPoolRoles,
};

const PUBLIC: Record<string, Op> = {
  GetId: getId,
  GetCredentialsForIdentity: getCredentialsForIdentity,
  GetOpenIdToken: getOpenIdToken,
};

export async function handleIdentityCall(
  call: ServiceCall,
  ctx: AwsContext,
  service: Pick<ServiceModule, 'authError'>,
): Promise<Reply> {
  const operation = targetOperation(call.request, TARGET_PREFIX);
  const signed = operation !== undefined && Object.prototype.hasOwnProperty.call(SIGNED, operation);
  const isPublic = operation !== undefined && Object.prototype.hasOwnProperty.call(PUBLIC, operation);
  if (operation === undefined || (!signed && !isPublic)) return fail(ctx, 'Unknown', 'UnknownOperationException', '');
  if (signed && !call.caller)
    return {
      operation,
      response: service.authError('missing', 'Missing Authentication Token', ctx, call.request),
    };
  const body = jsonBody(call.request);
  if (!body.ok) return fail(ctx, operation, 'SerializationException', body.message);
  const op = signed ? SIGNED[operation]! : PUBLIC[operation]!;
  return op(call, ctx, new Input(body.value));
}

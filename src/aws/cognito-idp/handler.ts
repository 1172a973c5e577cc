/**
 * The cognito-idp endpoint: JSON 1.1 operations by `X-Amz-Target`
 * (`AWSCognitoIdentityProviderService.<Operation>`), and `GET /<poolId>/.well-known/jwks.json`
 * and `openid-configuration`. Every answer is AWS's shape; an unexpected exception becomes an
 * `InternalErrorException` rather than a crash.
 */
import type { AwsContext } from '../context';
import type { Reply, ServiceCall } from '../service';
import { jsonBody, jsonError, jsonReply, targetOperation } from '../protocol/json';
import { response } from '../http';
import { Input, isError } from './input';
import type { Operation } from './common';
import * as admin from './admin';
import * as signup from './signup';
import * as auth from './auth';
import * as user from './user';
import * as describe from './describe';
import { findPool } from './pools';
import { issuerUrl, poolJwks } from './tokens';

const OPERATIONS: Record<string, Operation> = {
  CreateUserPool: admin.createUserPool,
  CreateUserPoolClient: admin.createUserPoolClient,
  ListUserPools: describe.listUserPools,
  DescribeUserPool: describe.describeUserPool,
  ListUserPoolClients: describe.listUserPoolClients,
  DescribeUserPoolClient: describe.describeUserPoolClient,
  CreateGroup: admin.createGroup,
  SetUserPoolMfaConfig: admin.setUserPoolMfaConfig,
  AdminAddUserToGroup: admin.adminAddUserToGroup,
  AdminConfirmSignUp: admin.adminConfirmSignUp,
  AdminCreateUser: admin.adminCreateUser,
  AdminSetUserPassword: admin.adminSetUserPassword,
  AdminUserGlobalSignOut: admin.adminUserGlobalSignOut,
  AdminGetUser: admin.adminGetUser,
  SignUp: signup.signUp,
  ConfirmSignUp: signup.confirmSignUp,
  ResendConfirmationCode: signup.resendConfirmationCode,
  ForgotPassword: signup.forgotPassword,
  ConfirmForgotPassword: signup.confirmForgotPassword,
  InitiateAuth: auth.initiateAuth,
  RespondToAuthChallenge: auth.respondToAuthChallenge,
  GetUser: user.getUser,
  UpdateUserAttributes: user.updateUserAttributes,
  GlobalSignOut: user.globalSignOut,
  AssociateSoftwareToken: user.associateSoftwareToken,
  VerifySoftwareToken: user.verifySoftwareToken,
  SetUserMFAPreference: user.setUserMFAPreference,
};

const PREFIX = 'AWSCognitoIdentityProviderService';

export async function handleCognitoIdp(call: ServiceCall, ctx: AwsContext): Promise<Reply> {
  const req = call.request;
  if (req.method === 'GET') return wellKnown(call, ctx);
  const name = targetOperation(req, PREFIX);
  const op = name === undefined ? undefined : OPERATIONS[name];
  if (!op || name === undefined)
    return {
      operation: name ?? 'Unknown',
      response: jsonError('UnknownOperationException', '', ctx.requestId(), 400, '1.1'),
    };
  const body = jsonBody(req);
  if (!body.ok)
    return {
      operation: name,
      response: jsonError('SerializationException', body.message, ctx.requestId(), 400, '1.1'),
    };
  try {
    const r = await op(new Input(body.value), ctx, call);
    const reply: Reply = isError(r)
      ? { operation: name, response: jsonError(r.type, r.message, ctx.requestId(), r.status ?? 400, '1.1') }
      : { operation: name, response: jsonReply(r.body, ctx.requestId(), '1.1') };
    if (r.decision) reply.decision = r.decision;
    if (r.notes && r.notes.length > 0) reply.notes = r.notes;
    return reply;
  } catch (e) {
    return {
      operation: name,
      response: jsonError('InternalErrorException', 'An internal error occurred.', ctx.requestId(), 500, '1.1'),
      notes: [{ kind: 'info', message: `the simulator failed: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
}

async function wellKnown(call: ServiceCall, ctx: AwsContext): Promise<Reply> {
  const path = call.request.path;
  const parts = path.split('/');
  const poolId = parts[1] ?? '';
  const what = parts.slice(2).join('/');
  const json = (status: number, v: unknown) =>
    response(status, { 'content-type': 'application/json' }, JSON.stringify(v));
  if (parts.length !== 4 || (what !== '.well-known/jwks.json' && what !== '.well-known/openid-configuration'))
    return { operation: 'Unknown', response: json(404, { message: 'Not Found' }) };
  const operation = what.endsWith('jwks.json') ? 'GetJwks' : 'GetOpenIdConfiguration';
  if (!findPool(ctx.state.world, poolId))
    return { operation, response: json(404, { message: `User pool ${poolId} does not exist.` }) };
  if (operation === 'GetJwks') return { operation, response: json(200, await poolJwks(ctx, poolId)) };
  const iss = issuerUrl(poolId);
  return {
    operation,
    response: json(200, {
      issuer: iss,
      jwks_uri: `${iss}/.well-known/jwks.json`,
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    }),
  };
}

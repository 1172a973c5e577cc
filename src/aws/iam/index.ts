/**
 * IAM: the Query protocol (`Version=2010-05-08`), XML answers; users, groups, roles, policies, access keys, instance profiles, GetAccountAuthorizationDetails.
 * (A stub until the service is built: every call answers as an unknown operation.)
 */
import type { ServiceModule } from '../service';
import { queryError } from '../protocol/query';
import { queryAuthError } from '../auth/errors';

export const iam: ServiceModule = {
  name: 'iam',
  protocol: 'query',
  async handle(_call, ctx) {
    return {
      operation: 'Unknown',
      response: queryError(
        'iam',
        'InvalidAction',
        'The action is not valid for this web service.',
        ctx.requestId(),
        400,
      ),
    };
  },
  authError(kind, detail, ctx) {
    return queryAuthError('iam', kind, detail, ctx);
  },
};

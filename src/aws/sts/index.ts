/**
 * STS: the Query protocol (`Version=2011-06-15`), XML answers; GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken.
 * (A stub until the service is built: every call answers as an unknown operation.)
 */
import type { ServiceModule } from '../service';
import { queryError } from '../protocol/query';
import { queryAuthError } from '../auth/errors';

export const sts: ServiceModule = {
  name: 'sts',
  protocol: 'query',
  async handle(_call, ctx) {
    return {
      operation: 'Unknown',
      response: queryError(
        'sts',
        'InvalidAction',
        'The action is not valid for this web service.',
        ctx.requestId(),
        400,
      ),
    };
  },
  authError(kind, detail, ctx) {
    return queryAuthError('sts', kind, detail, ctx);
  },
};

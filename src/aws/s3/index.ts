/**
 * S3: REST, path-style (`/bucket/key`), XML answers and errors.
 * (A stub until the service is built: every call answers as an unknown operation.)
 */
import type { ServiceModule } from '../service';
import { s3Error } from '../protocol/rest-xml';
import { s3AuthError } from '../auth/errors';

export const s3: ServiceModule = {
  name: 's3',
  protocol: 'rest-xml',
  async handle(_call, ctx) {
    return {
      operation: 'Unknown',
      response: s3Error(
        'NotImplemented',
        'A header you provided implies functionality that is not implemented',
        ctx.requestId(),
        501,
      ),
    };
  },
  authError(kind, detail, ctx, request, facts) {
    return s3AuthError(kind, detail, ctx, request, facts);
  },
};

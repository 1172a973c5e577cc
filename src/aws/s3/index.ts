/**
 * S3: REST, path-style (`/bucket/key`) or virtual-hosted, XML answers and errors (see `handler.ts`).
 */
import type { ServiceModule } from '../service';
import { s3AuthError } from '../auth/errors';
import { handleS3 } from './handler';

export const s3: ServiceModule = {
  name: 's3',
  protocol: 'rest-xml',
  handle: handleS3,
  authError(kind, detail, ctx, request, facts) {
    return s3AuthError(kind, detail, ctx, request, facts);
  },
};

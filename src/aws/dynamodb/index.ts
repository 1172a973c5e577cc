/**
 * DynamoDB: JSON 1.0 with `X-Amz-Target: DynamoDB_20120810.*` (see `handler.ts`).
 */
import type { ServiceModule } from '../service';
import { jsonAuthError } from '../auth/errors';
import { handleDynamoDb } from './handler';

export const dynamodb: ServiceModule = {
  name: 'dynamodb',
  protocol: 'json',
  handle: handleDynamoDb,
  authError(kind, detail, ctx) {
    return jsonAuthError(kind, detail, ctx, '1.0', 'com.amazon.coral.service#');
  },
};

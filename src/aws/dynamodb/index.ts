/**
 * DynamoDB: JSON 1.0 with `X-Amz-Target: DynamoDB_20120810.*`.
 * (A stub until the service is built: every call answers as an unknown operation.)
 */
import type { ServiceModule } from '../service';
import { jsonError } from '../protocol/json';
import { jsonAuthError } from '../auth/errors';

export const dynamodb: ServiceModule = {
  name: 'dynamodb',
  protocol: 'json',
  async handle(_call, ctx) {
    return { operation: 'Unknown', response: jsonError('UnknownOperationException', '', ctx.requestId(), 400, '1.0') };
  },
  authError(kind, detail, ctx) {
    return jsonAuthError(kind, detail, ctx, '1.0', 'com.amazon.coral.service#');
  },
};

/**
 * DynamoDB: JSON 1.0 with `X-Amz-Target: DynamoDB_20120810.*` (see `handler.ts`).
 */
import type { ServiceModule } from '../service';
import { jsonError } from '../protocol/json';
import { handleDynamoDb } from './handler';

export const dynamodb: ServiceModule = {
  name: 'dynamodb',
  protocol: 'json',
  handle: handleDynamoDb,
  authError(kind, detail, ctx) {
    return jsonError(
      kind === 'signature' ? 'InvalidSignatureException' : 'UnrecognizedClientException',
      detail,
      ctx.requestId(),
      400,
      '1.0',
    );
  },
};

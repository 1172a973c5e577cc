export {
  lambda,
  handleLambda,
  assumeExecutionRole,
  assumeRoleRequest,
  invocationRecord,
  findFunction,
  functionArnOf,
  LAMBDA_PRINCIPAL,
  ROLE_NOT_ASSUMABLE,
  EXECUTION_SESSION_SECONDS,
} from './handler';
export type { InnerCall, InvocationRecord, ExecutionRole } from './handler';

/**
 * What every simulated service handler works over: the state (the world plus the services' own
 * runtime records), a clock, a random source, the AWS managed policies, and the region it answers
 * for. Handlers never mutate a world object in place: they replace `state.world` with a new world
 * that shares the unchanged parts (as `src/world/edit.ts` does), so the app's undo history and any
 * world a caller still holds stay as they were.
 */
import type { ContextValue } from '../engine/model';
import type { ManagedPolicy } from '../world/types';
import type { SessionFacts } from '../world/authorize';
import type { Clock } from './clock';
import type { Random } from './random';
import type { AwsState } from './state';

export interface AwsContext {
  state: AwsState;
  clock: Clock;
  random: Random;
  /** The region the endpoint answers for (`us-east-1`). */
  region: string;
  /** Resolves AWS managed policies the world refers to but does not declare. */
  managedPolicy?: (arn: string) => ManagedPolicy | undefined;
  /** A new request id (a UUID). */
  requestId(): string;
}

/** The authenticated caller of a signed request, as AWS knows it after checking the signature. */
export interface Principal {
  kind: 'root' | 'user' | 'assumed-role' | 'federated-user';
  /** `arn:aws:iam::ACCT:root`, a user ARN, `arn:aws:sts::ACCT:assumed-role/ROLE/SESSION`, a federated-user ARN. */
  arn: string;
  account: string;
  /** `aws:userid`: the account id for root, `AIDA…` for a user, `AROA…:SESSION` for a role session. */
  userId: string;
  /** The access key that signed the request. */
  accessKeyId: string;
  /** Temporary credentials: how the session was made, and when it ends. */
  session?: SessionFacts & {
    /** The role's full ARN (with path) for a role session. */
    roleArn?: string;
    /** The IAM user behind a `GetSessionToken` or `GetFederationToken` session. */
    userArn?: string;
    expiration: number;
    /** Made with role credentials (role chaining): at most one hour. */
    chained?: boolean;
    sourceIdentity?: string;
    /** Context keys the session carries into every request (web identity keys); see `TemporarySession.context`. */
    context?: Record<string, ContextValue>;
  };
}

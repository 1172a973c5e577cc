/**
 * Everything the simulated services keep: the world (IAM, resources, Cognito configuration and
 * users, S3 objects, DynamoDB items) and the runtime records AWS keeps outside it (temporary
 * credentials, signing keys, user-pool sessions and codes, identity-pool identities). Plain JSON,
 * so `iamplay serve --state FILE` can write it and read it back.
 */
import type { World } from '../world/types';
import type { StsState } from './sessions';
import type { SigningKey } from './signing-keys';
import type { CognitoIdpState } from './cognito-idp/state';
import { emptyCognitoIdpState } from './cognito-idp/state';
import type { CognitoIdentityState } from './cognito-identity/state';
import type { IamState } from './iam/state';
import { emptyCognitoIdentityState } from './cognito-identity/state';

export const STATE_FORMAT = 1;

export interface AwsState {
  format: typeof STATE_FORMAT;
  world: World;
  sts: StsState;
  /** Token signing keys by issuer (a user pool id, or `cognito-identity`). */
  keys: Record<string, SigningKey>;
  cognitoIdp: CognitoIdpState;
  cognitoIdentity: CognitoIdentityState;
  /** IAM's records outside the world (instance profiles not yet holding a role); made on first use. */
  iam?: IamState;
}

export function newState(world: World): AwsState {
  return {
    format: STATE_FORMAT,
    world,
    sts: { sessions: {} },
    keys: {},
    cognitoIdp: emptyCognitoIdpState(),
    cognitoIdentity: emptyCognitoIdentityState(),
  };
}

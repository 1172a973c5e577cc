/** The flows as the picker lists them, without their machines (no XState on the page). */
import type { FlowInfo } from './catalog-types';
import { info as identityPoolEnhanced } from './identity-enhanced/info';
import { info as identityPoolBasic } from './identity-basic/info';
import { info as guestImages } from './guest-images/info';
import { info as usingCredentials } from './using-credentials/info';
import { info as userPool } from './user-pool/info';
import { info as crossAccount } from './cross-account/info';
import { info as rootUser } from './root/info';
import { info as ec2InstanceCredentials } from './ec2/info';
import { info as lambdaExecutionRole } from './lambda/info';

export type { FlowInfo };

export const FLOW_INFOS: FlowInfo[] = [
  identityPoolEnhanced,
  identityPoolBasic,
  guestImages,
  usingCredentials,
  userPool,
  crossAccount,
  rootUser,
  ec2InstanceCredentials,
  lambdaExecutionRole,
].sort((a, b) => a.order - b.order);

/** Every flow with its machine and steps (the worker loads this; the page needs only `catalog.ts`). */
import type { FlowDefinition } from './types';
import { identityPoolEnhanced } from './identity-enhanced';
import { identityPoolBasic } from './identity-basic';
import { guestImages } from './guest-images';
import { usingCredentials } from './using-credentials';
import { userPoolFlow } from './user-pool';
import { crossAccount } from './cross-account';
import { rootUser } from './root';
import { ec2InstanceCredentials } from './ec2';
import { lambdaExecutionRole } from './lambda';

export const FLOWS: FlowDefinition[] = [
  identityPoolEnhanced,
  identityPoolBasic,
  guestImages,
  usingCredentials,
  userPoolFlow,
  crossAccount,
  rootUser,
  ec2InstanceCredentials,
  lambdaExecutionRole,
].sort((a, b) => a.order - b.order);

export function flowById(id: string): FlowDefinition | undefined {
  return FLOWS.find((f) => f.id === id);
}

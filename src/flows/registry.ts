/** Every flow with its machine and steps (the worker loads this; the page needs only `catalog.ts`). */
import type { FlowDefinition } from './types';
import { identityPoolEnhanced } from './identity-enhanced';
import { identityPoolBasic } from './identity-basic';
import { guestImages } from './guest-images';
import { usingCredentials } from './using-credentials';

export const FLOWS: FlowDefinition[] = [identityPoolEnhanced, identityPoolBasic, guestImages, usingCredentials].sort(
  (a, b) => a.order - b.order,
);

export function flowById(id: string): FlowDefinition | undefined {
  return FLOWS.find((f) => f.id === id);
}

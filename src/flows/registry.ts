/** Every flow with its machine and steps (the worker loads this; the page needs only `catalog.ts`). */
import type { FlowDefinition } from './types';
import { identityPoolEnhanced } from './identity-enhanced';
import { userPoolFlow } from './user-pool';

export const FLOWS: FlowDefinition[] = [identityPoolEnhanced, userPoolFlow].sort((a, b) => a.order - b.order);

export function flowById(id: string): FlowDefinition | undefined {
  return FLOWS.find((f) => f.id === id);
}

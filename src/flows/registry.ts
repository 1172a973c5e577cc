/** Every flow with its machine and steps (the worker loads this; the page needs only `catalog.ts`). */
import type { FlowDefinition } from './types';
import { identityPoolEnhanced } from './identity-enhanced';
import { crossAccount } from './cross-account';
import { rootUser } from './root';

export const FLOWS: FlowDefinition[] = [identityPoolEnhanced, crossAccount, rootUser].sort((a, b) => a.order - b.order);

export function flowById(id: string): FlowDefinition | undefined {
  return FLOWS.find((f) => f.id === id);
}

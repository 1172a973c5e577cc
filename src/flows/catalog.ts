/** The flows as the picker lists them, without their machines (no XState on the page). */
import type { FlowInfo } from './catalog-types';
import { info as identityPoolEnhanced } from './identity-enhanced/info';
import { info as crossAccount } from './cross-account/info';

export type { FlowInfo };

export const FLOW_INFOS: FlowInfo[] = [identityPoolEnhanced, crossAccount].sort((a, b) => a.order - b.order);

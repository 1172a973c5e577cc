/**
 * The world a learner starts with. (Placeholder: the world-schema work fills it with the teaching
 * account the issue describes.)
 */
import type { World } from './types';

export function defaultWorld(): World {
  return {
    accounts: [{ id: '111122223333', name: 'playground', root: { mfaEnabled: false } }],
  };
}

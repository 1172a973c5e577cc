/**
 * Flow 2 as a machine: sign in (SRP) → GetId → GetCredentialsForIdentity → GetCallerIdentity
 * with the credentials. After signing in, the user may first change an attribute of their own
 * (UpdateUserAttributes, then a token refresh): the `writable-attribute` switch does. Any refused call ends in `failed` with AWS's error.
 */
import { failed, flowSetup, initialContext, on } from '../define';

export const machine = flowSetup.createMachine({
  id: 'identity-pool-enhanced',
  initial: 'idle',
  context: initialContext,
  states: {
    idle: { on: { 'flow.start': { target: 'signedOut', actions: 'start' } } },
    signedOut: {
      meta: { steps: ['userPool.signIn'] },
      on: { 'userPool.signIn': [on('ok', 'signedIn'), failed()] },
    },
    signedIn: {
      meta: {
        steps: ['idpool.getId', 'userPool.updateUserAttributes'],
        prefer: { 'writable-attribute': 'userPool.updateUserAttributes' },
      },
      on: {
        'idpool.getId': [on('ok', 'identified'), failed()],
        'userPool.updateUserAttributes': [on('ok', 'attributeChanged'), failed()],
      },
    },
    // The user changed an attribute of their own and refreshed their tokens.
    attributeChanged: {
      meta: { steps: ['idpool.getId'] },
      on: { 'idpool.getId': [on('ok', 'identified'), failed()] },
    },
    identified: {
      meta: { steps: ['idpool.getCredentialsForIdentity'] },
      on: { 'idpool.getCredentialsForIdentity': [on('ok', 'hasCredentials'), failed()] },
    },
    hasCredentials: {
      meta: { steps: ['sts.getCallerIdentity'] },
      on: { 'sts.getCallerIdentity': [on('ok', 'done'), failed()] },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});

export const outcomes: Record<string, string[]> = {
  'userPool.signIn': ['ok', 'error'],
  'userPool.updateUserAttributes': ['ok', 'error'],
  'idpool.getId': ['ok', 'error'],
  'idpool.getCredentialsForIdentity': ['ok', 'error'],
  'sts.getCallerIdentity': ['ok', 'error'],
};

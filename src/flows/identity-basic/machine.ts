/**
 * Flow 3 as a machine: sign in (SRP) → GetId → GetOpenIdToken → AssumeRoleWithWebIdentity (the
 * app names the role; STS asks its trust policy) → GetCallerIdentity, then someone else's identity
 * tries the same role. The app may wait before calling STS (the `expired-openid-token` switch
 * does). Any refused call of the app ends in `failed` with AWS's error.
 */
import { failed, flowSetup, initialContext, on } from '../define';

export const machine = flowSetup.createMachine({
  id: 'identity-pool-basic',
  initial: 'idle',
  context: initialContext,
  states: {
    idle: { on: { 'flow.start': { target: 'signedOut', actions: 'start' } } },
    signedOut: {
      meta: { steps: ['userPool.signIn'] },
      on: { 'userPool.signIn': [on('ok', 'signedIn'), failed()] },
    },
    signedIn: {
      meta: { steps: ['idpool.getId'] },
      on: { 'idpool.getId': [on('ok', 'identified'), failed()] },
    },
    identified: {
      meta: { steps: ['idpool.getOpenIdToken'] },
      on: { 'idpool.getOpenIdToken': [on('ok', 'hasToken'), failed()] },
    },
    hasToken: {
      meta: {
        steps: ['sts.assumeRoleWithWebIdentity', 'app.wait'],
        prefer: { 'expired-openid-token': 'app.wait' },
      },
      on: {
        'sts.assumeRoleWithWebIdentity': [on('ok', 'hasCredentials'), failed()],
        'app.wait': [on('ok', 'tokenKept')],
      },
    },
    // After the wait the token has expired: STS can only refuse it (an `ok` here has no transition).
    tokenKept: {
      meta: { steps: ['sts.assumeRoleWithWebIdentity'] },
      on: { 'sts.assumeRoleWithWebIdentity': [failed()] },
    },
    hasCredentials: {
      meta: { steps: ['sts.getCallerIdentity'] },
      on: { 'sts.getCallerIdentity': [on('ok', 'verified'), failed()] },
    },
    verified: {
      meta: { steps: ['attacker.assumeRoleWithWebIdentity'] },
      on: { 'attacker.assumeRoleWithWebIdentity': [on('refused', 'done'), on('allowed', 'done')] },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});

export const outcomes: Record<string, string[]> = {
  'userPool.signIn': ['ok', 'error'],
  'idpool.getId': ['ok', 'error'],
  'idpool.getOpenIdToken': ['ok', 'error'],
  'app.wait': ['ok'],
  'sts.assumeRoleWithWebIdentity': ['ok', 'error'],
  'sts.getCallerIdentity': ['ok', 'error'],
  'attacker.assumeRoleWithWebIdentity': ['refused', 'allowed'],
};

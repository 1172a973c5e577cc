/**
 * Flow 9 as a machine: the console sign-in (password, then the MFA code when the identity has a
 * device), then a call signed with the identity's long-term access key. Refused (`denied`), the
 * admin gets an MFA session with GetSessionToken and calls again.
 */
import { failed, flowSetup, initialContext, on } from '../define';

export const machine = flowSetup.createMachine({
  id: 'root-user',
  initial: 'idle',
  context: initialContext,
  states: {
    idle: { on: { 'flow.start': { target: 'signedOut', actions: 'start' } } },
    signedOut: {
      meta: { steps: ['signin.password'] },
      on: { 'signin.password': [on('mfa', 'mfaPrompt'), on('ok', 'signedIn'), failed()] },
    },
    mfaPrompt: {
      meta: { steps: ['signin.mfa'] },
      on: { 'signin.mfa': [on('ok', 'signedIn'), failed()] },
    },
    signedIn: {
      meta: { steps: ['s3.getObject'] },
      on: { 's3.getObject': [on('ok', 'done'), on('denied', 'denied'), failed()] },
    },
    denied: {
      meta: { steps: ['sts.getSessionToken'] },
      on: { 'sts.getSessionToken': [on('ok', 'mfaSession'), failed()] },
    },
    mfaSession: {
      meta: { steps: ['s3.getObjectWithMfa'] },
      on: { 's3.getObjectWithMfa': [on('ok', 'done'), failed()] },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});

export const outcomes: Record<string, string[]> = {
  'signin.password': ['mfa', 'ok', 'error'],
  'signin.mfa': ['ok', 'error'],
  's3.getObject': ['ok', 'denied', 'error'],
  'sts.getSessionToken': ['ok', 'error'],
  's3.getObjectWithMfa': ['ok', 'error'],
};

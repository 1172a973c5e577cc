/**
 * Flow 1 as a machine. A new user signs up and confirms the emailed code (or leaves without it);
 * everyone signs in with SRP in two exchanges (InitiateAuth, then the PASSWORD_VERIFIER answer),
 * and the pool may ask for a new password or a TOTP code. Signed in: GetUser, a wait past the
 * access token's expiry (GetUser is then refused), refresh or sign out, and after GlobalSignOut
 * the tokens are refused.
 *
 * Whose story it is (a new user signs up; the others sign in) comes from the variant, or from a
 * switch that belongs to one kind of user (`storyOf`).
 *
 * The sign-in states are drawn twice on purpose: a user who has just signed up can only get
 * tokens or an error (never a new password or TOTP challenge), and one who did not confirm can
 * only be refused, so the machine's paths are the ones real runs take.
 *
 * A failure the default world cannot produce at a later step (a learner's world may: a client
 * without ALLOW_REFRESH_TOKEN_AUTH) is caught by the root's catch-all, which needs the step's real
 * output: it ends the run in `failed` with AWS's error but is not one of the enumerated paths.
 */
import { failed, flowSetup, initialContext, on } from '../define';
import type { FlowEvent } from '../types';
import { storyOf } from './story';

/** A step that reported `error` where the state expects no failure (only with a real output). */
const unexpected = ({ event }: { event: FlowEvent }) =>
  'outcome' in event && event.outcome === 'error' && event.output?.error !== undefined;

export const machine = flowSetup.createMachine({
  id: 'user-pool',
  initial: 'idle',
  context: initialContext,
  on: { '*': { guard: unexpected, target: '.failed', actions: 'fail' } },
  states: {
    idle: { on: { 'flow.start': { target: 'start', actions: 'start' } } },
    start: {
      always: [
        { guard: ({ context }) => storyOf(context.options) === 'new-user', target: 'signUpForm' },
        { target: 'signInForm' },
      ],
    },
    signUpForm: {
      meta: { steps: ['userPool.signUp'] },
      on: { 'userPool.signUp': [on('ok', 'signedUp'), failed()] },
    },
    signedUp: {
      meta: { steps: ['userPool.confirmSignUp'] },
      on: { 'userPool.confirmSignUp': [on('ok', 'confirmed'), on('skipped', 'unconfirmed'), failed()] },
    },
    confirmed: {
      meta: { steps: ['srp.initiate'] },
      on: { 'srp.initiate': [on('ok', 'confirmedVerifier'), failed()] },
    },
    confirmedVerifier: {
      meta: { steps: ['srp.respondPasswordVerifier'] },
      on: { 'srp.respondPasswordVerifier': [on('ok', 'signedIn'), failed()] },
    },
    unconfirmed: {
      meta: { steps: ['srp.initiate'] },
      on: { 'srp.initiate': [on('ok', 'unconfirmedVerifier')] },
    },
    unconfirmedVerifier: {
      meta: { steps: ['srp.respondPasswordVerifier'] },
      on: { 'srp.respondPasswordVerifier': [failed()] },
    },
    signInForm: {
      meta: { steps: ['srp.initiate'] },
      on: { 'srp.initiate': [on('ok', 'passwordVerifier'), failed()] },
    },
    passwordVerifier: {
      meta: { steps: ['srp.respondPasswordVerifier'] },
      on: {
        'srp.respondPasswordVerifier': [
          on('ok', 'signedIn'),
          on('NEW_PASSWORD_REQUIRED', 'newPasswordRequired'),
          on('SOFTWARE_TOKEN_MFA', 'mfaRequired'),
          failed(),
        ],
      },
    },
    newPasswordRequired: {
      meta: { steps: ['auth.respondNewPassword'] },
      on: { 'auth.respondNewPassword': [on('ok', 'signedIn'), failed()] },
    },
    mfaRequired: {
      meta: { steps: ['auth.respondSoftwareTokenMfa'] },
      on: { 'auth.respondSoftwareTokenMfa': [on('ok', 'signedIn'), failed()] },
    },
    signedIn: {
      meta: { steps: ['userPool.getUser'] },
      on: { 'userPool.getUser': [on('ok', 'active'), failed()] },
    },
    active: {
      meta: { steps: ['clock.wait'] },
      on: { 'clock.wait': [on('ok', 'accessExpired')] },
    },
    accessExpired: {
      meta: { steps: ['userPool.getUser'] },
      on: { 'userPool.getUser': [on('expired', 'tokenExpired')] },
    },
    tokenExpired: {
      meta: { steps: ['auth.refresh', 'userPool.globalSignOut'] },
      on: {
        'auth.refresh': [on('ok', 'refreshed')],
        'userPool.globalSignOut': [failed()],
      },
    },
    refreshed: {
      meta: { steps: ['userPool.getUser'] },
      on: { 'userPool.getUser': [on('ok', 'renewed')] },
    },
    renewed: {
      meta: { steps: ['userPool.globalSignOut'] },
      on: { 'userPool.globalSignOut': [on('ok', 'signedOut')] },
    },
    signedOut: {
      meta: { steps: ['userPool.getUser', 'auth.refresh'] },
      on: {
        'userPool.getUser': [on('revoked', 'done')],
        'auth.refresh': [on('revoked', 'done')],
      },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});

export const outcomes: Record<string, string[]> = {
  'userPool.signUp': ['ok', 'error'],
  'userPool.confirmSignUp': ['ok', 'skipped', 'error'],
  'srp.initiate': ['ok', 'error'],
  'srp.respondPasswordVerifier': ['ok', 'NEW_PASSWORD_REQUIRED', 'SOFTWARE_TOKEN_MFA', 'error'],
  'auth.respondNewPassword': ['ok', 'error'],
  'auth.respondSoftwareTokenMfa': ['ok', 'error'],
  'userPool.getUser': ['ok', 'expired', 'revoked', 'error'],
  'clock.wait': ['ok'],
  'auth.refresh': ['ok', 'revoked', 'error'],
  'userPool.globalSignOut': ['ok', 'error'],
};

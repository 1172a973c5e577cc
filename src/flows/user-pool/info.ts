/** Flow 1's description, for the picker (no machine: the page loads this without XState). */
import type { FlowInfo } from '../catalog-types';

export const info: FlowInfo = {
  id: 'user-pool',
  version: 1,
  order: 1,
  title: 'User pool: sign-up, SRP sign-in, refresh, sign-out',
  summary:
    'A user signs up and confirms the emailed code, signs in with SRP (a new password or a TOTP code when the pool asks), calls GetUser with the access token, waits until it expires, refreshes it and signs out everywhere.',
  parties: [
    { id: 'app', label: 'Browser app' },
    { id: 'user-pool', label: 'User pool' },
  ],
  variants: [
    {
      id: 'new-user',
      label: 'A new user signs up',
      explain:
        'Lena signs up with her email, the pool emails her a six-digit code, she confirms it and signs in with SRP.',
    },
    {
      id: 'force-change-password',
      label: 'A user with a temporary password',
      explain:
        'An administrator created Sam with a temporary password: after SRP the pool answers NEW_PASSWORD_REQUIRED and the app sends the new password he chose.',
    },
    {
      id: 'totp',
      label: 'A user with an authenticator app (TOTP)',
      explain:
        'The pool’s MFA is OPTIONAL and Maria has a TOTP device: after SRP the pool answers SOFTWARE_TOKEN_MFA and the app sends the six-digit code.',
    },
    {
      id: 'existing-user',
      label: 'An existing user signs in',
      explain: 'Maria is confirmed and has no MFA: SRP gives her the tokens straight away.',
    },
  ],
  switches: [
    {
      id: 'wrong-password',
      label: 'Type the password with the wrong case',
      explain:
        'The app computes the SRP proof from the password typed. With a wrong one the proof does not match and the pool refuses, without saying whether the user exists.',
      fails: { step: 'srp.respondPasswordVerifier', code: 'NotAuthorizedException' },
    },
    {
      id: 'unconfirmed',
      label: 'Sign in before confirming the code',
      explain:
        'Lena closes the tab before typing the emailed code and signs in later: the password is right, but an UNCONFIRMED user gets no tokens. The run follows Lena whatever the variant.',
      fails: { step: 'srp.respondPasswordVerifier', code: 'UserNotConfirmedException' },
    },
    {
      id: 'weak-password',
      label: 'Choose a password the pool’s policy refuses',
      explain:
        'The pool wants upper and lower case, a digit and a symbol. `Lantern31` has no symbol: SignUp refuses it; in Sam’s variant, NEW_PASSWORD_REQUIRED refuses it as his new password.',
      fails: { step: 'userPool.signUp', code: 'InvalidPasswordException' },
    },
    {
      id: 'email-taken',
      label: 'Sign up with an email that already has an account',
      explain:
        'Lena signs up as maria@example.com: the pool uses email as the user name, and it is taken. The run follows Lena whatever the variant.',
      risk: 'SignUp tells anyone who tries that an email has an account, even with “Prevent user existence errors” on (that setting covers sign-in, confirmation and password reset).',
      fails: { step: 'userPool.signUp', code: 'UsernameExistsException' },
    },
    {
      id: 'wrong-code',
      label: 'Mistype the confirmation code',
      explain: 'One digit of the emailed code is wrong. The run follows Lena whatever the variant.',
      fails: { step: 'userPool.confirmSignUp', code: 'CodeMismatchException' },
    },
    {
      id: 'late-code',
      label: 'Confirm the code the next day',
      explain:
        'A sign-up code is valid 24 hours; Lena types it 25 hours later and must ask for a new one. The run follows Lena whatever the variant.',
      fails: { step: 'userPool.confirmSignUp', code: 'ExpiredCodeException' },
    },
    {
      id: 'password-auth',
      label: 'Use USER_PASSWORD_AUTH (copied from a tutorial)',
      explain:
        'The app sends the password itself in InitiateAuth. The app client allows only USER_SRP_AUTH and refresh, so the pool refuses the flow.',
      risk: 'Enabling USER_PASSWORD_AUTH to make it work sends the password to the pool on every sign-in; SRP never sends it.',
      fails: { step: 'srp.initiate', code: 'InvalidParameterException' },
    },
    {
      id: 'temp-password-expired',
      label: 'Sign in with a temporary password after it expired',
      explain:
        'Temporary passwords are valid 7 days in this pool; Sam’s account was created 11 days ago. Only an administrator can set a new one. The run follows Sam whatever the variant.',
      fails: { step: 'srp.respondPasswordVerifier', code: 'NotAuthorizedException' },
    },
    {
      id: 'wrong-totp',
      label: 'Send a TOTP code from a phone whose clock is 2 minutes behind',
      explain:
        'A TOTP code changes every 30 seconds and the pool accepts one step either side; a code from 2 minutes ago does not match. The run follows Maria and her authenticator app whatever the variant.',
      fails: { step: 'auth.respondSoftwareTokenMfa', code: 'CodeMismatchException' },
    },
    {
      id: 'slow-mfa',
      label: 'Take 4 minutes to find the phone',
      explain:
        'The Session of a challenge lasts 3 minutes for this app client: a right code sent after that is refused, and the user must sign in again. The run follows Maria and her authenticator app whatever the variant.',
      fails: { step: 'auth.respondSoftwareTokenMfa', code: 'NotAuthorizedException' },
    },
    {
      id: 'id-token',
      label: 'Send the ID token to GetUser',
      explain:
        'GetUser and GlobalSignOut take the access token (`token_use: access`, signed with the access-token key); the ID token is for the app and the identity pool.',
      fails: { step: 'userPool.getUser', code: 'NotAuthorizedException' },
    },
  ],
};

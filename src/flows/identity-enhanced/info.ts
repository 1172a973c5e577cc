/** Flow 2's description, for the picker (no machine: the page loads this without XState). */
import type { FlowInfo } from '../catalog-types';

export const info: FlowInfo = {
  id: 'identity-pool-enhanced',
  version: 1,
  order: 2,
  title: 'Identity pool, enhanced flow',
  summary:
    'A signed-in user trades the user pool’s ID token for temporary AWS credentials: GetId, then GetCredentialsForIdentity, where the identity pool chooses the IAM role.',
  parties: [
    { id: 'app', label: 'Browser app' },
    { id: 'user-pool', label: 'User pool' },
    { id: 'identity-pool', label: 'Identity pool' },
    { id: 'sts', label: 'STS' },
  ],
  variants: [
    {
      id: 'group',
      label: 'A user in a group with a role',
      explain: 'Maria is in the `editors` group; the pool maps roles from the token.',
    },
    {
      id: 'no-group',
      label: 'A user in no group',
      explain: 'Lee is in no group: the token names no role, so the pool falls back to its authenticated role.',
    },
    {
      id: 'rules',
      label: 'Rules-based mapping',
      explain: 'The pool picks the role with a rule on the `email` claim instead of the token’s roles.',
    },
  ],
  switches: [
    {
      id: 'access-token',
      label: 'Send the access token instead of the ID token',
      explain: 'The `Logins` map takes the ID token; the access token has no `aud` claim.',
      fails: { step: 'idpool.getId', code: 'NotAuthorizedException' },
    },
    {
      id: 'unlisted-client',
      label: 'Sign in with an app client the identity pool does not list',
      explain: 'The identity pool accepts tokens only from the app clients it names as providers.',
      fails: { step: 'idpool.getId', code: 'NotAuthorizedException' },
    },
    {
      id: 'ambiguous-deny',
      label: 'Rules that match nothing, with AmbiguousRoleResolution: Deny',
      explain:
        'When no rule matches, `Deny` refuses the credentials instead of falling back to the authenticated role.',
      fails: { step: 'idpool.getCredentialsForIdentity', code: 'NotAuthorizedException' },
    },
    {
      id: 'expired-id-token',
      label: 'Call GetId with an expired ID token',
      explain:
        'The ID token lives an hour (the app client’s `IdTokenValidity`); the page stays open longer and sends the old token.',
      fails: { step: 'idpool.getId', code: 'NotAuthorizedException' },
    },
    {
      id: 'wrong-kid-id-token',
      label: 'An ID token whose `kid` is not in the user pool’s JWKS',
      explain:
        'The token’s header names a key the user pool does not publish (a forged token, or keys cached from another pool): the signature cannot be checked.',
      fails: { step: 'idpool.getId', code: 'NotAuthorizedException' },
    },
    {
      id: 'writable-attribute',
      label: 'Map roles from a custom attribute the user can write',
      explain:
        'A rule gives `photos-app-admins` to tokens whose `custom:tier` is `admin`; the app client may write every attribute (its `WriteAttributes` left unset), so Maria sets it herself with UpdateUserAttributes and refreshes her tokens.',
      risk: 'Any user chooses their own role: role mapping must only use claims the user cannot change (groups, or attributes the app client may not write).',
    },
    {
      id: 'several-groups',
      label: 'Put the user in two groups',
      explain: 'With several groups, only the one with the lowest Precedence gives `cognito:preferred_role`.',
    },
  ],
};

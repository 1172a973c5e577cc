/** Flow 3's description, for the picker (no machine: the page loads this without XState). */
import type { FlowInfo } from '../catalog-types';

export const info: FlowInfo = {
  id: 'identity-pool-basic',
  version: 1,
  order: 3,
  title: 'Identity pool, basic (classic) flow',
  summary:
    'The app, not the identity pool, chooses the role: GetId, GetOpenIdToken (the identity pool’s own token), then STS AssumeRoleWithWebIdentity, where the role’s trust policy decides.',
  parties: [
    { id: 'app', label: 'Browser app' },
    { id: 'user-pool', label: 'User pool' },
    { id: 'identity-pool', label: 'Identity pool' },
    { id: 'sts', label: 'STS' },
    { id: 'attacker', label: 'Someone else' },
  ],
  variants: [
    {
      id: 'authenticated-role',
      label: 'The app asks for the authenticated role',
      explain: 'Maria signs in and the app asks STS for `photos-app-authenticated`.',
    },
    {
      id: 'editors-role',
      label: 'A user in no group asks for the editors role',
      explain:
        'Lee is in no group, yet the app asks STS for `photos-app-editors`: in the basic flow nobody looks at groups, only the trust policy decides.',
    },
  ],
  switches: [
    {
      id: 'no-aud',
      label: 'A trust policy without the `cognito-identity.amazonaws.com:aud` condition',
      explain:
        'The role trusts `cognito-identity.amazonaws.com` for any authenticated identity, without naming the identity pool.',
      risk: 'Any identity pool, in any account, issues tokens STS accepts for this role: someone signs in to an identity pool of their own and assumes your role.',
    },
    {
      id: 'no-amr',
      label: 'A trust policy without the `cognito-identity.amazonaws.com:amr` condition',
      explain: 'The role names the identity pool but not `authenticated`: guests of the pool match too.',
      risk: 'A guest identity (no sign-in at all) gets a token STS accepts for the signed-in users’ role.',
    },
    {
      id: 'expired-openid-token',
      label: 'Use the OpenID token after it expired',
      explain: 'The identity pool’s OpenID token lives 10 minutes; the app waits 11 before calling STS.',
      fails: { step: 'sts.assumeRoleWithWebIdentity', code: 'ExpiredTokenException' },
    },
    {
      id: 'wrong-kid',
      label: 'A token whose `kid` is not in the JWKS',
      explain:
        'The token’s header names a key the identity pool does not publish (a forged or re-signed token): STS finds no key to check the signature with.',
      fails: { step: 'sts.assumeRoleWithWebIdentity', code: 'InvalidIdentityToken' },
    },
    {
      id: 'classic-off',
      label: 'Leave the basic flow turned off',
      explain: '`AllowClassicFlow` is false by default: the identity pool refuses GetOpenIdToken for it.',
      fails: { step: 'idpool.getOpenIdToken', code: 'InvalidParameterException' },
    },
  ],
};

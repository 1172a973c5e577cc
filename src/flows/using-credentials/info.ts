/** Flow 5's description, for the picker (no machine: the page loads this without XState). */
import type { FlowInfo } from '../catalog-types';

export const info: FlowInfo = {
  id: 'using-credentials',
  version: 1,
  order: 5,
  title: 'The credentials used: S3 and DynamoDB per user',
  summary:
    'Maria’s identity-pool credentials write and read her own S3 prefix and DynamoDB partition, keyed on her identity id (`${cognito-identity.amazonaws.com:sub}`), and are refused someone else’s: each with the engine’s decision.',
  parties: [
    { id: 'app', label: 'Browser app' },
    { id: 'user-pool', label: 'User pool' },
    { id: 'identity-pool', label: 'Identity pool' },
    { id: 's3', label: 'S3' },
    { id: 'dynamodb', label: 'DynamoDB' },
  ],
  variants: [],
  switches: [
    {
      id: 'no-identity-variable',
      label: 'A role policy without `${cognito-identity.amazonaws.com:sub}`',
      explain:
        'The policy allows `home/*` and the whole Notes table, instead of the caller’s own prefix and partition.',
      risk: 'Every signed-in user reads and overwrites every other user’s files and notes: the identity pool gives them all the same role.',
    },
    {
      id: 'expired-id-token',
      label: 'Call GetId with an expired ID token',
      explain: 'The ID token lives an hour; the page stays open longer and sends the old token.',
      fails: { step: 'idpool.getId', code: 'NotAuthorizedException' },
    },
    {
      id: 'wrong-kid-id-token',
      label: 'An ID token whose `kid` is not in the user pool’s JWKS',
      explain: 'The token’s header names a key the user pool does not publish: the signature cannot be checked.',
      fails: { step: 'idpool.getId', code: 'NotAuthorizedException' },
    },
  ],
};

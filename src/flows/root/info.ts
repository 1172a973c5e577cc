/** Flow 9's description, for the picker (no machine: the page loads this without XState). */
import type { FlowInfo } from '../catalog-types';

export const info: FlowInfo = {
  id: 'root-user',
  version: 1,
  order: 9,
  title: 'The root user: MFA, and an access key on root versus an admin user',
  summary:
    'The root user signs in to the console with and without MFA, then calls S3 with the root’s access key. An IAM Deny policy stops the admin user and not root: IAM policies do not apply to root, only SCPs. The admin gets through with an MFA session from GetSessionToken.',
  parties: [
    { id: 'user', label: 'You, in the browser' },
    { id: 'sign-in', label: 'Console sign-in' },
    { id: 'app', label: 'CLI (access key)' },
    { id: 'sts', label: 'STS' },
    { id: 's3', label: 'S3' },
  ],
  variants: [
    {
      id: 'root',
      label: 'The root user',
      explain:
        'Sign in with the account’s email and password and the root’s MFA code; then the root’s access key reads a private object.',
    },
    {
      id: 'admin',
      label: 'The admin user',
      explain:
        'Sign in as the IAM user `admin` (AdministratorAccess, and a policy that denies everything without MFA); its access key is refused until it gets an MFA session.',
    },
  ],
  switches: [
    {
      id: 'wrong-password',
      label: 'Type the wrong password',
      explain: 'The sign-in page says only that the authentication information is incorrect, not which part.',
      fails: { step: 'signin.password', code: 'AuthenticationFailed' },
    },
    {
      id: 'wrong-mfa',
      label: 'Type a wrong MFA code',
      explain: 'A code from the wrong device, or an old one: the sign-in refuses it.',
      fails: { step: 'signin.mfa', code: 'AuthenticationFailed' },
    },
    {
      id: 'no-mfa',
      label: 'No MFA device',
      explain:
        'The identity has no MFA device, as a new account’s root has none: the password alone signs in. Without a device the admin cannot get an MFA session either.',
      risk: 'Anyone who learns the root’s password owns the account: IAM policies cannot limit root, and root can close the account or change its email.',
    },
  ],
};

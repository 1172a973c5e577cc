/** Flow 8's description, for the picker (no machine: the page loads this without XState). */
import type { FlowInfo } from '../catalog-types';

export const info: FlowInfo = {
  id: 'cross-account',
  version: 1,
  order: 8,
  title: 'AssumeRole across accounts: ExternalId and role chaining',
  summary:
    'A SaaS vendor in account 444455556666 assumes a role in your account 111122223333. The trust policy names the vendor’s account and requires the ExternalId the vendor gave you, so another of the vendor’s customers cannot make the vendor use your role (the confused deputy).',
  parties: [
    { id: 'app', label: 'You (customer 111122223333)' },
    { id: 'attacker', label: 'Another customer (attacker)' },
    { id: 'vendor', label: 'Vendor (444455556666)' },
    { id: 'sts', label: 'STS' },
    { id: 's3', label: 'S3' },
  ],
  variants: [
    {
      id: 'external-id',
      label: 'The vendor sends your ExternalId',
      explain: 'The vendor assumes your role with the ExternalId it assigned to you: the trust policy allows it.',
    },
    {
      id: 'no-external-id',
      label: 'The vendor sends no ExternalId',
      explain: 'The trust policy requires `sts:ExternalId`; without it STS refuses the AssumeRole.',
    },
    {
      id: 'confused-deputy',
      label: 'The confused deputy',
      explain:
        'Another customer of the vendor gives the vendor your role’s ARN as if it were theirs. The vendor assumes it with that customer’s ExternalId.',
    },
    {
      id: 'chaining',
      label: 'Role chaining',
      explain:
        'With the session of your role, the vendor assumes a second role of yours: a chained session, limited to one hour.',
    },
  ],
  switches: [
    {
      id: 'no-condition',
      label: 'Trust the vendor’s account without the ExternalId condition',
      explain:
        'The trust policy names the vendor’s account but does not require `sts:ExternalId`: people leave it out because the vendor’s account is the only principal.',
      risk: 'Any customer of the vendor can give it your role’s ARN, and the vendor will read your data for them: the confused deputy.',
    },
    {
      id: 'long-chain',
      label: 'Ask the chained session for two hours',
      explain:
        'The vendor chains from your first role to a second and asks for two hours. A role session that assumes another role (role chaining) gets at most one hour, whatever the role’s MaxSessionDuration.',
      fails: { step: 'sts.chainRole', code: 'ValidationError' },
    },
  ],
};

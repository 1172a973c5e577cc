/** Flow 6's description, for the picker (no machine: the page loads this without XState). */
import type { FlowInfo } from '../catalog-types';

export const info: FlowInfo = {
  id: 'ec2-instance-credentials',
  version: 1,
  order: 6,
  title: 'EC2: access keys on the instance versus an instance profile',
  summary:
    'The web server needs AWS credentials. Stored access keys work from anywhere until someone deletes them; the instance profile’s credentials come from the metadata service (IMDSv2: a token, the role name, the credentials), rotate every hour and expire. An SSRF reaches IMDSv1, and IMDSv2 blocks it.',
  parties: [
    { id: 'app', label: 'Web app on the instance' },
    { id: 'imds', label: 'EC2 metadata service' },
    { id: 'sts', label: 'STS' },
    { id: 's3', label: 'S3' },
    { id: 'attacker', label: 'Attacker' },
  ],
  variants: [
    {
      id: 'instance-profile',
      label: 'Instance profile, IMDSv2 required',
      explain:
        'The instance has the `web-server` role through its instance profile and its metadata service answers only IMDSv2 (`HttpTokens: required`).',
    },
    {
      id: 'stored-keys',
      label: 'Access keys stored on the instance',
      explain: 'Alice’s long-term access key is in `~/.aws/credentials` on the instance; the SDK finds it first.',
    },
    {
      id: 'imdsv1',
      label: 'Instance profile, IMDSv1 still allowed',
      explain: '`HttpTokens: optional`: the metadata service also answers a plain GET without a token.',
    },
  ],
  switches: [
    {
      id: 'ttl-too-long',
      label: 'Ask for an IMDSv2 token that lasts a day',
      explain:
        'The token TTL header may be 1 to 21600 seconds (six hours); `86400` is refused with `400 - Bad Request`.',
      fails: { step: 'imds.getToken', code: 'HTTP 400' },
    },
    {
      id: 'forwarded-for',
      label: 'Send the token PUT through a proxy that adds X-Forwarded-For',
      explain:
        'IMDS refuses a token PUT that carries `X-Forwarded-For`, so a reverse proxy on the instance cannot be used to fetch a token for someone outside.',
      fails: { step: 'imds.getToken', code: 'HTTP 403' },
    },
  ],
};

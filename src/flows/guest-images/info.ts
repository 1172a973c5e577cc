/** Flow 4's description, for the picker (no machine: the page loads this without XState). */
import type { FlowInfo } from '../catalog-types';

export const info: FlowInfo = {
  id: 'guest-images',
  version: 1,
  order: 4,
  title: 'Guest access to public images',
  summary:
    'A stranger who never signs in gets guest credentials from the identity pool and reads the photos bucket: what the guest role lets anyone on the internet read.',
  parties: [
    { id: 'app', label: 'Browser app (a stranger)' },
    { id: 'identity-pool', label: 'Identity pool' },
    { id: 's3', label: 'S3' },
  ],
  variants: [
    {
      id: 'read-only-access',
      label: 'The guest role has AmazonS3ReadOnlyAccess',
      explain:
        'A managed policy that reads every object of every bucket (`s3:Get*`, `s3:List*` on `*`): the quick way to make the images load.',
    },
    {
      id: 'least-privilege',
      label: 'The guest role reads only `public/*`',
      explain: 'One statement: `s3:GetObject` on `arn:aws:s3:::playground-photos/public/*`.',
    },
  ],
  switches: [
    {
      id: 'guest-lists-bucket',
      label: 'A guest role with more than it needs: listing the bucket',
      explain: 'The images need only `s3:GetObject` on `public/*`; someone added `s3:ListBucket` on the whole bucket.',
      risk: 'A stranger lists every key of the bucket: who the users are (`home/alice/`, `home/bob/`) and the names of their private files, even where they cannot read them.',
    },
    {
      id: 'guests-off',
      label: 'Turn guest access off',
      explain: '`AllowUnauthenticatedIdentities` false: the identity pool refuses GetId without a login.',
      fails: { step: 'idpool.getId', code: 'NotAuthorizedException' },
    },
  ],
};

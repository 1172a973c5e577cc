/**
 * The world's schema, made with zod 4: every type of `types.ts` is inferred from it, and the JSON
 * Schema the editor uses is generated from it (`worldJsonSchema`, committed as
 * `generated/world.schema.json`). Objects are strict: an unknown key is refused with its name (and
 * the known key it is close to), since a typo would otherwise silently do nothing. Fields are
 * checked the way AWS checks them (12-digit account ids, IAM names, `AKIA…` key ids, at most five
 * policy versions, …).
 *
 * `checkWorld(value)` runs the schema, then checks the references between parts of the world
 * (`references.ts`: a group a user names exists, an attached policy is declared, …), and answers
 * every problem with the JSON path where it sits (`users[0].groups[1]`), ordered as the schema
 * orders the fields.
 */
import { z } from 'zod';
import { checkReferences } from './references';
import { decodeIssue, enc, genericMessage, ISSUE_CODES, KEY, PATH, show, suggest } from './issues';
import type { WorldIssue, WorldPath } from './issues';

export { formatPath } from './issues';
export type { WorldIssue, WorldPath } from './issues';

/** The world file format this version writes and checks; `migrate.ts` upgrades earlier ones. */
export const WORLD_FORMAT = 2;
export const FULL_AWS_ACCESS = 'FullAWSAccess';
export const RCP_FULL_AWS_ACCESS = 'RCPFullAWSAccess';

// ---------------------------------------------------------------------------------------------
// Building blocks. Messages are encoded by `issues.ts` (`enc`): a message, an optional help and
// an optional code; `PATH` in them stands for the JSON path of the value, `KEY` for its last key.

/** A string that must match `re` (anchored; no pattern here backtracks on long input). */
function pattern(re: RegExp, what: string, help?: string) {
  return z
    .string()
    .regex(re, { error: (iss) => enc(`\`${show(iss.input)}\` is not ${what}`, help) })
    .meta({ patternErrorMessage: `expected ${what}${help ? ` (${help})` : ''}` });
}

/** A strict object: unknown keys are refused, naming the key and a close known one. */
function strict<S extends z.core.$ZodLooseShape>(shape: S, hint?: (key: string) => string | undefined) {
  const keys = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code !== 'unrecognized_keys') return undefined;
      const hints = hint ? Object.fromEntries(iss.keys.map((k) => [k, hint(k)]).filter(([, h]) => h)) : {};
      return '\u0002' + JSON.stringify({ keys: iss.keys, allowed: keys, hints });
    },
  });
}

const REGION = '[a-z]{2}(-[a-z]+)+-\\d';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** IAM path segments: `/`, or `/a/b/`. */
const PATH_SEGMENTS = '(/[\\x21-\\x2E\\x30-\\x7E]+)*/';

export const ACCOUNT_RE = /^\d{12}$/;
export const AWS_MANAGED_RE = /^arn:aws[a-z-]*:iam::aws:policy\/([\x21-\x2E\x30-\x7E]+\/)*[\w+=,.@-]{1,128}$/;
export const MANAGED_POLICY_ARN_RE =
  /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/([\x21-\x2E\x30-\x7E]+\/)*[\w+=,.@-]{1,128}$/;
export const ROLE_ARN_RE = /^arn:aws[a-z-]*:iam::\d{12}:role\/([\x21-\x2E\x30-\x7E]+\/)*[\w+=,.@-]{1,64}$/;
export const INSTANCE_PROFILE_ARN_RE =
  /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/([\x21-\x2E\x30-\x7E]+\/)*[\w+=,.@-]{1,128}$/;
export const ACCESS_KEY_ID_RE = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
export const USER_POOL_ID_RE = new RegExp(`^${REGION}_[0-9a-zA-Z]{1,40}$`);
export const IDENTITY_POOL_ID_RE = new RegExp(`^${REGION}:${UUID}$`);
export const COGNITO_PROVIDER_RE = new RegExp(
  `^cognito-idp\\.${REGION}\\.amazonaws\\.com/${REGION}_[0-9a-zA-Z]{1,40}$`,
);

const accountId = pattern(ACCOUNT_RE, 'a 12-digit account id').describe('A 12-digit AWS account id.');
const iamPath = z
  .string()
  .regex(new RegExp(`^${PATH_SEGMENTS}$`), {
    error: (iss) => enc(`the path \`${show(iss.input)}\` must begin and end with \`/\``),
  })
  .max(512)
  .meta({ patternErrorMessage: 'expected a path that begins and ends with `/`' })
  .describe('The IAM path: `/` by default, or `/division/team/`.');
const date = z.iso
  .datetime({
    offset: true,
    error: (iss) =>
      enc(
        `\`${show(iss.input)}\` is not a date and time`,
        'write it in ISO 8601 with a time zone, such as `2024-03-01T12:00:00Z`',
      ),
  })
  .meta({ patternErrorMessage: 'expected an ISO 8601 date and time with a time zone, such as `2024-03-01T12:00:00Z`' })
  .describe('An ISO 8601 date and time, such as `2024-03-01T12:00:00Z`.');
const tags = z
  .record(
    z.string().min(1).max(128),
    z.string({ error: () => enc(`tag \`${KEY}\` must have a string value`) }).max(256),
    {
      error: (iss) =>
        iss.code === 'invalid_type' && iss.input !== undefined
          ? enc(`\`${PATH}\` must be an object of tag keys to string values`)
          : undefined,
    },
  )
  .describe(
    'Tags: key → value (`{ "team": "web" }`). Condition keys `aws:PrincipalTag/…` and `aws:ResourceTag/…` read them.',
  );
const policyDocument = z
  .union([z.string(), z.record(z.string(), z.unknown())], {
    error: (iss) =>
      iss.input === undefined ? undefined : enc(`\`${PATH}\` must be a policy document (a JSON object or its text)`),
  })
  .describe('A policy document: a JSON object (`{ "Version": "2012-10-17", "Statement": [...] }`) or its JSON text.');
const managedPolicyArn = pattern(
  MANAGED_POLICY_ARN_RE,
  'a managed policy ARN',
  'a customer managed policy is `arn:aws:iam::ACCOUNT:policy/NAME`; an AWS managed one `arn:aws:iam::aws:policy/NAME`',
).describe(
  'The ARN of a managed policy: `arn:aws:iam::ACCOUNT:policy/NAME`, or `arn:aws:iam::aws:policy/NAME` for an AWS managed one.',
);
const roleArn = pattern(ROLE_ARN_RE, 'a role ARN', 'a role ARN is `arn:aws:iam::ACCOUNT:role/PATH/NAME`').describe(
  'The ARN of an IAM role of the world: `arn:aws:iam::ACCOUNT:role/PATH/NAME`.',
);
const managedPolicyList = z
  .array(managedPolicyArn)
  .describe('ARNs of the attached managed policies (customer managed ones must be in `managedPolicies`).');
const permissionsBoundary = managedPolicyArn.describe(
  'ARN of the managed policy used as permissions boundary: the most the identity-based policies can allow.',
);

// ---------------------------------------------------------------------------------------------
// IAM

export const AccessKeySchema = strict({
  accessKeyId: pattern(
    ACCESS_KEY_ID_RE,
    'an access key id',
    'an access key id is `AKIA` (long-term) or `ASIA` (temporary) and 16 capital letters or digits',
  ).describe('`AKIA…` (long-term) or `ASIA…` (temporary): 20 characters.'),
  secretAccessKey: pattern(
    /^[A-Za-z0-9/+]{40}$/,
    'a secret access key',
    'a secret access key has 40 characters',
  ).describe('The secret access key: 40 characters. The simulator needs it to check SigV4 signatures.'),
  status: z.enum(['Active', 'Inactive']).describe('`Active` keys sign requests; `Inactive` ones are refused.'),
  createDate: date.describe('When the key was created.'),
  lastUsedDate: date
    .optional()
    .describe('`GetAccessKeyLastUsed`: when the key last signed a request; absent when never.'),
  lastUsedService: z.string().optional().describe('The service the key was last used with (`s3`).'),
  lastUsedRegion: z.string().optional().describe('The region the key was last used in (`us-east-1`).'),
}).describe('An access key: IAM `AccessKeyMetadata` plus the secret.');

export const MfaDeviceSchema = strict({
  serialNumber: pattern(
    /^[\w+=/:,.@-]{9,256}$/,
    'an MFA serial number',
    'a virtual MFA device is `arn:aws:iam::ACCOUNT:mfa/NAME`',
  ).describe('The serial number; for a virtual device its ARN, `arn:aws:iam::ACCOUNT:mfa/NAME`.'),
  enableDate: date.optional().describe('When the device was enabled.'),
  seed: pattern(
    /^[A-Z2-7]{16,128}=*$/,
    'a base32 TOTP seed',
    'a virtual MFA seed is base32: capital letters and digits 2 to 7',
  )
    .optional()
    .describe(
      '`Base32StringSeed` of a virtual device: the simulator checks `TokenCode`s against it (TOTP, RFC 6238, 30 s, 6 digits).',
    ),
}).describe('An MFA device assigned to a user.');

export const RootUserSchema = strict({
  mfaEnabled: z.boolean().describe('Whether an MFA device is assigned to the root user (AWS recommends it).'),
  accessKeys: z
    .array(AccessKeySchema)
    .max(2, {
      error: (iss) =>
        enc(
          `the root user can have at most 2 access keys, found ${count(iss.input)}`,
          undefined,
          'validate.world.limit',
        ),
    })
    .optional()
    .describe('Root access keys (AWS recommends none).'),
  passwordLastUsed: date.optional().describe('When the root user last signed in to the console; absent when never.'),
}).describe('The account root user: what the IAM console security recommendations look at.');

export const AccountSchema = strict({
  id: accountId,
  name: z.string().max(50).optional().describe('A name for the account (shown instead of its id).'),
  alias: pattern(
    /^[a-z0-9]([a-z0-9-]{1,61}[a-z0-9])?$/,
    'an account alias',
    'an alias has 3 to 63 lowercase letters, digits and hyphens',
  )
    .optional()
    .describe('The account alias (`https://ALIAS.signin.aws.amazon.com/console`).'),
  root: RootUserSchema.optional(),
}).describe('An AWS account.');

export const LoginProfileSchema = strict({
  createDate: date.describe('When the console password was set.'),
  passwordResetRequired: z.boolean().optional().describe('The user must choose a new password at the next sign-in.'),
  passwordLastUsed: date.optional().describe('When the password was last used to sign in; absent when never.'),
}).describe('A console password (`GetLoginProfile`); absent: the user cannot sign in to the console.');

export const InlinePolicySchema = strict({
  name: pattern(
    /^[\w+=,.@-]{1,128}$/,
    'a policy name',
    'a policy name has 1 to 128 letters, digits and `+=,.@_-`',
  ).describe('The inline policy name, unique on its principal.'),
  document: policyDocument,
}).describe('An inline policy, embedded in one user, group or role.');

export const PolicyVersionSchema = strict({
  versionId: pattern(/^v[1-9]\d{0,5}$/, 'a version id such as `v1`').describe('`v1`, `v2`, …'),
  document: policyDocument,
  createDate: date.optional().describe('When this version was created.'),
}).describe('A version of a managed policy.');

export const ManagedPolicySchema = strict({
  arn: managedPolicyArn,
  description: z.string().max(1000).optional().describe('What the policy is for.'),
  createDate: date.optional().describe('When the policy was created.'),
  versions: z
    .array(PolicyVersionSchema)
    .min(1, { error: () => enc('a managed policy needs at least one version', undefined, 'validate.world.missing') })
    .describe(
      'The versions: at most five for a customer managed policy, as in IAM (AWS managed policies keep their whole history).',
    ),
  defaultVersion: z.string().describe('The id of the version in effect (`v2`); it must be one of `versions`.'),
}).describe('A customer managed policy, or an AWS managed policy the world uses.');

export const UserSchema = strict({
  account: accountId.describe('The account the user belongs to (one of `accounts`).'),
  name: pattern(/^[\w+=,.@-]{1,64}$/, 'a user name', 'a user name has 1 to 64 letters, digits and `+=,.@_-`').describe(
    'The user name, unique in its account.',
  ),
  path: iamPath.optional(),
  id: pattern(/^AIDA[A-Z0-9]{16,124}$/, 'a user id', 'a user id is `AIDA` and 16 or more capital letters or digits')
    .optional()
    .describe('The unique id (`AIDA…`); derived from the ARN when absent.'),
  inlinePolicies: z.array(InlinePolicySchema).optional().describe('Policies embedded in the user.'),
  managedPolicies: managedPolicyList.optional(),
  groups: z.array(z.string()).optional().describe('Names of the groups (in the same account) the user belongs to.'),
  permissionsBoundary: permissionsBoundary.optional(),
  tags: tags.optional(),
  createDate: date.optional().describe('When the user was created.'),
  loginProfile: LoginProfileSchema.optional(),
  mfaDevices: z.array(MfaDeviceSchema).max(8).optional().describe('MFA devices assigned to the user.'),
  accessKeys: z
    .array(AccessKeySchema)
    .max(2, {
      error: (iss) =>
        enc(
          `a user can have at most 2 access keys, found ${count(iss.input)}`,
          'IAM allows two, so that a key can be rotated',
        ),
    })
    .optional()
    .describe('Long-term access keys: at most two, as in IAM.'),
}).describe('An IAM user: `arn:aws:iam::ACCOUNT:user/PATH/NAME`.');

export const GroupSchema = strict({
  account: accountId.describe('The account the group belongs to (one of `accounts`).'),
  name: pattern(
    /^[\w+=,.@-]{1,128}$/,
    'a group name',
    'a group name has 1 to 128 letters, digits and `+=,.@_-`',
  ).describe('The group name, unique in its account.'),
  path: iamPath.optional(),
  inlinePolicies: z.array(InlinePolicySchema).optional().describe('Policies embedded in the group.'),
  managedPolicies: managedPolicyList.optional(),
}).describe('An IAM group: its users get its policies.');

const sessionDuration = () =>
  enc(
    '`maxSessionDuration` must be a whole number of seconds from 3600 to 43200',
    'IAM allows one to twelve hours',
    'validate.world.limit',
  );

export const RoleSchema = strict({
  account: accountId.describe('The account the role belongs to (one of `accounts`).'),
  name: pattern(/^[\w+=,.@-]{1,64}$/, 'a role name', 'a role name has 1 to 64 letters, digits and `+=,.@_-`').describe(
    'The role name, unique in its account.',
  ),
  path: iamPath.optional(),
  id: pattern(/^AROA[A-Z0-9]{16,124}$/, 'a role id', 'a role id is `AROA` and 16 or more capital letters or digits')
    .optional()
    .describe('The unique id (`AROA…`); derived from the ARN when absent.'),
  trustPolicy: policyDocument.describe('The role trust policy: who may assume the role.'),
  inlinePolicies: z.array(InlinePolicySchema).optional().describe('Policies embedded in the role.'),
  managedPolicies: managedPolicyList.optional(),
  permissionsBoundary: permissionsBoundary.optional(),
  tags: tags.optional(),
  maxSessionDuration: z
    .int({ error: sessionDuration })
    .min(3600, { error: sessionDuration })
    .max(43200, { error: sessionDuration })
    .optional()
    .describe('The longest session, in seconds: 3600 to 43200; default 3600.'),
  description: z.string().max(1000).optional().describe('What the role is for.'),
  createDate: date.optional().describe('When the role was created.'),
  instanceProfiles: z
    .array(
      pattern(
        /^[\w+=,.@-]{1,128}$/,
        'an instance profile name',
        'an instance profile name has 1 to 128 letters, digits and `+=,.@_-`',
      ),
    )
    .optional()
    .describe('Names of the instance profiles (same account) that contain this role; EC2 instances name one.'),
  serviceLinked: z
    .boolean()
    .optional()
    .describe('A service-linked role (path `/aws-service-role/…`): only its service may change it.'),
  lastUsedDate: date.optional().describe('`RoleLastUsed.LastUsedDate`: when the role was last assumed.'),
}).describe('An IAM role: `arn:aws:iam::ACCOUNT:role/PATH/NAME`.');

export const OidcProviderSchema = strict({
  type: z.literal('OIDC').describe('An OpenID Connect provider.'),
  account: accountId.describe('The account the provider belongs to.'),
  url: pattern(/^https:\/\/[\x21-\x7E]{1,250}$/, 'an OIDC issuer URL', 'the URL begins with `https://`').describe(
    'The issuer URL (`https://token.actions.githubusercontent.com`); the ARN is `arn:aws:iam::ACCOUNT:oidc-provider/HOST`.',
  ),
  clientIds: z
    .array(z.string().min(1).max(255))
    .max(100)
    .describe('The audiences (`aud`) the provider issues tokens for.'),
  thumbprints: z
    .array(pattern(/^[0-9a-fA-F]{40}$/, 'a certificate thumbprint', 'a thumbprint is 40 hexadecimal digits'))
    .max(5)
    .optional()
    .describe('SHA-1 thumbprints of the provider certificates.'),
  tags: tags.optional(),
}).describe('An IAM OIDC identity provider.');

export const SamlProviderSchema = strict({
  type: z.literal('SAML').describe('A SAML 2.0 provider.'),
  account: accountId.describe('The account the provider belongs to.'),
  name: pattern(/^[\w._-]{1,128}$/, 'a SAML provider name').describe(
    'The provider name; the ARN is `arn:aws:iam::ACCOUNT:saml-provider/NAME`.',
  ),
  samlMetadataDocument: z.string().optional().describe('The SAML metadata XML.'),
  tags: tags.optional(),
}).describe('An IAM SAML identity provider.');

export const IdentityProviderSchema = z
  .discriminatedUnion('type', [OidcProviderSchema, SamlProviderSchema])
  .describe('An IAM identity provider: `OIDC` or `SAML`.');

// ---------------------------------------------------------------------------------------------
// Resources

const resourceBase = {
  arn: z.string(),
  account: accountId
    .optional()
    .describe('The owning account; default: the ARN account (S3 bucket ARNs have none, so give it).'),
  policy: policyDocument
    .optional()
    .describe('The resource-based policy (bucket policy, key policy, queue policy, function policy, …).'),
  tags: tags.optional(),
};
const arnOf = (re: string, what: string, example: string) =>
  pattern(new RegExp(`^arn:aws[a-z-]*:${re}$`), what, `such as \`${example}\``).describe(
    `The ARN, such as \`${example}\`.`,
  );

export const OtherResourceSchema = strict(
  {
    type: z.literal('other').optional().describe('A resource the world knows only by ARN (any service).'),
    ...resourceBase,
    arn: pattern(
      /^arn:[a-z-]+:[a-z0-9-]+:/,
      'an ARN',
      'an ARN is `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`',
    ).describe('The ARN of the resource.'),
  },
  typedResourceHint,
).describe('A resource known only by ARN.');

/** For a key of a typed resource on one without `type`: which `type` has it. */
function typedResourceHint(key: string): string | undefined {
  const types = RESOURCE_SCHEMAS.filter(([, s]) => key in s.shape).map(([t]) => `\`${t}\``);
  return types.length > 0 ? `\`${key}\` is a field of a resource whose \`type\` is ${types.join(' or ')}` : undefined;
}

export const BlockPublicAccessSchema = strict({
  blockPublicAcls: z.boolean().optional().describe('Refuse new public ACLs.'),
  ignorePublicAcls: z.boolean().optional().describe('Ignore existing public ACLs.'),
  blockPublicPolicy: z.boolean().optional().describe('Refuse a bucket policy that grants public access.'),
  restrictPublicBuckets: z
    .boolean()
    .optional()
    .describe('Only AWS principals and the owner may use a bucket with a public policy.'),
}).describe('S3 Block Public Access (`PublicAccessBlockConfiguration`); absent fields are false.');

export const S3ObjectSchema = strict({
  key: z.string().min(1).max(1024).describe('The object key (`public/cat.png`).'),
  body: z.string().describe('The bytes: UTF-8 text, or base64 when `encoding` is `base64`.'),
  encoding: z.enum(['utf8', 'base64']).optional().describe('How `body` is written; default `utf8`.'),
  contentType: z.string().optional().describe('The `Content-Type` (`image/png`).'),
  tags: tags.optional(),
  lastModified: date.optional().describe('When the object was last written.'),
}).describe('An object in a bucket.');

export const S3BucketSchema = strict({
  type: z.literal('s3-bucket').describe('An Amazon S3 bucket.'),
  ...resourceBase,
  arn: arnOf('s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]', 'an S3 bucket ARN', 'arn:aws:s3:::example-photos'),
  region: pattern(new RegExp(`^${REGION}$`), 'a region such as `us-east-1`')
    .optional()
    .describe('The bucket region; `us-east-1` by default.'),
  blockPublicAccess: BlockPublicAccessSchema.optional(),
  objects: z.array(S3ObjectSchema).optional().describe('The objects in the bucket.'),
}).describe('An S3 bucket with its bucket policy and objects.');

const attributeName = z.string().min(1).max(255);
export const DynamoDbTableSchema = strict({
  type: z.literal('dynamodb-table').describe('An Amazon DynamoDB table.'),
  ...resourceBase,
  arn: arnOf(
    `dynamodb:${REGION}:\\d{12}:table/[A-Za-z0-9_.-]{3,255}`,
    'a DynamoDB table ARN',
    'arn:aws:dynamodb:us-east-1:111122223333:table/Notes',
  ),
  keySchema: z
    .array(
      strict({
        attributeName: attributeName.describe('The key attribute.'),
        keyType: z.enum(['HASH', 'RANGE']).describe('`HASH` (partition key) or `RANGE` (sort key).'),
      }),
    )
    .min(1)
    .max(2)
    .describe('The primary key: a `HASH` attribute, then optionally a `RANGE` one.'),
  attributeDefinitions: z
    .array(
      strict({
        attributeName: attributeName.describe('The attribute.'),
        attributeType: z.enum(['S', 'N', 'B']).describe('`S` string, `N` number, `B` binary.'),
      }),
    )
    .min(1)
    .describe('The types of the key attributes.'),
  items: z
    .array(z.record(z.string(), z.record(z.string(), z.unknown())))
    .optional()
    .describe('Items in DynamoDB JSON: `{ "id": { "S": "1" }, "n": { "N": "2" } }`.'),
}).describe('A DynamoDB table with its items.');

export const LambdaFunctionSchema = strict({
  type: z.literal('lambda-function').describe('An AWS Lambda function.'),
  ...resourceBase,
  arn: arnOf(
    `lambda:${REGION}:\\d{12}:function:[A-Za-z0-9_-]{1,64}`,
    'a Lambda function ARN',
    'arn:aws:lambda:us-east-1:111122223333:function:resize',
  ),
  role: roleArn.describe('The execution role ARN: the function runs with its credentials.'),
  runtime: z.string().optional().describe('The runtime (`nodejs22.x`).'),
  handler: z.string().optional().describe('The handler (`index.handler`).'),
}).describe('A Lambda function with its execution role and resource policy.');

export const Ec2InstanceSchema = strict({
  type: z.literal('ec2-instance').describe('An Amazon EC2 instance.'),
  ...resourceBase,
  arn: arnOf(
    `ec2:${REGION}:\\d{12}:instance/i-[0-9a-f]{8,17}`,
    'an EC2 instance ARN',
    'arn:aws:ec2:us-east-1:111122223333:instance/i-0abc1234def567890',
  ),
  instanceProfile: pattern(
    INSTANCE_PROFILE_ARN_RE,
    'an instance profile ARN',
    'an instance profile ARN is `arn:aws:iam::ACCOUNT:instance-profile/NAME`',
  )
    .optional()
    .describe(
      'ARN of the instance profile (`arn:aws:iam::ACCOUNT:instance-profile/NAME`); its role credentials come from IMDS.',
    ),
  httpTokens: z
    .enum(['optional', 'required'])
    .describe('IMDS `HttpTokens`: `required` is IMDSv2 only; `optional` also answers IMDSv1.'),
  storedAccessKeys: z
    .array(pattern(ACCESS_KEY_ID_RE, 'an access key id'))
    .optional()
    .describe('Ids of long-term access keys stored on the instance (a bad practice the checklist flags).'),
}).describe('An EC2 instance with its instance profile.');

export const KmsKeySchema = strict({
  type: z.literal('kms-key').describe('An AWS KMS key.'),
  ...resourceBase,
  arn: arnOf(
    `kms:${REGION}:\\d{12}:key/(mrk-[0-9a-f]{32}|${UUID})`,
    'a KMS key ARN',
    'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  ),
  description: z.string().max(8192).optional().describe('What the key is for.'),
}).describe('A KMS key with its key policy.');

export const SqsQueueSchema = strict({
  type: z.literal('sqs-queue').describe('An Amazon SQS queue.'),
  ...resourceBase,
  arn: arnOf(
    `sqs:${REGION}:\\d{12}:[A-Za-z0-9_-]{1,80}(\\.fifo)?`,
    'an SQS queue ARN',
    'arn:aws:sqs:us-east-1:111122223333:orders',
  ),
}).describe('An SQS queue with its queue policy.');

export const SnsTopicSchema = strict({
  type: z.literal('sns-topic').describe('An Amazon SNS topic.'),
  ...resourceBase,
  arn: arnOf(
    `sns:${REGION}:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?`,
    'an SNS topic ARN',
    'arn:aws:sns:us-east-1:111122223333:alerts',
  ),
}).describe('An SNS topic with its topic policy.');

export const SecretSchema = strict({
  type: z.literal('secretsmanager-secret').describe('An AWS Secrets Manager secret.'),
  ...resourceBase,
  arn: arnOf(
    `secretsmanager:${REGION}:\\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}`,
    'a Secrets Manager secret ARN',
    'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf',
  ),
  secretString: z.string().optional().describe('The secret current value (`SecretString`).'),
}).describe('A Secrets Manager secret with its resource policy.');

export const RESOURCE_TYPES = [
  'other',
  's3-bucket',
  'dynamodb-table',
  'lambda-function',
  'ec2-instance',
  'kms-key',
  'sqs-queue',
  'sns-topic',
  'secretsmanager-secret',
] as const;

const RESOURCE_SCHEMAS = [
  ['s3-bucket', S3BucketSchema],
  ['dynamodb-table', DynamoDbTableSchema],
  ['lambda-function', LambdaFunctionSchema],
  ['ec2-instance', Ec2InstanceSchema],
  ['kms-key', KmsKeySchema],
  ['secretsmanager-secret', SecretSchema],
] as const;

export const ResourceSchema = z
  .discriminatedUnion('type', [
    OtherResourceSchema,
    S3BucketSchema,
    DynamoDbTableSchema,
    LambdaFunctionSchema,
    Ec2InstanceSchema,
    KmsKeySchema,
    SqsQueueSchema,
    SnsTopicSchema,
    SecretSchema,
  ])
  .describe('A resource with a resource-based policy and/or tags; `type` says which service it belongs to.');

// ---------------------------------------------------------------------------------------------
// Amazon Cognito

export const PasswordPolicySchema = strict({
  minimumLength: z.int().min(6).max(99).describe('The shortest password: 6 to 99; a new pool uses 8.'),
  requireUppercase: z.boolean().describe('Require an uppercase letter.'),
  requireLowercase: z.boolean().describe('Require a lowercase letter.'),
  requireNumbers: z.boolean().describe('Require a digit.'),
  requireSymbols: z.boolean().describe('Require a symbol.'),
  passwordHistorySize: z
    .int()
    .min(0)
    .max(24)
    .optional()
    .describe('How many earlier passwords cannot be reused (0 to 24).'),
  temporaryPasswordValidityDays: z
    .int()
    .min(0)
    .max(365)
    .optional()
    .describe('Days an admin-set temporary password stays valid; default 7.'),
}).describe('`PasswordPolicyType`. A new pool default: 8 characters, all four classes, temporary passwords 7 days.');

export const ExplicitAuthFlowSchema = z
  .enum([
    'ALLOW_USER_AUTH',
    'ALLOW_USER_SRP_AUTH',
    'ALLOW_USER_PASSWORD_AUTH',
    'ALLOW_CUSTOM_AUTH',
    'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    'ALLOW_REFRESH_TOKEN_AUTH',
  ])
  .describe('An authentication flow the app client allows.');
export const TokenValidityUnitSchema = z
  .enum(['seconds', 'minutes', 'hours', 'days'])
  .describe('The unit of a token validity.');

export const UserPoolClientSchema = strict({
  clientId: pattern(
    /^[\w+]{1,128}$/,
    'an app client id',
    'an app client id is letters and digits (26 in practice)',
  ).describe('The app client id (26 lowercase letters and digits in practice); the `aud` of ID tokens.'),
  clientName: pattern(/^[\w\s+=,.@-]{1,128}$/, 'an app client name').describe('The app client name.'),
  clientSecret: pattern(/^[\w+]{1,64}$/, 'an app client secret')
    .optional()
    .describe('Present when the client was created with `GenerateSecret`: calls then need `SECRET_HASH`.'),
  explicitAuthFlows: z
    .array(ExplicitAuthFlowSchema)
    .optional()
    .describe('Default when omitted: `ALLOW_REFRESH_TOKEN_AUTH`, `ALLOW_USER_SRP_AUTH`, `ALLOW_CUSTOM_AUTH`.'),
  accessTokenValidity: z
    .int()
    .min(1)
    .optional()
    .describe('In `tokenValidityUnits.accessToken` (default hours): 5 minutes to 1 day; default 1 hour.'),
  idTokenValidity: z
    .int()
    .min(1)
    .optional()
    .describe('In `tokenValidityUnits.idToken` (default hours): 5 minutes to 1 day; default 1 hour.'),
  refreshTokenValidity: z
    .int()
    .min(1)
    .optional()
    .describe('In `tokenValidityUnits.refreshToken` (default days): 60 minutes to 10 years; default 30 days.'),
  tokenValidityUnits: strict({
    accessToken: TokenValidityUnitSchema.optional(),
    idToken: TokenValidityUnitSchema.optional(),
    refreshToken: TokenValidityUnitSchema.optional(),
  })
    .optional()
    .describe('The units of the three validities.'),
  preventUserExistenceErrors: z
    .enum(['ENABLED', 'LEGACY'])
    .optional()
    .describe('`ENABLED`: sign-in errors do not reveal whether a user exists.'),
  enableTokenRevocation: z.boolean().optional().describe('Refresh tokens can be revoked.'),
}).describe('An app client (`UserPoolClientType`).');

export const UserStatusSchema = z
  .enum([
    'UNCONFIRMED',
    'CONFIRMED',
    'ARCHIVED',
    'COMPROMISED',
    'UNKNOWN',
    'RESET_REQUIRED',
    'FORCE_CHANGE_PASSWORD',
    'EXTERNAL_PROVIDER',
  ])
  .describe('`UserStatusType`: `CONFIRMED` users sign in; `FORCE_CHANGE_PASSWORD` ones must set a new password first.');

export const UserPoolUserSchema = strict({
  username: pattern(/^[^\s]{1,128}$/, 'a user name', 'a user name has 1 to 128 characters and no spaces').describe(
    'The user name, unique in the pool.',
  ),
  attributes: z
    .array(
      strict({
        name: pattern(/^[^\s]{1,32}$/, 'an attribute name').describe('`sub`, `email`, `email_verified`, `custom:…`'),
        value: z.string().max(2048).describe('The attribute value.'),
      }),
    )
    .describe('`sub` (a UUID), `email`, `email_verified`, `custom:…`: as `AttributeType { Name, Value }`.'),
  userStatus: UserStatusSchema,
  enabled: z.boolean().optional().describe('Default true; a disabled user cannot sign in.'),
  password: z
    .string()
    .optional()
    .describe('The password, kept in the clear so the simulator can compute SRP verifiers; a learning world only.'),
  groups: z.array(z.string()).optional().describe('Names of the pool groups the user is in.'),
  softwareTokenSecret: pattern(
    /^[A-Z2-7]{16,128}=*$/,
    'a base32 TOTP secret',
    'a TOTP secret is base32: capital letters and digits 2 to 7',
  )
    .optional()
    .describe(
      'The TOTP secret of an authenticator app (`AssociateSoftwareToken`): with it the user has `SOFTWARE_TOKEN_MFA`, asked at sign-in when the pool MFA is `ON` or `OPTIONAL`.',
    ),
  userCreateDate: date.optional().describe('When the user was created.'),
}).describe('A user of a user pool (`UserType`).');

export const UserPoolGroupSchema = strict({
  groupName: pattern(/^[^\s]{1,128}$/, 'a group name', 'a group name has 1 to 128 characters and no spaces').describe(
    'The group name, unique in the pool (`cognito:groups`).',
  ),
  description: z.string().max(2048).optional().describe('What the group is for.'),
  roleArn: roleArn.optional().describe('The IAM role of the group (`cognito:roles`, `cognito:preferred_role`).'),
  precedence: z.int().min(0).optional().describe('Non-negative; lower wins; absent is lowest.'),
}).describe('A user pool group (`GroupType`).');

const pooledAttribute = z.enum(['email', 'phone_number']);
export const UserPoolSchema = strict({
  account: accountId.describe('The account the pool belongs to.'),
  id: pattern(
    USER_POOL_ID_RE,
    'a user pool id',
    'a user pool id is the region, an underscore and a suffix, such as `us-east-1_AbC123xyZ`',
  ).describe('The pool id: the region, an underscore, and a suffix (`us-east-1_AbC123xyZ`).'),
  name: pattern(/^[\w\s+=,.@-]{1,128}$/, 'a user pool name').describe('The pool name.'),
  passwordPolicy: PasswordPolicySchema.optional(),
  mfaConfiguration: z.enum(['OFF', 'ON', 'OPTIONAL']).optional().describe('`OFF` by default.'),
  allowAdminCreateUserOnly: z
    .boolean()
    .optional()
    .describe('`AdminCreateUserConfig.AllowAdminCreateUserOnly`: true means no self sign-up.'),
  usernameAttributes: z
    .array(pooledAttribute)
    .optional()
    .describe('`email` and/or `phone_number` may be used as the user name.'),
  autoVerifiedAttributes: z
    .array(pooledAttribute)
    .optional()
    .describe('Attributes Cognito verifies by sending a code.'),
  clients: z.array(UserPoolClientSchema).optional().describe('The app clients.'),
  users: z.array(UserPoolUserSchema).optional().describe('The users.'),
  groups: z.array(UserPoolGroupSchema).optional().describe('The groups.'),
}).describe('An Amazon Cognito user pool (`UserPoolType`).');

export const RoleMappingSchema = strict({
  type: z
    .enum(['Token', 'Rules'])
    .describe('`Token`: the role from `cognito:preferred_role`; `Rules`: the first matching rule.'),
  ambiguousRoleResolution: z
    .enum(['AuthenticatedRole', 'Deny'])
    .describe('When no rule matches or the token has no preferred role: the authenticated role, or deny.'),
  rulesConfiguration: strict({
    rules: z
      .array(
        strict({
          claim: z.string().min(1).max(64).describe('The token claim to compare (`cognito:groups`).'),
          matchType: z.enum(['Equals', 'Contains', 'StartsWith', 'NotEqual']).describe('How the claim is compared.'),
          value: z.string().min(1).max(128).describe('The value to compare with.'),
          roleARN: roleArn.describe('The role granted when the rule matches.'),
        }),
      )
      .min(1)
      .max(25)
      .describe('Rules, first match wins (1 to 25).'),
  })
    .optional()
    .describe('The rules of a `Rules` mapping.'),
}).describe('`RoleMapping` of an identity pool, per provider key.');

export const IdentityPoolSchema = strict({
  account: accountId.describe('The account the identity pool belongs to.'),
  identityPoolId: pattern(
    IDENTITY_POOL_ID_RE,
    'an identity pool id',
    'an identity pool id is the region, a colon and a UUID, such as `us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d`',
  ).describe('The pool id: the region, a colon and a UUID (`us-east-1:1a2b3c4d-…`); the `aud` of its tokens.'),
  identityPoolName: pattern(/^[\w ]{1,128}$/, 'an identity pool name').describe('The pool name.'),
  allowUnauthenticatedIdentities: z
    .boolean()
    .describe('Guests (no login) get identities and the unauthenticated role.'),
  allowClassicFlow: z.boolean().optional().describe('The basic (classic) flow; off by default.'),
  cognitoIdentityProviders: z
    .array(
      strict({
        providerName: pattern(
          COGNITO_PROVIDER_RE,
          'a user pool provider name',
          'such as `cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyZ`',
        ).describe('`cognito-idp.REGION.amazonaws.com/POOL_ID`: a user pool of the world.'),
        clientId: z.string().min(1).max(128).describe('An app client of that pool.'),
        serverSideTokenCheck: z
          .boolean()
          .optional()
          .describe('Check with the user pool that the user is still signed in.'),
      }),
    )
    .optional()
    .describe('The user pools (and app clients) whose tokens the pool accepts.'),
  supportedLoginProviders: z
    .record(z.string(), z.string())
    .optional()
    .describe('Social providers: `{ "accounts.google.com": "CLIENT_ID" }`.'),
  openIdConnectProviderARNs: z.array(z.string()).optional().describe('ARNs of IAM OIDC providers of the world.'),
  samlProviderARNs: z.array(z.string()).optional().describe('ARNs of IAM SAML providers of the world.'),
  developerProviderName: pattern(/^[\w._-]{1,128}$/, 'a developer provider name')
    .optional()
    .describe('The developer provider name (`login.example.app`).'),
  roles: strict({
    authenticated: roleArn.optional().describe('The role of signed-in identities.'),
    unauthenticated: roleArn.optional().describe('The role of guests.'),
  }).describe('`GetIdentityPoolRoles.Roles`: role ARNs.'),
  roleMappings: z
    .record(z.string(), RoleMappingSchema)
    .optional()
    .describe('By provider key: `cognito-idp.REGION.amazonaws.com/POOL_ID:CLIENT_ID` for a user pool.'),
  principalTagMappings: z
    .record(
      z.string(),
      strict({
        useDefaults: z.boolean().describe('Use the default tags (`aud` and `sub` for a user pool).'),
        principalTags: z.record(z.string(), z.string()).optional().describe('Tag key → claim.'),
      }),
    )
    .optional()
    .describe('`SetPrincipalTagAttributeMap`, by identity provider name: tag key → claim.'),
}).describe('An Amazon Cognito identity pool (`DescribeIdentityPool` plus `GetIdentityPoolRoles`).');

// ---------------------------------------------------------------------------------------------
// AWS Organizations

export const OrgPolicySchema = strict({
  id: z.string().min(1).max(130).describe('`p-…` id or a name; nodes refer to the policy by it.'),
  name: z.string().optional().describe('The policy name.'),
  type: z
    .enum(['SCP', 'RCP'], {
      error: (iss) => (iss.input === undefined ? undefined : enc('`type` must be `SCP` or `RCP`')),
    })
    .describe('A service control policy (caps principals) or a resource control policy (caps resources).'),
  document: policyDocument,
}).describe('A policy of AWS Organizations.');

export const OrgUnitSchema = strict({
  id: pattern(
    /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
    'a root or OU id',
    'a root id is such as `r-a1b2`, an OU id such as `ou-a1b2-c3d4e5f6`',
  ).describe('`r-…` for the root, `ou-…` for OUs.'),
  name: z.string().optional().describe('The name of the root or OU.'),
  scps: z.array(z.string()).optional().describe('Ids of attached SCPs (`FullAWSAccess` is built in).'),
  rcps: z
    .array(z.string())
    .optional()
    .describe('Ids of attached RCPs (`RCPFullAWSAccess` is always attached and implied).'),
  accounts: z.array(accountId).optional().describe('Member accounts directly under this node.'),
  get children(): z.ZodOptional<z.ZodArray<typeof OrgUnitSchema>> {
    return z.array(OrgUnitSchema).optional().describe('OUs under this node.');
  },
}).describe('A root or an OU of the organization tree.');

export const OrganizationSchema = strict({
  id: pattern(/^o-[a-z0-9]{10,32}$/, 'an organization id such as `o-a1b2c3d4e5`').describe(
    '`o-…`: the value of `aws:PrincipalOrgID` / `aws:ResourceOrgID`.',
  ),
  managementAccount: accountId.describe('The management account: SCPs and RCPs do not apply to it.'),
  root: OrgUnitSchema.describe('The root of the organization tree (`r-…`), with its OUs and accounts.'),
  policies: z.array(OrgPolicySchema).optional().describe('SCPs and RCPs.'),
  accountScps: z
    .record(z.string(), z.array(z.string()))
    .optional()
    .describe('SCPs attached to each member account itself (the last level of the path), by account id.'),
  accountRcps: z
    .record(z.string(), z.array(z.string()))
    .optional()
    .describe('RCPs attached to each member account itself, by account id.'),
}).describe('An AWS organization: the tree of OUs and accounts, with SCPs and RCPs.');

// ---------------------------------------------------------------------------------------------
// The world. Its keys are in the order the checks report them: what is referred to comes first.

export const WorldSchema = strict({
  format: z
    .int({ error: (iss) => (iss.input === undefined ? undefined : enc('`format` must be a whole number')) })
    .min(1)
    .max(WORLD_FORMAT, {
      error: (iss) =>
        enc(
          `the world is in format ${show(iss.input)}, newer than this version knows (${WORLD_FORMAT})`,
          'open it with a newer version of the playground',
          'validate.world.format-version',
        ),
    })
    .optional()
    .describe(`The world file format: ${WORLD_FORMAT} now; absent means 1 (older files are upgraded when loaded).`),
  accounts: z.array(AccountSchema).describe('The AWS accounts of the world.'),
  managedPolicies: z
    .array(ManagedPolicySchema)
    .optional()
    .describe('Customer managed policies and any AWS managed policy the world uses.'),
  groups: z.array(GroupSchema).optional().describe('IAM groups.'),
  users: z.array(UserSchema).optional().describe('IAM users.'),
  roles: z.array(RoleSchema).optional().describe('IAM roles.'),
  identityProviders: z.array(IdentityProviderSchema).optional().describe('IAM identity providers (OIDC and SAML).'),
  resources: z
    .array(ResourceSchema)
    .optional()
    .describe('Resources with their policies: buckets, tables, functions, instances, keys, queues, topics, secrets.'),
  userPools: z.array(UserPoolSchema).optional().describe('Amazon Cognito user pools.'),
  identityPools: z.array(IdentityPoolSchema).optional().describe('Amazon Cognito identity pools.'),
  organization: OrganizationSchema.optional(),
})
  .meta({ title: 'IAM Playground world' })
  .describe('A simulated AWS world: accounts, IAM, resources, Cognito and the organization.');

export type WorldCheck = { ok: true; value: z.infer<typeof WorldSchema> } | { ok: false; errors: WorldIssue[] };

function count(v: unknown): number {
  return Array.isArray(v) ? v.length : 0;
}

// ---------------------------------------------------------------------------------------------
// Checking

/** Checks a world value; on success the value itself is returned, typed (it is not copied). */
export function checkWorld(value: unknown): WorldCheck {
  let issues: WorldIssue[];
  try {
    issues = structuralIssues(value);
    issues.push(...checkReferences(value));
  } catch (e) {
    // A value built in code may nest past the stack (loadWorld refuses such text before parsing).
    return {
      ok: false,
      errors: [{ code: 'validate.world', message: 'the world could not be checked', help: String(e), path: [] }],
    };
  }
  if (issues.length === 0) return { ok: true, value: value as z.infer<typeof WorldSchema> };
  return { ok: false, errors: sortIssues(value, issues) };
}

function structuralIssues(value: unknown): WorldIssue[] {
  const r = WorldSchema.safeParse(value, { reportInput: true, error: genericMessage });
  if (r.success) return [];
  const out: WorldIssue[] = [];
  for (const iss of r.error.issues) out.push(...decodeIssue(iss));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ordering: issues come in schema order (unknown keys of an object first, then its fields in the
// order the schema lists them), arrays by index, map keys as they are written.

type AnySchema = z.core.$ZodType;

function defOf(s: AnySchema): { type: string; [k: string]: unknown } {
  return (s as unknown as { _zod: { def: { type: string } } })._zod.def;
}

function unwrap(s: AnySchema | undefined): AnySchema | undefined {
  for (let i = 0; s && i < 8; i++) {
    const d = defOf(s);
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') s = d.innerType as AnySchema;
    else if (d.type === 'pipe') s = d.in as AnySchema;
    else return s;
  }
  return s;
}

/** The object schema a union picks for `value` (by its discriminator), or the only object option. */
function pickOption(s: AnySchema, value: unknown): AnySchema | undefined {
  const d = defOf(s);
  const options = (d.options as AnySchema[]).map((o) => unwrap(o));
  const disc = d.discriminator as string | undefined;
  if (disc && value && typeof value === 'object') {
    const v = (value as Record<string, unknown>)[disc];
    for (const o of options) {
      if (!o || defOf(o).type !== 'object') continue;
      const field = (defOf(o).shape as Record<string, AnySchema>)[disc];
      const lit = field && unwrap(field);
      const values = lit ? ((defOf(lit).values as unknown[] | undefined) ?? []) : [];
      if (values.includes(v) || (v === undefined && field && defOf(field).type === 'optional')) return o;
    }
  }
  return options.find((o) => o && ['object', 'record', 'array'].includes(defOf(o).type));
}

function sortKey(root: unknown, path: WorldPath): number[] {
  const key: number[] = [];
  let schema: AnySchema | undefined = WorldSchema;
  let value: unknown = root;
  for (const seg of path) {
    schema = unwrap(schema);
    if (schema && defOf(schema).type === 'union') schema = unwrap(pickOption(schema, value));
    const type = schema ? defOf(schema).type : '';
    const obj =
      value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    if (typeof seg === 'number') {
      key.push(seg);
      schema = type === 'array' ? (defOf(schema!).element as AnySchema) : undefined;
      value = Array.isArray(value) ? value[seg] : undefined;
      continue;
    }
    const written = obj ? Object.keys(obj).indexOf(seg) : -1;
    if (type === 'object') {
      const shapeKeys = Object.keys(defOf(schema!).shape as object);
      const at = shapeKeys.indexOf(seg);
      key.push(at < 0 ? -1e6 + Math.max(0, written) : at);
      schema = at < 0 ? undefined : (defOf(schema!).shape as Record<string, AnySchema>)[seg];
    } else {
      key.push(written < 0 ? 1e6 : written);
      schema = type === 'record' ? (defOf(schema!).valueType as AnySchema) : undefined;
    }
    value = obj ? obj[seg] : undefined;
  }
  return key;
}

function sortIssues(value: unknown, issues: WorldIssue[]): WorldIssue[] {
  const keyed = issues.map((issue, i) => ({ issue, i, key: sortKey(value, issue.path) }));
  keyed.sort((a, b) => {
    const n = Math.min(a.key.length, b.key.length);
    for (let j = 0; j < n; j++) if (a.key[j] !== b.key[j]) return a.key[j] - b.key[j];
    return a.key.length - b.key.length || a.i - b.i;
  });
  return keyed.map((k) => k.issue);
}

export { ISSUE_CODES, suggest };

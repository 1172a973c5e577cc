/**
 * The simulated world as plain data: accounts with their root users, an organization tree with
 * SCPs and RCPs, IAM users, groups, roles, managed policies (with versions and a default version),
 * inline policies, identity providers, resources with their policies and tags, and Amazon Cognito
 * user pools and identity pools. Policy documents are JSON values (objects) or JSON text.
 *
 * Every type is inferred from the zod schema in `schema.ts` (its `describe` texts document each
 * field, and the editor shows them on hover); `types.test.ts` pins the shapes.
 *
 * Field names are the AWS APIs' names in camelCase (`ExplicitAuthFlows` → `explicitAuthFlows`,
 * `AllowUnauthenticatedIdentities` → `allowUnauthenticatedIdentities`); enumerated values are
 * spelled as the APIs spell them (`Active`, `FORCE_CHANGE_PASSWORD`, `AuthenticatedRole`). Dates are
 * ISO 8601 strings (`2024-03-01T12:00:00Z`).
 */
import type { z } from 'zod';
import type * as S from './schema';

/** A policy document: a JSON object, or its JSON text (ranges then refer to that text). */
export type PolicyDocument = string | Record<string, unknown>;

/** An access key (IAM `AccessKeyMetadata` plus the secret, which the simulator needs to check SigV4). */
export type AccessKey = z.infer<typeof S.AccessKeySchema>;
/** An MFA device (virtual: `arn:aws:iam::ACCT:mfa/NAME`). */
export type MfaDevice = z.infer<typeof S.MfaDeviceSchema>;
/** The account's root user: what the IAM console's security recommendations look at. */
export type RootUser = z.infer<typeof S.RootUserSchema>;
export type Account = z.infer<typeof S.AccountSchema>;
/** A console password (`GetLoginProfile`). */
export type LoginProfile = z.infer<typeof S.LoginProfileSchema>;
export type InlinePolicy = z.infer<typeof S.InlinePolicySchema>;
export type PolicyVersion = z.infer<typeof S.PolicyVersionSchema>;
/** A customer managed policy (`arn:aws:iam::ACCT:policy/PATH/NAME`) or an AWS managed one (`arn:aws:iam::aws:policy/NAME`). */
export type ManagedPolicy = z.infer<typeof S.ManagedPolicySchema>;
export type Tags = Record<string, string>;
export type User = z.infer<typeof S.UserSchema>;
export type Group = z.infer<typeof S.GroupSchema>;
export type Role = z.infer<typeof S.RoleSchema>;

/** An IAM identity provider: OIDC (`arn:aws:iam::ACCT:oidc-provider/HOST`) or SAML (`…:saml-provider/NAME`). */
export type IdentityProvider = OidcProvider | SamlProvider;
export type OidcProvider = z.infer<typeof S.OidcProviderSchema>;
export type SamlProvider = z.infer<typeof S.SamlProviderSchema>;

/** What every resource has: an ARN, an owner, a resource-based policy and tags. */
export interface ResourceBase {
  arn: string;
  /** The owning account; default: the ARN's account (S3 bucket ARNs have none, so give it). */
  account?: string;
  /** The resource-based policy (bucket policy, key policy, queue policy, function policy, …). */
  policy?: PolicyDocument;
  tags?: Tags;
}
/** A resource the world knows only by ARN (any service). */
export type OtherResource = z.infer<typeof S.OtherResourceSchema>;
/** S3 Block Public Access (`PublicAccessBlockConfiguration`); absent fields are false. */
export type BlockPublicAccess = z.infer<typeof S.BlockPublicAccessSchema>;
export type S3Object = z.infer<typeof S.S3ObjectSchema>;
export type S3Bucket = z.infer<typeof S.S3BucketSchema>;
/** A DynamoDB attribute value in the wire format (`{ "S": "x" }`, `{ "N": "1" }`, …). */
export type AttributeValue = Record<string, unknown>;
export type DynamoDbTable = z.infer<typeof S.DynamoDbTableSchema>;
export type LambdaFunction = z.infer<typeof S.LambdaFunctionSchema>;
export type Ec2Instance = z.infer<typeof S.Ec2InstanceSchema>;
export type KmsKey = z.infer<typeof S.KmsKeySchema>;
export type SqsQueue = z.infer<typeof S.SqsQueueSchema>;
export type SnsTopic = z.infer<typeof S.SnsTopicSchema>;
export type Secret = z.infer<typeof S.SecretSchema>;
/** A resource with a resource-based policy and/or tags: an S3 bucket, a KMS key, an SQS queue, … */
export type Resource =
  OtherResource | S3Bucket | DynamoDbTable | LambdaFunction | Ec2Instance | KmsKey | SqsQueue | SnsTopic | Secret;
/** The `type` of a resource (`other` when absent). */
export type ResourceType = (typeof S.RESOURCE_TYPES)[number];

/** `PasswordPolicyType`. A new pool's default: 8 characters, all four classes, temporary passwords 7 days. */
export type PasswordPolicy = z.infer<typeof S.PasswordPolicySchema>;
export type ExplicitAuthFlow = z.infer<typeof S.ExplicitAuthFlowSchema>;
export type TokenValidityUnit = z.infer<typeof S.TokenValidityUnitSchema>;
/** An app client (`UserPoolClientType`). */
export type UserPoolClient = z.infer<typeof S.UserPoolClientSchema>;
export type UserStatus = z.infer<typeof S.UserStatusSchema>;
/** A user of a user pool (`UserType`). */
export type UserPoolUser = z.infer<typeof S.UserPoolUserSchema>;
/** A user pool group (`GroupType`): `cognito:groups`, `cognito:roles`, `cognito:preferred_role`. */
export type UserPoolGroup = z.infer<typeof S.UserPoolGroupSchema>;
/** An Amazon Cognito user pool (`UserPoolType`). */
export type UserPool = z.infer<typeof S.UserPoolSchema>;
/** `RoleMapping` of an identity pool, per provider key. */
export type RoleMapping = z.infer<typeof S.RoleMappingSchema>;
/** An Amazon Cognito identity pool (`IdentityPool` of `DescribeIdentityPool` plus `GetIdentityPoolRoles`). */
export type IdentityPool = z.infer<typeof S.IdentityPoolSchema>;

/** A policy of AWS Organizations: a service control policy or a resource control policy. */
export type OrgPolicy = z.infer<typeof S.OrgPolicySchema>;
/** A root or an OU of the organization tree. */
export type OrgUnit = z.infer<typeof S.OrgUnitSchema>;
export type Organization = z.infer<typeof S.OrganizationSchema>;

/** A world: `format` is the file format (absent means 1; `migrateWorld` upgrades older ones). */
export type World = z.infer<typeof S.WorldSchema>;

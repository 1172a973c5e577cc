// The types inferred from the zod schema are the shapes the world's contract describes: the
// interfaces below are `types.ts` as it was written by hand (plus `format`). Checked by
// `npm run check` (tsc); at run time the test only lists the names it covers.
import { describe, expectTypeOf, it } from 'vitest';
import type * as T from './types';

/* eslint-disable @typescript-eslint/no-namespace */
namespace Intended {
  /** A policy document: a JSON object, or its JSON text (ranges then refer to that text). */
  export type PolicyDocument = string | Record<string, unknown>;

  /** An access key (IAM `AccessKeyMetadata` plus the secret, which the simulator needs to check SigV4). */
  export interface AccessKey {
    /** `AKIA…` (20 characters). */
    accessKeyId: string;
    /** 40 characters. */
    secretAccessKey: string;
    status: 'Active' | 'Inactive';
    createDate: string;
    /** `GetAccessKeyLastUsed`: absent when never used. */
    lastUsedDate?: string;
    lastUsedService?: string;
    lastUsedRegion?: string;
  }

  /** An MFA device (virtual: `arn:aws:iam::ACCT:mfa/NAME`). */
  export interface MfaDevice {
    serialNumber: string;
    enableDate?: string;
    /** Base32 TOTP seed of a virtual device. */
    seed?: string;
  }

  /** The account's root user: what the IAM console's security recommendations look at. */
  export interface RootUser {
    /** Whether an MFA device is assigned to the root user. */
    mfaEnabled: boolean;
    /** Root access keys (AWS recommends none). */
    accessKeys?: AccessKey[];
    /** When the root user last signed in to the console; absent when never. */
    passwordLastUsed?: string;
  }

  export interface Account {
    /** 12-digit account id. */
    id: string;
    name?: string;
    /** The account alias (sign-in URL). */
    alias?: string;
    root?: RootUser;
  }

  /** A console password (`GetLoginProfile`). */
  export interface LoginProfile {
    createDate: string;
    passwordResetRequired?: boolean;
    /** When the password was last used to sign in; absent when never. */
    passwordLastUsed?: string;
  }

  export interface InlinePolicy {
    name: string;
    document: PolicyDocument;
  }

  export interface PolicyVersion {
    /** `v1`, `v2`, … */
    versionId: string;
    document: PolicyDocument;
    createDate?: string;
  }

  /** A customer managed policy (`arn:aws:iam::ACCT:policy/PATH/NAME`) or an AWS managed one (`arn:aws:iam::aws:policy/NAME`). */
  export interface ManagedPolicy {
    arn: string;
    description?: string;
    createDate?: string;
    /** At most five versions, as in IAM. */
    versions: PolicyVersion[];
    /** The version that is in effect. */
    defaultVersion: string;
  }

  export type Tags = Record<string, string>;

  export interface User {
    account: string;
    name: string;
    /** `/` by default; `/division/` etc. */
    path?: string;
    /** The unique id (`AIDA…`); derived from the ARN when absent. */
    id?: string;
    inlinePolicies?: InlinePolicy[];
    /** ARNs of attached managed policies. */
    managedPolicies?: string[];
    /** Names of the groups (in the same account) the user belongs to. */
    groups?: string[];
    /** ARN of the managed policy used as permissions boundary. */
    permissionsBoundary?: string;
    tags?: Tags;
    createDate?: string;
    /** A console password; absent: the user cannot sign in to the console. */
    loginProfile?: LoginProfile;
    mfaDevices?: MfaDevice[];
    /** At most two, as in IAM. */
    accessKeys?: AccessKey[];
  }

  export interface Group {
    account: string;
    name: string;
    path?: string;
    inlinePolicies?: InlinePolicy[];
    managedPolicies?: string[];
  }

  export interface Role {
    account: string;
    name: string;
    path?: string;
    /** The unique id (`AROA…`); derived from the ARN when absent. */
    id?: string;
    /** The role trust policy: who may assume it. */
    trustPolicy: PolicyDocument;
    inlinePolicies?: InlinePolicy[];
    managedPolicies?: string[];
    permissionsBoundary?: string;
    tags?: Tags;
    /** Seconds, 3600 to 43200; default 3600. */
    maxSessionDuration?: number;
    description?: string;
    createDate?: string;
    /** Names of the instance profiles (same account) that contain this role; EC2 instances name one. */
    instanceProfiles?: string[];
    /** A service-linked role (`/aws-service-role/` path): only its service may change it. */
    serviceLinked?: boolean;
    /** `RoleLastUsed.LastUsedDate`. */
    lastUsedDate?: string;
  }

  /** An IAM identity provider: OIDC (`arn:aws:iam::ACCT:oidc-provider/HOST`) or SAML (`…:saml-provider/NAME`). */
  export type IdentityProvider = OidcProvider | SamlProvider;

  export interface OidcProvider {
    type: 'OIDC';
    account: string;
    /** `https://token.actions.githubusercontent.com` */
    url: string;
    clientIds: string[];
    thumbprints?: string[];
    tags?: Tags;
  }

  export interface SamlProvider {
    type: 'SAML';
    account: string;
    name: string;
    /** The SAML metadata XML. */
    samlMetadataDocument?: string;
    tags?: Tags;
  }

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
  export interface OtherResource extends ResourceBase {
    type?: 'other';
  }

  /** S3 Block Public Access (`PublicAccessBlockConfiguration`); absent fields are false. */
  export interface BlockPublicAccess {
    blockPublicAcls?: boolean;
    ignorePublicAcls?: boolean;
    blockPublicPolicy?: boolean;
    restrictPublicBuckets?: boolean;
  }

  export interface S3Object {
    key: string;
    /** The object's bytes: UTF-8 text, or base64 when `encoding` is `base64`. */
    body: string;
    encoding?: 'utf8' | 'base64';
    contentType?: string;
    tags?: Tags;
    lastModified?: string;
  }

  export interface S3Bucket extends ResourceBase {
    type: 's3-bucket';
    /** `us-east-1` by default. */
    region?: string;
    blockPublicAccess?: BlockPublicAccess;
    objects?: S3Object[];
  }

  /** A DynamoDB attribute value in the wire format (`{ "S": "x" }`, `{ "N": "1" }`, …). */
  export type AttributeValue = Record<string, unknown>;

  export interface DynamoDbTable extends ResourceBase {
    type: 'dynamodb-table';
    keySchema: { attributeName: string; keyType: 'HASH' | 'RANGE' }[];
    attributeDefinitions: { attributeName: string; attributeType: 'S' | 'N' | 'B' }[];
    /** Items in DynamoDB JSON. */
    items?: Record<string, AttributeValue>[];
  }

  export interface LambdaFunction extends ResourceBase {
    type: 'lambda-function';
    /** The execution role's ARN: the function runs with its credentials. */
    role: string;
    runtime?: string;
    handler?: string;
  }

  export interface Ec2Instance extends ResourceBase {
    type: 'ec2-instance';
    /** ARN of the instance profile (`arn:aws:iam::ACCT:instance-profile/NAME`); its role's credentials come from IMDS. */
    instanceProfile?: string;
    /** IMDS `HttpTokens`: `required` is IMDSv2 only; `optional` also answers IMDSv1. */
    httpTokens: 'optional' | 'required';
    /** Ids of long-term access keys stored on the instance (a bad practice the checklist flags). */
    storedAccessKeys?: string[];
  }

  export interface KmsKey extends ResourceBase {
    type: 'kms-key';
    description?: string;
  }

  export interface SqsQueue extends ResourceBase {
    type: 'sqs-queue';
  }

  export interface SnsTopic extends ResourceBase {
    type: 'sns-topic';
  }

  export interface Secret extends ResourceBase {
    type: 'secretsmanager-secret';
    /** The secret's current value (`SecretString`). */
    secretString?: string;
  }

  /** A resource with a resource-based policy and/or tags: an S3 bucket, a KMS key, an SQS queue, … */
  export type Resource =
    OtherResource | S3Bucket | DynamoDbTable | LambdaFunction | Ec2Instance | KmsKey | SqsQueue | SnsTopic | Secret;

  /** `PasswordPolicyType`. A new pool's default: 8 characters, all four classes, temporary passwords 7 days. */
  export interface PasswordPolicy {
    minimumLength: number;
    requireUppercase: boolean;
    requireLowercase: boolean;
    requireNumbers: boolean;
    requireSymbols: boolean;
    passwordHistorySize?: number;
    temporaryPasswordValidityDays?: number;
  }

  export type ExplicitAuthFlow =
    | 'ALLOW_USER_AUTH'
    | 'ALLOW_USER_SRP_AUTH'
    | 'ALLOW_USER_PASSWORD_AUTH'
    | 'ALLOW_CUSTOM_AUTH'
    | 'ALLOW_ADMIN_USER_PASSWORD_AUTH'
    | 'ALLOW_REFRESH_TOKEN_AUTH';

  export type TokenValidityUnit = 'seconds' | 'minutes' | 'hours' | 'days';

  /** An app client (`UserPoolClientType`). */
  export interface UserPoolClient {
    /** 26 lowercase alphanumerics in practice. */
    clientId: string;
    clientName: string;
    /** Present when the client was created with `GenerateSecret`: calls then need `SECRET_HASH`. */
    clientSecret?: string;
    /** Default when omitted: `ALLOW_REFRESH_TOKEN_AUTH`, `ALLOW_USER_SRP_AUTH`, `ALLOW_CUSTOM_AUTH`. */
    explicitAuthFlows?: ExplicitAuthFlow[];
    /** In `tokenValidityUnits.accessToken` (default hours); default 1 hour. */
    accessTokenValidity?: number;
    /** In `tokenValidityUnits.idToken` (default hours); default 1 hour. */
    idTokenValidity?: number;
    /** In `tokenValidityUnits.refreshToken` (default days); default 30 days. */
    refreshTokenValidity?: number;
    tokenValidityUnits?: {
      accessToken?: TokenValidityUnit;
      idToken?: TokenValidityUnit;
      refreshToken?: TokenValidityUnit;
    };
    preventUserExistenceErrors?: 'ENABLED' | 'LEGACY';
    enableTokenRevocation?: boolean;
  }

  export type UserStatus =
    | 'UNCONFIRMED'
    | 'CONFIRMED'
    | 'ARCHIVED'
    | 'COMPROMISED'
    | 'UNKNOWN'
    | 'RESET_REQUIRED'
    | 'FORCE_CHANGE_PASSWORD'
    | 'EXTERNAL_PROVIDER';

  /** A user of a user pool (`UserType`). */
  export interface UserPoolUser {
    username: string;
    /** `sub` (a UUID), `email`, `email_verified`, `custom:…`: as `AttributeType { Name, Value }`. */
    attributes: { name: string; value: string }[];
    userStatus: UserStatus;
    /** Default true. */
    enabled?: boolean;
    /** The password, kept in the clear so the simulator can compute SRP verifiers; a learning world only. */
    password?: string;
    /** Names of the pool's groups the user is in. */
    groups?: string[];
    /** Base32 TOTP secret: the user has SOFTWARE_TOKEN_MFA. */
    softwareTokenSecret?: string;
    userCreateDate?: string;
  }

  /** A user pool group (`GroupType`): `cognito:groups`, `cognito:roles`, `cognito:preferred_role`. */
  export interface UserPoolGroup {
    groupName: string;
    description?: string;
    roleArn?: string;
    /** Non-negative; lower wins; absent is lowest. */
    precedence?: number;
  }

  /** An Amazon Cognito user pool (`UserPoolType`). */
  export interface UserPool {
    account: string;
    /** `us-east-1_AbC123xyZ`: the region, an underscore, and a suffix. */
    id: string;
    name: string;
    passwordPolicy?: PasswordPolicy;
    /** `OFF` by default. */
    mfaConfiguration?: 'OFF' | 'ON' | 'OPTIONAL';
    /** `AdminCreateUserConfig.AllowAdminCreateUserOnly`: true means no self sign-up. */
    allowAdminCreateUserOnly?: boolean;
    /** `email` and/or `phone_number` may be used as the user name. */
    usernameAttributes?: ('email' | 'phone_number')[];
    autoVerifiedAttributes?: ('email' | 'phone_number')[];
    clients?: UserPoolClient[];
    users?: UserPoolUser[];
    groups?: UserPoolGroup[];
  }

  /** `RoleMapping` of an identity pool, per provider key. */
  export interface RoleMapping {
    type: 'Token' | 'Rules';
    ambiguousRoleResolution: 'AuthenticatedRole' | 'Deny';
    rulesConfiguration?: {
      rules: {
        claim: string;
        matchType: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';
        value: string;
        roleARN: string;
      }[];
    };
  }

  /** An Amazon Cognito identity pool (`IdentityPool` of `DescribeIdentityPool` plus `GetIdentityPoolRoles`). */
  export interface IdentityPool {
    account: string;
    /** `us-east-1:1a2b3c4d-…` */
    identityPoolId: string;
    identityPoolName: string;
    allowUnauthenticatedIdentities: boolean;
    /** The basic (classic) flow; off by default. */
    allowClassicFlow?: boolean;
    /** `providerName` is `cognito-idp.REGION.amazonaws.com/POOL_ID`. */
    cognitoIdentityProviders?: { providerName: string; clientId: string; serverSideTokenCheck?: boolean }[];
    /** `{ "accounts.google.com": "CLIENT_ID" }` */
    supportedLoginProviders?: Record<string, string>;
    openIdConnectProviderARNs?: string[];
    samlProviderARNs?: string[];
    developerProviderName?: string;
    /** `GetIdentityPoolRoles.Roles`: role ARNs. */
    roles: { authenticated?: string; unauthenticated?: string };
    /** By provider key: `cognito-idp.REGION.amazonaws.com/POOL_ID:CLIENT_ID` for a user pool. */
    roleMappings?: Record<string, RoleMapping>;
    /** `SetPrincipalTagAttributeMap`, by identity provider name: tag key → claim. */
    principalTagMappings?: Record<string, { useDefaults: boolean; principalTags?: Record<string, string> }>;
  }

  /** A policy of AWS Organizations: a service control policy or a resource control policy. */
  export interface OrgPolicy {
    /** `p-…` id or a name; nodes refer to it by this id. */
    id: string;
    name?: string;
    type: 'SCP' | 'RCP';
    document: PolicyDocument;
  }

  /** A root or an OU of the organization tree. */
  export interface OrgUnit {
    /** `r-…` for the root, `ou-…` for OUs. */
    id: string;
    name?: string;
    /** Ids of attached SCPs (`FullAWSAccess` is built in). */
    scps?: string[];
    /** Ids of attached RCPs (`RCPFullAWSAccess` is always attached and implied). */
    rcps?: string[];
    /** Member accounts directly under this node. */
    accounts?: string[];
    children?: OrgUnit[];
  }

  export interface Organization {
    /** `o-…`: the value of `aws:PrincipalOrgID` / `aws:ResourceOrgID`. */
    id: string;
    /** The management account: SCPs and RCPs do not apply to it. */
    managementAccount: string;
    root: OrgUnit;
    policies?: OrgPolicy[];
    /** SCPs attached to each member account itself (the last level of the path), by account id. */
    accountScps?: Record<string, string[]>;
    /** RCPs attached to each member account itself, by account id. */
    accountRcps?: Record<string, string[]>;
  }

  export interface World {
    format?: number;
    accounts: Account[];
    organization?: Organization;
    users?: User[];
    groups?: Group[];
    roles?: Role[];
    /** Customer managed policies and any AWS managed policy the world uses. */
    managedPolicies?: ManagedPolicy[];
    identityProviders?: IdentityProvider[];
    resources?: Resource[];
    userPools?: UserPool[];
    identityPools?: IdentityPool[];
  }
}
/* eslint-enable @typescript-eslint/no-namespace */

describe('types inferred from the schema', () => {
  it('equal the intended shapes, name by name', () => {
    expectTypeOf<T.PolicyDocument>().toEqualTypeOf<Intended.PolicyDocument>();
    expectTypeOf<T.AccessKey>().toEqualTypeOf<Intended.AccessKey>();
    expectTypeOf<T.MfaDevice>().toEqualTypeOf<Intended.MfaDevice>();
    expectTypeOf<T.RootUser>().toEqualTypeOf<Intended.RootUser>();
    expectTypeOf<T.Account>().toEqualTypeOf<Intended.Account>();
    expectTypeOf<T.LoginProfile>().toEqualTypeOf<Intended.LoginProfile>();
    expectTypeOf<T.InlinePolicy>().toEqualTypeOf<Intended.InlinePolicy>();
    expectTypeOf<T.PolicyVersion>().toEqualTypeOf<Intended.PolicyVersion>();
    expectTypeOf<T.ManagedPolicy>().toEqualTypeOf<Intended.ManagedPolicy>();
    expectTypeOf<T.Tags>().toEqualTypeOf<Intended.Tags>();
    expectTypeOf<T.User>().toEqualTypeOf<Intended.User>();
    expectTypeOf<T.Group>().toEqualTypeOf<Intended.Group>();
    expectTypeOf<T.Role>().toEqualTypeOf<Intended.Role>();
    expectTypeOf<T.IdentityProvider>().toEqualTypeOf<Intended.IdentityProvider>();
    expectTypeOf<T.OidcProvider>().toEqualTypeOf<Intended.OidcProvider>();
    expectTypeOf<T.SamlProvider>().toEqualTypeOf<Intended.SamlProvider>();
    expectTypeOf<T.ResourceBase>().toEqualTypeOf<Intended.ResourceBase>();
    expectTypeOf<T.OtherResource>().toEqualTypeOf<Intended.OtherResource>();
    expectTypeOf<T.BlockPublicAccess>().toEqualTypeOf<Intended.BlockPublicAccess>();
    expectTypeOf<T.S3Object>().toEqualTypeOf<Intended.S3Object>();
    expectTypeOf<T.S3Bucket>().toEqualTypeOf<Intended.S3Bucket>();
    expectTypeOf<T.AttributeValue>().toEqualTypeOf<Intended.AttributeValue>();
    expectTypeOf<T.DynamoDbTable>().toEqualTypeOf<Intended.DynamoDbTable>();
    expectTypeOf<T.LambdaFunction>().toEqualTypeOf<Intended.LambdaFunction>();
    expectTypeOf<T.Ec2Instance>().toEqualTypeOf<Intended.Ec2Instance>();
    expectTypeOf<T.KmsKey>().toEqualTypeOf<Intended.KmsKey>();
    expectTypeOf<T.SqsQueue>().toEqualTypeOf<Intended.SqsQueue>();
    expectTypeOf<T.SnsTopic>().toEqualTypeOf<Intended.SnsTopic>();
    expectTypeOf<T.Secret>().toEqualTypeOf<Intended.Secret>();
    expectTypeOf<T.Resource>().toEqualTypeOf<Intended.Resource>();
    expectTypeOf<T.PasswordPolicy>().toEqualTypeOf<Intended.PasswordPolicy>();
    expectTypeOf<T.ExplicitAuthFlow>().toEqualTypeOf<Intended.ExplicitAuthFlow>();
    expectTypeOf<T.TokenValidityUnit>().toEqualTypeOf<Intended.TokenValidityUnit>();
    expectTypeOf<T.UserPoolClient>().toEqualTypeOf<Intended.UserPoolClient>();
    expectTypeOf<T.UserStatus>().toEqualTypeOf<Intended.UserStatus>();
    expectTypeOf<T.UserPoolUser>().toEqualTypeOf<Intended.UserPoolUser>();
    expectTypeOf<T.UserPoolGroup>().toEqualTypeOf<Intended.UserPoolGroup>();
    expectTypeOf<T.UserPool>().toEqualTypeOf<Intended.UserPool>();
    expectTypeOf<T.RoleMapping>().toEqualTypeOf<Intended.RoleMapping>();
    expectTypeOf<T.IdentityPool>().toEqualTypeOf<Intended.IdentityPool>();
    expectTypeOf<T.OrgPolicy>().toEqualTypeOf<Intended.OrgPolicy>();
    expectTypeOf<T.OrgUnit>().toEqualTypeOf<Intended.OrgUnit>();
    expectTypeOf<T.Organization>().toEqualTypeOf<Intended.Organization>();
    expectTypeOf<T.World>().toEqualTypeOf<Intended.World>();
  });
});

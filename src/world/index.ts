export type {
  AccessKey,
  Account,
  AttributeValue,
  BlockPublicAccess,
  DynamoDbTable,
  Ec2Instance,
  ExplicitAuthFlow,
  IdentityPool,
  IdentityProvider,
  KmsKey,
  LambdaFunction,
  LoginProfile,
  MfaDevice,
  OidcProvider,
  OtherResource,
  PasswordPolicy,
  ResourceBase,
  RoleMapping,
  RootUser,
  S3Bucket,
  S3Object,
  SamlProvider,
  Secret,
  SnsTopic,
  SqsQueue,
  TokenValidityUnit,
  UserPool,
  UserPoolClient,
  UserPoolGroup,
  UserPoolUser,
  UserStatus,
  Group,
  InlinePolicy,
  ManagedPolicy,
  OrgPolicy,
  OrgUnit,
  Organization,
  PolicyDocument,
  PolicyVersion,
  Resource,
  Role,
  Tags,
  User,
  World,
  ResourceType,
} from './types';
export {
  checkWorld,
  formatPath,
  FULL_AWS_ACCESS,
  RCP_FULL_AWS_ACCESS,
  RESOURCE_TYPES,
  WORLD_FORMAT,
  WorldSchema,
} from './schema';
export { WORLD_SCHEMA_URI, worldJsonSchema } from './json-schema';
export type { WorldCheck, WorldIssue, WorldPath } from './schema';
export { loadWorld, readWorld } from './load';
export type { LoadOptions, ReadWorld } from './load';
export { migrateWorld } from './migrate';
export type { Migration } from './migrate';
export { DEFAULT_ACCOUNT, defaultWorld, emptyWorld } from './default-world';
export { placement } from './organization';
export type { OrgPlacement } from './organization';
export { authorize, FULL_AWS_ACCESS_DOCUMENT } from './authorize';
export type { AuthorizeOptions, Authorized, SessionFacts, WorldRequest } from './authorize';
export { parseDocument } from './documents';
export { managedPolicyLookup } from './managed';
export type { ManagedPolicyData } from './managed';
export { screenDocument, screenWith } from './documents';
export type { DocPlace, Refusal, Screen, Screened, StoredAs as WorldStoredAs, Validate } from './documents';
export type { RefusedDocument } from './authorize';
export { runCase } from './from-case';
export type { CaseAnswer, CaseError, CaseExplain, CaseOptions, DecidingStatement } from './from-case';

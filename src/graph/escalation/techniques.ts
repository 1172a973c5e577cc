/**
 * The escalation techniques as data: what each needs (actions, and the resource each is on), whom
 * it targets, and what it grants. The edge finder reads this list; the page reads it for its
 * legend. The 31 paths of IAM Vulnerable are here, sorted into pathfinding.cloud's categories, with
 * three more: changing the policies of a role one can assume (two), and an access key kept on an
 * instance one can run commands on.
 *
 * A required action's resource is a slot the edge finder fills for each candidate target:
 * - `target`: the target's ARN (the other user, the role, the group, the policy);
 * - `self`: the acting principal's own ARN (a user's or a role's);
 * - `role`: the role that is passed or driven;
 * - `resource`: the existing resource that is driven (a function, an instance, a stack);
 * - `*`: a resource the step creates, asked as `*`.
 */
import type { EscalationCategory } from '../types';

export type Slot = 'target' | 'self' | 'role' | 'resource' | '*';

export interface RequiredSpec {
  action: string;
  on: Slot;
}

/**
 * Whom a technique targets:
 * - `other-user`: another user of the acting principal's account;
 * - `role`: any role of the world (`sts:AssumeRole`: the trust policy decides) or of its account;
 * - `assumable-role`: a role the acting principal can assume (whose policies it changes first);
 * - `self`: the acting principal itself (`actor` says whether a user or a role can use it);
 * - `own-group`: a group the acting user is in;
 * - `group`: a group of the account the acting user is not in;
 * - `own-policy`: a customer managed policy attached to the acting principal or one of its groups;
 * - `passed-role`: a role of its account that trusts `service` (new-passrole);
 * - `existing`: an existing resource of kind `existing` whose role the world knows.
 */
export type TargetKind =
  'other-user' | 'role' | 'assumable-role' | 'self' | 'own-group' | 'group' | 'own-policy' | 'passed-role' | 'existing';

/**
 * The resources an existing-passrole technique drives. Stacks, dev endpoints and notebooks name
 * their role with the tag `iamplay:role`; `ec2-stored-key` is an instance that keeps a user's
 * access key (`storedAccessKeys`), and stands for that user.
 */
export type ExistingKind =
  | 'ec2-stored-key'
  | 'lambda-function'
  | 'ec2-instance'
  | 'cloudformation-stack'
  | 'glue-dev-endpoint'
  | 'sagemaker-notebook';

export interface Technique {
  /** The step's `kind`: `iam:CreateAccessKey`, `iam:PassRole+ec2:RunInstances`. */
  id: string;
  category: EscalationCategory;
  target: TargetKind;
  /** Which principals can use it (default both). */
  actor?: 'user' | 'role';
  /** new-passrole: the service principal the passed role must trust. */
  service?: string;
  existing?: ExistingKind;
  /** `principal`: the step makes its actor the target (a user or a role); `admin`: it makes the actor an administrator. */
  grants: 'principal' | 'admin';
  required: RequiredSpec[];
  /** A short name for the legend. */
  title: string;
  /** The step's sentence: `{from}`, `{to}` and `{resource}` are replaced by labels. */
  description: string;
}

const passRole: RequiredSpec = { action: 'iam:PassRole', on: 'role' };

/** The technique catalogue, in the order the legend lists it. */
export const TECHNIQUES: readonly Technique[] = [
  // principal-access: another principal's credentials or sessions
  {
    id: 'iam:CreateAccessKey',
    category: 'principal-access',
    target: 'other-user',
    grants: 'principal',
    required: [{ action: 'iam:CreateAccessKey', on: 'target' }],
    title: 'Create an access key for another user',
    description: '{from} can create an access key for {to} and sign in as {to}',
  },
  {
    id: 'iam:CreateLoginProfile',
    category: 'principal-access',
    target: 'other-user',
    grants: 'principal',
    required: [{ action: 'iam:CreateLoginProfile', on: 'target' }],
    title: 'Give another user a console password',
    description: '{from} can give {to} a console password and sign in to the console as {to}',
  },
  {
    id: 'iam:UpdateLoginProfile',
    category: 'principal-access',
    target: 'other-user',
    grants: 'principal',
    required: [{ action: 'iam:UpdateLoginProfile', on: 'target' }],
    title: 'Change another user’s console password',
    description: '{from} can change the console password of {to} and sign in to the console as {to}',
  },
  {
    id: 'sts:AssumeRole',
    category: 'principal-access',
    target: 'role',
    grants: 'principal',
    required: [{ action: 'sts:AssumeRole', on: 'target' }],
    title: 'Assume a role whose trust policy lets it in',
    description: '{from} can assume {to}',
  },
  {
    id: 'iam:UpdateAssumeRolePolicy',
    category: 'principal-access',
    target: 'role',
    grants: 'principal',
    required: [{ action: 'iam:UpdateAssumeRolePolicy', on: 'target' }],
    title: 'Rewrite a role’s trust policy, then assume it',
    description: '{from} can rewrite the trust policy of {to} to let itself in, then assume {to}',
  },
  {
    id: 'iam:AttachRolePolicy+sts:AssumeRole',
    category: 'principal-access',
    target: 'assumable-role',
    grants: 'admin',
    required: [
      { action: 'iam:AttachRolePolicy', on: 'target' },
      { action: 'sts:AssumeRole', on: 'target' },
    ],
    title: 'Attach a policy to a role it can assume, then assume it',
    description: '{from} can attach AdministratorAccess to {resource}, then assume it',
  },
  {
    id: 'iam:PutRolePolicy+sts:AssumeRole',
    category: 'principal-access',
    target: 'assumable-role',
    grants: 'admin',
    required: [
      { action: 'iam:PutRolePolicy', on: 'target' },
      { action: 'sts:AssumeRole', on: 'target' },
    ],
    title: 'Write a policy on a role it can assume, then assume it',
    description: '{from} can write {resource} an inline policy that allows everything, then assume it',
  },
  // self-escalation: more permissions for itself
  {
    id: 'iam:AttachUserPolicy',
    category: 'self-escalation',
    target: 'self',
    actor: 'user',
    grants: 'admin',
    required: [{ action: 'iam:AttachUserPolicy', on: 'self' }],
    title: 'Attach a managed policy to itself',
    description: '{from} can attach AdministratorAccess to itself',
  },
  {
    id: 'iam:PutUserPolicy',
    category: 'self-escalation',
    target: 'self',
    actor: 'user',
    grants: 'admin',
    required: [{ action: 'iam:PutUserPolicy', on: 'self' }],
    title: 'Write an inline policy on itself',
    description: '{from} can write itself an inline policy that allows everything',
  },
  {
    id: 'iam:AttachRolePolicy',
    category: 'self-escalation',
    target: 'self',
    actor: 'role',
    grants: 'admin',
    required: [{ action: 'iam:AttachRolePolicy', on: 'self' }],
    title: 'Attach a managed policy to its own role',
    description: '{from} can attach AdministratorAccess to its own role',
  },
  {
    id: 'iam:PutRolePolicy',
    category: 'self-escalation',
    target: 'self',
    actor: 'role',
    grants: 'admin',
    required: [{ action: 'iam:PutRolePolicy', on: 'self' }],
    title: 'Write an inline policy on its own role',
    description: '{from} can write its own role an inline policy that allows everything',
  },
  {
    id: 'iam:AttachGroupPolicy',
    category: 'self-escalation',
    target: 'own-group',
    actor: 'user',
    grants: 'admin',
    required: [{ action: 'iam:AttachGroupPolicy', on: 'target' }],
    title: 'Attach a managed policy to its own group',
    description: '{from} can attach AdministratorAccess to its group {resource}',
  },
  {
    id: 'iam:PutGroupPolicy',
    category: 'self-escalation',
    target: 'own-group',
    actor: 'user',
    grants: 'admin',
    required: [{ action: 'iam:PutGroupPolicy', on: 'target' }],
    title: 'Write an inline policy on its own group',
    description: '{from} can write its group {resource} an inline policy that allows everything',
  },
  {
    id: 'iam:CreatePolicyVersion',
    category: 'self-escalation',
    target: 'own-policy',
    grants: 'admin',
    required: [{ action: 'iam:CreatePolicyVersion', on: 'target' }],
    title: 'Write a new default version of a policy it holds',
    description: '{from} can make a new default version of {resource}, a policy it holds, that allows everything',
  },
  {
    id: 'iam:SetDefaultPolicyVersion',
    category: 'self-escalation',
    target: 'own-policy',
    grants: 'admin',
    required: [{ action: 'iam:SetDefaultPolicyVersion', on: 'target' }],
    title: 'Switch a policy it holds to a stronger version',
    description:
      '{from} can make an older version of {resource}, a policy it holds, the default and become an administrator',
  },
  {
    id: 'iam:AddUserToGroup',
    category: 'self-escalation',
    target: 'group',
    actor: 'user',
    grants: 'admin',
    required: [{ action: 'iam:AddUserToGroup', on: 'target' }],
    title: 'Join a group with administrator access',
    description: '{from} can add itself to the group {resource} and become an administrator',
  },
  // new-passrole: pass a role to a new resource that runs as it
  {
    id: 'iam:PassRole+ec2:RunInstances',
    category: 'new-passrole',
    target: 'passed-role',
    service: 'ec2.amazonaws.com',
    grants: 'principal',
    required: [passRole, { action: 'ec2:RunInstances', on: '*' }],
    title: 'Launch an EC2 instance with a role',
    description: '{from} can launch an EC2 instance with the instance profile of {to} and use its credentials',
  },
  {
    id: 'iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction',
    category: 'new-passrole',
    target: 'passed-role',
    service: 'lambda.amazonaws.com',
    grants: 'principal',
    required: [passRole, { action: 'lambda:CreateFunction', on: '*' }, { action: 'lambda:InvokeFunction', on: '*' }],
    title: 'Create and invoke a Lambda function with a role',
    description: '{from} can create a Lambda function that runs as {to} and invoke it',
  },
  {
    id: 'iam:PassRole+lambda:CreateFunction+lambda:CreateEventSourceMapping',
    category: 'new-passrole',
    target: 'passed-role',
    service: 'lambda.amazonaws.com',
    grants: 'principal',
    required: [
      passRole,
      { action: 'lambda:CreateFunction', on: '*' },
      { action: 'lambda:CreateEventSourceMapping', on: '*' },
    ],
    title: 'Create a Lambda function with a role and trigger it from a stream',
    description: '{from} can create a Lambda function that runs as {to} and have an event source trigger it',
  },
  {
    id: 'iam:PassRole+cloudformation:CreateStack',
    category: 'new-passrole',
    target: 'passed-role',
    service: 'cloudformation.amazonaws.com',
    grants: 'principal',
    required: [passRole, { action: 'cloudformation:CreateStack', on: '*' }],
    title: 'Create a CloudFormation stack with a service role',
    description: '{from} can create a CloudFormation stack that runs as {to}',
  },
  {
    id: 'iam:PassRole+codebuild:CreateProject+codebuild:StartBuild',
    category: 'new-passrole',
    target: 'passed-role',
    service: 'codebuild.amazonaws.com',
    grants: 'principal',
    required: [passRole, { action: 'codebuild:CreateProject', on: '*' }, { action: 'codebuild:StartBuild', on: '*' }],
    title: 'Create and start a CodeBuild project with a role',
    description: '{from} can create a CodeBuild project that runs as {to} and start a build',
  },
  {
    id: 'iam:PassRole+datapipeline:CreatePipeline',
    category: 'new-passrole',
    target: 'passed-role',
    service: 'datapipeline.amazonaws.com',
    grants: 'principal',
    required: [
      passRole,
      { action: 'datapipeline:CreatePipeline', on: '*' },
      { action: 'datapipeline:PutPipelineDefinition', on: '*' },
      { action: 'datapipeline:ActivatePipeline', on: '*' },
    ],
    title: 'Create and activate a Data Pipeline with a role',
    description: '{from} can create and activate a Data Pipeline that runs as {to}',
  },
  {
    id: 'iam:PassRole+glue:CreateDevEndpoint',
    category: 'new-passrole',
    target: 'passed-role',
    service: 'glue.amazonaws.com',
    grants: 'principal',
    required: [passRole, { action: 'glue:CreateDevEndpoint', on: '*' }],
    title: 'Create a Glue development endpoint with a role',
    description: '{from} can create a Glue development endpoint that runs as {to} and log in to it',
  },
  {
    id: 'iam:PassRole+sagemaker:CreateNotebookInstance',
    category: 'new-passrole',
    target: 'passed-role',
    service: 'sagemaker.amazonaws.com',
    grants: 'principal',
    required: [
      passRole,
      { action: 'sagemaker:CreateNotebookInstance', on: '*' },
      { action: 'sagemaker:CreatePresignedNotebookInstanceUrl', on: '*' },
    ],
    title: 'Create a SageMaker notebook with a role',
    description: '{from} can create a SageMaker notebook that runs as {to} and open it',
  },
  {
    id: 'iam:PassRole+sagemaker:CreateTrainingJob',
    category: 'new-passrole',
    target: 'passed-role',
    service: 'sagemaker.amazonaws.com',
    grants: 'principal',
    required: [passRole, { action: 'sagemaker:CreateTrainingJob', on: '*' }],
    title: 'Create a SageMaker training job with a role',
    description: '{from} can create a SageMaker training job that runs its code as {to}',
  },
  {
    id: 'iam:PassRole+sagemaker:CreateProcessingJob',
    category: 'new-passrole',
    target: 'passed-role',
    service: 'sagemaker.amazonaws.com',
    grants: 'principal',
    required: [passRole, { action: 'sagemaker:CreateProcessingJob', on: '*' }],
    title: 'Create a SageMaker processing job with a role',
    description: '{from} can create a SageMaker processing job that runs its code as {to}',
  },
  // existing-passrole: drive a resource that already runs as a role
  {
    id: 'lambda:UpdateFunctionCode',
    category: 'existing-passrole',
    target: 'existing',
    existing: 'lambda-function',
    grants: 'principal',
    required: [{ action: 'lambda:UpdateFunctionCode', on: 'resource' }],
    title: 'Replace the code of a function that runs as a role',
    description: '{from} can replace the code of {resource}, which runs as {to}',
  },
  {
    id: 'ssm:SendCommand',
    category: 'existing-passrole',
    target: 'existing',
    existing: 'ec2-instance',
    grants: 'principal',
    required: [{ action: 'ssm:SendCommand', on: 'resource' }],
    title: 'Run a command on an instance with a role',
    description: '{from} can run a command on {resource} and read the credentials of {to} from it',
  },
  {
    id: 'ssm:StartSession',
    category: 'existing-passrole',
    target: 'existing',
    existing: 'ec2-instance',
    grants: 'principal',
    required: [{ action: 'ssm:StartSession', on: 'resource' }],
    title: 'Open a shell on an instance with a role',
    description: '{from} can open a Session Manager shell on {resource} and use the credentials of {to}',
  },
  {
    id: 'ec2-instance-connect:SendSSHPublicKey',
    category: 'existing-passrole',
    target: 'existing',
    existing: 'ec2-instance',
    grants: 'principal',
    required: [{ action: 'ec2-instance-connect:SendSSHPublicKey', on: 'resource' }],
    title: 'Push an SSH key to an instance with a role',
    description: '{from} can push an SSH key to {resource}, log in, and use the credentials of {to}',
  },
  {
    id: 'cloudformation:UpdateStack',
    category: 'existing-passrole',
    target: 'existing',
    existing: 'cloudformation-stack',
    grants: 'principal',
    required: [{ action: 'cloudformation:UpdateStack', on: 'resource' }],
    title: 'Update a stack that runs as a service role',
    description: '{from} can update the stack {resource}, which runs as {to}, with a template of its own',
  },
  {
    id: 'glue:UpdateDevEndpoint',
    category: 'existing-passrole',
    target: 'existing',
    existing: 'glue-dev-endpoint',
    grants: 'principal',
    required: [{ action: 'glue:UpdateDevEndpoint', on: 'resource' }],
    title: 'Add an SSH key to a Glue endpoint with a role',
    description: '{from} can add its SSH key to the Glue endpoint {resource}, which runs as {to}, and log in',
  },
  {
    id: 'sagemaker:CreatePresignedNotebookInstanceUrl',
    category: 'existing-passrole',
    target: 'existing',
    existing: 'sagemaker-notebook',
    grants: 'principal',
    required: [{ action: 'sagemaker:CreatePresignedNotebookInstanceUrl', on: 'resource' }],
    title: 'Open a notebook that runs as a role',
    description: '{from} can open the SageMaker notebook {resource}, which runs as {to}, and use its credentials',
  },
  // credential-access: credentials kept elsewhere
  {
    id: 'ssm:SendCommand+stored-access-key',
    category: 'credential-access',
    target: 'existing',
    existing: 'ec2-stored-key',
    grants: 'principal',
    required: [{ action: 'ssm:SendCommand', on: 'resource' }],
    title: 'Read an access key stored on an instance',
    description: '{from} can run a command on {resource} and read the access key of {to} kept there',
  },
];

/** The legend: each technique's id, category and title. */
export interface TechniqueInfo {
  id: string;
  category: EscalationCategory;
  title: string;
  actions: string[];
}

export function techniqueList(): TechniqueInfo[] {
  return TECHNIQUES.map((t) => ({
    id: t.id,
    category: t.category,
    title: t.title,
    actions: t.required.map((r) => r.action),
  }));
}

export function techniqueById(id: string): Technique | undefined {
  return TECHNIQUES.find((t) => t.id === id);
}

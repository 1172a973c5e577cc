/**
 * The world a learner starts with: one account that teaches at a glance. A root user with MFA off
 * and an old access key (the checklist has something to say), an admin user, a developers group
 * (a customer managed policy with two versions) and a read-only group, an EC2 instance with an
 * instance profile, a Lambda function with an execution role, a photos bucket with public images
 * and per-user prefixes, a DynamoDB table, a user pool with an app client and two users, and an
 * identity pool with authenticated and guest roles. `emptyWorld()` is the start from scratch.
 *
 * The dates are fixed (a learner's checklist and the tests read the same ages at a given `now`);
 * the ids and ARNs are shaped as AWS shapes them. The access keys are AWS's documentation
 * examples or made up: none works anywhere but here.
 */
import { WORLD_FORMAT } from './schema';
import type { World } from './types';

export const DEFAULT_ACCOUNT = '111122223333';
const A = DEFAULT_ACCOUNT;
const REGION = 'us-east-1';
const BUCKET = 'playground-photos';
const TABLE = `arn:aws:dynamodb:${REGION}:${A}:table/Notes`;
const FUNCTION = `arn:aws:lambda:${REGION}:${A}:function:resize-image`;
const USER_POOL = `${REGION}_Pl4yGr0nd`;
const APP_CLIENT = '5ekq2vd8s7rj4ndm0m9ocpga1t';
const IDENTITY_POOL = `${REGION}:7b0e4c1a-3f2d-4e6b-9a8c-5d1e2f3a4b6c`;
const V = '2012-10-17';

/** A trust policy for roles handed out by the identity pool, as the Cognito guide writes it. */
function cognitoTrust(amr: 'authenticated' | 'unauthenticated') {
  return {
    Version: V,
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': IDENTITY_POOL },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
        },
      },
    ],
  };
}

function serviceTrust(service: string) {
  return {
    Version: V,
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  };
}

const developerRead = [
  {
    Sid: 'ListPhotos',
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: `arn:aws:s3:::${BUCKET}`,
  },
  {
    Sid: 'ReadPhotos',
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: `arn:aws:s3:::${BUCKET}/*`,
  },
  {
    Sid: 'ReadNotes',
    Effect: 'Allow',
    Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'],
    Resource: TABLE,
  },
];

/** The default teaching world (a fresh copy on every call). */
export function defaultWorld(): World {
  return {
    format: WORLD_FORMAT,
    accounts: [
      {
        id: A,
        name: 'playground',
        alias: 'iam-playground',
        root: {
          mfaEnabled: false,
          accessKeys: [
            {
              accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
              secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
              status: 'Active',
              createDate: '2024-02-12T09:14:03Z',
              lastUsedDate: '2026-06-18T16:42:11Z',
              lastUsedService: 's3',
              lastUsedRegion: REGION,
            },
          ],
          passwordLastUsed: '2026-11-03T08:21:45Z',
        },
      },
    ],
    managedPolicies: [
      {
        arn: `arn:aws:iam::${A}:policy/DeveloperAccess`,
        description: 'What the developers of the photos app need: read the bucket and the table, invoke the resizer',
        createDate: '2025-03-04T10:00:00Z',
        versions: [
          {
            versionId: 'v1',
            createDate: '2025-03-04T10:00:00Z',
            document: { Version: V, Statement: developerRead },
          },
          {
            versionId: 'v2',
            createDate: '2026-05-20T14:30:00Z',
            document: {
              Version: V,
              Statement: [
                ...developerRead,
                {
                  Sid: 'WriteNotes',
                  Effect: 'Allow',
                  Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
                  Resource: TABLE,
                },
                {
                  Sid: 'RunResizer',
                  Effect: 'Allow',
                  Action: ['lambda:InvokeFunction', 'lambda:GetFunction'],
                  Resource: FUNCTION,
                },
              ],
            },
          },
        ],
        defaultVersion: 'v2',
      },
    ],
    groups: [
      { account: A, name: 'developers', managedPolicies: [`arn:aws:iam::${A}:policy/DeveloperAccess`] },
      { account: A, name: 'read-only', managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    ],
    users: [
      {
        account: A,
        name: 'admin',
        id: 'AIDAQ3EGXK7NW2TAPLM4R',
        managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        tags: { team: 'platform' },
        createDate: '2024-02-12T09:30:00Z',
        loginProfile: { createDate: '2024-02-12T09:30:00Z', passwordLastUsed: '2026-11-30T17:45:12Z' },
        mfaDevices: [{ serialNumber: `arn:aws:iam::${A}:mfa/admin`, enableDate: '2024-02-12T09:41:27Z' }],
      },
      {
        account: A,
        name: 'alice',
        id: 'AIDAR7KLMW2QZ5XBC3N8E',
        groups: ['developers'],
        tags: { team: 'web' },
        createDate: '2025-03-04T10:05:00Z',
        loginProfile: { createDate: '2025-03-04T10:05:00Z', passwordLastUsed: '2026-11-29T09:12:40Z' },
        mfaDevices: [{ serialNumber: `arn:aws:iam::${A}:mfa/alice`, enableDate: '2025-03-04T10:20:13Z' }],
        accessKeys: [
          {
            accessKeyId: 'AKIAR7KLMW2QTHX4ALCE',
            secretAccessKey: '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',
            status: 'Active',
            createDate: '2026-03-02T11:48:09Z',
            lastUsedDate: '2026-11-29T09:30:02Z',
            lastUsedService: 'dynamodb',
            lastUsedRegion: REGION,
          },
        ],
      },
      {
        account: A,
        name: 'bob',
        id: 'AIDAT2VNQ8JH4MDK6PW1S',
        groups: ['read-only'],
        tags: { team: 'data' },
        createDate: '2025-09-15T13:22:00Z',
        loginProfile: {
          createDate: '2025-09-15T13:22:00Z',
          passwordResetRequired: false,
          passwordLastUsed: '2026-11-24T15:03:51Z',
        },
      },
    ],
    roles: [
      {
        account: A,
        name: 'web-server',
        id: 'AROAW5HJK2PQ7LMN3XC9V',
        description: 'Taken on by the web server instance through its instance profile',
        trustPolicy: serviceTrust('ec2.amazonaws.com'),
        instanceProfiles: ['web-server'],
        inlinePolicies: [
          {
            name: 'photos-and-notes',
            document: {
              Version: V,
              Statement: [
                { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` },
                {
                  Effect: 'Allow',
                  Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
                  Resource: TABLE,
                },
              ],
            },
          },
        ],
        maxSessionDuration: 3600,
        createDate: '2025-03-10T08:00:00Z',
        lastUsedDate: '2026-12-01T06:00:00Z',
      },
      {
        account: A,
        name: 'image-resizer',
        path: '/service-role/',
        id: 'AROAX9BCD4EF6GH8JK2LM',
        description: 'The execution role of the resize-image function',
        trustPolicy: serviceTrust('lambda.amazonaws.com'),
        managedPolicies: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        inlinePolicies: [
          {
            name: 'resize-photos',
            document: {
              Version: V,
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['s3:GetObject', 's3:PutObject'],
                  Resource: [`arn:aws:s3:::${BUCKET}/home/*`, `arn:aws:s3:::${BUCKET}/public/*`],
                },
              ],
            },
          },
        ],
        createDate: '2025-04-02T12:00:00Z',
      },
      {
        account: A,
        name: 'photos-app-authenticated',
        id: 'AROAY3MNP5QR7ST9UV2WX',
        description: 'Signed-in users of the photos app, through the identity pool',
        trustPolicy: cognitoTrust('authenticated'),
        inlinePolicies: [
          {
            name: 'own-photos',
            document: {
              Version: V,
              Statement: [
                { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/public/*` },
                {
                  Effect: 'Allow',
                  Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
                  Resource: `arn:aws:s3:::${BUCKET}/home/\${cognito-identity.amazonaws.com:sub}/*`,
                },
                {
                  Effect: 'Allow',
                  Action: ['dynamodb:Query', 'dynamodb:PutItem'],
                  Resource: TABLE,
                  Condition: {
                    'ForAllValues:StringEquals': {
                      'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'],
                    },
                  },
                },
              ],
            },
          },
        ],
        createDate: '2025-06-01T09:00:00Z',
      },
      {
        account: A,
        name: 'photos-app-guest',
        id: 'AROAZ4NPQ6RS8TU2VW3XY',
        description: 'Guests of the photos app, through the identity pool',
        trustPolicy: cognitoTrust('unauthenticated'),
        inlinePolicies: [
          {
            name: 'public-photos',
            document: {
              Version: V,
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/public/*` }],
            },
          },
        ],
        createDate: '2025-06-01T09:00:00Z',
      },
      {
        account: A,
        name: 'photos-app-editors',
        id: 'AROAQ8RST2UV4WX6YZ3AB',
        description: 'The editors group of the user pool: may publish photos',
        trustPolicy: cognitoTrust('authenticated'),
        inlinePolicies: [
          {
            name: 'publish-photos',
            document: {
              Version: V,
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['s3:GetObject', 's3:PutObject'],
                  Resource: `arn:aws:s3:::${BUCKET}/public/*`,
                },
              ],
            },
          },
        ],
        createDate: '2025-06-01T09:00:00Z',
      },
    ],
    resources: [
      {
        type: 's3-bucket',
        arn: `arn:aws:s3:::${BUCKET}`,
        account: A,
        region: REGION,
        blockPublicAccess: {
          blockPublicAcls: true,
          ignorePublicAcls: true,
          blockPublicPolicy: false,
          restrictPublicBuckets: false,
        },
        policy: {
          Version: V,
          Statement: [
            {
              Sid: 'PublicImages',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: `arn:aws:s3:::${BUCKET}/public/*`,
            },
            {
              Sid: 'OwnHomePrefix',
              Effect: 'Allow',
              Principal: '*',
              Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
              Resource: `arn:aws:s3:::${BUCKET}/home/\${aws:username}/*`,
              Condition: { StringEquals: { 'aws:PrincipalAccount': A } },
            },
            {
              Sid: 'ListOwnHomePrefix',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:ListBucket',
              Resource: `arn:aws:s3:::${BUCKET}`,
              Condition: {
                StringEquals: { 'aws:PrincipalAccount': A },
                StringLike: { 's3:prefix': ['home/${aws:username}/*', 'public/*'] },
              },
            },
          ],
        },
        tags: { app: 'photos' },
        objects: [
          {
            key: 'public/welcome.txt',
            body: 'Anyone may read what is under public/.\n',
            contentType: 'text/plain',
            lastModified: '2025-06-02T10:00:00Z',
          },
          {
            key: 'public/pixel.png',
            body: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
            encoding: 'base64',
            contentType: 'image/png',
            lastModified: '2025-06-02T10:00:00Z',
          },
          {
            key: 'home/alice/notes.txt',
            body: 'Only alice (and the resizer) may read this.\n',
            contentType: 'text/plain',
            lastModified: '2026-10-11T18:20:00Z',
          },
          {
            key: 'home/bob/todo.txt',
            body: 'Ask alice for write access to the notes table.\n',
            contentType: 'text/plain',
            lastModified: '2026-11-20T08:45:00Z',
          },
        ],
      },
      {
        type: 'dynamodb-table',
        arn: TABLE,
        keySchema: [
          { attributeName: 'userId', keyType: 'HASH' },
          { attributeName: 'noteId', keyType: 'RANGE' },
        ],
        attributeDefinitions: [
          { attributeName: 'userId', attributeType: 'S' },
          { attributeName: 'noteId', attributeType: 'S' },
        ],
        items: [
          {
            userId: { S: 'alice' },
            noteId: { S: '2026-11-02#001' },
            text: { S: 'Resize the new banner' },
            pinned: { BOOL: true },
            views: { N: '3' },
          },
          {
            userId: { S: 'alice' },
            noteId: { S: '2026-11-15#002' },
            text: { S: 'Rotate my access key in March' },
            tags: { SS: ['security', 'todo'] },
          },
          {
            userId: { S: 'bob' },
            noteId: { S: '2026-11-20#001' },
            text: { S: 'Read-only is enough for the reports' },
            views: { N: '1' },
          },
        ],
        tags: { app: 'photos' },
      },
      {
        type: 'lambda-function',
        arn: FUNCTION,
        role: `arn:aws:iam::${A}:role/service-role/image-resizer`,
        runtime: 'nodejs22.x',
        handler: 'index.handler',
        policy: {
          Version: V,
          Statement: [
            {
              Sid: 'InvokedByThePhotosBucket',
              Effect: 'Allow',
              Principal: { Service: 's3.amazonaws.com' },
              Action: 'lambda:InvokeFunction',
              Resource: FUNCTION,
              Condition: {
                StringEquals: { 'AWS:SourceAccount': A },
                ArnLike: { 'AWS:SourceArn': `arn:aws:s3:::${BUCKET}` },
              },
            },
          ],
        },
        tags: { app: 'photos' },
      },
      {
        type: 'ec2-instance',
        arn: `arn:aws:ec2:${REGION}:${A}:instance/i-0a1b2c3d4e5f67890`,
        instanceProfile: `arn:aws:iam::${A}:instance-profile/web-server`,
        httpTokens: 'required',
        tags: { Name: 'web-server', app: 'photos' },
      },
    ],
    userPools: [
      {
        account: A,
        id: USER_POOL,
        name: 'photos-app-users',
        passwordPolicy: {
          minimumLength: 8,
          requireUppercase: true,
          requireLowercase: true,
          requireNumbers: true,
          requireSymbols: true,
          temporaryPasswordValidityDays: 7,
        },
        mfaConfiguration: 'OFF',
        allowAdminCreateUserOnly: false,
        usernameAttributes: ['email'],
        autoVerifiedAttributes: ['email'],
        clients: [
          {
            clientId: APP_CLIENT,
            clientName: 'photos-web',
            explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            accessTokenValidity: 60,
            idTokenValidity: 60,
            refreshTokenValidity: 30,
            tokenValidityUnits: { accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' },
            preventUserExistenceErrors: 'ENABLED',
            enableTokenRevocation: true,
          },
        ],
        users: [
          {
            username: 'a4e8b2c6-1d3f-4e5a-9b7c-2f6d8e0a1c3b',
            attributes: [
              { name: 'sub', value: 'a4e8b2c6-1d3f-4e5a-9b7c-2f6d8e0a1c3b' },
              { name: 'email', value: 'maria@example.com' },
              { name: 'email_verified', value: 'true' },
            ],
            userStatus: 'CONFIRMED',
            enabled: true,
            password: 'Correct-Horse-7',
            groups: ['editors'],
            userCreateDate: '2025-06-03T12:00:00Z',
          },
          {
            username: 'c7d9e1f3-5a6b-4c8d-8e0f-1a2b3c4d5e6f',
            attributes: [
              { name: 'sub', value: 'c7d9e1f3-5a6b-4c8d-8e0f-1a2b3c4d5e6f' },
              { name: 'email', value: 'sam@example.com' },
              { name: 'email_verified', value: 'false' },
            ],
            userStatus: 'FORCE_CHANGE_PASSWORD',
            enabled: true,
            password: 'Temp-Pass-2026!',
            userCreateDate: '2026-11-28T16:40:00Z',
          },
        ],
        groups: [
          {
            groupName: 'editors',
            description: 'May publish photos under public/',
            roleArn: `arn:aws:iam::${A}:role/photos-app-editors`,
            precedence: 1,
          },
        ],
      },
    ],
    identityPools: [
      {
        account: A,
        identityPoolId: IDENTITY_POOL,
        identityPoolName: 'photos_app_identities',
        allowUnauthenticatedIdentities: true,
        allowClassicFlow: false,
        cognitoIdentityProviders: [
          {
            providerName: `cognito-idp.${REGION}.amazonaws.com/${USER_POOL}`,
            clientId: APP_CLIENT,
            serverSideTokenCheck: false,
          },
        ],
        roles: {
          authenticated: `arn:aws:iam::${A}:role/photos-app-authenticated`,
          unauthenticated: `arn:aws:iam::${A}:role/photos-app-guest`,
        },
        roleMappings: {
          [`cognito-idp.${REGION}.amazonaws.com/${USER_POOL}:${APP_CLIENT}`]: {
            type: 'Token',
            ambiguousRoleResolution: 'AuthenticatedRole',
          },
        },
      },
    ],
  };
}

/** A world to start from scratch: one account whose root user has no MFA yet, as a new account has. */
export function emptyWorld(): World {
  return {
    format: WORLD_FORMAT,
    accounts: [{ id: A, name: 'playground', root: { mfaEnabled: false } }],
  };
}

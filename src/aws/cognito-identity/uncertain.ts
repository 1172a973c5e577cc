/**
 * The facts about identity pools that AWS's sources leave open (cognito-sts.md §9), kept in one
 * place so they can be changed together:
 *
 * - `GUEST_SESSION_POLICY`: the scope-down session policy Cognito passes when a guest gets
 *   credentials in the enhanced flow (§4.7). The services are the Developer Guide's 2023 inline
 *   list ("IAM roles", guest access), which includes S3 and DynamoDB, with the actions it narrows
 *   (KMS, SageMaker, Textract) and `rum:PutRumEvents` of `AmazonCognitoUnauthenticatedIdentities`.
 *   Whether today's list still holds S3 and DynamoDB, and how it combines with the managed
 *   `AmazonCognitoUnAuthedIdentitiesSessionPolicy`, is not known: guests here reach S3 and
 *   DynamoDB when their role allows it, and a call to a service outside the list is refused with
 *   "… because no session policy allows …".
 * - `DEFAULT_PRINCIPAL_TAGS`: the tag keys of `UseDefaults` for a user pool (§4.8): the API says
 *   "username and clientID"; the console maps `username` → `sub` and `client` → `aud`.
 * - The exception of an ambiguous role mapping with `Deny`: `NotAuthorizedException`, "The
 *   ambiguous role mapping rules for: PROVIDER denied this request." (as seen for Google logins).
 * - The session's `aws:userid` is `ROLE_ID:CognitoIdentityCredentials`, and the roles of the
 *   enhanced flow may be in any account of the world.
 */

export const GUEST_SESSION_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'CognitoUnauthenticatedScopeDown',
      Effect: 'Allow',
      Action: [
        'firehose:*',
        'kinesisanalytics:*',
        'sqs:*',
        'ses:*',
        'lambda:*',
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:GenerateDataKey',
        'dynamodb:*',
        'sdb:*',
        'appsync:*',
        'geo:*',
        'sns:*',
        'gamelift:*',
        'iot:*',
        'comprehend:*',
        'lex:*',
        'machinelearning:*',
        'personalize:*',
        'polly:*',
        'rekognition:*',
        'sagemaker:InvokeEndpoint',
        'textract:DetectDocumentText',
        'textract:AnalyzeDocument',
        'transcribe:*',
        'translate:*',
        'cloudwatch:*',
        'logs:*',
        'execute-api:*',
        'cognito-identity:*',
        'cognito-idp:*',
        'cognito-sync:*',
        'mobiletargeting:*',
        's3:*',
        'rum:PutRumEvents',
      ],
      Resource: '*',
    },
  ],
};

/** `UseDefaults` for a user pool provider: tag key → claim. */
export const DEFAULT_PRINCIPAL_TAGS: Record<string, string> = { username: 'sub', client: 'aud' };

/** `RoleSessionName` of enhanced-flow sessions (CloudTrail shows it). */
export const ENHANCED_SESSION_NAME = 'CognitoIdentityCredentials';

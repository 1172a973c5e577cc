/**
 * What the fields a learner hovers in the request and response panels mean: HTTP headers
 * (`explainHeader`) and the body fields of the operations the flows call (`explainField`): JSON
 * keys, Query-protocol form parameters and XML elements. Pure data and lookups, no DOM.
 */

const HEADERS: Record<string, string> = {
  host: 'The endpoint the request goes to: the service and region (`sts.us-east-1.amazonaws.com`), or the bucket in virtual-hosted style (`BUCKET.s3.REGION.amazonaws.com`). It is always a signed header.',
  'content-type':
    'The body’s format: `application/x-amz-json-1.1` (Cognito, JSON 1.1 protocol), `application/x-amz-json-1.0` (DynamoDB), `application/x-www-form-urlencoded` (the Query protocol of STS and IAM: `Action=…&Version=…`), `text/xml` or `application/xml` (Query and S3 answers), `application/json`.',
  'content-length': 'The body’s size in bytes.',
  'x-amz-target':
    'Which operation a JSON-protocol call is: `AWSCognitoIdentityProviderService.InitiateAuth`, `AWSCognitoIdentityService.GetId`, `DynamoDB_20120810.GetItem`. The body alone does not say.',
  'x-amz-date':
    'When the request was signed, `YYYYMMDDTHHMMSSZ` in UTC. AWS refuses a signature more than 5 minutes away from its clock (`SignatureDoesNotMatch` / `RequestExpired`).',
  authorization:
    'The SigV4 signature: `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=…, Signature=…`. Unsigned calls (InitiateAuth, GetId, AssumeRoleWithWebIdentity) have none.',
  'x-amz-security-token':
    'The session token of temporary credentials (`ASIA…` keys): without it AWS does not know the session (`InvalidClientTokenId`). Long-term `AKIA…` keys send none.',
  'x-amz-content-sha256':
    'The SHA-256 of the body, in hex, that the S3 signature covers (`UNSIGNED-PAYLOAD` when it does not). S3 requires it.',
  'x-amz-user-agent': 'Which SDK sent the request (informational; not signed).',
  'user-agent': 'Which client sent the request (informational).',
  'x-amzn-requestid': 'The id AWS gives the request: quote it to AWS support; CloudTrail records it.',
  'x-amz-request-id': 'S3’s id for the request.',
  'x-amz-id-2': 'S3’s extended request id (which host answered), for AWS support.',
  'x-amzn-errortype':
    'The error code of a failed JSON-protocol call (`NotAuthorizedException:`), as in the body’s `__type`.',
  etag: 'The object’s entity tag: for a simple upload, the MD5 of its bytes, quoted.',
  'last-modified': 'When the object was last written.',
  'accept-ranges': '`bytes`: S3 serves byte ranges of the object (`Range:` requests).',
  'x-amz-server-side-encryption': 'How S3 encrypts the object at rest (`AES256`: S3-managed keys, the default).',
  'x-amz-bucket-region': 'The region the bucket lives in.',
  'x-amz-version-id': 'The object version S3 answered with (versioned buckets).',
  'x-aws-ec2-metadata-token':
    'IMDSv2: the session token from `PUT /latest/api/token`, required on every metadata request when the instance requires IMDSv2. An SSRF that can only make GET requests cannot get one.',
  'x-aws-ec2-metadata-token-ttl-seconds':
    'IMDSv2: how long the token asked for lasts (1 to 21600 seconds). The PUT needs this header; a proxy forwarding a GET cannot add it.',
  'x-forwarded-for':
    'Added by a proxy: IMDSv2 refuses token requests that carry it, so a misconfigured proxy cannot fetch tokens.',
  'lambda-runtime-aws-request-id': 'The id of the Lambda invocation.',
  'x-amz-function-error': 'Set when the Lambda function threw: `Unhandled`.',
  'x-amz-log-result': 'The last 4 KB of the function’s log, base64 (with `LogType: Tail`).',
  'x-amz-log-type':
    'Lambda Invoke: `Tail` asks for the last 4 KB of the function’s log in `X-Amz-Log-Result`; `None` for none.',
  'x-amz-crc32': 'DynamoDB: the CRC32 checksum of the response body, so the SDK can tell a damaged answer.',
  'x-amz-invocation-type': '`RequestResponse` (wait for the result), `Event` (asynchronous) or `DryRun`.',
  'x-amz-executed-version': 'The function version that ran.',
  location: 'Where the answer points (a redirect, or the created resource).',
  'cache-control': 'How long the answer may be cached.',
  date: 'When the server answered.',
  server: 'Which server answered (`AmazonS3`, `EC2ws`).',
  connection: 'Whether the connection stays open.',
};

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header. */
const AUTH_PARTS: Record<string, string> = {
  'AWS4-HMAC-SHA256': 'The signing algorithm: Signature Version 4 with HMAC-SHA256.',
  Credential:
    'The access key id and the credential scope `DATE/REGION/SERVICE/aws4_request`: the signing key is derived from the secret for exactly this day, region and service.',
  SignedHeaders:
    'The headers the signature covers, lower case, `;`-separated: changing any of them breaks the signature.',
  Signature:
    'HMAC-SHA256 of the string to sign (algorithm, time, scope, and the hash of the canonical request) with the derived key, in hex. The secret key itself never travels.',
};

const FIELDS: Record<string, string> = {
  // Cognito user pools: sign-in.
  AuthFlow:
    'How the user signs in: `USER_SRP_AUTH` (SRP: the password never leaves the browser), `USER_PASSWORD_AUTH` (the password in the request), `REFRESH_TOKEN_AUTH`, `CUSTOM_AUTH`, `USER_AUTH` (choice-based).',
  AuthParameters: 'The inputs of the AuthFlow: `USERNAME`, `SRP_A`, `PASSWORD`, `REFRESH_TOKEN`, `SECRET_HASH`…',
  USERNAME: 'The user name or an alias (email) the user types.',
  SRP_A:
    'SRP: the client’s public value A = g^a mod N, from a random secret a (hex). With B it lets both sides derive the same key without the password going over the wire.',
  SRP_B: 'SRP: the user pool’s public value B (hex), from the password verifier it stores and a random secret.',
  SALT: 'SRP: the user’s salt (hex), mixed with the password into the verifier.',
  SECRET_BLOCK:
    'SRP: an opaque block the user pool made; the client signs it and sends it back, tying the answer to this challenge.',
  USER_ID_FOR_SRP:
    'SRP: the user’s internal user name (often the `sub`), which the password claim must be computed with — not the email typed.',
  ChallengeName:
    'What the user pool asks for next: `PASSWORD_VERIFIER` (prove the password), `NEW_PASSWORD_REQUIRED`, `SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `MFA_SETUP`, `SELECT_MFA_TYPE`…',
  ChallengeParameters: 'The challenge’s data (for PASSWORD_VERIFIER: SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP).',
  ChallengeResponses: 'The answer to the challenge, named after what it answers.',
  PASSWORD_CLAIM_SIGNATURE:
    'SRP: HMAC-SHA256 with the derived key over the pool name, user id, secret block and timestamp, base64: proves the password without sending it.',
  PASSWORD_CLAIM_SECRET_BLOCK: 'SRP: the SECRET_BLOCK, sent back as it came.',
  TIMESTAMP: 'SRP: the time the claim was computed, as `Tue Dec 1 09:00:00 UTC 2026`; part of the signature.',
  NEW_PASSWORD: 'The password the user chooses in answer to NEW_PASSWORD_REQUIRED.',
  SOFTWARE_TOKEN_MFA_CODE: 'The 6-digit TOTP code from the user’s authenticator app.',
  SMS_MFA_CODE: 'The code sent by SMS.',
  SECRET_HASH:
    'HMAC-SHA256 of user name + client id with the app client secret, base64: needed when the app client has a secret.',
  REFRESH_TOKEN: 'The refresh token, to get new ID and access tokens without the password.',
  PASSWORD: 'The password itself (USER_PASSWORD_AUTH, or a sign-up): sent over TLS, unlike SRP.',
  Session:
    'An opaque token tying the next call to this challenge; it expires after a few minutes (`Invalid session for the user, session is expired.`).',
  ClientId:
    'The app client of the user pool the call is made for. Tokens name it in `aud` (ID token) and `client_id` (access token).',
  AuthenticationResult: 'The tokens, once the sign-in is complete.',
  IdToken:
    'A JWT about the user (claims: `sub`, `email`, `cognito:groups`, `aud` = the app client): what an identity pool takes in `Logins`.',
  AccessToken:
    'A JWT that authorizes calls to the user pool API for this user (`token_use` = `access`, `client_id`, `scope`); no `aud`.',
  RefreshToken: 'An encrypted, opaque token that gets new ID and access tokens (until it expires or is revoked).',
  ExpiresIn: 'Seconds until the access token expires.',
  TokenType: '`Bearer`: whoever holds the token may use it.',
  NewDeviceMetadata: 'A device key, when the user pool remembers devices.',
  Username:
    'The user’s name in the user pool (the `cognito:username` claim); with email as the user name attribute, an email.',
  Password: 'The password, over TLS.',
  UserAttributes: 'The user’s attributes: `Name`/`Value` pairs (`email`, `custom:…`).',
  Name: 'A name: of an attribute, a bucket, a parameter.',
  Value: 'The value of the attribute.',
  ConfirmationCode: 'The code the user pool sent by email or SMS.',
  UserConfirmed: 'Whether the user is confirmed (false until the confirmation code).',
  UserSub: 'The new user’s `sub`: a UUID that never changes or gets reused.',
  CodeDeliveryDetails: 'Where the code was sent.',
  CodeDeliveryDetailsList:
    'Where each verification code went, one entry per attribute that changed (UpdateUserAttributes).',
  requiredAttributes:
    'NEW_PASSWORD_REQUIRED: the attributes the user must give with the new password (a JSON list, `userAttributes.` names).',
  userAttributes:
    'NEW_PASSWORD_REQUIRED: the user’s current attributes as a JSON object (without `sub`), to show or complete.',
  PreferredMfaSetting: 'The MFA the user prefers (`SOFTWARE_TOKEN_MFA`, `SMS_MFA`, `EMAIL_OTP`), when set (GetUser).',
  UserMFASettingList: 'The MFA methods the user has turned on (GetUser).',
  Destination: 'The masked address the code went to (`m***@e***`).',
  DeliveryMedium: '`EMAIL` or `SMS`.',
  AttributeName: 'The attribute the code verifies.',
  SecretCode: 'The TOTP seed (base32) for the user’s authenticator app (AssociateSoftwareToken).',
  UserCode: 'A code from the authenticator app, to verify it.',
  Status: 'The result (`SUCCESS`).',
  Token: 'A token: the identity pool’s OpenID token (GetOpenIdToken), or in IMDS credentials the session token.',
  AccessTokenValue: 'The access token.',
  // Cognito identity pools.
  IdentityPoolId: 'The identity pool, `REGION:UUID`.',
  AccountId: 'The AWS account that owns the identity pool.',
  IdentityId:
    'The user’s identity in the identity pool, `REGION:UUID`: the same every time the same login comes back; `cognito-identity.amazonaws.com:sub` in policies.',
  Logins:
    'The logins proving who the user is: provider name (`cognito-idp.REGION.amazonaws.com/POOL_ID`) → the ID token. Empty or absent for a guest.',
  CustomRoleArn: 'A role the app asks for, among those the token allows (`cognito:roles`).',
  Credentials: 'Temporary AWS credentials: access key id, secret, session token and expiry.',
  SecretKey:
    'The secret access key (identity pools call it `SecretKey`; STS `SecretAccessKey`). Never sent on a request: it signs.',
  SecretAccessKey: 'The secret access key: it signs requests (SigV4) and never travels with them.',
  AccessKeyId:
    'The access key id: `ASIA…` for temporary credentials, `AKIA…` for a long-term key. It goes in the Credential part of the signature.',
  SessionToken: 'The session token: sent as `X-Amz-Security-Token` with every call signed with these credentials.',
  Expiration: 'When the credentials stop working (identity pools: seconds since the epoch; STS and IMDS: ISO 8601).',
  // STS.
  Action: 'The Query-protocol operation (`AssumeRole`, `GetSessionToken`, `GetCallerIdentity`).',
  Version: 'The API version of the Query protocol: `2011-06-15` for STS, `2010-05-08` for IAM.',
  RoleArn: 'The role to assume, `arn:aws:iam::ACCOUNT:role/NAME`. Its trust policy decides who may.',
  RoleSessionName:
    'A name for the session (2–64 characters): it ends the session’s ARN (`assumed-role/ROLE/NAME`) and shows in CloudTrail; trust policies can test `sts:RoleSessionName`.',
  ExternalId:
    'A value the third party (the vendor) assigned to this customer, which the role’s trust policy requires (`sts:ExternalId`). It stops the confused deputy: another customer cannot make the vendor use your role.',
  DurationSeconds:
    'How long the session lasts: 900 s up to the role’s MaxSessionDuration (AssumeRole, default 3600), and at most one hour for role chaining; GetSessionToken: up to 36 hours (root: 1 hour).',
  SerialNumber: 'The MFA device: `arn:aws:iam::ACCOUNT:mfa/NAME` for a virtual device.',
  TokenCode:
    'The 6-digit code the MFA device shows now: with it the session carries `aws:MultiFactorAuthPresent` = true.',
  WebIdentityToken:
    'The OpenID Connect token (here the identity pool’s) that AssumeRoleWithWebIdentity checks; the trust policy tests its `aud`, `amr`, `sub`.',
  ProviderId: 'For OAuth 2.0 providers (Amazon, Facebook): which one issued the token.',
  Policy: 'An inline session policy: it can only narrow what the role allows.',
  PolicyArns: 'Managed session policies (up to 10): they can only narrow what the role allows.',
  Tags: 'Session tags: they become `aws:PrincipalTag/KEY` for the session.',
  TransitiveTagKeys: 'Session tags that carry over when the session assumes another role (role chaining).',
  SourceIdentity: 'Who is behind the session (set once, kept through role chaining); in CloudTrail.',
  AssumedRoleUser: 'The session: its ARN (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`) and id (`ROLEID:SESSION`).',
  AssumedRoleId: '`AROA…:SESSION`: the role’s unique id and the session name, as `aws:userid`.',
  Arn: 'The ARN of who is calling, or of the session made.',
  UserId:
    'The caller’s unique id (`AIDA…` for a user, `AROA…:SESSION` for a role session, the account id for root), as `aws:userid`.',
  Account: 'The account of the caller.',
  PackedPolicySize:
    'How much of the allowance the session policies and tags take, compressed, as a percentage; over 100 STS refuses (`PackedPolicyTooLarge`).',
  SubjectFromWebIdentityToken: 'The `sub` of the web identity token: for an identity pool, the identity id.',
  Provider: 'The issuer of the web identity token (`cognito-identity.amazonaws.com`).',
  Audience: 'The `aud` of the web identity token: for an identity pool, its id.',
  RequestId: 'AWS’s id for the request.',
  ResponseMetadata: 'The request id of the answer.',
  Error: 'The error: its type, code and message.',
  Type: 'Who is at fault: `Sender` (the request) or `Receiver` (the service). In IMDS credentials: `AWS-HMAC`.',
  Code: 'The error code (`AccessDenied`, `ValidationError`); in IMDS credentials, `Success`.',
  Message: 'AWS’s error message.',
  message: 'AWS’s error message.',
  __type: 'The error code of a JSON-protocol call (`NotAuthorizedException`), sometimes prefixed by its namespace.',
  // S3.
  ListBucketResult: 'ListObjectsV2’s answer.',
  Contents: 'One object of the listing.',
  Key: 'The object’s key (its full name, prefix included).',
  ETag: 'The object’s entity tag (the MD5 of a simple upload).',
  LastModified: 'When the object was last written. In IMDS credentials: when they were last rotated.',
  Size: 'The object’s size in bytes.',
  StorageClass: 'How S3 stores the object (`STANDARD`).',
  Prefix: 'The prefix the listing was limited to (`s3:prefix` in policies).',
  KeyCount: 'How many keys this page of the listing holds.',
  MaxKeys: 'The most keys one page may hold (1000).',
  IsTruncated: 'Whether there are more keys (ask again with the continuation token).',
  ContinuationToken: 'Where the previous page ended.',
  NextContinuationToken: 'Where to continue the listing.',
  Delimiter: 'Groups keys by this character (`/`), like folders.',
  CommonPrefixes: 'The “folders” of a listing with a delimiter.',
  HostId: 'S3’s extended request id.',
  BucketName: 'The bucket.',
  Resource: 'The resource the error is about.',
  // DynamoDB.
  TableName: 'The table.',
  Item: 'An item: attribute name → typed value (`{"S": "…"}` string, `{"N": "…"}` number).',
  Items: 'The items found.',
  Count: 'How many items the page holds.',
  ScannedCount: 'How many items were read before the filter.',
  KeyConditionExpression:
    'Which partition key (and sort key range) to query; `dynamodb:LeadingKeys` in policies is the partition key.',
  ExpressionAttributeValues: 'The values the expressions use (`:v`).',
  ExpressionAttributeNames: 'Names the expressions use (`#n`), for reserved words.',
  ProjectionExpression: 'Which attributes to return.',
  ConsistentRead: 'Whether to read the latest write (costs twice as much).',
  S: 'A string value.',
  N: 'A number value (sent as a string).',
  BOOL: 'A boolean value.',
  L: 'A list value.',
  M: 'A map value.',
  // EC2 instance metadata (IMDS).
  InstanceProfileArn: 'The instance profile attached to the instance.',
  InstanceProfileId: 'The instance profile’s id (`AIPA…`).',
  LastUpdated: 'When IMDS last rotated the credentials (it does so well before they expire).',
  // Lambda.
  errorType: 'Lambda: the type of the error the function threw (`AccessDeniedException`, `Error`).',
  errorMessage: 'Lambda: the message of the error the function threw.',
  trace: 'Lambda: the stack trace of the error the function threw.',
  FunctionName: 'The function.',
  Payload: 'The event the function gets, or the result it returns.',
  StatusCode: 'The invocation’s HTTP status (200 even when the function threw: see `FunctionError`).',
  FunctionError: '`Unhandled` when the function threw.',
  ExecutedVersion: 'The version that ran.',
  // The vendor’s onboarding API (flow 8; not AWS).
  IntegrationId: 'The vendor’s id for this integration (the vendor’s API, not AWS).',
  ChainedRoleArn:
    'A second role the vendor assumes with the first role’s session (role chaining; the vendor’s API, not AWS).',
  // The console sign-in model (flow 9; the real sign-in is a browser page, not an API).
  action: 'Console sign-in (model): `password` (the first page) or `mfa` (the code page).',
  principal:
    'Console sign-in (model): `root` (email and password) or `iam-user` (account, user name, password); in the answer, the ARN signed in.',
  email: 'The root user’s email address: the root signs in with it.',
  password: 'The password, over TLS.',
  account: 'The account id or alias an IAM user signs in to.',
  username: 'The IAM user name.',
  mfaCode: 'The 6-digit code the MFA device shows now.',
  state: 'Console sign-in (model): `MFA_REQUIRED`, `SUCCESS` or `FAILED`.',
  mfaType: 'The kind of MFA device: `TOTP` (a virtual authenticator app).',
  mfaSerial: 'The MFA device the page asks a code from.',
  signInToken: 'Console sign-in (model): ties the code page to the password page, for a few minutes.',
  mfaAuthenticated: 'Whether the console session was made with MFA.',
  redirectTo: 'Where the browser goes next: the console.',
  sessionExpires: 'When the console session ends (root: one hour; IAM users: up to twelve).',
};

/** Fields whose meaning depends on where they appear (`PARENT.NAME`). */
const IN_CONTEXT: Record<string, string> = {
  'Credentials.Expiration': FIELDS['Expiration']!,
  'xml.Type': 'In an error: `Sender` (the request is at fault) or `Receiver` (the service).',
  'imds.Code': '`Success` when the instance could get credentials for its role.',
  'imds.Type': '`AWS-HMAC`: credentials that sign with SigV4.',
  'imds.Token': 'The session token of the role credentials the instance holds.',
  'imds.LastUpdated': 'When IMDS last rotated the credentials (it does so well before they expire).',
};

function wrapper(name: string): string | undefined {
  if (/^[A-Z]\w*Response$/.test(name))
    return `The answer of ${name.slice(0, -'Response'.length)} (Query-protocol XML).`;
  if (/^[A-Z]\w*Result$/.test(name)) return `The result of ${name.slice(0, -'Result'.length)}.`;
  return undefined;
}

/**
 * What a header means, case-insensitively (`X-Amz-Target`), or one part of an Authorization
 * header (`Credential`, `SignedHeaders`, `Signature`).
 */
export function explainHeader(name: string): string | undefined {
  return HEADERS[name.toLowerCase()] ?? AUTH_PARTS[name];
}

/**
 * What a body field means. `context` is where it was seen: the parent JSON key
 * (`ChallengeParameters`), `form` for a Query parameter, `xml`, or `imds`. Query list members
 * (`PolicyArns.member.1.arn`) are explained by their list.
 */
export function explainField(name: string, context?: string): string | undefined {
  if (context && IN_CONTEXT[`${context}.${name}`]) return IN_CONTEXT[`${context}.${name}`];
  const known = FIELDS[name] ?? wrapper(name);
  if (known) return known;
  const list = /^([A-Za-z]+)\.member\.\d+/.exec(name);
  if (list) return FIELDS[list[1]!];
  if (name.startsWith('custom:')) return 'A custom attribute of the user pool.';
  return undefined;
}

/** The names `explainField` knows (for tests and the panel's index). */
export const FIELD_NAMES: readonly string[] = Object.keys(FIELDS);
export const HEADER_NAMES: readonly string[] = Object.keys(HEADERS);

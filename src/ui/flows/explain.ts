/**
 * What a field or header of an exchange means, for the request and response panels. The flows'
 * own explanations (`src/flows/fields.ts`) are used when that module is part of the build; until
 * then a few common ones stand in.
 */
type Explainers = {
  explainField?: (name: string, context?: string) => string | undefined;
  explainHeader?: (name: string) => string | undefined;
};

const found = import.meta.glob<Explainers>('../../flows/fields.ts', { eager: true });
const real: Explainers = Object.values(found)[0] ?? {};

const FIELDS: Record<string, string> = {
  AuthFlow: 'How the app signs in: `USER_SRP_AUTH` proves the password without sending it.',
  ClientId: 'The user pool app client the app signs in through.',
  ChallengeName:
    'What the user pool asks for next (`PASSWORD_VERIFIER`, `NEW_PASSWORD_REQUIRED`, `SOFTWARE_TOKEN_MFA`).',
  IdToken:
    'The ID token: who the user is (claims such as `email`, `cognito:groups`), for the app and the identity pool.',
  AccessToken: 'The access token: what the user may do in the user pool’s own API; not for the identity pool.',
  RefreshToken: 'Opaque; trades for new ID and access tokens without the password.',
  IdentityId: 'The user’s identity in the identity pool (`REGION:UUID`): the same for every sign-in of the same user.',
  IdentityPoolId: 'The identity pool (`REGION:UUID`).',
  Logins: 'Provider name → token: the identity pool checks the token’s issuer, audience and signature.',
  Credentials: 'Temporary AWS credentials: access key, secret key, session token, expiry.',
  AccessKeyId: 'Starts with `ASIA` for temporary credentials, `AKIA` for a long-term key.',
  SecretKey: 'Signs requests (SigV4); never sent itself.',
  SecretAccessKey: 'Signs requests (SigV4); never sent itself.',
  SessionToken: 'Proves the credentials are temporary; sent as `X-Amz-Security-Token`.',
  Expiration: 'When the credentials stop working.',
  RoleArn: 'The IAM role the credentials belong to.',
  WebIdentityToken: 'The OpenID token STS checks against the role’s trust policy.',
  __type: 'The error’s code, as AWS names it.',
  message: 'The error, in AWS’s words.',
};

const HEADERS: Record<string, string> = {
  'x-amz-target': 'Which operation of a JSON API is called (`Service.Operation`).',
  'content-type': 'The body’s media type: AWS’s JSON APIs use `application/x-amz-json-1.1`.',
  authorization: 'The SigV4 signature: the access key, the date and region, the signed headers and the signature.',
  'x-amz-date': 'When the request was signed; AWS refuses a signature more than 5 minutes off.',
  'x-amz-security-token': 'The session token of temporary credentials.',
  'x-amz-content-sha256': 'The SHA-256 of the body, part of the S3 signature.',
  'x-amzn-requestid': 'AWS’s id of the request, for support and logs.',
  'x-aws-ec2-metadata-token': 'The IMDSv2 session token the instance got with a PUT.',
  'x-aws-ec2-metadata-token-ttl-seconds': 'How long the IMDSv2 token lives (at most 21,600 s).',
  host: 'The service endpoint the request goes to.',
};

export function explainField(name: string, context?: string): string | undefined {
  return real.explainField?.(name, context) ?? FIELDS[name];
}

export function explainHeader(name: string): string | undefined {
  return real.explainHeader?.(name) ?? HEADERS[name.toLowerCase()];
}

/**
 * Short descriptions of the global condition keys (the data package lists them without one),
 * paraphrased from the IAM User Guide page "AWS global condition context keys".
 */
export const GLOBAL_KEY_DESCRIPTIONS: Record<string, string> = {
  'aws:principalarn': 'The ARN of the principal that made the request (for a role session, the role ARN)',
  'aws:principalaccount': 'The account the requesting principal belongs to',
  'aws:principalorgpaths': "The AWS Organizations path of the principal's account",
  'aws:principalorgid': "The organization ID of the principal's account",
  'aws:principaltag/${tagkey}': 'A tag attached to the requesting principal (user or role, or a session tag)',
  'aws:principalisawsservice': 'Whether the call is made by an AWS service principal',
  'aws:principalservicename': 'The service principal name of the calling AWS service',
  'aws:principalservicenameslist': 'All service principal names of the calling service',
  'aws:principaltype': 'The type of principal: `Account`, `User`, `FederatedUser`, `AssumedRole` or `Anonymous`',
  'aws:userid': 'The unique ID of the requesting principal',
  'aws:username': 'The friendly name of the requesting IAM user (present for IAM users only)',
  'aws:assumedroot': 'Whether the request uses a root session obtained with `sts:AssumeRoot`',
  'aws:federatedprovider': "The identity provider that issued the federated principal's identity",
  'aws:tokenissuetime': 'When the temporary credentials were issued (temporary credentials only)',
  'aws:multifactorauthage': 'Seconds since the principal authenticated with MFA (temporary credentials only)',
  'aws:multifactorauthpresent':
    'Whether MFA was used to obtain the temporary credentials (absent for long-term keys: use `BoolIfExists`)',
  'aws:sourceidentity': 'The source identity set when the role session was created',
  'aws:sourceip': "The requester's IP address (not present for requests made through a VPC endpoint)",
  'aws:sourcevpc': 'The VPC the request came from through a VPC endpoint',
  'aws:sourcevpce': 'The VPC endpoint the request came through',
  'aws:vpcsourceip': "The requester's IP address when the request comes through a VPC endpoint",
  'aws:resourceaccount': 'The account that owns the resource',
  'aws:resourceorgid': 'The organization ID of the account that owns the resource',
  'aws:resourceorgpaths': 'The AWS Organizations path of the account that owns the resource',
  'aws:resourcetag/${tagkey}': 'A tag attached to the resource',
  'aws:calledvia': "The services that made the request on the principal's behalf, in order",
  'aws:calledviafirst': "The first service that made the request on the principal's behalf",
  'aws:calledvialast': "The last service that made the request on the principal's behalf",
  'aws:viaawsservice': "Whether an AWS service made the request on the principal's behalf",
  'aws:currenttime': 'The date and time of the request',
  'aws:epochtime': 'The date and time of the request in epoch seconds',
  'aws:referer': 'The HTTP referer header of the request (easily forged)',
  'aws:requestedregion': 'The AWS Region the request was made to',
  'aws:requesttag/${tagkey}': 'A tag passed in the request',
  'aws:tagkeys': 'The tag keys passed in the request (multi-valued: use `ForAllValues` or `ForAnyValue`)',
  'aws:securetransport': 'Whether the request was sent over TLS',
  'aws:sourcearn': 'The ARN of the resource making a service-to-service request',
  'aws:sourceaccount': 'The account of the resource making a service-to-service request',
  'aws:sourceowner':
    'The account of the resource making a service-to-service request (older form of `aws:SourceAccount`)',
  'aws:sourceorgid': 'The organization ID of the resource making a service-to-service request',
  'aws:sourceorgpaths': 'The organization path of the resource making a service-to-service request',
  'aws:useragent': "The client application's user agent (easily forged)",
};

/**
 * The keys of web identity federation (IAM User Guide, "Available keys for AWS web identity
 * federation"): set by STS from the identity provider's token in `AssumeRoleWithWebIdentity`, and
 * carried by the role session into later requests. The data package lists none of them.
 */
export const WEB_IDENTITY_KEYS: [key: string, type: string, description: string][] = [
  ['cognito-identity.amazonaws.com:aud', 'String', 'The identity pool id the Cognito OpenID token was issued for'],
  [
    'cognito-identity.amazonaws.com:sub',
    'String',
    'The Cognito identity id of the caller (stable per user and identity pool)',
  ],
  [
    'cognito-identity.amazonaws.com:amr',
    'ArrayOfString',
    'How the identity signed in: `authenticated` or `unauthenticated`, and the login providers used',
  ],
  ['accounts.google.com:aud', 'String', 'The Google OAuth client id the token was issued to'],
  ['accounts.google.com:oaud', 'String', 'The audience of the Google token when it differs from `aud`'],
  ['accounts.google.com:sub', 'String', 'The Google user id'],
  ['graph.facebook.com:app_id', 'String', 'The Facebook app id'],
  ['graph.facebook.com:id', 'String', 'The Facebook user id'],
  ['www.amazon.com:app_id', 'String', 'The Login with Amazon app id'],
  ['www.amazon.com:user_id', 'String', 'The Login with Amazon user id'],
];

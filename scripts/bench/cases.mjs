// Generates varied `iamplay eval` cases for the whole-process workload: several principals
// (users, sessions, cross-account users, anonymous), actions, resources, contexts and policy shapes.
const A = '111122223333';
const B = '444455556666';
const V = '2012-10-17';

/** A small deterministic generator, so every run evaluates the same cases. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

export function generateCases(n, managed) {
  const r = rng(42);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const principals = [
    `arn:aws:iam::${A}:user/alice`,
    `arn:aws:iam::${A}:user/bob`,
    `arn:aws:sts::${A}:assumed-role/Dev/s1`,
    `arn:aws:sts::${B}:assumed-role/Partner/p1`,
    `arn:aws:iam::${B}:user/carol`,
    'anonymous',
  ];
  const requests = [
    ['s3:GetObject', 'arn:aws:s3:::data-bucket/reports/2026/q1.csv'],
    ['s3:PutObject', 'arn:aws:s3:::data-bucket/home/alice/notes.txt'],
    ['s3:ListBucket', 'arn:aws:s3:::data-bucket'],
    ['dynamodb:GetItem', `arn:aws:dynamodb:us-east-1:${A}:table/Orders`],
    ['dynamodb:PutItem', `arn:aws:dynamodb:eu-west-1:${A}:table/Orders`],
    ['ec2:RunInstances', '*'],
    ['iam:CreateUser', `arn:aws:iam::${A}:user/new`],
    ['kms:Decrypt', `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    ['sts:AssumeRole', `arn:aws:iam::${A}:role/Admin`],
    ['sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:orders`],
  ];
  const identity = [
    { Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }] },
    {
      Version: V,
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data-bucket/home/${aws:username}/*' }],
    },
    {
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Action: 'dynamodb:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
        },
      ],
    },
    {
      Version: V,
      Statement: [
        { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'ec2:RunInstances',
          Resource: '*',
          Condition: { StringNotEquals: { 'ec2:InstanceType': ['t3.micro', 't3.small'] } },
        },
      ],
    },
    { Version: V, Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'kms:Decrypt'], Resource: '*' }] },
    ...managed,
  ];
  const resourcePolicies = [
    undefined,
    {
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${B}:root` },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::data-bucket/*',
        },
      ],
    },
    {
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::data-bucket/reports/*',
          Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ],
    },
    {
      Version: V,
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    },
  ];
  const scps = [
    [{ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
    [
      {
        Version: V,
        Statement: [
          { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
          { Effect: 'Allow', Action: '*', Resource: '*' },
        ],
      },
    ],
  ];
  const trust = {
    Version: V,
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }],
  };
  const cases = [];
  for (let i = 0; i < n; i++) {
    const [action, resource] = pick(requests);
    const c = {
      id: `c${i}`,
      request: {
        principal: pick(principals),
        action,
        resource,
        context: {
          'aws:SourceIp': pick(['203.0.113.7', '198.51.100.1', '10.0.0.5']),
          'ec2:InstanceType': pick(['t3.micro', 'm5.large']),
        },
      },
      identityPolicies: [pick(identity), pick(identity)],
    };
    if (action.startsWith('s3:') && r() < 0.3) c.request.resourceAccount = pick([A, B]);
    const rp = pick(resourcePolicies);
    // A role's resource policy is its trust policy: IAM refuses a bucket policy there.
    if (action.startsWith('sts:')) c.resourcePolicy = trust;
    else if (rp) c.resourcePolicy = rp;
    if (r() < 0.5) c.scps = scps;
    if (r() < 0.2) c.permissionsBoundary = pick(identity);
    cases.push(c);
  }
  return cases;
}

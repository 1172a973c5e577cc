// Generates `iamplay eval` cases whose policies are all distinct documents (issue 8): every case
// carries its own identity policies, and often its own resource policy, boundary and SCPs, with
// generated names, so no two cases share a document and caching by text cannot hide the cost of
// reading a policy. Deterministic: the same seed gives the same file.
//
//   node scripts/bench/distinct.mjs [COUNT] [SEED] > cases.json
const A = '111122223333';
const B = '444455556666';
const V = '2012-10-17';

/** A small deterministic generator (mulberry-style), so every run evaluates the same cases. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return ((s ^ (s >>> 13)) >>> 0) / 4294967296;
  };
}

const SERVICES = {
  s3: ['GetObject', 'PutObject', 'ListBucket', 'DeleteObject', 'GetObjectTagging', 'GetBucketPolicy'],
  dynamodb: ['GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem', 'DeleteItem'],
  ec2: ['RunInstances', 'DescribeInstances', 'StopInstances', 'TerminateInstances', 'CreateTags'],
  sqs: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueUrl'],
  kms: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'DescribeKey'],
  lambda: ['InvokeFunction', 'GetFunction', 'UpdateFunctionCode'],
  iam: ['CreateUser', 'GetUser', 'PassRole', 'ListRoles'],
};
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

/** `n` cases (ids `d0`…), each with its own generated documents. */
export function generateDistinct(n, seed = 8) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const int = (k) => Math.floor(r() * k);
  const word = () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let w = '';
    for (let i = 0, len = 4 + int(6); i < len; i++) w += letters[int(26)];
    return w;
  };
  const services = Object.keys(SERVICES);
  const resourceFor = (svc, name, region, account) => {
    switch (svc) {
      case 's3':
        return `arn:aws:s3:::${name}/reports/${word()}.csv`;
      case 'dynamodb':
        return `arn:aws:dynamodb:${region}:${account}:table/${name}`;
      case 'ec2':
        return `arn:aws:ec2:${region}:${account}:instance/i-${int(1e9).toString(16)}`;
      case 'sqs':
        return `arn:aws:sqs:${region}:${account}:${name}`;
      case 'kms':
        return `arn:aws:kms:${region}:${account}:key/${name}-${int(1e6)}`;
      case 'lambda':
        return `arn:aws:lambda:${region}:${account}:function:${name}`;
      default:
        return `arn:aws:iam::${account}:user/${name}`;
    }
  };
  const patternFor = (svc, name) => {
    switch (svc) {
      case 's3':
        return pick([`arn:aws:s3:::${name}/*`, `arn:aws:s3:::${name}/reports/*`, `arn:aws:s3:::${name}*`, '*']);
      case 'dynamodb':
        return pick([`arn:aws:dynamodb:*:${A}:table/${name}`, `arn:aws:dynamodb:us-*:*:table/${name}*`, '*']);
      case 'iam':
        return pick([`arn:aws:iam::${A}:user/${name}`, `arn:aws:iam::*:user/*`, '*']);
      default:
        return pick([`arn:aws:${svc}:*:${A}:*`, `arn:aws:${svc}:${pick(REGIONS)}:*:*${name}*`, '*']);
    }
  };
  const condition = (name) =>
    pick([
      undefined,
      undefined,
      { StringEquals: { 'aws:RequestedRegion': pick(REGIONS) } },
      { StringLike: { 'aws:PrincipalTag/team': [`${name}*`, word()] } },
      { IpAddress: { 'aws:SourceIp': [`10.${int(256)}.0.0/16`, '203.0.113.0/24'] } },
      { Bool: { 'aws:SecureTransport': pick(['true', 'false']) } },
      { NumericLessThan: { 's3:max-keys': String(10 + int(1000)) } },
      { DateLessThan: { 'aws:CurrentTime': `20${30 + int(60)}-01-01T00:00:00Z` } },
      { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/${name}-*` } },
    ]);
  const statement = (name) => {
    const svc = pick(services);
    const s = { Sid: `S${word()}${int(1000)}`, Effect: r() < 0.8 ? 'Allow' : 'Deny' };
    const acts = SERVICES[svc];
    if (r() < 0.1) s.NotAction = [`iam:*`, `${pick(services)}:${pick(['Delete*', 'Create*'])}`];
    else
      s.Action =
        r() < 0.3
          ? `${svc}:${pick(['*', 'Get*', 'List*', 'Describe*'])}`
          : [`${svc}:${pick(acts)}`, `${svc}:${pick(acts)}`, `${svc}:Get*`];
    s.Resource = r() < 0.8 ? patternFor(svc, name) : [patternFor(svc, name), patternFor(svc, word())];
    const c = condition(name);
    if (c) s.Condition = c;
    return s;
  };
  const policy = (name, count) => {
    const Statement = [];
    for (let i = 0; i < count; i++) Statement.push(statement(i === 0 ? name : word()));
    return { Version: V, Id: `${name}-${int(1e9)}`, Statement };
  };
  const principals = (name) => [
    `arn:aws:iam::${A}:user/${name}`,
    `arn:aws:sts::${A}:assumed-role/${name}-role/s${int(100)}`,
    `arn:aws:iam::${B}:user/${name}`,
    'anonymous',
  ];

  const cases = [];
  for (let i = 0; i < n; i++) {
    const name = `${word()}${i}`;
    const svc = pick(services);
    const region = pick(REGIONS);
    const account = r() < 0.85 ? A : B;
    const c = {
      id: `d${i}`,
      request: {
        principal: pick(principals(name)),
        action: `${svc}:${pick(SERVICES[svc])}`,
        resource: resourceFor(svc, name, region, account),
        context: {
          'aws:SourceIp': `${pick([10, 203, 198])}.${int(256)}.${int(256)}.${int(256)}`,
          'aws:RequestedRegion': region,
          'aws:PrincipalTag/team': pick([name, word()]),
          'aws:SecureTransport': pick(['true', 'false']),
        },
      },
      identityPolicies: [policy(name, 2 + int(4)), policy(word(), 1 + int(3))],
    };
    if (svc === 's3' && r() < 0.5) {
      c.resourcePolicy = {
        Version: V,
        Statement: [
          {
            Sid: `Share${word()}`,
            Effect: 'Allow',
            Principal: { AWS: pick([`arn:aws:iam::${B}:root`, `arn:aws:iam::${A}:user/${name}`, B]) },
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
          },
        ],
      };
    }
    if (r() < 0.2) c.permissionsBoundary = policy(word(), 1 + int(3));
    if (r() < 0.4)
      c.scps = [
        [
          {
            Version: V,
            Statement: [
              { Effect: 'Allow', Action: '*', Resource: '*' },
              { Sid: `Deny${word()}`, Effect: 'Deny', Action: `${pick(services)}:Delete*`, Resource: '*' },
            ],
          },
        ],
      ];
    cases.push(c);
  }
  return cases;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 20000);
  const seed = Number(process.argv[3] ?? 8);
  process.stdout.write(JSON.stringify(generateDistinct(n, seed)));
}

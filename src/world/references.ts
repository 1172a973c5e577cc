/**
 * The checks the schema cannot make alone: references between parts of the world (a group a user
 * names exists in its account, an attached managed policy is declared or AWS managed, an EC2
 * instance's profile belongs to a role, an identity pool's providers are pools and clients of the
 * world, …) and names that must be unique. Reads the raw value defensively, so it runs even when
 * the schema found problems; a value of the wrong shape is skipped here (the schema reports it).
 */
import type { WorldIssue, WorldPath } from './issues';
import { ISSUE_CODES } from './issues';

// Kept here rather than imported from schema.ts, which imports this module.
const ACCOUNT_RE = /^\d{12}$/;
const AWS_MANAGED_RE = /^arn:aws[a-z-]*:iam::aws:policy\/([\x21-\x2E\x30-\x7E]+\/)*[\w+=,.@-]{1,128}$/;
const MANAGED_POLICY_ARN_RE = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/([\x21-\x2E\x30-\x7E]+\/)*[\w+=,.@-]{1,128}$/;
const ROLE_ARN_RE = /^arn:aws[a-z-]*:iam::\d{12}:role\/([\x21-\x2E\x30-\x7E]+\/)*[\w+=,.@-]{1,64}$/;
const INSTANCE_PROFILE_ARN_RE =
  /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/([\x21-\x2E\x30-\x7E]+\/)*[\w+=,.@-]{1,128}$/;
const COGNITO_PROVIDER_RE =
  /^cognito-idp\.([a-z]{2}(-[a-z]+)+-\d)\.amazonaws\.com\/(([a-z]{2}(-[a-z]+)+-\d)_[0-9a-zA-Z]{1,40})$/;
const ROOT_ID_RE = /^r-[0-9a-z]{4,32}$/;
const OU_ID_RE = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ARN_ACCOUNT_RE = /^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/;

const FULL_AWS_ACCESS = 'FullAWSAccess';
const RCP_FULL_AWS_ACCESS = 'RCPFullAWSAccess';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bt = (s: string) => `\`${s}\``;
const short = (s: string) => (s.length > 120 ? s.slice(0, 119) + '…' : s);

/** `ACCOUNT:role/PATH/NAME`, the part of a role ARN that names it. */
const roleKey = (account: string, path: string | undefined, name: string) => `${account}:role${path ?? '/'}${name}`;
const roleKeyOfArn = (arn: string) => arn.slice(arn.indexOf(':iam::') + 6);

/** Seconds per token validity unit, and the bounds Cognito enforces on each token. */
const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const TOKEN_BOUNDS = {
  accessToken: { field: 'accessTokenValidity', unit: 'hours', min: 300, max: 86400, range: 'from 5 minutes to 1 day' },
  idToken: { field: 'idTokenValidity', unit: 'hours', min: 300, max: 86400, range: 'from 5 minutes to 1 day' },
  refreshToken: {
    field: 'refreshTokenValidity',
    unit: 'days',
    min: 3600,
    max: 3650 * 86400,
    range: 'from 60 minutes to 10 years',
  },
} as const;

class References {
  readonly issues: WorldIssue[] = [];
  readonly accounts = new Set<string>();
  readonly managed = new Set<string>();
  readonly roles = new Set<string>();
  /** `ACCOUNT/PROFILE` → the role that holds it. */
  readonly profiles = new Map<string, string>();
  readonly accessKeys = new Set<string>();
  readonly oidc = new Set<string>();
  readonly saml = new Set<string>();
  readonly pools = new Map<string, { clients: Set<string>; region: string }>();

  issue(path: WorldPath, message: string, help?: string, code: string = ISSUE_CODES.reference): void {
    const i: WorldIssue = { code, message, path };
    if (help) i.help = help;
    this.issues.push(i);
  }

  account(v: unknown, path: WorldPath): string | undefined {
    const id = str(v);
    if (id === undefined || !ACCOUNT_RE.test(id)) return undefined;
    if (!this.accounts.has(id))
      this.issue(path, `the account \`${id}\` is not in \`accounts\``, 'add it to `accounts` first');
    return id;
  }

  policyRef(v: unknown, path: WorldPath): void {
    const arn = str(v);
    if (arn === undefined || !MANAGED_POLICY_ARN_RE.test(arn)) return;
    if (!this.managed.has(arn) && !AWS_MANAGED_RE.test(arn))
      this.issue(
        path,
        `the managed policy \`${arn}\` is not in \`managedPolicies\``,
        'declare customer managed policies in `managedPolicies`',
      );
  }

  roleRef(v: unknown, path: WorldPath): void {
    const arn = str(v);
    if (arn === undefined || !ROLE_ARN_RE.test(arn)) return;
    if (!this.roles.has(roleKeyOfArn(arn)))
      this.issue(
        path,
        `the role \`${short(arn)}\` is not in \`roles\``,
        'a role ARN names a role of the world with its path: `arn:aws:iam::ACCOUNT:role/PATH/NAME`',
      );
  }

  /** Reports the second and later uses of a name. */
  unique(seen: Set<string>, key: string, path: WorldPath, message: string): void {
    if (seen.has(key)) this.issue(path, message, undefined, ISSUE_CODES.duplicate);
    seen.add(key);
  }

  inline(v: unknown, path: WorldPath): void {
    const names = new Set<string>();
    arr(v).forEach((p, i) => {
      const name = isObj(p) ? str(p.name) : undefined;
      if (name !== undefined)
        this.unique(names, name, [...path, i, 'name'], `the inline policy name \`${short(name)}\` is used twice`);
    });
  }

  attached(o: Obj, path: WorldPath): void {
    arr(o.managedPolicies).forEach((p, j) => this.policyRef(p, [...path, 'managedPolicies', j]));
    if (o.permissionsBoundary !== undefined) this.policyRef(o.permissionsBoundary, [...path, 'permissionsBoundary']);
  }
}

export function checkReferences(world: unknown): WorldIssue[] {
  if (!isObj(world)) return [];
  const r = new References();

  arr(world.accounts).forEach((a, i) => {
    const id = isObj(a) ? str(a.id) : undefined;
    if (id !== undefined && ACCOUNT_RE.test(id))
      r.unique(r.accounts, id, ['accounts', i, 'id'], `the account \`${id}\` is listed twice`);
  });

  managedPolicies(r, world);
  const groups = new Set<string>();
  arr(world.groups).forEach((g, i) => {
    const path: WorldPath = ['groups', i];
    if (!isObj(g)) return;
    const acct = r.account(g.account, [...path, 'account']);
    const name = str(g.name);
    if (acct && name !== undefined)
      r.unique(
        groups,
        `${acct}/${name}`,
        [...path, 'name'],
        `the group \`${short(name)}\` is listed twice in account ${acct}`,
      );
    r.inline(g.inlinePolicies, [...path, 'inlinePolicies']);
    r.attached(g, path);
  });
  users(r, world, groups);
  roles(r, world);
  identityProviders(r, world);
  resources(r, world);
  userPools(r, world);
  identityPools(r, world);
  if (isObj(world.organization)) organization(r, world.organization);
  return r.issues;
}

function managedPolicies(r: References, world: Obj): void {
  arr(world.managedPolicies).forEach((m, i) => {
    const path: WorldPath = ['managedPolicies', i];
    if (!isObj(m)) return;
    const arn = str(m.arn);
    if (arn !== undefined && MANAGED_POLICY_ARN_RE.test(arn))
      r.unique(r.managed, arn, [...path, 'arn'], `the managed policy \`${arn}\` is listed twice`);
    const ids = new Set<string>();
    const count = arr(m.versions).length;
    // The five-version limit is the customer's: AWS managed policies keep their whole history.
    if (arn !== undefined && count > 5 && !AWS_MANAGED_RE.test(arn))
      r.issue(
        [...path, 'versions'],
        `a customer managed policy can have at most 5 versions, found ${count}`,
        'IAM keeps five versions: delete one before adding another',
        ISSUE_CODES.limit,
      );
    arr(m.versions).forEach((v, j) => {
      const id = isObj(v) ? str(v.versionId) : undefined;
      if (id !== undefined)
        r.unique(ids, id, [...path, 'versions', j, 'versionId'], `the version \`${short(id)}\` is listed twice`);
    });
    const def = str(m.defaultVersion);
    if (def !== undefined && ids.size > 0 && !ids.has(def))
      r.issue(
        [...path, 'defaultVersion'],
        `the default version \`${short(def)}\` is not one of the versions`,
        `the versions are ${[...ids].map(bt).join(', ')}`,
      );
  });
}

function users(r: References, world: Obj, groups: Set<string>): void {
  // Root access keys first: their ids share one space with the users' keys.
  arr(world.accounts).forEach((a, i) => {
    if (!isObj(a) || !isObj(a.root)) return;
    arr(a.root.accessKeys).forEach((k, j) => {
      const id = isObj(k) ? str(k.accessKeyId) : undefined;
      if (id !== undefined)
        r.unique(
          r.accessKeys,
          id,
          ['accounts', i, 'root', 'accessKeys', j, 'accessKeyId'],
          `the access key \`${short(id)}\` is listed twice`,
        );
    });
  });
  const seen = new Set<string>();
  arr(world.users).forEach((u, i) => {
    const path: WorldPath = ['users', i];
    if (!isObj(u)) return;
    const acct = r.account(u.account, [...path, 'account']);
    const name = str(u.name);
    if (acct && name !== undefined)
      r.unique(
        seen,
        `${acct}/${name}`,
        [...path, 'name'],
        `the user \`${short(name)}\` is listed twice in account ${acct}`,
      );
    r.inline(u.inlinePolicies, [...path, 'inlinePolicies']);
    r.attached(u, path);
    const mine = new Set<string>();
    arr(u.groups).forEach((g, j) => {
      if (typeof g !== 'string' || !acct) return;
      if (!groups.has(`${acct}/${g}`))
        r.issue(
          [...path, 'groups', j],
          `the group \`${short(g)}\` is not in account ${acct}`,
          'a user can only join groups of its own account',
        );
      else r.unique(mine, g, [...path, 'groups', j], `the group \`${short(g)}\` is listed twice`);
    });
    arr(u.accessKeys).forEach((k, j) => {
      const id = isObj(k) ? str(k.accessKeyId) : undefined;
      if (id !== undefined)
        r.unique(
          r.accessKeys,
          id,
          [...path, 'accessKeys', j, 'accessKeyId'],
          `the access key \`${short(id)}\` is listed twice`,
        );
    });
  });
}

function roles(r: References, world: Obj): void {
  const list = arr(world.roles);
  // Every role first, so that a role may name another one (declared later) in what follows.
  const names = new Set<string>();
  list.forEach((ro, i) => {
    if (!isObj(ro)) return;
    const acct = str(ro.account);
    const name = str(ro.name);
    if (acct === undefined || !ACCOUNT_RE.test(acct) || name === undefined) return;
    r.unique(
      names,
      `${acct}/${name}`,
      ['roles', i, 'name'],
      `the role \`${short(name)}\` is listed twice in account ${acct}`,
    );
    r.roles.add(roleKey(acct, str(ro.path), name));
  });
  list.forEach((ro, i) => {
    const path: WorldPath = ['roles', i];
    if (!isObj(ro)) return;
    const acct = r.account(ro.account, [...path, 'account']);
    r.inline(ro.inlinePolicies, [...path, 'inlinePolicies']);
    r.attached(ro, path);
    if (ro.serviceLinked === true && !(str(ro.path) ?? '/').startsWith('/aws-service-role/'))
      r.issue(
        [...path, 'serviceLinked'],
        'a service-linked role has a path under `/aws-service-role/`',
        'set `path` to `/aws-service-role/SERVICE/`, or leave `serviceLinked` out',
        ISSUE_CODES.format,
      );
    arr(ro.instanceProfiles).forEach((p, j) => {
      if (typeof p !== 'string' || !acct) return;
      const other = r.profiles.get(`${acct}/${p}`);
      if (other !== undefined)
        r.issue(
          [...path, 'instanceProfiles', j],
          `the instance profile \`${short(p)}\` already holds the role \`${short(other)}\``,
          'an instance profile holds one role',
          ISSUE_CODES.duplicate,
        );
      else r.profiles.set(`${acct}/${p}`, str(ro.name) ?? '');
    });
  });
}

function identityProviders(r: References, world: Obj): void {
  const seen = new Set<string>();
  arr(world.identityProviders).forEach((p, i) => {
    const path: WorldPath = ['identityProviders', i];
    if (!isObj(p)) return;
    const acct = r.account(p.account, [...path, 'account']);
    if (!acct) return;
    const url = str(p.url);
    const name = str(p.name);
    if (p.type === 'OIDC' && url !== undefined && url.startsWith('https://')) {
      const arn = `arn:aws:iam::${acct}:oidc-provider/${url.slice(8)}`;
      r.unique(seen, arn, [...path, 'url'], `the OIDC provider \`${short(url)}\` is listed twice in account ${acct}`);
      r.oidc.add(arn);
    } else if (p.type === 'SAML' && name !== undefined) {
      const arn = `arn:aws:iam::${acct}:saml-provider/${name}`;
      r.unique(seen, arn, [...path, 'name'], `the SAML provider \`${short(name)}\` is listed twice in account ${acct}`);
      r.saml.add(arn);
    }
  });
}

function resources(r: References, world: Obj): void {
  const seen = new Set<string>();
  arr(world.resources).forEach((res, i) => {
    const path: WorldPath = ['resources', i];
    if (!isObj(res)) return;
    const arn = str(res.arn);
    if (arn !== undefined) r.unique(seen, arn, [...path, 'arn'], `the resource \`${short(arn)}\` is listed twice`);
    if (res.account !== undefined) {
      const acct = r.account(res.account, [...path, 'account']);
      const inArn = arn !== undefined ? ARN_ACCOUNT_RE.exec(arn)?.[1] : undefined;
      if (acct && inArn && inArn !== acct)
        r.issue(
          [...path, 'account'],
          `the account \`${acct}\` is not the account of the ARN (\`${inArn}\`)`,
          'leave `account` out: it defaults to the account of the ARN',
        );
    }
    switch (res.type) {
      case 'lambda-function':
        r.roleRef(res.role, [...path, 'role']);
        break;
      case 'ec2-instance':
        ec2Instance(r, res, path);
        break;
      case 'dynamodb-table':
        dynamoDbTable(r, res, path);
        break;
      case 's3-bucket':
        s3Bucket(r, res, path);
        break;
    }
  });
}

function ec2Instance(r: References, res: Obj, path: WorldPath): void {
  const profile = str(res.instanceProfile);
  if (profile !== undefined && INSTANCE_PROFILE_ARN_RE.test(profile)) {
    const acct = profile.slice(profile.indexOf(':iam::') + 6, profile.indexOf(':iam::') + 18);
    const name = profile.slice(profile.lastIndexOf('/') + 1);
    if (!r.profiles.has(`${acct}/${name}`))
      r.issue(
        [...path, 'instanceProfile'],
        `the instance profile \`${short(name)}\` is not in the \`instanceProfiles\` of any role of account ${acct}`,
        'list it in `instanceProfiles` of the role the instance should run as',
      );
  }
  arr(res.storedAccessKeys).forEach((k, j) => {
    if (typeof k === 'string' && !r.accessKeys.has(k))
      r.issue(
        [...path, 'storedAccessKeys', j],
        `the access key \`${short(k)}\` is not a key of any user of the world`,
        'list the ids of access keys that users (or the root user) hold',
      );
  });
}

function dynamoDbTable(r: References, res: Obj, path: WorldPath): void {
  const keys = arr(res.keySchema);
  const defined = new Map<string, string>();
  arr(res.attributeDefinitions).forEach((d, j) => {
    const name = isObj(d) ? str(d.attributeName) : undefined;
    const type = isObj(d) ? str(d.attributeType) : undefined;
    if (name === undefined) return;
    if (defined.has(name))
      r.issue(
        [...path, 'attributeDefinitions', j, 'attributeName'],
        `the attribute \`${short(name)}\` is defined twice`,
        undefined,
        ISSUE_CODES.duplicate,
      );
    defined.set(name, type ?? '');
  });
  const keyNames: string[] = [];
  keys.forEach((k, j) => {
    if (!isObj(k)) return;
    const want = j === 0 ? 'HASH' : 'RANGE';
    if ((k.keyType === 'HASH' || k.keyType === 'RANGE') && k.keyType !== want)
      r.issue(
        [...path, 'keySchema', j, 'keyType'],
        j === 0 ? 'the first key of `keySchema` is the `HASH` key' : 'the second key of `keySchema` is the `RANGE` key',
        'a table has one partition key (`HASH`) and at most one sort key (`RANGE`)',
        ISSUE_CODES.format,
      );
    const name = str(k.attributeName);
    if (name === undefined) return;
    keyNames.push(name);
    if (!defined.has(name))
      r.issue(
        [...path, 'keySchema', j, 'attributeName'],
        `the key attribute \`${short(name)}\` is not in \`attributeDefinitions\``,
        'give each key attribute its type in `attributeDefinitions`',
      );
  });
  arr(res.items).forEach((item, j) => {
    if (!isObj(item)) return;
    for (const name of keyNames) {
      const v = item[name];
      const type = defined.get(name);
      if (v === undefined)
        r.issue(
          [...path, 'items', j],
          `the item has no value for the key attribute \`${short(name)}\``,
          undefined,
          ISSUE_CODES.missing,
        );
      else if (type && isObj(v) && !(type in v))
        r.issue(
          [...path, 'items', j, name],
          `the key attribute \`${short(name)}\` must be of type \`${type}\``,
          `write it as \`{ "${type}": … }\``,
          ISSUE_CODES.type,
        );
    }
  });
}

function s3Bucket(r: References, res: Obj, path: WorldPath): void {
  const keys = new Set<string>();
  arr(res.objects).forEach((o, j) => {
    if (!isObj(o)) return;
    const key = str(o.key);
    if (key !== undefined)
      r.unique(keys, key, [...path, 'objects', j, 'key'], `the object key \`${short(key)}\` is listed twice`);
    const body = str(o.body);
    if (
      o.encoding === 'base64' &&
      body !== undefined &&
      (body.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body))
    )
      r.issue([...path, 'objects', j, 'body'], 'the body is not valid base64', undefined, ISSUE_CODES.format);
  });
}

function userPools(r: References, world: Obj): void {
  const clientIds = new Set<string>();
  arr(world.userPools).forEach((p, i) => {
    const path: WorldPath = ['userPools', i];
    if (!isObj(p)) return;
    r.account(p.account, [...path, 'account']);
    const id = str(p.id);
    const clients = new Set<string>();
    if (id !== undefined) {
      if (r.pools.has(id))
        r.issue([...path, 'id'], `the user pool \`${short(id)}\` is listed twice`, undefined, ISSUE_CODES.duplicate);
      r.pools.set(id, { clients, region: id.slice(0, Math.max(0, id.indexOf('_'))) });
    }
    arr(p.clients).forEach((c, j) => {
      if (!isObj(c)) return;
      const cid = str(c.clientId);
      if (cid !== undefined) {
        r.unique(
          clientIds,
          cid,
          [...path, 'clients', j, 'clientId'],
          `the app client \`${short(cid)}\` is listed twice`,
        );
        clients.add(cid);
      }
      tokenValidity(r, c, [...path, 'clients', j]);
    });
    const groups = new Set<string>();
    arr(p.groups).forEach((g, j) => {
      if (!isObj(g)) return;
      const name = str(g.groupName);
      if (name !== undefined)
        r.unique(
          groups,
          name,
          [...path, 'groups', j, 'groupName'],
          `the group \`${short(name)}\` is listed twice in the pool`,
        );
      if (g.roleArn !== undefined) r.roleRef(g.roleArn, [...path, 'groups', j, 'roleArn']);
    });
    const names = new Set<string>();
    arr(p.users).forEach((u, j) => {
      if (!isObj(u)) return;
      const name = str(u.username);
      if (name !== undefined)
        r.unique(
          names,
          name,
          [...path, 'users', j, 'username'],
          `the user \`${short(name)}\` is listed twice in the pool`,
        );
      arr(u.groups).forEach((g, k) => {
        if (typeof g === 'string' && !groups.has(g))
          r.issue(
            [...path, 'users', j, 'groups', k],
            `the group \`${short(g)}\` is not in the user pool`,
            'add it to the `groups` of the pool first',
          );
      });
    });
  });
}

function tokenValidity(r: References, c: Obj, path: WorldPath): void {
  const units = isObj(c.tokenValidityUnits) ? c.tokenValidityUnits : {};
  for (const [token, b] of Object.entries(TOKEN_BOUNDS)) {
    const v = c[b.field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) continue;
    const unit = typeof units[token] === 'string' && units[token] in UNIT_SECONDS ? (units[token] as string) : b.unit;
    const seconds = v * UNIT_SECONDS[unit];
    if (seconds < b.min || seconds > b.max)
      r.issue(
        [...path, b.field],
        `\`${b.field}\` must be ${b.range}, found ${v} ${unit}`,
        `the unit is set by \`tokenValidityUnits.${token}\` (default ${b.unit})`,
        ISSUE_CODES.limit,
      );
  }
}

function identityPools(r: References, world: Obj): void {
  const seen = new Set<string>();
  arr(world.identityPools).forEach((p, i) => {
    const path: WorldPath = ['identityPools', i];
    if (!isObj(p)) return;
    r.account(p.account, [...path, 'account']);
    const id = str(p.identityPoolId);
    if (id !== undefined)
      r.unique(seen, id, [...path, 'identityPoolId'], `the identity pool \`${short(id)}\` is listed twice`);
    const providerKeys = new Set<string>();
    arr(p.cognitoIdentityProviders).forEach((c, j) => {
      if (!isObj(c)) return;
      const name = str(c.providerName);
      const m = name !== undefined ? COGNITO_PROVIDER_RE.exec(name) : null;
      if (!m) return;
      const [region, poolId, poolRegion] = [m[1], m[3], m[4]];
      const pool = r.pools.get(poolId);
      const at: WorldPath = [...path, 'cognitoIdentityProviders', j];
      if (!pool) {
        r.issue(
          [...at, 'providerName'],
          `the user pool \`${poolId}\` is not in \`userPools\``,
          'an identity pool accepts tokens of the user pools of the world',
        );
        return;
      }
      if (region !== poolRegion)
        r.issue(
          [...at, 'providerName'],
          `the provider name says region \`${region}\` but the user pool \`${poolId}\` is in \`${poolRegion}\``,
          `write \`cognito-idp.${poolRegion}.amazonaws.com/${poolId}\``,
        );
      const clientId = str(c.clientId);
      if (clientId !== undefined) {
        if (!pool.clients.has(clientId))
          r.issue(
            [...at, 'clientId'],
            `the app client \`${short(clientId)}\` is not a client of the user pool \`${poolId}\``,
            pool.clients.size > 0
              ? `its clients are ${[...pool.clients].map(bt).join(', ')}`
              : 'the pool has no app clients',
          );
        providerKeys.add(`${name}:${clientId}`);
      }
    });
    if (isObj(p.roles)) {
      r.roleRef(p.roles.authenticated, [...path, 'roles', 'authenticated']);
      r.roleRef(p.roles.unauthenticated, [...path, 'roles', 'unauthenticated']);
    }
    arr(p.openIdConnectProviderARNs).forEach((a, j) => {
      if (typeof a === 'string' && !r.oidc.has(a))
        r.issue(
          [...path, 'openIdConnectProviderARNs', j],
          `the OIDC provider \`${short(a)}\` is not in \`identityProviders\``,
          'its ARN is `arn:aws:iam::ACCOUNT:oidc-provider/HOST`, HOST being its URL without `https://`',
        );
    });
    arr(p.samlProviderARNs).forEach((a, j) => {
      if (typeof a === 'string' && !r.saml.has(a))
        r.issue(
          [...path, 'samlProviderARNs', j],
          `the SAML provider \`${short(a)}\` is not in \`identityProviders\``,
          'its ARN is `arn:aws:iam::ACCOUNT:saml-provider/NAME`',
        );
    });
    if (isObj(p.roleMappings))
      for (const [key, m] of Object.entries(p.roleMappings)) {
        const at: WorldPath = [...path, 'roleMappings', key];
        if (key.startsWith('cognito-idp.') && !providerKeys.has(key))
          r.issue(
            at,
            `the role mapping \`${short(key)}\` does not name a user pool provider of this identity pool`,
            'a user pool key is `cognito-idp.REGION.amazonaws.com/POOL_ID:CLIENT_ID`, from `cognitoIdentityProviders`',
          );
        if (!isObj(m)) continue;
        if (m.type === 'Rules' && m.rulesConfiguration === undefined)
          r.issue(
            [...at, 'rulesConfiguration'],
            `\`rulesConfiguration\` is required when \`type\` is \`Rules\``,
            undefined,
            ISSUE_CODES.missing,
          );
        if (isObj(m.rulesConfiguration))
          arr(m.rulesConfiguration.rules).forEach((rule, j) => {
            if (isObj(rule)) r.roleRef(rule.roleARN, [...at, 'rulesConfiguration', 'rules', j, 'roleARN']);
          });
      }
  });
}

function organization(r: References, o: Obj): void {
  const base: WorldPath = ['organization'];
  r.account(o.managementAccount, [...base, 'managementAccount']);
  const types = new Map<string, string>([
    [FULL_AWS_ACCESS, 'SCP'],
    [RCP_FULL_AWS_ACCESS, 'RCP'],
  ]);
  arr(o.policies).forEach((p, i) => {
    if (!isObj(p)) return;
    const id = str(p.id);
    const type = p.type === 'SCP' || p.type === 'RCP' ? p.type : undefined;
    if (id === undefined || !type) return;
    if (types.has(id) && id !== FULL_AWS_ACCESS && id !== RCP_FULL_AWS_ACCESS)
      r.issue(
        [...base, 'policies', i, 'id'],
        `the policy id \`${short(id)}\` is used twice`,
        undefined,
        ISSUE_CODES.duplicate,
      );
    types.set(id, type);
  });
  const attached = (v: unknown, path: WorldPath, want: 'SCP' | 'RCP'): void => {
    arr(v).forEach((id, j) => {
      if (typeof id !== 'string') return;
      const t = types.get(id);
      if (!t) r.issue([...path, j], `the ${want} \`${short(id)}\` is not in \`organization.policies\``);
      else if (t !== want) r.issue([...path, j], `\`${short(id)}\` is an ${t}, not an ${want}`);
    });
  };
  const seen = new Set<string>();
  const node = (v: unknown, path: WorldPath, depth: number): void => {
    if (!isObj(v)) return;
    const id = str(v.id);
    if (id !== undefined && (depth === 0 ? OU_ID_RE.test(id) : ROOT_ID_RE.test(id)))
      r.issue(
        [...path, 'id'],
        depth === 0
          ? `\`${id}\` is not a root id such as \`r-a1b2\``
          : `\`${id}\` is not an OU id such as \`ou-a1b2-c3d4e5f6\``,
        depth === 0 ? 'the top of the tree is the root (`r-…`)' : 'only the top of the tree is the root',
        ISSUE_CODES.format,
      );
    if (depth > 5) {
      r.issue(path, 'the organization tree is deeper than a root and five levels of OUs', undefined, ISSUE_CODES.limit);
      return;
    }
    attached(v.scps, [...path, 'scps'], 'SCP');
    attached(v.rcps, [...path, 'rcps'], 'RCP');
    arr(v.accounts).forEach((a, j) => {
      const id = r.account(a, [...path, 'accounts', j]);
      if (id !== undefined)
        r.unique(seen, id, [...path, 'accounts', j], `the account \`${id}\` appears twice in the organization tree`);
    });
    arr(v.children).forEach((ch, j) => node(ch, [...path, 'children', j], depth + 1));
  };
  node(o.root, [...base, 'root'], 0);
  for (const [key, want] of [
    ['accountScps', 'SCP'],
    ['accountRcps', 'RCP'],
  ] as const) {
    const m = o[key];
    if (!isObj(m)) continue;
    for (const [acct, list] of Object.entries(m)) {
      if (!ACCOUNT_RE.test(acct))
        r.issue([...base, key, acct], `\`${short(acct)}\` is not a 12-digit account id`, undefined, ISSUE_CODES.format);
      else r.account(acct, [...base, key, acct]);
      attached(list, [...base, key, acct], want);
    }
  }
}

/**
 * The world's schema check: turns an unknown JSON value into a `World`, or explains every problem
 * with the JSON path where it sits (`users[0].name`). Unknown keys are rejected (a typo would
 * otherwise silently do nothing), references are checked (groups, managed policies, SCP ids).
 */
import type { World } from './types';

export type WorldPath = (string | number)[];

export interface WorldIssue {
  code: string;
  message: string;
  help?: string;
  path: WorldPath;
}

export type WorldCheck = { ok: true; value: World } | { ok: false; errors: WorldIssue[] };

const ACCOUNT_RE = /^\d{12}$/;
const NAME_RE = /^[\w+=,.@-]{1,128}$/;
const AWS_MANAGED_PREFIX = /^arn:aws[a-z-]*:iam::aws:policy\//;
export const FULL_AWS_ACCESS = 'FullAWSAccess';
export const RCP_FULL_AWS_ACCESS = 'RCPFullAWSAccess';

/** `users[0].name` */
export function formatPath(path: WorldPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out === '' ? 'the world' : out;
}

type Obj = Record<string, unknown>;

class Checker {
  readonly issues: WorldIssue[] = [];

  issue(path: WorldPath, message: string, help?: string, code = 'validate.world'): void {
    const i: WorldIssue = { code, message, path };
    if (help) i.help = help;
    this.issues.push(i);
  }

  obj(v: unknown, path: WorldPath, allowed: string[], required: string[] = []): Obj | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.issue(path, `\`${formatPath(path)}\` must be an object`, undefined, 'validate.world.type');
      return undefined;
    }
    const o = v as Obj;
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) {
        this.issue(
          [...path, k],
          `unknown key \`${k}\` in \`${formatPath(path)}\``,
          `allowed keys: ${allowed.map((a) => `\`${a}\``).join(', ')}`,
          'validate.world.unknown-key',
        );
      }
    }
    for (const k of required)
      if (o[k] === undefined)
        this.issue([...path, k], `\`${formatPath([...path, k])}\` is required`, undefined, 'validate.world.missing');
    return o;
  }

  arr(v: unknown, path: WorldPath): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.issue(path, `\`${formatPath(path)}\` must be an array`, undefined, 'validate.world.type');
      return [];
    }
    return v;
  }

  str(v: unknown, path: WorldPath, re?: RegExp, what?: string): string | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      this.issue(path, `\`${formatPath(path)}\` must be a string`, undefined, 'validate.world.type');
      return undefined;
    }
    if (re && !re.test(v))
      this.issue(path, `\`${v.slice(0, 80)}\` is not ${what ?? 'valid here'}`, undefined, 'validate.world.format');
    return v;
  }

  strings(v: unknown, path: WorldPath): string[] {
    const out: string[] = [];
    this.arr(v, path).forEach((x, i) => {
      const s = this.str(x, [...path, i]);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  document(v: unknown, path: WorldPath): void {
    if (v === undefined) return;
    if (typeof v === 'string') return;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.issue(
        path,
        `\`${formatPath(path)}\` must be a policy document (a JSON object or its text)`,
        undefined,
        'validate.world.type',
      );
    }
  }

  tags(v: unknown, path: WorldPath): void {
    if (v === undefined) return;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.issue(
        path,
        `\`${formatPath(path)}\` must be an object of tag keys to string values`,
        undefined,
        'validate.world.type',
      );
      return;
    }
    for (const [k, val] of Object.entries(v as Obj)) {
      if (typeof val !== 'string')
        this.issue([...path, k], `tag \`${k}\` must have a string value`, undefined, 'validate.world.type');
    }
  }

  inline(v: unknown, path: WorldPath): void {
    const names = new Set<string>();
    this.arr(v, path).forEach((p, i) => {
      const o = this.obj(p, [...path, i], ['name', 'document'], ['name', 'document']);
      if (!o) return;
      const name = this.str(o.name, [...path, i, 'name'], NAME_RE, 'a policy name');
      if (name !== undefined) {
        if (names.has(name))
          this.issue(
            [...path, i, 'name'],
            `the inline policy name \`${name}\` is used twice`,
            undefined,
            'validate.world.duplicate',
          );
        names.add(name);
      }
      this.document(o.document, [...path, i, 'document']);
    });
  }

  pathField(v: unknown, path: WorldPath): void {
    const p = this.str(v, path);
    if (p !== undefined && !(p.startsWith('/') && p.endsWith('/')))
      this.issue(path, `the path \`${p}\` must begin and end with \`/\``, undefined, 'validate.world.format');
  }
}

/** Checks a world value; on success the value is returned typed (it is not copied). */
export function checkWorld(value: unknown): WorldCheck {
  const c = new Checker();
  const top = c.obj(
    value,
    [],
    ['accounts', 'organization', 'users', 'groups', 'roles', 'managedPolicies', 'resources'],
    ['accounts'],
  );
  if (!top) return { ok: false, errors: c.issues };

  const accounts = new Set<string>();
  c.arr(top.accounts, ['accounts']).forEach((a, i) => {
    const o = c.obj(a, ['accounts', i], ['id', 'name'], ['id']);
    if (!o) return;
    const id = c.str(o.id, ['accounts', i, 'id'], ACCOUNT_RE, 'a 12-digit account id');
    c.str(o.name, ['accounts', i, 'name']);
    if (id !== undefined) {
      if (accounts.has(id))
        c.issue(['accounts', i, 'id'], `the account \`${id}\` is listed twice`, undefined, 'validate.world.duplicate');
      accounts.add(id);
    }
  });
  const account = (v: unknown, path: WorldPath): string | undefined => {
    const id = c.str(v, path, ACCOUNT_RE, 'a 12-digit account id');
    if (id !== undefined && ACCOUNT_RE.test(id) && !accounts.has(id))
      c.issue(
        path,
        `the account \`${id}\` is not in \`accounts\``,
        'add it to `accounts` first',
        'validate.world.reference',
      );
    return id;
  };

  const managed = new Set<string>();
  c.arr(top.managedPolicies, ['managedPolicies']).forEach((m, i) => {
    const path: WorldPath = ['managedPolicies', i];
    const o = c.obj(m, path, ['arn', 'versions', 'defaultVersion'], ['arn', 'versions', 'defaultVersion']);
    if (!o) return;
    const arn = c.str(o.arn, [...path, 'arn'], /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+/, 'a managed policy ARN');
    if (arn !== undefined) {
      if (managed.has(arn))
        c.issue(
          [...path, 'arn'],
          `the managed policy \`${arn}\` is listed twice`,
          undefined,
          'validate.world.duplicate',
        );
      managed.add(arn);
    }
    const versions = c.arr(o.versions, [...path, 'versions']);
    if (Array.isArray(o.versions) && versions.length === 0)
      c.issue(
        [...path, 'versions'],
        'a managed policy needs at least one version',
        undefined,
        'validate.world.missing',
      );
    if (versions.length > 5)
      c.issue(
        [...path, 'versions'],
        `a managed policy can have at most 5 versions, found ${versions.length}`,
        undefined,
        'validate.world.limit',
      );
    const ids = new Set<string>();
    versions.forEach((v, j) => {
      const vo = c.obj(v, [...path, 'versions', j], ['versionId', 'document'], ['versionId', 'document']);
      if (!vo) return;
      const id = c.str(vo.versionId, [...path, 'versions', j, 'versionId'], /^v\d+$/, 'a version id such as `v1`');
      if (id !== undefined) ids.add(id);
      c.document(vo.document, [...path, 'versions', j, 'document']);
    });
    const def = c.str(o.defaultVersion, [...path, 'defaultVersion']);
    if (def !== undefined && versions.length > 0 && !ids.has(def))
      c.issue(
        [...path, 'defaultVersion'],
        `the default version \`${def}\` is not one of the versions`,
        undefined,
        'validate.world.reference',
      );
  });
  const policyRef = (v: unknown, path: WorldPath): void => {
    const arn = c.str(v, path);
    if (arn !== undefined && !managed.has(arn) && !AWS_MANAGED_PREFIX.test(arn)) {
      c.issue(
        path,
        `the managed policy \`${arn}\` is not in \`managedPolicies\``,
        'declare customer managed policies in `managedPolicies`',
        'validate.world.reference',
      );
    }
  };

  const groups = new Set<string>();
  c.arr(top.groups, ['groups']).forEach((g, i) => {
    const path: WorldPath = ['groups', i];
    const o = c.obj(g, path, ['account', 'name', 'path', 'inlinePolicies', 'managedPolicies'], ['account', 'name']);
    if (!o) return;
    const acct = account(o.account, [...path, 'account']);
    const name = c.str(o.name, [...path, 'name'], NAME_RE, 'a group name');
    if (acct && name) {
      if (groups.has(`${acct}/${name}`))
        c.issue(
          [...path, 'name'],
          `the group \`${name}\` is listed twice in account ${acct}`,
          undefined,
          'validate.world.duplicate',
        );
      groups.add(`${acct}/${name}`);
    }
    c.pathField(o.path, [...path, 'path']);
    c.inline(o.inlinePolicies, [...path, 'inlinePolicies']);
    c.strings(o.managedPolicies, [...path, 'managedPolicies']).forEach((_, j) =>
      policyRef((o.managedPolicies as unknown[])[j], [...path, 'managedPolicies', j]),
    );
  });

  const users = new Set<string>();
  c.arr(top.users, ['users']).forEach((u, i) => {
    const path: WorldPath = ['users', i];
    const o = c.obj(
      u,
      path,
      ['account', 'name', 'path', 'id', 'inlinePolicies', 'managedPolicies', 'groups', 'permissionsBoundary', 'tags'],
      ['account', 'name'],
    );
    if (!o) return;
    const acct = account(o.account, [...path, 'account']);
    const name = c.str(o.name, [...path, 'name'], NAME_RE, 'a user name');
    if (acct && name) {
      if (users.has(`${acct}/${name}`))
        c.issue(
          [...path, 'name'],
          `the user \`${name}\` is listed twice in account ${acct}`,
          undefined,
          'validate.world.duplicate',
        );
      users.add(`${acct}/${name}`);
    }
    c.pathField(o.path, [...path, 'path']);
    c.str(o.id, [...path, 'id']);
    c.inline(o.inlinePolicies, [...path, 'inlinePolicies']);
    c.strings(o.managedPolicies, [...path, 'managedPolicies']).forEach((_, j) =>
      policyRef((o.managedPolicies as unknown[])[j], [...path, 'managedPolicies', j]),
    );
    c.strings(o.groups, [...path, 'groups']).forEach((g, j) => {
      if (acct && !groups.has(`${acct}/${g}`))
        c.issue(
          [...path, 'groups', j],
          `the group \`${g}\` is not in account ${acct}`,
          'a user can only join groups of its own account',
          'validate.world.reference',
        );
    });
    if (o.permissionsBoundary !== undefined) policyRef(o.permissionsBoundary, [...path, 'permissionsBoundary']);
    c.tags(o.tags, [...path, 'tags']);
  });

  const roles = new Set<string>();
  c.arr(top.roles, ['roles']).forEach((r, i) => {
    const path: WorldPath = ['roles', i];
    const o = c.obj(
      r,
      path,
      [
        'account',
        'name',
        'path',
        'id',
        'trustPolicy',
        'inlinePolicies',
        'managedPolicies',
        'permissionsBoundary',
        'tags',
        'maxSessionDuration',
      ],
      ['account', 'name', 'trustPolicy'],
    );
    if (!o) return;
    const acct = account(o.account, [...path, 'account']);
    const name = c.str(o.name, [...path, 'name'], /^[\w+=,.@-]{1,64}$/, 'a role name');
    if (acct && name) {
      if (roles.has(`${acct}/${name}`))
        c.issue(
          [...path, 'name'],
          `the role \`${name}\` is listed twice in account ${acct}`,
          undefined,
          'validate.world.duplicate',
        );
      roles.add(`${acct}/${name}`);
    }
    c.pathField(o.path, [...path, 'path']);
    c.str(o.id, [...path, 'id']);
    c.document(o.trustPolicy, [...path, 'trustPolicy']);
    c.inline(o.inlinePolicies, [...path, 'inlinePolicies']);
    c.strings(o.managedPolicies, [...path, 'managedPolicies']).forEach((_, j) =>
      policyRef((o.managedPolicies as unknown[])[j], [...path, 'managedPolicies', j]),
    );
    if (o.permissionsBoundary !== undefined) policyRef(o.permissionsBoundary, [...path, 'permissionsBoundary']);
    c.tags(o.tags, [...path, 'tags']);
    if (o.maxSessionDuration !== undefined) {
      const d = o.maxSessionDuration;
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 3600 || d > 43200) {
        c.issue(
          [...path, 'maxSessionDuration'],
          '`maxSessionDuration` must be a whole number of seconds from 3600 to 43200',
          'IAM allows one to twelve hours',
          'validate.world.limit',
        );
      }
    }
  });

  c.arr(top.resources, ['resources']).forEach((r, i) => {
    const path: WorldPath = ['resources', i];
    const o = c.obj(r, path, ['arn', 'account', 'policy', 'tags'], ['arn']);
    if (!o) return;
    c.str(o.arn, [...path, 'arn'], /^arn:[a-z-]+:[a-z0-9-]+:/, 'an ARN');
    if (o.account !== undefined) account(o.account, [...path, 'account']);
    c.document(o.policy, [...path, 'policy']);
    c.tags(o.tags, [...path, 'tags']);
  });

  if (top.organization !== undefined) checkOrganization(c, top.organization, account);
  return c.issues.length === 0 ? { ok: true, value: value as World } : { ok: false, errors: c.issues };
}

function checkOrganization(
  c: Checker,
  value: unknown,
  account: (v: unknown, path: WorldPath) => string | undefined,
): void {
  const base: WorldPath = ['organization'];
  const o = c.obj(
    value,
    base,
    ['id', 'managementAccount', 'root', 'policies', 'accountScps', 'accountRcps'],
    ['id', 'managementAccount', 'root'],
  );
  if (!o) return;
  c.str(o.id, [...base, 'id'], /^o-[a-z0-9]{10,32}$/, 'an organization id such as `o-a1b2c3d4e5`');
  account(o.managementAccount, [...base, 'managementAccount']);
  const types = new Map<string, 'SCP' | 'RCP'>([
    [FULL_AWS_ACCESS, 'SCP'],
    [RCP_FULL_AWS_ACCESS, 'RCP'],
  ]);
  c.arr(o.policies, [...base, 'policies']).forEach((p, i) => {
    const path: WorldPath = [...base, 'policies', i];
    const po = c.obj(p, path, ['id', 'name', 'type', 'document'], ['id', 'type', 'document']);
    if (!po) return;
    const id = c.str(po.id, [...path, 'id']);
    c.str(po.name, [...path, 'name']);
    const type = po.type === 'SCP' || po.type === 'RCP' ? po.type : undefined;
    if (!type) c.issue([...path, 'type'], '`type` must be `SCP` or `RCP`', undefined, 'validate.world.format');
    if (id !== undefined && type) {
      if (types.has(id) && id !== FULL_AWS_ACCESS && id !== RCP_FULL_AWS_ACCESS)
        c.issue([...path, 'id'], `the policy id \`${id}\` is used twice`, undefined, 'validate.world.duplicate');
      types.set(id, type);
    }
    c.document(po.document, [...path, 'document']);
  });
  const attached = (v: unknown, path: WorldPath, want: 'SCP' | 'RCP'): void => {
    c.strings(v, path).forEach((id, j) => {
      const t = types.get(id);
      if (!t)
        c.issue(
          [...path, j],
          `the ${want} \`${id}\` is not in \`organization.policies\``,
          undefined,
          'validate.world.reference',
        );
      else if (t !== want)
        c.issue([...path, j], `\`${id}\` is an ${t}, not an ${want}`, undefined, 'validate.world.reference');
    });
  };
  const seen = new Set<string>();
  const node = (v: unknown, path: WorldPath, depth: number): void => {
    if (depth > 6) {
      c.issue(
        path,
        'the organization tree is deeper than a root and five levels of OUs',
        undefined,
        'validate.world.limit',
      );
      return;
    }
    const n = c.obj(v, path, ['id', 'name', 'scps', 'rcps', 'accounts', 'children'], ['id']);
    if (!n) return;
    c.str(
      n.id,
      [...path, 'id'],
      depth === 0 ? /^r-[0-9a-z]{4,32}$/ : /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/,
      depth === 0 ? 'a root id such as `r-a1b2`' : 'an OU id such as `ou-a1b2-c3d4e5f6`',
    );
    c.str(n.name, [...path, 'name']);
    attached(n.scps, [...path, 'scps'], 'SCP');
    attached(n.rcps, [...path, 'rcps'], 'RCP');
    c.arr(n.accounts, [...path, 'accounts']).forEach((a, j) => {
      const id = account(a, [...path, 'accounts', j]);
      if (id !== undefined) {
        if (seen.has(id))
          c.issue(
            [...path, 'accounts', j],
            `the account \`${id}\` appears twice in the organization tree`,
            undefined,
            'validate.world.duplicate',
          );
        seen.add(id);
      }
    });
    c.arr(n.children, [...path, 'children']).forEach((ch, j) => node(ch, [...path, 'children', j], depth + 1));
  };
  node(o.root, [...base, 'root'], 0);
  for (const [key, want] of [
    ['accountScps', 'SCP'],
    ['accountRcps', 'RCP'],
  ] as const) {
    if (o[key] === undefined) continue;
    const m = c.obj(o[key], [...base, key], Object.keys((o[key] as Obj) ?? {}));
    if (m) for (const [acct, list] of Object.entries(m)) attached(list, [...base, key, acct], want);
  }
}

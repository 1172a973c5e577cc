// The schema's messages: what a person who mistyped a world file reads, with the JSON path (and,
// through loadWorld, the file, line and column) of the mistake.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkWorld, formatPath } from './schema';
import { loadWorld } from './load';
import { defaultWorld } from './default-world';
import type { World } from './types';

const A = '111122223333';
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `path: message (help)` for each issue of the default world after `edit`. */
function problems(edit: (w: Loose) => void): string[] {
  const w = defaultWorld() as Loose;
  edit(w);
  const r = checkWorld(w);
  return r.ok ? [] : r.errors.map((i) => `${formatPath(i.path)}: ${i.message}${i.help ? ` (${i.help})` : ''}`);
}

describe('unknown keys', () => {
  it('are refused with their name and the known key they are close to', () => {
    expect(
      problems((w) => {
        w.user = [];
        w.users[0].group = ['developers'];
        w.roles[0].trustpolicy = {};
      }),
    ).toEqual([
      'user: unknown key `user` in `the world` (did you mean `users`?)',
      'users[0].group: unknown key `group` in `users[0]` (did you mean `groups`?)',
      'roles[0].trustpolicy: unknown key `trustpolicy` in `roles[0]` (did you mean `trustPolicy`?)',
    ]);
  });

  it('list the allowed keys when none is close', () => {
    expect(problems((w) => (w.accounts[0].root.password = 'x'))).toEqual([
      'accounts[0].root.password: unknown key `password` in `accounts[0].root` (allowed keys: `mfaEnabled`, `accessKeys`, `passwordLastUsed`)',
    ]);
  });

  it('name a typed resource’s fields: an S3 field on a resource without `type` is unknown', () => {
    expect(problems((w) => (w.resources.push({ arn: 'arn:aws:s3:::logs', region: 'us-east-1' }), w))).toEqual([
      'resources[4].region: unknown key `region` in `resources[4]` (`region` is a field of a resource whose `type` is `s3-bucket`)',
    ]);
  });
});

describe('fields checked the way AWS checks them', () => {
  it('access keys: `AKIA`/`ASIA` ids, 40-character secrets, at most two per user', () => {
    expect(
      problems((w) => {
        w.accounts[0].root.accessKeys[0].accessKeyId = 'AKIA123';
        w.accounts[0].root.accessKeys[0].secretAccessKey = 'short';
        const key = w.users[1].accessKeys[0];
        w.users[1].accessKeys = [
          key,
          { ...key, accessKeyId: 'AKIAR7KLMW2QTHX4ALC2' },
          { ...key, accessKeyId: 'AKIAR7KLMW2QTHX4ALC3' },
        ];
      }),
    ).toEqual([
      'accounts[0].root.accessKeys[0].accessKeyId: `AKIA123` is not an access key id (an access key id is `AKIA` (long-term) or `ASIA` (temporary) and 16 capital letters or digits)',
      'accounts[0].root.accessKeys[0].secretAccessKey: `short` is not a secret access key (a secret access key has 40 characters)',
      'users[1].accessKeys: a user can have at most 2 access keys, found 3 (IAM allows two, so that a key can be rotated)',
    ]);
  });

  it('names, paths, dates and enumerations, with the value that is close', () => {
    expect(
      problems((w) => {
        w.users[0].name = 'bad name';
        w.users[0].path = 'admins';
        w.users[0].createDate = 'yesterday';
        w.users[1].accessKeys[0].status = 'active';
        w.roles[0].maxSessionDuration = 60;
      }),
    ).toEqual([
      'users[0].name: `bad name` is not a user name (a user name has 1 to 64 letters, digits and `+=,.@_-`)',
      'users[0].path: the path `admins` must begin and end with `/`',
      'users[0].createDate: `yesterday` is not a date and time (write it in ISO 8601 with a time zone, such as `2024-03-01T12:00:00Z`)',
      'users[1].accessKeys[0].status: `active` is not one of `Active`, `Inactive` (did you mean `Active`?)',
      'roles[0].maxSessionDuration: `maxSessionDuration` must be a whole number of seconds from 3600 to 43200 (IAM allows one to twelve hours)',
    ]);
  });

  it('managed policies: at most five versions (AWS managed ones keep their history), a default among them', () => {
    expect(
      problems((w) => {
        const p = w.managedPolicies[0];
        p.versions = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'].map((versionId) => ({ versionId, document: {} }));
        w.managedPolicies.push({
          ...p,
          arn: `arn:aws:iam::${A}:policy/Other`,
          versions: [p.versions[0]],
          defaultVersion: 'v2',
        });
        w.managedPolicies.push({ ...p, arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', defaultVersion: 'v6' });
      }),
    ).toEqual([
      'managedPolicies[0].versions: a customer managed policy can have at most 5 versions, found 6 (IAM keeps five versions: delete one before adding another)',
      'managedPolicies[1].defaultVersion: the default version `v2` is not one of the versions (the versions are `v1`)',
    ]);
  });

  it('Cognito ids: `<region>_<suffix>` user pools, `<region>:<uuid>` identity pools', () => {
    expect(
      problems((w) => {
        w.userPools[0].id = 'Pl4yGr0nd';
        w.identityPools[0].identityPoolId = 'us-east-1:not-a-uuid';
      }),
    ).toEqual([
      'userPools[0].id: `Pl4yGr0nd` is not a user pool id (a user pool id is the region, an underscore and a suffix, such as `us-east-1_AbC123xyZ`)',
      'identityPools[0].identityPoolId: `us-east-1:not-a-uuid` is not an identity pool id (an identity pool id is the region, a colon and a UUID, such as `us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d`)',
      // The identity pool still names the pool by its old id: that reference is broken too.
      'identityPools[0].cognitoIdentityProviders[0].providerName: the user pool `us-east-1_Pl4yGr0nd` is not in `userPools` (an identity pool accepts tokens of the user pools of the world)',
      'identityPools[0].roleMappings.cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd:5ekq2vd8s7rj4ndm0m9ocpga1t: the role mapping `cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd:5ekq2vd8s7rj4ndm0m9ocpga1t` does not name a user pool provider of this identity pool (a user pool key is `cognito-idp.REGION.amazonaws.com/POOL_ID:CLIENT_ID`, from `cognitoIdentityProviders`)',
    ]);
  });

  it('resource types: an unknown `type` is named with the close one; a type’s required fields are required', () => {
    expect(
      problems((w) => {
        w.resources[0].type = 's3bucket';
        delete w.resources[3].httpTokens;
      }),
    ).toEqual([
      'resources[0].type: `s3bucket` is not one of `other`, `s3-bucket`, `dynamodb-table`, `lambda-function`, `ec2-instance`, `kms-key`, `sqs-queue`, `sns-topic`, `secretsmanager-secret` (did you mean `s3-bucket`?)',
      'resources[3].httpTokens: `resources[3].httpTokens` is required (it is one of `optional`, `required`)',
    ]);
  });

  it('token validities within Cognito’s bounds, in their units', () => {
    expect(problems((w) => ((w.userPools[0].clients[0].accessTokenValidity = 2), w))).toEqual([
      'userPools[0].clients[0].accessTokenValidity: `accessTokenValidity` must be from 5 minutes to 1 day, found 2 minutes (the unit is set by `tokenValidityUnits.accessToken` (default hours))',
    ]);
  });
});

describe('references between parts of the world', () => {
  it('IAM: groups of the same account, declared managed policies, instance profiles and execution roles', () => {
    expect(
      problems((w) => {
        w.users[1].groups = ['developers', 'admins'];
        w.users[2].permissionsBoundary = `arn:aws:iam::${A}:policy/Missing`;
        w.roles[0].instanceProfiles = [];
        w.resources[2].role = `arn:aws:iam::${A}:role/image-resizer`;
      }),
    ).toEqual([
      'users[1].groups[1]: the group `admins` is not in account 111122223333 (a user can only join groups of its own account)',
      'users[2].permissionsBoundary: the managed policy `arn:aws:iam::111122223333:policy/Missing` is not in `managedPolicies` (declare customer managed policies in `managedPolicies`)',
      'resources[2].role: the role `arn:aws:iam::111122223333:role/image-resizer` is not in `roles` (a role ARN names a role of the world with its path: `arn:aws:iam::ACCOUNT:role/PATH/NAME`)',
      'resources[3].instanceProfile: the instance profile `web-server` is not in the `instanceProfiles` of any role of account 111122223333 (list it in `instanceProfiles` of the role the instance should run as)',
    ]);
  });

  it('Cognito: pool groups of users, identity pool providers, clients and roles of the world', () => {
    expect(
      problems((w) => {
        w.userPools[0].users[0].groups = ['editor'];
        w.identityPools[0].cognitoIdentityProviders[0].clientId = 'unknownclient';
        w.identityPools[0].roles.unauthenticated = `arn:aws:iam::${A}:role/guest`;
        w.identityPools[0].cognitoIdentityProviders.push({
          providerName: 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other',
          clientId: 'x',
        });
      }),
    ).toEqual([
      'userPools[0].users[0].groups[0]: the group `editor` is not in the user pool (add it to the `groups` of the pool first)',
      'identityPools[0].cognitoIdentityProviders[0].clientId: the app client `unknownclient` is not a client of the user pool `us-east-1_Pl4yGr0nd` (its clients are `5ekq2vd8s7rj4ndm0m9ocpga1t`)',
      'identityPools[0].cognitoIdentityProviders[1].providerName: the user pool `eu-west-1_Other` is not in `userPools` (an identity pool accepts tokens of the user pools of the world)',
      'identityPools[0].roles.unauthenticated: the role `arn:aws:iam::111122223333:role/guest` is not in `roles` (a role ARN names a role of the world with its path: `arn:aws:iam::ACCOUNT:role/PATH/NAME`)',
      'identityPools[0].roleMappings.cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd:5ekq2vd8s7rj4ndm0m9ocpga1t: the role mapping `cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd:5ekq2vd8s7rj4ndm0m9ocpga1t` does not name a user pool provider of this identity pool (a user pool key is `cognito-idp.REGION.amazonaws.com/POOL_ID:CLIENT_ID`, from `cognitoIdentityProviders`)',
    ]);
  });

  it('refuses duplicate names and ids', () => {
    expect(
      problems((w) => {
        w.users.push({ ...w.users[2], accessKeys: w.users[1].accessKeys });
        w.userPools[0].groups.push({ groupName: 'editors' });
      }),
    ).toEqual([
      'users[3].name: the user `bob` is listed twice in account 111122223333',
      'users[3].accessKeys[0].accessKeyId: the access key `AKIAR7KLMW2QTHX4ALCE` is listed twice',
      'userPools[0].groups[1].groupName: the group `editors` is listed twice in the pool',
    ]);
  });

  it('accepts AWS managed policies without declaring them', () => {
    expect(
      problems((w) => (w.users[2].managedPolicies = ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'])),
    ).toEqual([]);
  });
});

describe('loadWorld: file, line, column and JSON path', () => {
  const text = JSON.stringify(
    {
      accounts: [{ id: A }],
      groups: [{ account: A, name: 'developers' }],
      users: [{ account: A, name: 'alice', groups: ['developers', 'admins'], mfaDevice: [] }],
    },
    null,
    2,
  );

  it('prints each problem as a command line does, in the order of the text', () => {
    const r = loadWorld(text, { file: 'world.json' });
    expect(r.ok ? [] : r.errors.map((f) => f.message)).toEqual([
      'world.json:19:9 users[0].groups[1]: the group `admins` is not in account 111122223333',
      'world.json:21:7 users[0].mfaDevice: unknown key `mfaDevice` in `users[0]`',
    ]);
    expect(r.ok ? [] : r.errors.map((f) => f.help)).toEqual([
      'a user can only join groups of its own account',
      'did you mean `mfaDevices`?',
    ]);
  });

  it('ranges cover the exact JSON node: the value, or the whole property of an unknown key', () => {
    const r = loadWorld(text);
    expect(r.ok ? [] : r.errors.map((f) => [f.message, text.slice(f.range.start.offset, f.range.end.offset)])).toEqual([
      ['the group `admins` is not in account 111122223333', '"admins"'],
      ['unknown key `mfaDevice` in `users[0]`', '"mfaDevice": []'],
    ]);
  });
});

describe('checkWorld never throws', () => {
  it('answers a value nested past the stack with an issue', () => {
    const root: Loose = { id: 'r-ab12' };
    let node = root;
    for (let i = 0; i < 100_000; i++) {
      const child: Loose = { id: 'ou-ab12-11111111' };
      node.children = [child];
      node = child;
    }
    const w: World = {
      accounts: [{ id: A }],
      organization: { id: 'o-a1b2c3d4e5', managementAccount: A, root },
    } as World;
    const r = checkWorld(w);
    expect(r.ok ? '' : r.errors.map((i) => [i.code, i.message, i.path])).toEqual([
      ['validate.world', 'the world could not be checked', []],
    ]);
  });
});

describe('every message, whatever the input', () => {
  // Every place in the default world, to put a random JSON value at.
  function places(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
    out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => places(x, [...path, i], out));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) places(x, [...path, k], out);
    return out;
  }
  const all = places(defaultWorld()).filter((p) => p.length > 0);
  // The schema's internal markers (NUL, U+0001, U+0002) never reach a message.
  const hasMarker = (s: string) => [...s].some((c) => c.charCodeAt(0) <= 2);

  it('is in the house style and points at a place of the world', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(all.length - 1), fc.jsonValue({ maxDepth: 3 })), { minLength: 1, maxLength: 4 }),
        (edits) => {
          const w = defaultWorld() as Loose;
          for (const [at, value] of edits) {
            const path = all[at];
            let parent: Loose = w;
            for (const seg of path.slice(0, -1)) parent = parent?.[seg];
            if (parent && typeof parent === 'object') parent[path[path.length - 1]] = value;
          }
          const r = checkWorld(w);
          if (r.ok) return;
          for (const i of r.errors) {
            expect(hasMarker(i.message)).toBe(false);
            expect(i.message).toMatch(/^[a-z`]/);
            expect(i.message).not.toMatch(/\.$/);
            if (i.help) expect([hasMarker(i.help), i.help.endsWith('.')]).toEqual([false, false]);
            expect(i.code).toMatch(/^validate\.world/);
            expect(i.path.every((p) => typeof p === 'string' || typeof p === 'number')).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('an unknown key named like an Object.prototype member', () => {
  it('gets a plain-text help, not the prototype’s function', () => {
    for (const key of ['valueOf', 'toString', 'constructor', 'hasOwnProperty']) {
      const w = defaultWorld() as Loose;
      w.accounts[0][key] = null;
      const r = checkWorld(w);
      const found = r.ok ? undefined : r.errors.find((i) => i.message.startsWith(`unknown key \`${key}\``));
      expect(typeof found?.help).toBe('string');
    }
  });
});

/**
 * A world narrowed to what one request reads: `gather` looks users, roles and resources up by
 * scanning the world's lists, which is slow for a world of thousands. `worldNarrower(world)`
 * indexes the lists once and gives, per request, a shallow copy of the world whose lists hold only
 * the entries the request can name (the caller's user or role, the user's groups stay whole, the
 * resource, its bucket, the user or role a resource ARN names). Everything else is the world's own.
 */
import type { Resource, Role, User, World } from '../../world/types';
import type { WorldRequest } from '../../world/authorize';

const userArn = (u: User) => `arn:aws:iam::${u.account}:user${u.path ?? '/'}${u.name}`;
const roleArn = (r: Role) => `arn:aws:iam::${r.account}:role${r.path ?? '/'}${r.name}`;

export type Narrower = (request: WorldRequest) => World;

export function worldNarrower(world: World): Narrower {
  const users = new Map<string, User>();
  for (const u of world.users ?? []) if (!users.has(userArn(u))) users.set(userArn(u), u);
  const roles = new Map<string, Role>();
  const rolesByName = new Map<string, Role>();
  for (const r of world.roles ?? []) {
    if (!roles.has(roleArn(r))) roles.set(roleArn(r), r);
    const k = `${r.account}/${r.name}`;
    if (!rolesByName.has(k)) rolesByName.set(k, r);
  }
  const resources = new Map<string, Resource>();
  for (const r of world.resources ?? []) if (!resources.has(r.arn)) resources.set(r.arn, r);

  return (request) => {
    const us: User[] = [];
    const rs: Role[] = [];
    const res: Resource[] = [];
    const addUser = (u: User | undefined) => {
      if (u && !us.includes(u)) us.push(u);
    };
    const addRole = (r: Role | undefined) => {
      if (r && !rs.includes(r)) rs.push(r);
    };
    const p = request.principal;
    addUser(users.get(p));
    addRole(roles.get(p));
    const m = /^arn:[a-z-]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(p);
    if (m) addRole(rolesByName.get(`${m[1]}/${m[2]}`));
    if (request.session?.createdBy) addUser(users.get(request.session.createdBy));
    const arn = request.resource;
    addUser(users.get(arn));
    addRole(roles.get(arn));
    const exact = resources.get(arn);
    if (exact) res.push(exact);
    if (arn.startsWith('arn:aws:s3:::')) {
      const slash = arn.indexOf('/');
      const bucket = slash < 0 ? undefined : resources.get(arn.slice(0, slash));
      if (bucket && bucket !== exact) res.push(bucket);
    }
    return { ...world, users: us, roles: rs, resources: res };
  };
}

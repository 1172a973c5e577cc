/**
 * "Ask as this principal" / "Ask about this resource": a workbench scenario (documents and a
 * request) made from the world. The documents are what the world's gathering (`gather`) finds for
 * the request: the principal's identity policies (its own and its groups'), its boundary, the
 * resource's policy (a role's trust policy when the resource is a role), and the SCPs and RCPs
 * attached along the organization paths, each named for where it came from
 * (`developers (group): DevelopersPolicy`, `alice: inline S3Notes`, `Boundary: …`,
 * `SCP at Workloads: p-region`). The request's context holds what the world knows and the
 * workbench would not: the principal's and the resource's tags, the organization's ids.
 * Deciding the scenario in the workbench gives the world's decision.
 */
import { parseCaller } from '../engine/caller';
import { arnAccount } from '../engine/arn';
import { gather } from '../world/authorize';
import type { AuthorizeOptions, GatheredDocument } from '../world/authorize';
import { placement } from '../world/organization';
import type { PolicyDocument, Tags, World } from '../world/types';
import type { DocInput, DocKind, OrgLevel, RequestInput, StoredAs } from './types';
import { ORG_LEVEL_ORDER } from './types';

export interface AskAs {
  /** The principal's ARN (a user or a role of the world). */
  principal?: string;
  /** The resource's ARN. */
  resource?: string;
}

export interface WorldScenario {
  /** "As alice", "About arn:aws:s3:::photos". */
  name: string;
  docs: DocInput[];
  request: RequestInput;
}

/** An action a person would likely ask about for a resource, by its ARN (none when it is not clear). */
export function likelyAction(resource: string): string | undefined {
  if (/^arn:aws:iam::\d{12}:role\//.test(resource)) return 'sts:AssumeRole';
  const service = resource.split(':')[2];
  switch (service) {
    case 's3':
      return resource.includes('/') ? 's3:GetObject' : 's3:ListBucket';
    case 'dynamodb':
      return 'dynamodb:GetItem';
    case 'lambda':
      return 'lambda:InvokeFunction';
    case 'sqs':
      return 'sqs:SendMessage';
    case 'sns':
      return 'sns:Publish';
    case 'kms':
      return 'kms:Decrypt';
    case 'secretsmanager':
      return 'secretsmanager:GetSecretValue';
    case 'ec2':
      return 'ec2:DescribeInstances';
    default:
      return undefined;
  }
}

const KIND: Record<string, DocKind> = {
  identity: 'identity',
  boundary: 'boundary',
  session: 'session',
  resource: 'resource',
  trust: 'resource',
  scp: 'scp',
  rcp: 'rcp',
};

/** The workbench level of level `i` of `count` (root, OUs, account; more than five OUs share the last). */
function orgLevel(i: number, count: number): OrgLevel {
  if (i === 0) return 'root';
  if (i === count - 1) return 'account';
  return ORG_LEVEL_ORDER[Math.min(i, 5)];
}

const textOf = (doc: PolicyDocument): string => (typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));

function storedAsOf(d: GatheredDocument): StoredAs | undefined {
  if (d.storedAs === 'user-inline' || d.storedAs === 'role-inline' || d.storedAs === 'aws-managed') return d.storedAs;
  return undefined;
}

function docName(d: GatheredDocument): string {
  if (d.type === 'scp' || d.type === 'rcp') return `${d.type.toUpperCase()} at ${d.from}: ${d.name}`;
  if (d.type === 'resource' || d.type === 'trust') return `${d.from}: ${d.name}`;
  return d.from ? `${d.from}: ${d.name}` : d.name;
}

const shortName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1) || arn;

export function scenarioFromWorld(
  world: World,
  ask: AskAs,
  options: Pick<AuthorizeOptions, 'managedPolicy'> = {},
): WorldScenario {
  const principal = ask.principal?.trim() ?? '';
  const resource = ask.resource?.trim() ?? '';
  const action = resource ? likelyAction(resource) : undefined;
  const name = [principal && `As ${shortName(principal)}`, resource && `${principal ? 'about' : 'About'} ${resource}`]
    .filter(Boolean)
    .join(', ');
  const request: RequestInput = {
    principal,
    actions: action ? [action] : [],
    resource,
    resourceAccount: '',
    context: [],
  };
  const scenario: WorldScenario = { name: name || 'From the account', docs: [], request };
  const g = gather(
    world,
    { principal: principal || 'anonymous', action: action ?? 's3:ListAllMyBuckets', resource: resource || '*' },
    { documents: true, attachedLevelsOnly: true, ...options },
  );
  if (!g.ok) return scenario;
  const { documents } = g.value;
  scenario.docs = documents.map((d, i): DocInput => {
    const doc: DocInput = { id: `w${i + 1}`, name: docName(d), kind: KIND[d.type], text: textOf(d.document) };
    const storedAs = storedAsOf(d);
    if (storedAs && (doc.kind === 'identity' || doc.kind === 'boundary')) doc.storedAs = storedAs;
    if (d.pathLevel) doc.level = orgLevel(d.pathLevel.index, d.pathLevel.of);
    return doc;
  });

  // What the world knows that the workbench's documents do not say.
  const context: RequestInput['context'] = [];
  const caller = parseCaller(principal || 'anonymous');
  const tags = (prefix: string, t: Tags | undefined) => {
    for (const [k, v] of Object.entries(t ?? {})) context.push({ key: `${prefix}/${k}`, value: v });
  };
  if (caller.ok) {
    const c = caller.value;
    const arnOf = (kind: string, account: string, path: string | undefined, n: string) =>
      `arn:aws:iam::${account}:${kind}${path ?? '/'}${n}`;
    if (c.kind === 'user')
      tags('aws:PrincipalTag', world.users?.find((u) => arnOf('user', u.account, u.path, u.name) === c.arn)?.tags);
    if (c.kind === 'role' || c.kind === 'assumed-role') {
      const roleName = c.kind === 'role' ? shortName(c.arn) : c.arn.split('/')[1];
      tags('aws:PrincipalTag', world.roles?.find((r) => r.account === c.account && r.name === roleName)?.tags);
    }
    const place = placement(world.organization, c.account);
    if (place && world.organization?.id) {
      context.push({ key: 'aws:PrincipalOrgID', value: world.organization.id });
      context.push({ key: 'aws:PrincipalOrgPaths', value: place.path });
    }
  }
  const found = world.resources?.find((r) => r.arn === resource);
  const role = world.roles?.find((r) => `arn:aws:iam::${r.account}:role${r.path ?? '/'}${r.name}` === resource);
  tags('aws:ResourceTag', found?.tags ?? role?.tags);
  const owner =
    found?.account ??
    (resource.startsWith('arn:aws:s3:::')
      ? world.resources?.find((r) => r.arn === resource.slice(0, resource.indexOf('/') >>> 0))?.account
      : undefined);
  if (owner && !arnAccount(resource)) request.resourceAccount = owner;
  const ownerPlace = placement(world.organization, owner ?? arnAccount(resource));
  if (ownerPlace && world.organization?.id) {
    context.push({ key: 'aws:ResourceOrgID', value: world.organization.id });
    context.push({ key: 'aws:ResourceOrgPaths', value: ownerPlace.path });
  }
  request.context = context;
  return scenario;
}

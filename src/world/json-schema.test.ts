// The JSON Schema of a world file, generated from the zod schema and committed as
// src/world/generated/world.schema.json: it is current, it documents every field (the editor
// shows these descriptions on hover), and it is draft 7, which Monaco's JSON service reads.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { worldJsonSchema } from './json-schema';
import { WorldSchema } from './schema';

const committed = JSON.parse(readFileSync(new URL('./generated/world.schema.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

type Node = Record<string, unknown>;
const definitions = (committed.definitions ?? {}) as Record<string, Node>;

/** Paths of properties without a description, anywhere in the schema. */
function undocumented(node: unknown, path: string, out: string[]): string[] {
  if (!node || typeof node !== 'object') return out;
  const n = node as Node;
  for (const [k, v] of Object.entries((n.properties as Record<string, Node> | undefined) ?? {})) {
    // A recursive part (the organization tree) is a `$ref` to a definition that carries it.
    const target = typeof v.$ref === 'string' ? (definitions[v.$ref.replace('#/definitions/', '')] ?? v) : v;
    if (typeof target.description !== 'string' || target.description.length < 8) out.push(`${path}.${k}`);
    undocumented(v, `${path}.${k}`, out);
  }
  for (const key of ['items', 'additionalProperties'] as const) undocumented(n[key], `${path}[]`, out);
  for (const key of ['anyOf', 'oneOf'] as const)
    ((n[key] as Node[] | undefined) ?? []).forEach((o, i) => undocumented(o, `${path}|${i}`, out));
  for (const [k, v] of Object.entries((n.definitions as Record<string, Node> | undefined) ?? {}))
    undocumented(v, `#${k}`, out);
  return out;
}

describe('the world JSON Schema', () => {
  it('is the one the zod schema generates (run `npm run build:world-schema` after changing schema.ts)', () => {
    expect(committed).toEqual(worldJsonSchema());
  });

  it('is a draft 7 schema with a local id, refusing unknown top-level keys', () => {
    expect([committed.$schema, committed.$id, committed.type, committed.additionalProperties]).toEqual([
      'http://json-schema.org/draft-07/schema#',
      'iamplay://schemas/world.schema.json',
      'object',
      false,
    ]);
    expect(committed.required).toEqual(['accounts']);
  });

  it('covers every top-level key of a world', () => {
    expect(Object.keys(committed.properties as object)).toEqual(Object.keys(WorldSchema.shape));
    expect(Object.keys(committed.properties as object)).toEqual([
      'format',
      'accounts',
      'managedPolicies',
      'groups',
      'users',
      'roles',
      'identityProviders',
      'resources',
      'userPools',
      'identityPools',
      'organization',
    ]);
  });

  it('describes every field, so hover has something to say', () => {
    expect(undocumented(committed, '', [])).toEqual([]);
  });

  it('refuses unknown keys in nested objects too, and lists the resource types', () => {
    const user = ((committed.properties as Node).users as Node).items as Node;
    expect(user.additionalProperties).toBe(false);
    const resources = (((committed.properties as Node).resources as Node).items as Node).oneOf as Node[];
    expect(resources.map((r) => ((r.properties as Node).type as Node).const)).toEqual([
      'other',
      's3-bucket',
      'dynamodb-table',
      'lambda-function',
      'ec2-instance',
      'kms-key',
      'sqs-queue',
      'sns-topic',
      'secretsmanager-secret',
    ]);
  });
});

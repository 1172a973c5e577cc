/**
 * The JSON Schema of a world file, generated from the zod schema (`scripts/build-world-schema.mjs`
 * writes it to `generated/world.schema.json`, which the editor bundles). Kept apart from
 * `schema.ts` so that the app, which checks worlds, does not carry zod's JSON Schema generator.
 */
import { z } from 'zod';
import { WorldSchema } from './schema';

/** The JSON Schema (draft 7, as Monaco's JSON language service reads it) of a world file. */
export function worldJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(WorldSchema, { target: 'draft-7', unrepresentable: 'throw' }) as Record<
    string,
    unknown
  >;
  return { $id: WORLD_SCHEMA_URI, ...(withMarkdown(schema) as Record<string, unknown>) };
}

/** Adds `markdownDescription` (read by Monaco's hover) beside each `description`, for its code spans. */
function withMarkdown(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withMarkdown);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k === 'enum' || k === 'const' || k === 'default' ? v : withMarkdown(v);
  if (typeof out.description === 'string' && out.markdownDescription === undefined)
    out.markdownDescription = out.description;
  return out;
}

/** The schema's id (never fetched: the editor is given the schema itself). */
export const WORLD_SCHEMA_URI = 'iamplay://schemas/world.schema.json';

/** The text of `generated/world.schema.json`, as `scripts/build-world-schema.mjs` writes it. */
export function worldJsonSchemaText(): string {
  return JSON.stringify(worldJsonSchema(), null, 2) + '\n';
}

/**
 * World file formats and their migrations. A world carries `format` (absent means 1, the shape
 * before root users, typed resources and Cognito); `migrateWorld` upgrades an older world one
 * step at a time to `WORLD_FORMAT`, says what it changed, and refuses a newer format than it
 * knows. It changes shape only: check the result with `checkWorld`.
 *
 * Format 1: accounts, organization, users, groups, roles, managed policies, and resources
 *           without `type`.
 * Format 2: `format: 2`; accounts with root users; users with login profiles, MFA devices and
 *           access keys; identity providers; resources with a `type` (`s3-bucket`, …); user
 *           pools and identity pools.
 */
import type { WorldIssue } from './issues';
import { ISSUE_CODES, show } from './issues';
import { KmsKeySchema, S3BucketSchema, SecretSchema, SnsTopicSchema, SqsQueueSchema, WORLD_FORMAT } from './schema';

export type Migration =
  { ok: true; value: Record<string, unknown>; notes: string[]; from: number } | { ok: false; errors: WorldIssue[] };

type Obj = Record<string, unknown>;
type Step = (world: Obj, notes: string[]) => Obj;

/** `STEPS[n]` upgrades format `n` to `n + 1`. */
const STEPS: Record<number, Step> = {
  1: oneToTwo,
};

/** Resource types that format 1 resources get from their ARN (the types with no required field). */
const TYPED_BY_ARN = [
  ['s3-bucket', S3BucketSchema],
  ['kms-key', KmsKeySchema],
  ['sqs-queue', SqsQueueSchema],
  ['sns-topic', SnsTopicSchema],
  ['secretsmanager-secret', SecretSchema],
] as const;

function oneToTwo(world: Obj, notes: string[]): Obj {
  const { format: _format, ...rest } = world;
  const out: Obj = { format: 2, ...rest };
  notes.push('upgraded the world from format 1 to format 2');
  if (Array.isArray(world.resources)) {
    out.resources = world.resources.map((r: unknown, i) => {
      if (typeof r !== 'object' || r === null || Array.isArray(r) || 'type' in r) return r;
      const arn = (r as Obj).arn;
      const match = TYPED_BY_ARN.find(([, schema]) => schema.shape.arn.safeParse(arn).success);
      const type = match ? match[0] : 'other';
      if (match) notes.push(`resources[${i}]: \`${show(arn)}\` is now typed \`${type}\``);
      return { type, ...(r as Obj) };
    });
  }
  return out;
}

/** Upgrades a world value of any known format to the current one. Never throws. */
export function migrateWorld(value: unknown): Migration {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, errors: [{ code: ISSUE_CODES.type, message: '`the world` must be an object', path: [] }] };
  const raw = (value as Obj).format;
  const from = raw === undefined ? 1 : raw;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1)
    return {
      ok: false,
      errors: [
        {
          code: ISSUE_CODES.formatVersion,
          message: `\`${show(raw)}\` is not a world format`,
          help: `the format is a whole number from 1 to ${WORLD_FORMAT}; leave it out for format 1`,
          path: ['format'],
        },
      ],
    };
  if (from > WORLD_FORMAT)
    return {
      ok: false,
      errors: [
        {
          code: ISSUE_CODES.formatVersion,
          message: `the world is in format ${from}, newer than this version knows (${WORLD_FORMAT})`,
          help: 'open it with a newer version of the playground',
          path: ['format'],
        },
      ],
    };
  const notes: string[] = [];
  let world = value as Obj;
  for (let f = from; f < WORLD_FORMAT; f++) world = STEPS[f](world, notes);
  return { ok: true, value: world, notes, from };
}

/**
 * Strict check of a decoded workbench state (from a shared link or localStorage): exact keys,
 * exact types, bounded sizes. Anything else is refused with a reason; nothing from a refused
 * state is used.
 */
import { READABLE_STATE_VERSIONS, STATE_FORMAT_VERSION } from '../../version';
import type { ContextEntry, DocKind, OrgLevel, RequestDraft, StoredAs, WorkbenchDoc, WorkbenchState } from './model';
import { ORG_LEVEL_ORDER } from '../../workbench/types';

export const LIMITS = {
  docs: 40,
  docText: 400_000,
  totalText: 1_500_000,
  name: 128,
  field: 4096,
  context: 64,
} as const;

const KINDS: readonly DocKind[] = ['identity', 'resource', 'boundary', 'scp', 'rcp', 'session'];
const LEVELS: readonly OrgLevel[] = ORG_LEVEL_ORDER;
const ID = /^d[0-9]{1,6}$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

class Refusal extends Error {}

function refuse(why: string): never {
  throw new Refusal(why);
}

function record(v: unknown, where: string, keys: string[], optional: string[] = []): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) refuse(`${where} is not an object`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!keys.includes(k) && !optional.includes(k)) refuse(`${where} has an unknown field \`${k.slice(0, 40)}\``);
  for (const k of keys) if (!(k in o)) refuse(`${where} lacks \`${k}\``);
  return o;
}

function str(v: unknown, where: string, max: number): string {
  if (typeof v !== 'string') refuse(`${where} is not text`);
  if (v.length > max) refuse(`${where} is longer than ${max} characters`);
  return v;
}

const STORED: readonly StoredAs[] = ['aws-managed', 'user-inline', 'role-inline'];

function doc(v: unknown, i: number, version: number): WorkbenchDoc {
  const where = `document ${i + 1}`;
  const o = record(v, where, ['id', 'name', 'kind', 'text'], version >= 2 ? ['level', 'storedAs'] : ['level']);
  const id = str(o.id, `${where}'s id`, 8);
  if (!ID.test(id)) refuse(`${where} has a malformed id`);
  const kind = str(o.kind, `${where}'s kind`, 16) as DocKind;
  if (!KINDS.includes(kind)) refuse(`${where} has an unknown kind`);
  const out: WorkbenchDoc = {
    id,
    name: str(o.name, `${where}'s name`, LIMITS.name),
    kind,
    text: str(o.text, `${where}'s text`, LIMITS.docText),
  };
  if (o.level !== undefined) {
    const level = str(o.level, `${where}'s level`, 16) as OrgLevel;
    if (!LEVELS.includes(level) || (kind !== 'scp' && kind !== 'rcp')) refuse(`${where} has an invalid level`);
    out.level = level;
  }
  if (o.storedAs !== undefined) {
    const stored = str(o.storedAs, `${where}'s storage`, 16) as StoredAs;
    const fits = kind === 'identity' || (kind === 'boundary' && stored === 'aws-managed');
    if (!STORED.includes(stored) || !fits) refuse(`${where} has an invalid storage`);
    out.storedAs = stored;
  }
  return out;
}

function request(v: unknown): RequestDraft {
  const o = record(v, 'the request', ['principal', 'actions', 'resource', 'resourceAccount', 'context']);
  if (!Array.isArray(o.context)) refuse('the request context is not a list');
  if (o.context.length > LIMITS.context) refuse(`the request has more than ${LIMITS.context} context keys`);
  const context: ContextEntry[] = o.context.map((c: unknown, i: number) => {
    const e = record(c, `context entry ${i + 1}`, ['key', 'value']);
    return {
      key: str(e.key, `context entry ${i + 1}'s key`, 256),
      value: str(e.value, `context entry ${i + 1}'s value`, LIMITS.field),
    };
  });
  return {
    principal: str(o.principal, 'the principal', LIMITS.field),
    actions: str(o.actions, 'the actions', LIMITS.field),
    resource: str(o.resource, 'the resource', LIMITS.field),
    resourceAccount: str(o.resourceAccount, 'the resource account', 64),
    context,
  };
}

/** Checks a decoded value; on success the answer is a fresh copy holding only known fields. */
export function checkState(v: unknown): Checked<WorkbenchState> {
  try {
    const o = record(v, 'the state', ['v', 'docs', 'active', 'request']);
    if (typeof o.v !== 'number' || !READABLE_STATE_VERSIONS.includes(o.v)) {
      refuse(
        typeof o.v === 'number' && o.v > STATE_FORMAT_VERSION
          ? 'the link was made by a newer version of IAM Playground'
          : 'the state has an unknown format version',
      );
    }
    if (!Array.isArray(o.docs)) refuse('the documents are not a list');
    if (o.docs.length > LIMITS.docs) refuse(`the state has more than ${LIMITS.docs} documents`);
    const version = o.v as number;
    const docs = o.docs.map((d: unknown, i: number) => doc(d, i, version));
    const ids = new Set(docs.map((d) => d.id));
    if (ids.size !== docs.length) refuse('two documents share an id');
    let total = 0;
    for (const d of docs) total += d.text.length;
    if (total > LIMITS.totalText) refuse('the documents are too large in total');
    const active = str(o.active, 'the active document', 8);
    if (docs.length > 0 && !ids.has(active)) refuse('the active document does not exist');
    return { ok: true, value: { v: STATE_FORMAT_VERSION, docs, active, request: request(o.request) } };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.message };
    return { ok: false, error: 'the state could not be read' };
  }
}

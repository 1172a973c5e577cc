/** Small helpers the checklist's rules share. */
import type { PolicyDocument, World } from '../types';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A fix's starting point: a deep copy, so the world it was given stays as it was. */
export function copy(world: World): World {
  return structuredClone(world);
}

/** Milliseconds since the epoch of an ISO date, or undefined when it is not a date. */
export function time(date: string | undefined): number | undefined {
  if (typeof date !== 'string') return undefined;
  const t = Date.parse(date);
  return Number.isFinite(t) ? t : undefined;
}

/** The ISO text of a time, second precision (`2026-01-15T12:00:00Z`), as the IAM APIs write dates. */
export function isoSeconds(now: number): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A list of the world's, or an empty one when it is absent or not a list. */
export function list<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

/** A policy document the engine can be asked about: JSON text or a JSON object (anything else is no document). */
export function isDocument(doc: unknown): doc is PolicyDocument {
  return typeof doc === 'string' || (typeof doc === 'object' && doc !== null && !Array.isArray(doc));
}

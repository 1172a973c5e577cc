/**
 * The worker parses each text once: validation, the summary and the evaluation of the same
 * document share one parse (and so the engine's compiled form, cached by the policy object).
 * A small most-recently-used cache keyed by the text itself.
 */
import { parsePolicy, type PolicyParse } from '../engine/parse';

const MAX_ENTRIES = 32;
const cache = new Map<string, PolicyParse>();

export function cachedParse(text: string): PolicyParse {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const parsed = parsePolicy(text);
  cache.set(text, parsed);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return parsed;
}

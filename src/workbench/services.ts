/**
 * The engine services the worker adapts: validation and summaries, set up once the catalogue has
 * loaded (a failed load is retried on the next call). Decisions go through the world
 * (`evaluateWorkbench` → `authorize`).
 */
import type { AnalysisServices } from './analysis';
import { validateParsed } from '../engine/validate';
import { loadCatalog } from '../catalog';
import { cachedParse } from './parse-cache';
import { summarizePolicy } from '../lang';

export interface EngineServices {
  analysis: Omit<AnalysisServices, 'parse'>;
}

let pending: Promise<EngineServices> | undefined;

export function engineServices(): Promise<EngineServices> {
  pending ??= loadCatalog().then((catalog) => ({
    analysis: {
      validate: (text, type, size) =>
        validateParsed(text, cachedParse(text), size ? { type, catalog, kind: size } : { type, catalog }),
      summarize: (text) => {
        const { policy } = cachedParse(text);
        if (!policy) return undefined;
        return summarizePolicy(policy, catalog).statements.map((s) => ({ text: s.text, range: s.range }));
      },
    },
  }));
  pending.catch(() => (pending = undefined));
  return pending;
}

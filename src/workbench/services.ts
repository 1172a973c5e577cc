/**
 * The engine services the worker adapts: the decision, validation and summaries, set up once the
 * catalogue has loaded (a failed load is retried on the next call).
 */
import type { AnalysisServices } from './analysis';
import type { EvaluateFn } from './evaluation';
import { evaluate } from '../engine/authorize';
import { parseCaller } from '../engine/caller';
import { buildContext } from '../engine/context';
import { validateParsed } from '../engine/validate';
import { loadCatalog } from '../catalog';
import { cachedParse } from './parse-cache';
import { summarizePolicy } from '../lang';

export interface EngineServices {
  analysis: Omit<AnalysisServices, 'parse'>;
  evaluate: EvaluateFn;
}

/** The decision for a request as the workbench states it: the principal string is parsed, and the context filled the way a real request's is. */
export const evaluateRequest: EvaluateFn = (set, request, options = {}) => {
  const caller = parseCaller(request.principal);
  if (!caller.ok)
    throw new PrincipalError(caller.errors.map((f) => (f.help ? `${f.message}: ${f.help}` : f.message)).join('; '));
  const resourceAccount = request.resourceAccount ?? options.resourceAccount;
  const context = buildContext(
    caller.value,
    request.resource,
    request.context ?? {},
    resourceAccount ? { resourceAccount } : {},
  );
  return evaluate(
    set,
    { caller: caller.value, action: request.action, resource: request.resource, context },
    resourceAccount ? { ...options, resourceAccount } : options,
  );
};

/** A request whose principal cannot be read: the row says so instead of deciding. */
export class PrincipalError extends Error {
  override name = 'PrincipalError';
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
    evaluate: evaluateRequest,
  }));
  pending.catch(() => (pending = undefined));
  return pending;
}

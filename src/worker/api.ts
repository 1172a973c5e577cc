/**
 * The engine worker's API: what the page may ask of the worker. Every answer is plain data
 * (tagged unions, never class instances or thrown errors) so it crosses comlink unchanged.
 */
import { VERSION } from '../version';
import type { Finding } from '../engine/diagnostics';
import type { PolicyType } from '../engine/model';
import type { PolicyKind } from '../engine/validate';
import { loadCatalog } from '../catalog';
import { cachedParse } from '../workbench/parse-cache';
import { analyze, policyTypeOf } from '../workbench/analysis';
import { requestHints, suggestActions } from '../workbench/catalog-help';
import { loadLibrary } from './managed-library';
import type { LibrarySearch, ManagedPolicyText } from '../workbench/library';
import type {
  ActionSuggestion,
  Analysis,
  Answer,
  DocInput,
  DocKind,
  EvaluateOptions,
  EvaluationAnswer,
  RequestHints,
  RequestInput,
  StoredAs,
} from '../workbench/types';
import { evaluateWorkbench } from '../workbench/evaluation';
import { engineServices } from '../workbench/services';
import { langApi } from '../workbench/lang';

export interface PingAnswer {
  version: string;
  /** Echo of the caller's nonce, so the round trip is proven end to end. */
  nonce: string;
  /** True in a dedicated worker (there is no `document` there). */
  inWorker: boolean;
}

function failure(e: unknown): { ok: false; errors: string[] } {
  return { ok: false, errors: [e instanceof Error ? e.message : String(e)] };
}

/** Bounds on what the page may send (a hostile state never reaches here, but a huge paste may). */
const MAX_TEXT = 2_000_000;
const clip = (text: string) => (typeof text === 'string' ? text.slice(0, MAX_TEXT) : '');

/**
 * Validation findings by policy type and text, for the evaluation's fail-closed check: the request
 * changes far more often than the documents, and validating ten large managed policies costs about
 * 600 ms (a cached answer costs a map lookup). Bounded; the oldest entry goes first.
 */
const MAX_VALIDATIONS = 64;
/** The texts kept as keys, in characters, at most (a pasted megabyte is validated again rather than kept). */
const MAX_VALIDATION_CHARS = 8_000_000;
const validations = new Map<string, Finding[]>();
let validationChars = 0;
function cachedValidate(validate: ((text: string, type: PolicyType, size?: PolicyKind) => Finding[]) | undefined) {
  if (!validate) return undefined;
  return (text: string, type: PolicyType, size?: PolicyKind): Finding[] => {
    const key = `${type}\u0000${size ?? ''}\u0000${text}`;
    let found = validations.get(key);
    if (found) {
      validations.delete(key);
      validations.set(key, found);
      return found;
    }
    found = validate(text, type, size);
    if (key.length > MAX_VALIDATION_CHARS / 4) return found;
    validations.set(key, found);
    validationChars += key.length;
    while (validations.size > MAX_VALIDATIONS || validationChars > MAX_VALIDATION_CHARS) {
      const oldest = validations.keys().next().value!;
      validations.delete(oldest);
      validationChars -= oldest.length;
    }
    return found;
  };
}

export const engineApi = {
  ping(nonce: string): PingAnswer {
    return {
      version: VERSION,
      nonce,
      inWorker: typeof (globalThis as { document?: unknown }).document === 'undefined',
    };
  },

  /** Findings (parse and validation) and the plain-English summary of one document. */
  async analyze(
    text: string,
    kind: DocKind,
    storedAs?: StoredAs,
    earlierInline: string[] = [],
  ): Promise<Answer<Analysis>> {
    try {
      const services = await engineServices();
      const validate = cachedValidate(services.analysis.validate);
      return {
        ok: true,
        value: analyze(
          clip(text),
          kind,
          {
            parse: cachedParse,
            ...services.analysis,
            ...(validate ? { validate } : {}),
          },
          storedAs === 'aws-managed' || storedAs === 'user-inline' || storedAs === 'role-inline' ? storedAs : undefined,
          Array.isArray(earlierInline) ? earlierInline.slice(0, 64).map(clip) : [],
        ),
      };
    } catch (e) {
      return failure(e);
    }
  },

  /** The decision for each action of the request against the documents (`anyway`: decide fail-closed with documents IAM would refuse). */
  async evaluate(
    docs: DocInput[],
    request: RequestInput,
    options: EvaluateOptions = {},
  ): Promise<Answer<EvaluationAnswer>> {
    try {
      const services = await engineServices();
      const catalog = await loadCatalog().catch(() => undefined);
      const safeDocs = docs.slice(0, 64).map((d) => ({ ...d, text: clip(d.text) }));
      const validate = cachedValidate(services.analysis.validate);
      return {
        ok: true,
        value: evaluateWorkbench(
          safeDocs,
          request,
          {
            parse: cachedParse,
            catalog,
            validate: (text, kind, size) => validate?.(text, policyTypeOf(kind, text), size) ?? [],
          },
          { anyway: options?.anyway === true },
        ),
      };
    } catch (e) {
      return failure(e);
    }
  },

  async completeAction(input: string): Promise<Answer<ActionSuggestion[]>> {
    try {
      return { ok: true, value: suggestActions(await loadCatalog(), input) };
    } catch (e) {
      return failure(e);
    }
  },

  async requestHints(actions: string[], contextKeys: string[], account: string): Promise<Answer<RequestHints>> {
    try {
      return { ok: true, value: requestHints(await loadCatalog(), actions, contextKeys, account) };
    } catch (e) {
      return failure(e);
    }
  },

  /** Searches the 1,645 AWS managed policies by name. */
  async librarySearch(query: string, limit = 50): Promise<Answer<LibrarySearch>> {
    try {
      return { ok: true, value: (await loadLibrary()).search(String(query), limit) };
    } catch (e) {
      return failure(e);
    }
  },

  async libraryGet(name: string): Promise<Answer<ManagedPolicyText>> {
    try {
      const p = (await loadLibrary()).get(String(name));
      return p
        ? { ok: true, value: p }
        : { ok: false, errors: [`there is no AWS managed policy named \`${String(name).slice(0, 128)}\``] };
    } catch (e) {
      return failure(e);
    }
  },

  ...langApi(),
};

export type EngineApi = typeof engineApi;

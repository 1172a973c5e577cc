/**
 * The engine worker's API: what the page may ask of the worker. Every answer is plain data
 * (tagged unions, never class instances or thrown errors) so it crosses comlink unchanged.
 */
import { VERSION } from '../version';
import type { Finding } from '../engine/diagnostics';
import type { PolicyType } from '../engine/model';
import type { PolicyKind } from '../engine/validate';
import { loadCatalog, loadDescribedCatalog, loadManagedPolicies } from '../catalog';
import { cachedParse } from '../workbench/parse-cache';
import { analyze, policyTypeOf } from '../workbench/analysis';
import { requestHints, suggestActions } from '../workbench/catalog-help';
import { loadLibrary } from './managed-library';
import type { LibrarySearch, ManagedPolicyText, VersionDiff } from '../workbench/library';
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
import type { Result } from '../engine/diagnostics';
import type { World } from '../world/types';
import { importAuthorizationDetails } from '../world/import/authorization-details';
import { managedPolicyLookup } from '../world/managed';
import type { HttpRequest } from '../aws/http';
import type { AwsHost, AwsStarted, ExchangeView } from './aws-host';
import type { FlowHost, FlowRunRequest } from './flow-host';
import type { FlowOptions, FlowRun } from '../flows/types';
import type { WorldRequest } from '../world/authorize';
import type { WorldScenario } from '../workbench/from-world';
import { scenarioFromRequest } from '../workbench/from-request';
import type { GraphAsk, GraphFixAnswer, GraphHost, GraphOverview, GraphQueryAnswer, LayoutRequest } from './graph-host';
import type { AccessToProve, EdgeProof } from '../graph/proof';
import type { EscalationStep, Layout, NeededAccess } from '../graph/types';

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
/** Longest authorization-details file imported (characters): 5,000 roles take about 10 MB. */
export const MAX_IMPORT = 50_000_000;
const START = { line: 1, column: 1, offset: 0 };

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

let lookup: Promise<ReturnType<typeof managedPolicyLookup>> | undefined;
let host: Promise<AwsHost> | undefined;
let flows: Promise<FlowHost> | undefined;
let graphs: Promise<GraphHost> | undefined;
/**
 * The simulated AWS services over the Account's world (AWS managed policies resolved from the
 * library), loaded on first use: their code (JWTs, SRP, SigV4) is a chunk of its own, never part
 * of the worker's start.
 */
function managedLookup(): Promise<ReturnType<typeof managedPolicyLookup>> {
  lookup ??= loadManagedPolicies().then(managedPolicyLookup, (e: unknown) => {
    lookup = undefined;
    throw e;
  });
  return lookup;
}

function aws(): Promise<AwsHost> {
  host ??= import('./aws-host').then(({ awsHost }) => awsHost(managedLookup));
  return host;
}

/** The identity flows (XState machines over the simulated services), loaded on first use. */
function flowRunner(): Promise<FlowHost> {
  flows ??= import('./flow-host').then(({ flowHost }) => flowHost(managedLookup));
  return flows;
}

/** The access graph (relation, escalations, questions, proofs, layouts, fix), loaded on first use. */
function graphs_(): Promise<GraphHost> {
  graphs ??= import('./graph-host').then(({ graphHost }) => graphHost(loadCatalog, managedLookup));
  return graphs;
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
      return { ok: true, value: suggestActions(await loadDescribedCatalog(), input) };
    } catch (e) {
      return failure(e);
    }
  },

  async requestHints(actions: string[], contextKeys: string[], account: string): Promise<Answer<RequestHints>> {
    try {
      return { ok: true, value: requestHints(await loadDescribedCatalog(), actions, contextKeys, account) };
    } catch (e) {
      return failure(e);
    }
  },

  /** Searches the AWS managed policies by name. */
  async librarySearch(query: string, limit = 50): Promise<Answer<LibrarySearch>> {
    try {
      return { ok: true, value: (await loadLibrary()).search(String(query), limit) };
    } catch (e) {
      return failure(e);
    }
  },

  /** A policy of the library as editor text: its default version, or `version` (`v1`, …) when given. */
  async libraryGet(name: string, version?: string): Promise<Answer<ManagedPolicyText>> {
    try {
      const library = await loadLibrary();
      const n = String(name).slice(0, 128);
      const v = version === undefined ? undefined : String(version).slice(0, 16);
      const p = library.get(n, v);
      if (p) return { ok: true, value: p };
      return {
        ok: false,
        errors: [
          library.get(n)
            ? `the AWS managed policy \`${n}\` has no version \`${v}\``
            : `there is no AWS managed policy named \`${n}\``,
        ],
      };
    } catch (e) {
      return failure(e);
    }
  },

  /** What changed in a policy of the library from version `from` to version `to`. */
  async libraryDiff(name: string, from: string, to: string): Promise<Answer<VersionDiff>> {
    try {
      const [n, f, t] = [String(name).slice(0, 128), String(from).slice(0, 16), String(to).slice(0, 16)];
      const d = (await loadLibrary()).diff(n, f, t);
      return d
        ? { ok: true, value: d }
        : { ok: false, errors: [`the AWS managed policy \`${n}\` has no versions \`${f}\` and \`${t}\` to compare`] };
    } catch (e) {
      return failure(e);
    }
  },

  /** `aws iam get-account-authorization-details` output → a world; findings say what is wrong and where. */
  /** Starts the simulated services over a world: IAM, STS, Cognito, S3 and DynamoDB on one endpoint. */
  async awsStart(world: World): Promise<Answer<AwsStarted>> {
    return (await aws()).start(world);
  },

  /** One HTTP exchange with the simulated services, as the real SDK would have it. */
  async awsCall(req: HttpRequest): Promise<Answer<ExchangeView>> {
    return (await aws()).call(req);
  },

  /** The world as the simulated services have changed it. */
  async awsWorld(): Promise<Answer<World>> {
    return (await aws()).world();
  },

  /**
   * The workbench scenario for a request a simulated service asked the engine (a flow step's
   * decision): the documents the world gathers for it, session policies included, and its context.
   */
  async scenarioFromRequest(world: World, request: WorldRequest): Promise<Answer<WorldScenario>> {
    try {
      return { ok: true, value: scenarioFromRequest(world, request, { managedPolicy: await managedLookup() }) };
    } catch (e) {
      return failure(e);
    }
  },

  /** Runs an identity flow over a world, whole: every step with its exchanges, tokens and decisions. */
  async flowRun(req: FlowRunRequest): Promise<Answer<FlowRun>> {
    return (await flowRunner()).run(req);
  },

  /**
   * The world a flow's run works on: the Account's world after the flow's `prepare` (so the
   * workbench asks a flow's decision over the same documents the run decided with).
   */
  async flowWorld(req: { flowId: string; world: World; options?: FlowOptions }): Promise<Answer<World>> {
    try {
      const { flowById } = await import('../flows/registry');
      const flow = flowById(String(req.flowId));
      if (!flow) return { ok: false, errors: [`there is no flow \`${String(req.flowId).slice(0, 80)}\``] };
      const world = structuredClone(req.world);
      return { ok: true, value: flow.prepare ? flow.prepare(world, req.options ?? {}).world : world };
    } catch (e) {
      return failure(e);
    }
  },

  /** The access graph of a world: principals, resources, bundled edges (capped), escalations, counts. */
  async graphOverview(req: GraphAsk & { edgeCap?: number }): Promise<Answer<GraphOverview>> {
    return (await graphs_()).overview(req);
  },

  /** An answer of the graph's question box, as a table with the nodes it names. */
  async graphQuery(req: GraphAsk & { question: string }): Promise<Answer<GraphQueryAnswer>> {
    return (await graphs_()).query(req);
  },

  /** The proof of an access edge or an escalation step: each action's decision and reasons. */
  async graphProve(req: GraphAsk & { access?: AccessToProve; step?: EscalationStep }): Promise<Answer<EdgeProof>> {
    return (await graphs_()).prove(req);
  },

  /** Coordinates for the nodes and edges the graph page draws. */
  async graphLayout(req: LayoutRequest): Promise<Answer<Layout>> {
    return (await graphs_()).layout(req);
  },

  /** The fewest changes that cut every path to admin, the fixed world and its graph recomputed. */
  async graphFix(req: GraphAsk & { needed?: NeededAccess[] }): Promise<Answer<GraphFixAnswer>> {
    return (await graphs_()).fix(req);
  },

  importAuthorizationDetails(text: string): Result<World> {
    const refuse = (message: string, help?: string): Result<World> => ({
      ok: false,
      errors: [
        {
          code: 'parse.import',
          severity: 'ERROR',
          message,
          ...(help ? { help } : {}),
          range: { start: START, end: START },
        },
      ],
    });
    if (typeof text !== 'string') return refuse('the file is not text');
    if (text.length > MAX_IMPORT) return refuse(`the file is larger than ${MAX_IMPORT / 1_000_000} million characters`);
    try {
      return importAuthorizationDetails(text);
    } catch (e) {
      return refuse('the file could not be imported', e instanceof Error ? e.message : String(e));
    }
  },

  ...langApi(),
};

export type EngineApi = typeof engineApi;

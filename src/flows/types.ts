/**
 * The shapes every identity flow shares. A flow is a pure XState machine (the protocol's states
 * and which step may come next), step implementations supplied from outside (what the app sends
 * and how the service's reply is classified), and the switches and variants a learner can pick.
 * A run is plain data: the steps as a sequence diagram draws them, with every HTTP exchange as the
 * simulated service answered it. Nothing here touches the DOM; runs cross the worker boundary.
 */
import type { AnyStateMachine } from 'xstate';
import type { HttpRequest } from '../aws/http';
import type { Exchange } from '../aws/simulator';
import type { Random } from '../aws/random';
import type { SimClock } from '../aws/clock';
import type { AwsState } from '../aws/state';
import type { World, ManagedPolicy } from '../world/types';
import type { DecisionView } from '../aws/view';
import type { FlowInfo } from './catalog-types';

/** The parties of the sequence diagram, one lifeline each. */
export type PartyId =
  | 'app'
  | 'user'
  | 'user-pool'
  | 'identity-pool'
  | 'sts'
  | 'iam'
  | 's3'
  | 'dynamodb'
  | 'imds'
  | 'instance'
  | 'lambda'
  | 'attacker'
  | 'sign-in'
  | 'vendor';

export interface Party {
  id: PartyId;
  /** As the diagram heads the lifeline (`Browser app`, `User pool`, `EC2 metadata service`). */
  label: string;
}

/** A "break it" switch: what people get wrong, and the error AWS gives for it. */
export interface BreakSwitch {
  id: string;
  label: string;
  /** What the switch changes, and why people do it (one or two sentences). */
  explain: string;
  /** The risk the mistake opens, when it does not fail loudly (e.g. a trust policy without `aud`). */
  risk?: string;
  /** The step event whose exchange fails with the switch on, and AWS's error code there. */
  fails?: { step: string; code: string };
}

/** A starting situation of the flow (a new user, a user who must change a password, …). */
export interface FlowVariant {
  id: string;
  label: string;
  explain?: string;
}

/** What a learner picks before the run starts; with the seed it fixes the whole run. */
export interface FlowOptions {
  variant?: string;
  switches?: string[];
}

/**
 * An event of a flow's machine. Step events are dot-namespaced after the call the app makes
 * (`srp.initiate`, `idpool.getId`, `sts.assumeRoleWithWebIdentity`, `s3.getObject`) and carry
 * the outcome the step's implementation read from the service's reply; guards route on it.
 * `flow.start` carries the options.
 */
export type FlowEvent =
  { type: 'flow.start'; options: FlowOptions } | { type: string; outcome: string; output?: StepOutput };

/**
 * What the machine keeps: everything steps produced so far (tokens, ids, credentials) by name,
 * the options, and the error that ended the run.
 */
export interface FlowContext {
  options: FlowOptions;
  data: Record<string, unknown>;
  error?: FlowError;
}

export interface FlowError {
  /** AWS's error code (`NotAuthorizedException`, `AccessDenied`, `InvalidIdentityToken`). */
  code: string;
  message: string;
  /** The step event that failed. */
  step: string;
}

/** What one step's implementation did. */
export interface StepOutput {
  /** Routes the machine: `ok`, a challenge name, `denied`, `error`… (one of the step's declared outcomes). */
  outcome: string;
  /** Values to keep (merged into `context.data`). */
  data?: Record<string, unknown>;
  /** One or two sentences on what happened and why, for the narration. */
  narration: string;
  /** A short title for the step (`InitiateAuth (USER_SRP_AUTH)`). */
  title: string;
  /** Who started the step (default `app`). */
  from?: PartyId;
  /** The HTTP exchanges the step made, in order (already recorded by `env.send`). */
  exchanges: FlowExchange[];
  /** Tokens to show in panels of their own (with how to verify them). */
  tokens?: TokenSpec[];
  /** Credentials the step obtained. */
  credentials?: CredentialsView;
  /** The engine's decision the step's last call got, with how to ask it in the workbench. */
  decision?: FlowDecision;
  error?: FlowError;
  /** Facts to show beside the step (`Role chosen: …, because …`). */
  facts?: { label: string; value: string; explain?: string }[];
}

/** A token a step produced or sent, and what a verifier expects of it. */
export interface TokenSpec {
  /** `ID token`, `Access token`, `Refresh token`, `OpenID token (identity pool)`. */
  label: string;
  jwt: string;
  /** For the verification checklist (absent for an opaque token such as a refresh token). */
  expect?: {
    /** The issuer whose JWKS signs it (`https://cognito-idp.us-east-1.amazonaws.com/us-east-1_…`). */
    issuer: string;
    tokenUse?: 'id' | 'access';
    /** The app client id (`aud` of an ID token, `client_id` of an access token) or the identity pool id. */
    audience?: string;
    /** The JWKS to check the signature with, as the issuer publishes it. */
    jwks: { keys: Record<string, unknown>[] };
  };
}

export interface CredentialsView {
  /** Who they belong to (`arn:aws:sts::…:assumed-role/ROLE/SESSION`, or a user's ARN for a long-term key). */
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Milliseconds since the epoch; absent for a long-term key (it never expires). */
  expiration?: number;
  /** Where they came from: `GetCredentialsForIdentity`, `AssumeRoleWithWebIdentity`, `IMDS`, `stored on disk`, … */
  source: string;
}

/**
 * The engine's decision on a step's request. `request` is the request as the engine was asked it
 * (context keys, session facts), from which the workbench poses the same question.
 */
export type FlowDecision = DecisionView & { request: NonNullable<DecisionView['request']> };

/** An exchange as a run keeps it: the simulator's record, or a party the simulator does not route (IMDS). */
export type FlowExchange = Omit<Exchange, 'service' | 'decision'> & {
  service: Exchange['service'] | 'ec2-metadata' | 'lambda' | 'sign-in' | 'vendor';
  decision?: DecisionView;
};

/** What step implementations get: the services over the run's own copy of the world. */
export interface FlowEnv {
  /** The simulator's state (world, sessions, user pools). */
  readonly state: AwsState;
  readonly clock: SimClock;
  readonly random: Random;
  readonly region: string;
  readonly options: FlowOptions;
  readonly managedPolicy?: (arn: string) => ManagedPolicy | undefined;
  /** Sends one request to the simulated services and returns the exchange (recorded in order). */
  send(req: HttpRequest): Promise<FlowExchange>;
  /** Records an exchange with a party the simulator does not route (the instance metadata service). */
  record(x: FlowExchange): FlowExchange;
  /** Whether a break-it switch is on. */
  on(switchId: string): boolean;
}

/** One step's implementation: reads the context, calls the services, classifies the reply. */
export type StepImpl = (context: FlowContext, env: FlowEnv) => Promise<StepOutput>;

export interface FlowDefinition extends FlowInfo {
  /**
   * The pure machine: every state but the final ones lists in `meta.steps` the step events it
   * accepts (the first is the default choice); `meta.outcomes` maps each step to its outcomes for
   * path enumeration.
   */
  machine: AnyStateMachine;
  /** The outcomes each step event may report (for `xstate/graph` path enumeration). */
  outcomes: Record<string, string[]>;
  steps: Record<string, StepImpl>;
  /**
   * Makes the Account's world ready for the flow (adds what the flow needs and the world lacks:
   * a second account, a vendor role…) and says what it changed. Pure: returns a new world.
   */
  prepare?(world: World, options: FlowOptions): { world: World; changes: string[] };
}

/** What one step of a run looks like to the view. */
export interface FlowStep {
  index: number;
  /** The step event (`srp.initiate`), or `flow.start`. */
  event: string;
  outcome: string;
  /** The machine's state after the step (`signedIn`, `failed`). */
  state: string;
  title: string;
  narration: string;
  /** Simulated clock when the step ended (ms since the epoch). */
  at: number;
  /** The arrows, in order: a request and its response for each exchange. */
  messages: FlowMessage[];
  tokens: TokenView[];
  credentials?: CredentialsView;
  decision?: FlowDecision;
  error?: FlowError;
  facts: { label: string; value: string; explain?: string }[];
  /** The other step events the learner could have taken from the state before this step. */
  alternatives: string[];
}

export interface FlowMessage {
  from: PartyId;
  to: PartyId;
  kind: 'request' | 'response';
  /** `POST / InitiateAuth`, `200 OK`, `400 NotAuthorizedException`. */
  label: string;
  http: HttpView;
  /** True for a response with status ≥ 400. */
  failed: boolean;
}

/** A request or a response as it went over the wire, as text. */
export interface HttpView {
  /** `POST https://cognito-idp.us-east-1.amazonaws.com/ HTTP/1.1` or `HTTP/1.1 200 OK`. */
  startLine: string;
  headers: [string, string][];
  /** The body as text, indented for reading when it is JSON, XML or a form. */
  body: string;
  /** The body exactly as it went over the wire (text; binary shown as its size). */
  raw: string;
  /** The body's media type (`application/x-amz-json-1.1`). */
  contentType?: string;
}

/** A decoded token for its panel: the three parts apart, claims explained, checks with expected and actual. */
export interface TokenView {
  label: string;
  raw: string;
  header?: Record<string, unknown>;
  payload?: Record<string, unknown>;
  /** The signature part, as sent (base64url). */
  signature?: string;
  claims: ClaimView[];
  checks: TokenCheck[];
  /** The issuer's JWKS the token was checked against (as `TokenSpec.expect.jwks`). */
  jwks?: { keys: Record<string, unknown>[] };
}

export interface ClaimView {
  name: string;
  value: unknown;
  explain?: string;
  /** For a time claim: the instant as ISO 8601, and its age or remaining time at the step. */
  date?: string;
  relative?: string;
}

export interface TokenCheck {
  /** `signature`, `alg`, `kid`, `iss`, `exp`, `token_use`, `client id`. */
  name: string;
  expected: string;
  actual: string;
  ok: boolean;
}

/** The whole run: enough to draw, step and share it. */
export interface FlowRun {
  flow: { id: string; version: number; title: string };
  seed: string;
  options: FlowOptions;
  parties: Party[];
  steps: FlowStep[];
  /** What `prepare` changed in the Account's world for this flow. */
  changes: string[];
  /** The step events sent, in order (the link's event log). */
  events: string[];
  final: { state: string; status: 'done' | 'failed' | 'stopped' };
}

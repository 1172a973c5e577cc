// For tests that drive a service with the real AWS SDK v3 client and no network: a
// `requestHandler` turns the SDK's request into ours (headers lower-cased, the host added, the
// query re-encoded, a streamed body read whole), answers it through one service module as a
// named caller, or through the whole simulator (routing and SigV4 checked), and hands the answer
// back as the SDK's fetch handler would (a web stream body).
import type { AwsContext, Principal } from './context';
import type { HttpRequest, HttpResponse } from './http';
import { request } from './http';
import type { Reply, ServiceModule } from './service';
import type { Simulator } from './simulator';
import { call } from './testing';

export interface SdkRequest {
  method: string;
  hostname?: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

const encoder = new TextEncoder();
const bytes = (x: Uint8Array | string) => (typeof x === 'string' ? encoder.encode(x) : x);

async function bytesOf(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string' || body instanceof Uint8Array) return bytes(body);
  const parts: Uint8Array[] = [];
  if (typeof (body as ReadableStream).getReader === 'function') {
    const reader = (body as ReadableStream<Uint8Array | string>).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(bytes(r.value));
  } else {
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) parts.push(bytes(chunk));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function queryString(q: SdkRequest['query']): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q ?? {})) {
    if (v === null) parts.push(enc(k));
    else for (const one of Array.isArray(v) ? v : [v]) parts.push(`${enc(k)}=${enc(one)}`);
  }
  return parts.join('&');
}

/** The SDK's request as the simulator takes it. */
export async function fromSdk(req: SdkRequest): Promise<HttpRequest> {
  const headers: Record<string, string> = {};
  if (req.hostname) headers['host'] = req.port ? `${req.hostname}:${req.port}` : req.hostname;
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  return request({
    method: req.method,
    path: req.path,
    query: queryString(req.query),
    headers,
    body: await bytesOf(req.body),
  });
}

/** Our response as the SDK's fetch handler gives it: the body a web stream (GetObject reads it as one). */
export function toSdk(res: HttpResponse) {
  return {
    response: {
      statusCode: res.status,
      headers: res.headers,
      body: new Blob([res.body as Uint8Array<ArrayBuffer>]).stream(),
    },
  };
}

function handler(answer: (req: HttpRequest) => Promise<HttpResponse>): never {
  return {
    async handle(req: SdkRequest) {
      return toSdk(await answer(await fromSdk(req)));
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  } as never;
}

/**
 * Answers through one service module as the caller `who` names for each request (SigV4 is not
 * checked here); `seen` gets every request and reply, for tests that look at what was sent.
 */
export function serviceHandler(
  service: ServiceModule,
  ctx: AwsContext,
  who: (req: HttpRequest) => Principal | undefined,
  seen?: (req: HttpRequest, reply: Reply) => void,
): never {
  return handler(async (req) => {
    const reply = await service.handle(call(req, who(req)), ctx);
    seen?.(req, reply);
    return reply.response;
  });
}

/** Sends the SDK's signed request through the whole simulator: routing, SigV4 and the service. */
export function simulatorHandler(sim: Simulator): never {
  return handler(async (req) => (await sim.handle(req)).response);
}

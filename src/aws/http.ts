/**
 * The HTTP exchange every simulated service speaks: a request (method, path, query, headers, body
 * bytes) in, a response out. The same values travel through `iamplay serve` (a node:http adapter),
 * the worker (for the app's flows) and the tests. Header names are lower case.
 */

export interface HttpRequest {
  method: string;
  /** The path as sent, percent-encoded, without the query (`/my-bucket/home/a%20b.txt`). */
  path: string;
  /** The query string as sent, without the `?` (may be empty). */
  query: string;
  /** Header names in lower case; repeated headers joined with `,`. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** A request built in code (tests, flows): headers lower-cased, a string body UTF-8 encoded. */
export function request(init: {
  method?: string;
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
  const body = init.body === undefined ? new Uint8Array() : typeof init.body === 'string' ? utf8(init.body) : init.body;
  return { method: init.method ?? 'POST', path: init.path ?? '/', query: init.query ?? '', headers, body };
}

export function response(status: number, headers: Record<string, string>, body: string | Uint8Array): HttpResponse {
  const bytes = typeof body === 'string' ? utf8(body) : body;
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = v;
  return { status, headers: h, body: bytes };
}

/** The value of a header (name in any case), or undefined. */
export function header(req: { headers: Record<string, string> }, name: string): string | undefined {
  return req.headers[name.toLowerCase()];
}

/**
 * An exchange as the wire carried it, as text for the request and response panels: the start
 * line, the headers in the order sent, and the body (JSON and XML indented so a person can read it;
 * anything else as it came, binary shown as its size).
 */
import type { HttpRequest, HttpResponse } from '../aws/http';
import type { HttpView } from './types';

const REASONS: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  301: 'Moved Permanently',
  307: 'Temporary Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
};

/** `401 Unauthorized`: the status with its reason phrase. */
export function statusText(status: number): string {
  return `${status} ${REASONS[status] ?? ''}`.trimEnd();
}

const MAX_BODY_TEXT = 64 * 1024;

/** Control characters other than tab, newline and carriage return, or bytes that are not UTF-8. */
function isBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) return true;
  }
  return false;
}

/** The body as sent, as text (`(N bytes of binary data)` when it is not text). */
function rawText(body: Uint8Array): string {
  if (body.length === 0) return '';
  if (body.length > MAX_BODY_TEXT) return `(${body.length} bytes)`;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  return isBinary(text) ? `(${body.length} bytes of binary data)` : text;
}

function bodyText(body: Uint8Array, contentType: string | undefined): string {
  if (body.length === 0) return '';
  if (body.length > MAX_BODY_TEXT) return `(${body.length} bytes)`;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  if (isBinary(text)) return `(${body.length} bytes of binary data)`;
  const type = contentType ?? '';
  if (type.includes('json') || /^\s*[{[]/.test(text)) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }
  if (type.includes('x-www-form-urlencoded')) return text.split('&').join('\n&');
  if (type.includes('xml') || text.startsWith('<?xml') || text.startsWith('<')) return indentXml(text);
  return text;
}

/** Indents XML one element per line (the services' own XML: no mixed content, no CDATA). */
export function indentXml(xml: string): string {
  const parts = xml.replace(/>\s*</g, '><').split(/(?=<)/);
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      out.push('  '.repeat(depth) + p);
    } else if (p.startsWith('<?') || p.endsWith('/>')) {
      out.push('  '.repeat(depth) + p);
    } else if (p.startsWith('<')) {
      const next = parts[i + 1];
      if (!p.endsWith('>') && next?.startsWith('</')) {
        out.push('  '.repeat(depth) + p + next);
        i++;
      } else {
        out.push('  '.repeat(depth) + p);
        depth++;
      }
    } else out.push('  '.repeat(depth) + p);
  }
  return out.join('\n');
}

export function requestView(req: HttpRequest): HttpView {
  const host = req.headers['host'] ?? 'localhost';
  const scheme = host.startsWith('169.254.') ? 'http' : 'https';
  const target = `${scheme}://${host}${req.path}${req.query ? `?${req.query}` : ''}`;
  return {
    startLine: `${req.method} ${target} HTTP/1.1`,
    headers: Object.entries(req.headers),
    body: bodyText(req.body, req.headers['content-type']),
    raw: rawText(req.body),
    ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
  };
}

export function responseView(res: HttpResponse): HttpView {
  return {
    startLine: `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}`.trimEnd(),
    headers: Object.entries(res.headers),
    body: bodyText(res.body, res.headers['content-type']),
    raw: rawText(res.body),
    ...(res.headers['content-type'] ? { contentType: res.headers['content-type'] } : {}),
  };
}

/**
 * `Content-Encoding: aws-chunked` bodies (S3 User Guide, "Signature calculations for the
 * Authorization header: transferring payload in multiple chunks"): a list of
 * `SIZE-IN-HEX[;chunk-signature=SIG]\r\nDATA\r\n` chunks ending with a chunk of size 0, then
 * optional trailing headers (`x-amz-checksum-crc32:…`, `x-amz-trailer-signature:…`), each ending
 * with `\r\n`, and a blank line. Read in one linear pass. The chunk signatures are not checked here
 * (the request's seed signature is SigV4's business).
 */

export type Dechunked =
  { ok: true; body: Uint8Array; trailers: Record<string, string> } | { ok: false; message: string };

const CR = 13;
const LF = 10;

/** The index of the next `\r\n` at or after `from`, or -1. */
function lineEnd(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === CR && bytes[i + 1] === LF) return i;
  return -1;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

export function dechunk(bytes: Uint8Array): Dechunked {
  const parts: Uint8Array[] = [];
  let total = 0;
  let at = 0;
  for (;;) {
    const end = lineEnd(bytes, at);
    if (end < 0) return { ok: false, message: 'a chunk header does not end with CRLF' };
    const header = ascii(bytes, at, end);
    const semi = header.indexOf(';');
    const sizeText = (semi < 0 ? header : header.slice(0, semi)).trim();
    if (sizeText === '' || sizeText.length > 8 || ![...sizeText].every((c) => /[0-9a-fA-F]/.test(c)))
      return { ok: false, message: `the chunk size \`${sizeText}\` is not hexadecimal` };
    const size = parseInt(sizeText, 16);
    at = end + 2;
    if (size === 0) break;
    if (at + size + 2 > bytes.length) return { ok: false, message: 'a chunk is shorter than its size says' };
    parts.push(bytes.subarray(at, at + size));
    total += size;
    at += size;
    if (bytes[at] !== CR || bytes[at + 1] !== LF) return { ok: false, message: 'a chunk does not end with CRLF' };
    at += 2;
  }
  const trailers: Record<string, string> = {};
  while (at < bytes.length) {
    const end = lineEnd(bytes, at);
    const line = ascii(bytes, at, end < 0 ? bytes.length : end);
    at = end < 0 ? bytes.length : end + 2;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    body.set(p, o);
    o += p.length;
  }
  return { ok: true, body, trailers };
}

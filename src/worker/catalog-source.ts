/**
 * The worker's sources for the generated data: gzipped copies emitted as assets, fetched from the
 * page's own origin on first use and decompressed with the platform's DecompressionStream. The
 * catalogue comes in two files: its lookups (what evaluation and validation need) and its
 * descriptions (what hover and completion add), so deciding never waits for the descriptions.
 * A server that already decoded a file (Content-Encoding: gzip) is handled too: bytes that do not
 * start with gzip's magic number are read as they are.
 */
import catalogUrl from '../catalog/generated/catalog.json.gz?url';
import catalogDocsUrl from '../catalog/generated/catalog-docs.json.gz?url';

/** Decodes gzipped (or plain) UTF-8 JSON bytes. */
export async function decodeJson(bytes: Uint8Array): Promise<unknown> {
  const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gzipped) return JSON.parse(new TextDecoder().decode(bytes));
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text());
}

/** Fetches and decodes one gzipped JSON asset; `what` names it in the error a failed load gives. */
export async function fetchGzippedJson(url: string, what: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${what} could not be loaded (${response.status} ${url})`);
  return decodeJson(new Uint8Array(await response.arrayBuffer()));
}

export function fetchCatalog(url: string = catalogUrl): Promise<unknown> {
  return fetchGzippedJson(url, 'the action catalogue');
}

export function fetchCatalogDocs(url: string = catalogDocsUrl): Promise<unknown> {
  return fetchGzippedJson(url, 'the action catalogue’s descriptions');
}

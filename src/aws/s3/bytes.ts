/**
 * Byte helpers for the data services, without Node's `Buffer`: base64 both ways, hex, CRC32 (the
 * `x-amz-checksum-crc32` of S3 and the `x-amz-crc32` of DynamoDB), and MD5 (S3's ETag).
 */
import { md5 } from '@noble/hashes/legacy.js';

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Bytes of base64 text, or undefined when it is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  let bin: string;
  try {
    bin = atob(text);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3) of the bytes, unsigned. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The CRC-32 as S3 writes it in `x-amz-checksum-crc32`: the four big-endian bytes, base64. */
export function crc32Base64(bytes: Uint8Array): string {
  const c = crc32(bytes);
  return toBase64(new Uint8Array([c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff]));
}

/** S3's ETag of a single-part object: the MD5 in hex, in double quotes. */
export function etagOf(bytes: Uint8Array): string {
  return `"${hex(md5(bytes))}"`;
}

export function md5Base64(bytes: Uint8Array): string {
  return toBase64(md5(bytes));
}

/**
 * Randomness for keys, ids, codes and SRP secrets. The default is the platform's cryptographic
 * generator (`crypto.getRandomValues`, in Node and in the worker); tests may pass a seeded one so
 * that ids are stable. Ids are drawn without modulo bias.
 */
import { sha256 } from '@noble/hashes/sha2.js';

export interface Random {
  bytes(n: number): Uint8Array;
}

export const secureRandom: Random = {
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 65536) globalThis.crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
    return out;
  },
};

/** A deterministic generator for tests: SHA-256 of the seed and a counter. Never for real secrets. */
export function seededRandom(seed: string): Random {
  let counter = 0;
  const enc = new TextEncoder();
  return {
    bytes(n: number): Uint8Array {
      const out = new Uint8Array(n);
      let filled = 0;
      while (filled < n) {
        const block = sha256(enc.encode(`${seed}:${counter++}`));
        const take = Math.min(block.length, n - filled);
        out.set(block.subarray(0, take), filled);
        filled += take;
      }
      return out;
    },
  };
}

export const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const LOWER_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `n` characters of `alphabet`, uniformly (rejection sampling). */
export function randomString(random: Random, alphabet: string, n: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < n) {
    for (const b of random.bytes(n * 2)) {
      if (b < limit) out += alphabet[b % alphabet.length];
      if (out.length === n) break;
    }
  }
  return out;
}

/** A version 4 UUID. */
export function uuid(random: Random): string {
  const b = random.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A decimal code of `n` digits (confirmation codes). */
export function randomDigits(random: Random, n: number): string {
  return randomString(random, '0123456789', n);
}

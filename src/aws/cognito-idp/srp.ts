/**
 * The server side of Cognito's SRP-6a (`USER_SRP_AUTH` → `PASSWORD_VERIFIER`), with the client's
 * conventions (cognito-sts.md §2.6): the 3072-bit group of RFC 5054, g = 2, SHA-256, `PAD` as Java's
 * `BigInteger.toByteArray`, `k = H(PAD(N) | PAD(g))`, `x = H(PAD(salt) | H(poolName | user | ":" |
 * password))`, `S = (A·v^u)^b`, a one-block HKDF with the info "Caldera Derived Key", and the claim
 * signature HMAC(K, poolName | user | secretBlock | timestamp). Plain BigInt arithmetic.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

export const N = BigInt('0x' + N_HEX);
export const g = 2n;

const enc = new TextEncoder();

/** Hex of x, even length, with a leading `00` when the top bit is set (x ≥ 0). */
export function padHex(x: bigint): string {
  let h = x.toString(16);
  if (h.length % 2 !== 0) h = '0' + h;
  if ('89abcdef'.includes(h[0]!)) h = '00' + h;
  return h;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function hashHex(hex: string): string {
  return bytesToHex(sha256(hexToBytes(hex)));
}

function toBig(hex: string): bigint {
  return hex === '' ? 0n : BigInt('0x' + hex);
}

export function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  if (b < 0n) b += mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    e >>= 1n;
    b = (b * b) % mod;
  }
  return result;
}

export const k = toBig(hashHex(padHex(N) + padHex(g)));

/** The pool's name in SRP: the part of the pool id after `_`. */
export function poolName(poolId: string): string {
  return poolId.slice(poolId.indexOf('_') + 1);
}

export function passwordX(poolId: string, userIdForSrp: string, password: string, saltHex: string): bigint {
  const inner = bytesToHex(sha256(enc.encode(`${poolName(poolId)}${userIdForSrp}:${password}`)));
  return toBig(hashHex(padHex(toBig(saltHex)) + inner));
}

export function verifier(x: bigint): bigint {
  return modPow(g, x, N);
}

/** `B = k·v + g^b mod N`. */
export function serverB(v: bigint, b: bigint): bigint {
  return (k * v + modPow(g, b, N)) % N;
}

export function scramble(A: bigint, B: bigint): bigint {
  return toBig(hashHex(padHex(A) + padHex(B)));
}

/** The 16-byte key both sides derive from S and u. */
export function sessionKey(S: bigint, u: bigint): Uint8Array {
  const prk = hmac(sha256, hexToBytes(padHex(u)), hexToBytes(padHex(S)));
  const info = new Uint8Array([...enc.encode('Caldera Derived Key'), 1]);
  return hmac(sha256, prk, info).slice(0, 16);
}

/** `S = (A · v^u)^b mod N`. */
export function serverS(A: bigint, v: bigint, u: bigint, b: bigint): bigint {
  return modPow((A * modPow(v, u, N)) % N, b, N);
}

/** The bytes of `PASSWORD_CLAIM_SIGNATURE` (before base64). */
export function claimSignature(
  key: Uint8Array,
  poolId: string,
  userIdForSrp: string,
  secretBlock: Uint8Array,
  timestamp: string,
): Uint8Array {
  const parts = [enc.encode(poolName(poolId)), enc.encode(userIdForSrp), secretBlock, enc.encode(timestamp)];
  const msg = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    msg.set(p, at);
    at += p.length;
  }
  return hmac(sha256, key, msg);
}

export function parseHexBig(hex: string): bigint | undefined {
  if (hex.length === 0 || hex.length > 2048) return undefined;
  for (const c of hex) if (!'0123456789abcdefABCDEF'.includes(c)) return undefined;
  return BigInt('0x' + hex);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The SRP `TIMESTAMP` format: `Tue Mar 5 07:04:09 UTC 2025` (day not zero-padded). */
export function srpTimestamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${two(d.getUTCHours())}:${two(
    d.getUTCMinutes(),
  )}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Epoch ms of an SRP `TIMESTAMP`, or undefined when it is not in that format. */
export function parseSrpTimestamp(s: string): number | undefined {
  if (s.length > 40) return undefined;
  const parts = s.split(' ');
  if (parts.length !== 6 || parts[4] !== 'UTC' || !DAYS.includes(parts[0]!)) return undefined;
  const month = MONTHS.indexOf(parts[1]!);
  const day = Number(parts[2]);
  const year = Number(parts[5]);
  const hms = parts[3]!.split(':').map(Number);
  if (month < 0 || !Number.isInteger(day) || !Number.isInteger(year) || hms.length !== 3) return undefined;
  if (hms.some((n) => !Number.isInteger(n))) return undefined;
  return Date.UTC(year, month, day, hms[0], hms[1], hms[2]);
}

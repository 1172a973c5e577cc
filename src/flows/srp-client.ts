/**
 * The app's side of Cognito's USER_SRP_AUTH, computed as AWS's own clients do (cognito-sts.md
 * §2.6): `SRP_A = g^a mod N` for `InitiateAuth`, then, from the `PASSWORD_VERIFIER` challenge's
 * `SALT`, `SRP_B` and `SECRET_BLOCK`, the shared key and `PASSWORD_CLAIM_SIGNATURE` over
 * `poolName | USER_ID_FOR_SRP | SECRET_BLOCK | TIMESTAMP`. The password never leaves the app.
 */
import type { Random } from '../aws/random';
import {
  N,
  g,
  k,
  bytesToHex,
  claimSignature,
  modPow,
  parseHexBig,
  passwordX,
  scramble,
  sessionKey,
  srpTimestamp,
} from '../aws/cognito-idp/srp';

export interface SrpStart {
  /** The secret `a` (kept by the app). */
  a: bigint;
  /** `SRP_A`, hex. */
  srpA: string;
}

/** A fresh `a` and `SRP_A` (a 1024-bit secret from `random`). */
export function srpStart(random: Random): SrpStart {
  for (;;) {
    const a = BigInt('0x' + bytesToHex(random.bytes(128))) % N;
    const A = modPow(g, a, N);
    if (a !== 0n && A % N !== 0n) return { a, srpA: A.toString(16) };
  }
}

export interface SrpChallenge {
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  USER_ID_FOR_SRP: string;
  USERNAME?: string;
}

export interface SrpAnswer {
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  PASSWORD_CLAIM_SIGNATURE: string;
  TIMESTAMP: string;
  USERNAME: string;
}

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * The answer to `PASSWORD_VERIFIER` for `password` at simulated time `now` (ms). Throws when the
 * server's `SRP_B` is not a valid public value (`B mod N = 0`) or the scrambler is zero, as the
 * real clients refuse to go on.
 */
export function srpAnswer(
  start: SrpStart,
  poolId: string,
  challenge: SrpChallenge,
  password: string,
  now: number,
): SrpAnswer {
  const B = parseHexBig(challenge.SRP_B);
  if (B === undefined || B % N === 0n) throw new Error('the server sent an SRP_B that is not a valid public value');
  const A = BigInt('0x' + start.srpA);
  const u = scramble(A, B);
  if (u === 0n) throw new Error('the SRP scrambling parameter is zero');
  const x = passwordX(poolId, challenge.USER_ID_FOR_SRP, password, challenge.SALT);
  const base = (((B - ((k * modPow(g, x, N)) % N)) % N) + N) % N;
  const S = modPow(base, start.a + u * x, N);
  const key = sessionKey(S, u);
  const timestamp = srpTimestamp(now);
  const sig = claimSignature(key, poolId, challenge.USER_ID_FOR_SRP, fromBase64(challenge.SECRET_BLOCK), timestamp);
  return {
    PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
    PASSWORD_CLAIM_SIGNATURE: base64(sig),
    TIMESTAMP: timestamp,
    USERNAME: challenge.USER_ID_FOR_SRP,
  };
}

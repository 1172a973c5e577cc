/**
 * Authentication of a request, before any service sees it: a SigV4 signature (the `Authorization`
 * header, or a presigned query string) is checked against the secret of the access key it names
 * (a world user's or root's `AKIA…` key, or an `ASIA…` session with its token), and the caller is
 * what AWS would know: the user, root, or the role session.
 *
 * (A stub until SigV4 is built: every request is treated as unsigned.)
 */
import type { HttpRequest } from '../http';
import type { AwsContext, Principal } from '../context';

export type AuthFailure = 'signature' | 'unknown-key' | 'expired' | 'missing' | 'malformed';

export type AuthResult =
  | { kind: 'unsigned' }
  | { kind: 'signed'; caller: Principal; service: string; region: string }
  | { kind: 'error'; error: AuthFailure; detail: string; service?: string };

export async function authenticate(_req: HttpRequest, _ctx: AwsContext): Promise<AuthResult> {
  return { kind: 'unsigned' };
}

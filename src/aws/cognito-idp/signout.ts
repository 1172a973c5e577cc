/** Ending a user's sign-ins: their refresh tokens stop working and their access tokens are revoked. */
import type { AwsContext } from '../context';
import { idpState } from './state';

export function revokeUserSignIns(
  ctx: AwsContext,
  poolId: string,
  username: string,
  originJti: string | undefined,
): void {
  const s = idpState(ctx.state);
  const now = ctx.clock.now();
  if (originJti) s.revokedOrigins[originJti] = now;
  for (const rec of Object.values(s.refreshTokens)) {
    if (rec.poolId !== poolId || rec.username !== username) continue;
    rec.revoked = true;
    s.revokedOrigins[rec.originJti] = now;
  }
}

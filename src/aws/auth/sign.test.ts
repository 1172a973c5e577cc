import { describe, it, expect } from 'vitest';
import { signRequest, amzDate } from './sign';
import { request, text } from '../http';
import { Simulator } from '../simulator';
import { newState } from '../state';
import { SimClock } from '../clock';
import { seededRandom } from '../random';
import { ensureAdmin } from '../admin';
import { defaultWorld } from '../../world/default-world';

describe('signRequest', () => {
  it('writes the time as SigV4 wants it', () => {
    expect(amzDate(Date.UTC(2015, 7, 30, 12, 36, 0))).toBe('20150830T123600Z');
  });

  it('makes a request the simulator accepts as the administrator, and one it refuses when the secret is wrong', async () => {
    const clock = new SimClock(Date.UTC(2026, 0, 1, 12));
    const sim = new Simulator({ state: newState(defaultWorld()), clock, random: seededRandom('sign') });
    const admin = ensureAdmin(sim.ctx);
    const unsigned = request({
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    const scope = { service: 'sts', region: 'us-east-1', now: clock.now() };
    const good = await sim.handle(signRequest(unsigned, admin, scope));
    expect(good.response.status).toBe(200);
    expect(text(good.response.body)).toContain(`<Arn>arn:aws:iam::111122223333:user/${admin.userName}</Arn>`);
    const forged = await sim.handle(signRequest(unsigned, { ...admin, secretAccessKey: 'x'.repeat(40) }, scope));
    expect(forged.response.status).toBe(403);
    expect(text(forged.response.body)).toContain('<Code>SignatureDoesNotMatch</Code>');
  });
});

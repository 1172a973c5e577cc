/**
 * Whose story a run tells. A variant picks it, but some break-it switches belong to one kind of
 * user (only Sam has a temporary password, only a TOTP user can send a wrong TOTP code, only a new
 * user can skip the emailed code): with such a switch on, the run follows that user whatever the
 * variant, so every switch shows its error wherever the learner flips it.
 */
import type { FlowOptions } from '../types';

export type Story = 'new-user' | 'force-change-password' | 'totp' | 'existing-user';

const STORIES: Story[] = ['new-user', 'force-change-password', 'totp', 'existing-user'];

/** The switches that need a new user (they happen at sign-up or confirmation). */
const SIGN_UP_SWITCHES = ['unconfirmed', 'email-taken', 'wrong-code', 'late-code'];

export function storyOf(options: FlowOptions): Story {
  const on = (id: string) => (options.switches ?? []).includes(id);
  const chosen = STORIES.find((s) => s === options.variant) ?? 'new-user';
  if (on('temp-password-expired')) return 'force-change-password';
  if (on('wrong-totp') || on('slow-mfa')) return 'totp';
  if (SIGN_UP_SWITCHES.some(on)) return 'new-user';
  // A weak password is refused at sign-up, or as Sam's new one.
  if (on('weak-password') && chosen !== 'force-change-password') return 'new-user';
  return chosen;
}

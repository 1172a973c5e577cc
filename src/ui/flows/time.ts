/** Dates and durations as the panels say them, against the simulated clock. */

/** `59 min 12 s`, `2 h 5 min`, `3 d 4 h` (seconds below an hour, minutes below a day). */
export function duration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return `${d} d ${h % 24} h`;
}

/** `in 59 min 12 s` or `3 min 4 s ago`. */
export function relative(at: number, now: number): string {
  if (at === now) return 'now';
  return at > now ? `in ${duration(at - now)}` : `${duration(now - at)} ago`;
}

export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf', 'auth_time']);

/**
 * Dates for the `Date*` condition operators (IAM User Guide, "Date condition operators"): W3C
 * ISO 8601 forms (`2026-01-01`, `2026-01-01T12:00Z`, `2026-01-01T12:00:00.5+02:00`) or epoch
 * seconds (`1767225600`). A time without a zone is UTC. Returns milliseconds since the epoch,
 * or undefined for text that is not a date.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH = /^-?\d{1,15}(?:\.\d+)?$/;

export function parseDate(text: string): number | undefined {
  const s = text.trim();
  if (EPOCH.test(s)) return Math.round(Number(s) * 1000);
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = ''] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  // Date.UTC reads years 0–99 as 1900–1999: set the full year afterwards.
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, frac ? Math.round(Number(`0.${frac}`) * 1000) : 0);
  let ms = at.getTime();
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined; // e.g. 2026-02-30
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offH = Number(digits.slice(0, 2));
    const offM = Number(digits.slice(2, 4));
    if (offH > 23 || offM > 59) return undefined;
    ms -= sign * (offH * 60 + offM) * 60000;
  }
  return ms;
}

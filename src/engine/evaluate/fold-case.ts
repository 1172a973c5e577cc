/**
 * Case folding for case-insensitive comparisons (`Action`, `StringEqualsIgnoreCase`, …). Folds
 * each UTF-16 code unit on its own so lengths never change (a `?` still stands for one unit).
 */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

export function foldCase(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const lower = ch.toLowerCase();
    out += lower.length === 1 ? lower : ch;
  }
  return out;
}

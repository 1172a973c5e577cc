/** Number, boolean and binary values for the `Numeric*`, `Bool` and `BinaryEquals` operators. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** An integer or decimal number, or undefined. */
export function parseNumber(text: string): number | undefined {
  const s = text.trim();
  if (s.length > 400 || !NUMBER.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** `true` / `false` (any case), or undefined. */
export function parseBool(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

/** Decodes base64 to a binary string (one char per byte), or undefined when it is not base64. */
export function parseBase64(text: string): string | undefined {
  const s = text.trim();
  if (s.length % 4 !== 0 || !BASE64.test(s)) return undefined;
  try {
    return atob(s);
  } catch {
    return undefined;
  }
}

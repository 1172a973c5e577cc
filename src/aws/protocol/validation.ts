/**
 * The wording of AWS's request validation, shared by every service (it comes from the same front
 * end): each failed constraint is `Value 'x' at 'member' failed to satisfy constraint: Member must
 * …`, and the answer lists them all: `2 validation errors detected: …; …`. A sensitive value
 * (a password) is left out: `Value at 'password' failed to …`.
 */

/** One failed constraint; `shown` null is a missing value (`Value null at …`), undefined hides it (`Value at …`). */
export function violation(shown: string | null | undefined, path: string, rule: string): string {
  const value = shown === null ? 'Value null' : shown === undefined ? 'Value' : `Value '${shown}'`;
  return `${value} at '${path}' failed to satisfy constraint: Member must ${rule}`;
}

/** `Value null at 'member' failed to satisfy constraint: Member must not be null`. */
export function mustNotBeNull(path: string): string {
  return violation(null, path, 'not be null');
}

/** The `Member must …` rules the models use. */
export const RULE = {
  min: (n: number) => `have length greater than or equal to ${n}`,
  max: (n: number) => `have length less than or equal to ${n}`,
  minValue: (n: number) => `have value greater than or equal to ${n}`,
  maxValue: (n: number) => `have value less than or equal to ${n}`,
  pattern: (p: string) => `satisfy regular expression pattern: ${p}`,
  enum: (values: readonly string[]) => `satisfy enum value set: [${values.join(', ')}]`,
} as const;

/** `1 validation error detected: …` / `3 validation errors detected: …; …; …`. */
export function validationMessage(errors: readonly string[]): string {
  const n = errors.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${errors.join('; ')}`;
}

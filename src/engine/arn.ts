/**
 * Amazon Resource Names, read in one place (IAM User Guide, "IAM identifiers"; AWS General
 * Reference, "Amazon Resource Names"): `arn:partition:service:region:account-id:resource`. The
 * resource part is everything after the fifth colon, colons included.
 */

/** The number of colon-separated components of an ARN: the resource part keeps any further colons. */
export const ARN_PARTS = 6;

const ACCOUNT_ID = /^\d{12}$/;

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits text at its first five colons into six components, or undefined when it has fewer. */
export function splitArn(text: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < ARN_PARTS - 1; i++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

/** The parts of an ARN (text starting with `arn:` with six components), or undefined. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const p = splitArn(text);
  if (!p) return undefined;
  return { partition: p[1], service: p[2], region: p[3], account: p[4], resource: p[5] };
}

/** True for text shaped as an ARN: `arn:` and six components. */
export function isArn(text: string): boolean {
  return parseArn(text) !== undefined;
}

/** True for a 12-digit account id. */
export function isAccountId(text: string): boolean {
  return ACCOUNT_ID.test(text);
}

/** The 12-digit account of an ARN, if it has one. */
export function arnAccount(text: string): string | undefined {
  const a = parseArn(text);
  return a && ACCOUNT_ID.test(a.account) ? a.account : undefined;
}

/** The region of an ARN, if it has one. */
export function arnRegion(text: string): string | undefined {
  const a = parseArn(text);
  return a && a.region !== '' ? a.region : undefined;
}

/** The account named by an `AWS` principal value: `111122223333` or `arn:PARTITION:iam::111122223333:root`. */
export function principalAccount(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  const a = parseArn(value);
  return a && a.service === 'iam' && a.region === '' && a.resource === 'root' && ACCOUNT_ID.test(a.account)
    ? a.account
    : undefined;
}

/** True for an IAM role ARN (`arn:PARTITION:iam::ACCOUNT:role/…`). */
export function isRoleArn(text: string): boolean {
  const a = parseArn(text);
  return (
    a !== undefined &&
    a.service === 'iam' &&
    a.region === '' &&
    ACCOUNT_ID.test(a.account) &&
    a.resource.startsWith('role/')
  );
}

/** True for a KMS key ARN (`arn:PARTITION:kms:REGION:ACCOUNT:key/…`). */
export function isKmsKeyArn(text: string): boolean {
  const a = parseArn(text);
  return a !== undefined && a.service === 'kms' && ACCOUNT_ID.test(a.account) && a.resource.startsWith('key/');
}

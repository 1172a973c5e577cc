import { describe, it, expect } from 'vitest';
import { mustNotBeNull, RULE, validationMessage, violation } from './validation';

describe('AWS request validation wording', () => {
  it('words one failed constraint, a missing member and a hidden value as AWS does', () => {
    expect(validationMessage([violation('ab', 'tableName', RULE.min(3))])).toBe(
      "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
    expect(mustNotBeNull('clientId')).toBe(
      "Value null at 'clientId' failed to satisfy constraint: Member must not be null",
    );
    expect(violation(undefined, 'password', RULE.max(256))).toBe(
      "Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
  });

  it('counts several and joins them with semicolons', () => {
    expect(
      validationMessage([
        mustNotBeNull('userName'),
        violation('x', 'billingMode', RULE.enum(['PROVISIONED', 'PAY_PER_REQUEST'])),
      ]),
    ).toBe(
      "2 validation errors detected: Value null at 'userName' failed to satisfy constraint: Member must not be null; Value 'x' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]",
    );
  });
});

import { describe, it, expect } from 'vitest';
import { POLICY_TYPE_ORDER, elementNote, stepNote } from './labels';

describe('the answer names things as the workbench does', () => {
  it('follows AWS’s chart order for policy types (explicit deny, RCPs, SCPs, resource, identity, boundary, session)', () => {
    expect(POLICY_TYPE_ORDER).toEqual(['rcp', 'scp', 'resource', 'trust', 'identity', 'boundary', 'session']);
  });

  it('says decisions and principal matches in words, not enum names', () => {
    expect(stepNote('ExplicitDeny')).toBe('Explicit deny');
    expect(stepNote('a session policy allows the request')).toBe('a session policy allows the request');
    expect(elementNote('matched as exact')).toBe('names this caller exactly');
  });
});

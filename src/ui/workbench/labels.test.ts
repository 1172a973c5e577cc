import { describe, it, expect } from 'vitest';
import { POLICY_TYPE_ORDER, elementNote, levelName, nameLevels, stepNote } from './labels';

describe('the answer names things as the workbench does', () => {
  it('names SCP levels as the document tabs do, not by index', () => {
    const levels = ['root', 'ou2'] as const;
    expect(nameLevels('no service control policy at level 1 of the organization path allows the request', levels)).toBe(
      'no service control policy at the OU 2 level of the organization path allows the request',
    );
    expect(levelName(levels, 0)).toBe('Root');
    expect(levelName(['root', 'ou', 'account'], 2)).toBe('Account');
  });

  it('follows AWS’s chart order for policy types (explicit deny, RCPs, SCPs, resource, identity, boundary, session)', () => {
    expect(POLICY_TYPE_ORDER).toEqual(['rcp', 'scp', 'resource', 'trust', 'identity', 'boundary', 'session']);
  });

  it('says decisions and principal matches in words, not enum names', () => {
    expect(stepNote('ExplicitDeny')).toBe('Explicit deny');
    expect(stepNote('a session policy allows the request')).toBe('a session policy allows the request');
    expect(elementNote('matched as exact')).toBe('names this caller exactly');
  });
});

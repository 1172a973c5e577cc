import { describe, expect, it } from 'vitest';
import { actualText, contextRows, DECISION_BADGE, holdsText, statementPlace, statementTitle } from './proof-view';

const note = (effect: 'Allow' | 'Deny', keys: string[]) => ({
  policyId: 'p',
  policyType: 'identity' as const,
  statementIndex: 0,
  effect,
  keys,
  condition: '{}',
});

describe('the proof panel’s words', () => {
  it('says the decision in words and how the graph holds it', () => {
    expect(Object.values(DECISION_BADGE).map((b) => b.text)).toEqual([
      'Allowed',
      'Denied explicitly',
      'Denied implicitly',
    ]);
    expect(holdsText({ holds: 'always' })).toBe('Holds always, whatever the open keys');
    expect(holdsText({ holds: 'never' })).toBe('Holds for no request in this context');
    expect(holdsText({ holds: 'conditional', openConditions: [note('Allow', ['aws:MultiFactorAuthPresent'])] })).toBe(
      'Holds only under a condition on aws:MultiFactorAuthPresent',
    );
    expect(
      holdsText({
        holds: 'conditional',
        openConditions: [note('Deny', ['aws:SourceIp']), note('Deny', ['aws:SourceIp'])],
      }),
    ).toBe('Holds unless a Deny’s condition on aws:SourceIp holds');
  });

  it('names statements and values', () => {
    const s = {
      policyId: 'x',
      policyType: 'identity' as const,
      statementIndex: 1,
      effect: 'Allow' as const,
      text: '{}',
    };
    expect(statementTitle({ ...s, sid: 'ReadPhotos' })).toBe('Allow · ReadPhotos');
    expect(statementTitle(s)).toBe('Allow · Statement 2');
    expect(statementPlace({ ...s, where: 'the inline policy `S3Notes` of alice' })).toBe(
      'the inline policy S3Notes of alice',
    );
    expect([actualText(null), actualText([]), actualText(['a', 'b']), actualText('true')]).toEqual([
      'absent',
      '[] (empty)',
      'a, b',
      'true',
    ]);
    expect(
      contextRows({ 'aws:username': 'bob', 'aws:SourceIp': '203.0.113.7', 'aws:CurrentTime': 't' }, [
        { operator: 'IpAddress', key: 'aws:sourceip', values: [], actual: null, result: false },
      ]),
    ).toEqual([
      { key: 'aws:SourceIp', value: '203.0.113.7', read: true },
      { key: 'aws:CurrentTime', value: 't', read: false },
      { key: 'aws:username', value: 'bob', read: false },
    ]);
  });
});

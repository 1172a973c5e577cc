import { describe, expect, it } from 'vitest';
import { contextSummary, contextToForm, EMPTY_FORM, formToContext, ipProblem, parseTags, timeToIso } from './context';

describe('the context panel’s form', () => {
  it('accepts one IPv4 or IPv6 address and says precisely what is wrong with anything else', () => {
    expect(ipProblem('203.0.113.7')).toBeUndefined();
    expect(ipProblem(' 10.0.0.1 ')).toBeUndefined();
    expect(ipProblem('2001:db8::1')).toBeUndefined();
    expect(ipProblem('::ffff:192.0.2.1')).toBeUndefined();
    expect(ipProblem('2001:0db8:0000:0000:0000:ff00:0042:8329')).toBeUndefined();
    expect(ipProblem('300.1.2.3')).toBe(
      '300 in `300.1.2.3` is above 255: each of the four parts is a number from 0 to 255',
    );
    expect(ipProblem('10.0.0')).toBe(
      '`10.0.0` has 3 parts: an IPv4 address has four numbers separated by dots, such as 203.0.113.7',
    );
    expect(ipProblem('10.0.0.0/8')).toBe('`10.0.0.0/8` is a range: a request comes from one address (write 10.0.0.0)');
    expect(ipProblem('10.a.0.1')).toBe(
      '`a` in `10.a.0.1` is not a number: each of the four parts is a number from 0 to 255',
    );
    expect(ipProblem('10.01.0.1')).toBe('`01` in `10.01.0.1` has a leading zero: write it without');
    expect(ipProblem('10..0.1')).toBe('`10..0.1` has an empty part: each of the four parts is a number from 0 to 255');
    expect(ipProblem('2001:db8::1::2')).toBe(
      '`2001:db8::1::2` has `::` more than once: it may stand for zeros only once',
    );
    expect(ipProblem('2001:db8:1')).toBe('`2001:db8:1` has 3 groups: an IPv6 address has eight, or `::` for zeros');
    expect(ipProblem('2001:xyz::1')).toBe('`xyz` in `2001:xyz::1` is not a group of one to four hexadecimal digits');
    expect(ipProblem('')).toBe('Type an address, such as 203.0.113.7, or leave it empty to keep it open');
  });

  it('reads tags as key=value lines and names the first bad line', () => {
    expect(parseTags('team=web\n\n project = photos ')).toEqual({ tags: { team: 'web', project: 'photos' } });
    expect(parseTags('team=web, env=prod')).toEqual({ tags: { team: 'web', env: 'prod' } });
    expect(parseTags('team=web\nteam').problem).toBe('Line 2, `team`, has no `=`: write key=value');
    expect(parseTags('=web').problem).toBe('Line 1, `=web`, has no key before `=`');
    expect(parseTags('a=1\na=2').problem).toBe('Line 2: the key `a` is already given');
  });

  it('reads the time as UTC and refuses a date that does not exist', () => {
    expect(timeToIso('2026-12-01T12:30')).toEqual({ iso: '2026-12-01T12:30:00.000Z' });
    expect(timeToIso('2026-12-01T12:30:15')).toEqual({ iso: '2026-12-01T12:30:15.000Z' });
    expect(timeToIso('2026-02-30T12:00')).toEqual({ problem: '`2026-02-30T12:00` is not a real date and time' });
    expect(timeToIso('tomorrow')).toEqual({ problem: '`tomorrow` is not a date and time such as 2026-12-01T12:00' });
  });

  it('makes a GraphContext only from a valid form: three MFA states, IP, time, tags as keys', () => {
    expect(formToContext(EMPTY_FORM)).toEqual({ context: {}, errors: {} });
    expect(formToContext({ ...EMPTY_FORM, mfa: 'no' }).context).toEqual({ mfa: false });
    const full = formToContext({
      mfa: 'yes',
      sourceIp: '203.0.113.7',
      time: '2026-12-01T12:00',
      principalTags: 'team=web',
      requestTags: 'project=photos\nenv=dev',
    });
    expect(full).toEqual({
      context: {
        mfa: true,
        sourceIp: '203.0.113.7',
        time: '2026-12-01T12:00:00.000Z',
        keys: {
          'aws:PrincipalTag/team': 'web',
          'aws:RequestTag/project': 'photos',
          'aws:RequestTag/env': 'dev',
          'aws:TagKeys': ['project', 'env'],
        },
      },
      errors: {},
    });
    expect(contextToForm(full.context!)).toEqual({
      mfa: 'yes',
      sourceIp: '203.0.113.7',
      time: '2026-12-01T12:00',
      principalTags: 'team=web',
      requestTags: 'project=photos\nenv=dev',
    });
    expect(formToContext({ ...EMPTY_FORM, mfa: 'yes', sourceIp: '1.2.3', requestTags: 'x' })).toEqual({
      errors: {
        sourceIp: '`1.2.3` has 3 parts: an IPv4 address has four numbers separated by dots, such as 203.0.113.7',
        requestTags: 'Line 1, `x`, has no `=`: write key=value',
      },
    });
  });

  it('sums a context up in one line', () => {
    expect(contextSummary({})).toBe('Nothing fixed: conditions on MFA, source IP and tags stay open');
    expect(
      contextSummary({ mfa: false, sourceIp: '203.0.113.7', keys: { 'aws:RequestTag/a': 'b', 'aws:TagKeys': ['a'] } }),
    ).toBe('no MFA, from 203.0.113.7, 1 tag');
  });
});

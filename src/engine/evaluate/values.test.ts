import { describe, it, expect } from 'vitest';
import { parseDate } from './date';
import { cidrContains, parseCidr, parseIp } from './ip';
import { parseBase64, parseBool, parseNumber } from './scalars';

describe('Date condition operators: ISO 8601 and epoch seconds', () => {
  it('parses a date as midnight UTC', () => {
    expect(parseDate('2026-01-01')).toBe(Date.UTC(2026, 0, 1));
  });
  it('parses a date-time with Z, with an offset and without a zone (UTC)', () => {
    expect(parseDate('2026-01-01T12:30:00Z')).toBe(Date.UTC(2026, 0, 1, 12, 30));
    expect(parseDate('2026-01-01T12:30:00+02:00')).toBe(Date.UTC(2026, 0, 1, 10, 30));
    expect(parseDate('2026-01-01T12:30:00-0130')).toBe(Date.UTC(2026, 0, 1, 14, 0));
    expect(parseDate('2026-01-01T12:30')).toBe(Date.UTC(2026, 0, 1, 12, 30));
    expect(parseDate('2026-01-01T12:30:00.250Z')).toBe(Date.UTC(2026, 0, 1, 12, 30, 0, 250));
  });
  it('reads years 0000 to 0099 as those years, not 1900 to 1999', () => {
    expect(parseDate('0000-01-01T00:00:00Z')).toBe(-62167219200000);
    expect(parseDate('0099-12-31')).toBe(-59011545600000);
    expect(parseDate('0050-06-15T12:00:00+01:00')).toBe(-60575000400000);
    expect(parseDate('0004-02-29')).not.toBeUndefined();
    expect(parseDate('0001-02-29')).toBeUndefined();
  });
  it('parses epoch seconds', () => {
    expect(parseDate('1767225600')).toBe(Date.UTC(2026, 0, 1));
    expect(parseDate('0')).toBe(0);
  });
  it('rejects text that is not a date', () => {
    expect(parseDate('yesterday')).toBeUndefined();
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseDate('2026-13-01')).toBeUndefined();
    expect(parseDate('')).toBeUndefined();
  });
});

describe('IP address condition operators: IPv4 and IPv6 CIDR', () => {
  it('matches IPv4 CIDR blocks', () => {
    const c = parseCidr('203.0.113.0/24')!;
    expect(cidrContains(c, parseIp('203.0.113.77')!)).toBe(true);
    expect(cidrContains(c, parseIp('203.0.114.1')!)).toBe(false);
    expect(cidrContains(parseCidr('0.0.0.0/0')!, parseIp('8.8.8.8')!)).toBe(true);
  });
  it('treats an address without prefix as /32', () => {
    const c = parseCidr('10.0.0.1')!;
    expect(c.bits).toBe(32);
    expect(cidrContains(c, parseIp('10.0.0.1')!)).toBe(true);
    expect(cidrContains(c, parseIp('10.0.0.2')!)).toBe(false);
  });
  it('clears host bits of the network address', () => {
    expect(cidrContains(parseCidr('10.1.2.3/8')!, parseIp('10.200.0.1')!)).toBe(true);
  });
  it('matches IPv6 CIDR blocks, with :: and embedded IPv4', () => {
    const c = parseCidr('2001:DB8:1234:5678::/64')!;
    expect(c.v6).toBe(true);
    expect(cidrContains(c, parseIp('2001:db8:1234:5678:abcd::1')!)).toBe(true);
    expect(cidrContains(c, parseIp('2001:db8:1234:5679::1')!)).toBe(false);
    expect(parseIp('::ffff:192.0.2.1')!.value).toBe(0xffffc0000201n);
    expect(parseIp('::')!.value).toBe(0n);
    expect(cidrContains(parseCidr('::/0')!, parseIp('2001:db8::1')!)).toBe(true);
  });
  it('never matches across families', () => {
    expect(cidrContains(parseCidr('0.0.0.0/0')!, parseIp('2001:db8::1')!)).toBe(false);
    expect(cidrContains(parseCidr('::/0')!, parseIp('10.0.0.1')!)).toBe(false);
  });
  it('rejects malformed addresses and prefixes', () => {
    expect(parseCidr('256.0.0.1/8')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0/8')).toBeUndefined();
    expect(parseCidr('2001:db8::1::2')).toBeUndefined();
    expect(parseCidr('2001:db8::/129')).toBeUndefined();
    expect(parseCidr('1:2:3:4:5:6:7')).toBeUndefined();
    expect(parseCidr('abc')).toBeUndefined();
  });
});

describe('Numeric, Bool and Binary values', () => {
  it('parses integers and decimals', () => {
    expect(parseNumber('10')).toBe(10);
    expect(parseNumber('-1.5')).toBe(-1.5);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('ten')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('0x10')).toBeUndefined();
  });
  it('parses booleans in any case', () => {
    expect(parseBool('true')).toBe(true);
    expect(parseBool('FALSE')).toBe(false);
    expect(parseBool('yes')).toBeUndefined();
  });
  it('decodes base64', () => {
    expect(parseBase64('QmluYXJ5')).toBe('Binary');
    expect(parseBase64('QQ==')).toBe('A');
    expect(parseBase64('not base64!')).toBeUndefined();
    expect(parseBase64('QQ=')).toBeUndefined();
  });
});

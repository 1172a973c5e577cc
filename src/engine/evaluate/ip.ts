/**
 * IPv4 and IPv6 addresses and CIDR blocks for `IpAddress` / `NotIpAddress` (IAM User Guide, "IP
 * address condition operators"). An address is kept as a bigint with its family; a value without
 * a prefix length is a single address (/32 or /128).
 */
export interface Cidr {
  v6: boolean;
  /** The network address with host bits cleared. */
  base: bigint;
  bits: number;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(s: string): bigint | undefined {
  const m = V4.exec(s);
  if (!m) return undefined;
  let n = 0n;
  for (let i = 1; i <= 4; i++) {
    const part = Number(m[i]);
    if (part > 255) return undefined;
    n = (n << 8n) | BigInt(part);
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  if (s.length > 45 || s.length < 2) return undefined;
  let tail4: bigint | undefined;
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) >= 0) {
    tail4 = parseV4(s.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    text = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  const groups = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (halves.length === 2 ? groups < 1 : head.length !== 8) return undefined;
  const all = [...head, ...new Array<string>(groups).fill('0'), ...tail];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4 !== undefined) n = (n & ~0xffffffffn) | tail4;
  return n;
}

/** Parses an address (no prefix). */
export function parseIp(text: string): { v6: boolean; value: bigint } | undefined {
  const s = text.trim();
  if (s.indexOf(':') >= 0) {
    const value = parseV6(s);
    return value === undefined ? undefined : { v6: true, value };
  }
  const value = parseV4(s);
  return value === undefined ? undefined : { v6: false, value };
}

/** Parses `addr` or `addr/len`. */
export function parseCidr(text: string): Cidr | undefined {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = parseIp(slash < 0 ? s : s.slice(0, slash));
  if (!addr) return undefined;
  const max = addr.v6 ? 128 : 32;
  let bits = max;
  if (slash >= 0) {
    const len = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(len)) return undefined;
    bits = Number(len);
    if (bits > max) return undefined;
  }
  return { v6: addr.v6, base: addr.value & mask(bits, max), bits };
}

function mask(bits: number, max: number): bigint {
  if (bits === 0) return 0n;
  const all = (1n << BigInt(max)) - 1n;
  return all ^ ((1n << BigInt(max - bits)) - 1n);
}

export function cidrContains(cidr: Cidr, ip: { v6: boolean; value: bigint }): boolean {
  if (cidr.v6 !== ip.v6) return false;
  const max = cidr.v6 ? 128 : 32;
  return (ip.value & mask(cidr.bits, max)) === cidr.base;
}

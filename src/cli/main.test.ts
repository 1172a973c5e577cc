import { describe, it, expect } from 'vitest';
import { PassThrough } from 'node:stream';
import { main } from './main';
import { VERSION } from '../version';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (d) => out.push(String(d)));
  stderr.on('data', (d) => err.push(String(d)));
  return { io: { stdin: new PassThrough(), stdout, stderr }, out: () => out.join(''), err: () => err.join('') };
}

describe('iamplay', () => {
  it('--version prints the version and exits 0', async () => {
    const t = io();
    expect(await main(['--version'], t.io)).toBe(0);
    expect(t.out()).toBe(`${VERSION}\n`);
  });

  it('--help lists the commands and exits 0', async () => {
    const t = io();
    expect(await main(['--help'], t.io)).toBe(0);
    expect(t.out()).toContain('Usage:');
    expect(t.out()).toContain('iamplay eval [FILE|-] [--explain]');
    expect(t.out()).toContain('iamplay lint');
  });

  it('an unknown command is a usage error (exit 2) that names it', async () => {
    const t = io();
    expect(await main(['frobnicate'], t.io)).toBe(2);
    expect(t.err()).toBe('iamplay: unknown command `frobnicate`; see `iamplay --help`\n');
  });

  it('no arguments prints the help and exits 2', async () => {
    const t = io();
    expect(await main([], t.io)).toBe(2);
    expect(t.out()).toContain('Usage:');
  });
});

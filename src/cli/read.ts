/**
 * Reading an input file (or `-`, standard input) for a command: as it comes (any kind of file,
 * FIFOs and process substitutions included), stopping once it passes a size cap, and saying why a
 * file cannot be read in plain words. `lint` and `import` share it.
 */
import { open } from 'node:fs/promises';
import type { CliIo } from './io';

/** Why a file system call failed, in plain words. */
export function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links (a loop)';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return code ? `error ${code}` : 'it cannot be read';
  }
}

export interface ReadLimit {
  /** The largest input read, in bytes. */
  maxBytes: number;
  /** The problem to report for an input over the cap (`-` for standard input). */
  tooLarge: (file: string) => string;
  /** Bytes read at a time from a file (default 64 KiB). */
  chunkBytes?: number;
}

/** Reads `file` (or standard input for `-`) as UTF-8 text, or says why it cannot. */
export async function readCapped(file: string, io: CliIo, limit: ReadLimit): Promise<string | { problem: string }> {
  const chunks: Buffer[] = [];
  let total = 0;
  if (file === '-') {
    for await (const chunk of io.stdin) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += b.length;
      if (total > limit.maxBytes) return { problem: limit.tooLarge('-') };
      chunks.push(b);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    return { problem: `cannot read \`${file}\`: ${reason(e)}` };
  }
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(limit.chunkBytes ?? 64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit.maxBytes) return { problem: limit.tooLarge(file) };
      chunks.push(buffer.subarray(0, bytesRead));
    }
  } catch (e) {
    return { problem: `cannot read \`${file}\`: ${reason(e)}` };
  } finally {
    await handle.close().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}

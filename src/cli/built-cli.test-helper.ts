// For tests that run the command line as a user does (bin/iamplay.mjs → dist-cli/iamplay.mjs):
// builds it from the current source with vite.cli.config.ts into `home`, next to a copy of the
// launcher, so a test never runs a stale dist-cli left by `npm install`.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the CLI into `home` and answers the path of its launcher (`home/bin/iamplay.mjs`). */
export async function buildCli(home: string): Promise<string> {
  mkdirSync(join(home, 'bin'), { recursive: true });
  copyFileSync(join(root, 'bin', 'iamplay.mjs'), join(home, 'bin', 'iamplay.mjs'));
  await build({
    root,
    configFile: join(root, 'vite.cli.config.ts'),
    logLevel: 'silent',
    build: { outDir: join(home, 'dist-cli'), emptyOutDir: true },
  });
  return join(home, 'bin', 'iamplay.mjs');
}

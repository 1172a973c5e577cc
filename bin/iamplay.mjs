#!/usr/bin/env node
// Thin launcher: the command line is built from src/cli by `npm run build:cli` (run by `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist-cli/iamplay.mjs', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('iamplay: the command line is not built yet; run `npm run build:cli` (or `npm install`)\n');
  process.exit(2);
}
// A reader that goes away early (`iamplay lint … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { main } = await import(pathToFileURL(built).href);
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});

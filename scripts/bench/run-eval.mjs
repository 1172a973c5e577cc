// Runs `iamplay eval FILE` in this process (output to /dev/null) and prints one JSON line with the
// wall time, the number of lines written and the peak resident set size: the bench's measuring child.
//   node scripts/bench/run-eval.mjs FILE
import { createWriteStream } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../../dist-cli/iamplay.mjs', import.meta.url));
const { main } = await import(pathToFileURL(built).href);
let lines = 0;
const sink = createWriteStream('/dev/null');
const stdout = {
  write(chunk) {
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines++;
    return sink.write(chunk);
  },
};
const t0 = performance.now();
const status = await main(['eval', process.argv[2]], { stdin: process.stdin, stdout, stderr: process.stderr });
const ms = performance.now() - t0;
const cpu = process.cpuUsage();
process.stdout.write(
  JSON.stringify({
    status,
    lines,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);

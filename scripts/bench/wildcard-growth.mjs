// One hostile wildcard pattern of SIZE characters against a text of the same length, in its own
// process so its peak memory is its own: prints {ms, maxRssMb, result}.
//   node scripts/bench/wildcard-growth.mjs ENGINE_MJS KIND SIZE
import { pathToFileURL } from 'node:url';

const [engine, kind, sizeText] = process.argv.slice(2);
const E = await import(pathToFileURL(engine).href);
const n = Number(sizeText);
let pattern;
let text;
if (kind === 'a?') {
  // `?` inside one long segment: `*a?a?…a?b*` against `aaaa…`
  pattern = `*${'a?'.repeat(n / 2 - 1)}b*`;
  text = 'a'.repeat(n);
} else {
  // many distinct characters in a long `?` segment (one bit mask per character before)
  let seg = '';
  for (let i = 0; seg.length < n - 3; i++) seg += String.fromCharCode(0x100 + (i % 30000)) + '?';
  pattern = `*${seg}z*`;
  // twice the segment, each copy one character short of matching: every alignment is a near miss
  const copy = seg.replace(/\?/g, 'q');
  text = copy + 'y' + copy + 'y';
}
const base = process.resourceUsage().maxRSS;
const t0 = performance.now();
const result = E.compileWildcard(pattern, false).test(text);
const ms = performance.now() - t0;
process.stdout.write(
  JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, baseRssMb: base / 1024, result }) + '\n',
);

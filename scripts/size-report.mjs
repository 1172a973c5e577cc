#!/usr/bin/env node
// Prints what the first page loads from a production build (dist/): the entry script and the
// chunks it imports eagerly, raw and gzipped; then the lazy chunks; then the generated data the
// worker fetches gzipped on first use. Run `npm run build` first.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const first = new Set();
for (const m of html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g))
  first.add(m[1].replace(/^\//, ''));
// Follow static imports of the first-page chunks.
const queue = [...first];
while (queue.length) {
  const file = queue.pop();
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([\w.-]+\.js)["']/g)) {
    const dep = 'assets/' + m[1];
    if (!first.has(dep)) {
      first.add(dep);
      queue.push(dep);
    }
  }
}
const kb = (n) => (n / 1024).toFixed(1) + ' kB';
let raw = 0;
let gz = 0;
console.log('first page:');
for (const f of first) {
  const buf = readFileSync(join(dist, f));
  const z = gzipSync(buf, { level: 9 }).length;
  raw += buf.length;
  gz += z;
  console.log(`  ${f.padEnd(48)} ${kb(buf.length).padStart(10)} ${kb(z).padStart(10)} gzip`);
}
console.log(`  total JavaScript: ${kb(raw)} raw, ${kb(gz)} gzipped (budget 150 kB gzipped)`);
console.log('loaded later (lazy chunks and workers):');
for (const f of readdirSync(join(dist, 'assets')).sort()) {
  const p = join('assets', f);
  if (!f.endsWith('.js') || first.has(p)) continue;
  console.log(`  ${p.padEnd(48)} ${kb(statSync(join(dist, p)).size).padStart(10)}`);
}
console.log('generated data (fetched gzipped by the worker when first needed):');
const DATA = [
  ['catalog.json', 'catalogue lookups (evaluation, validation, lint)'],
  ['catalog-docs.json', 'catalogue descriptions (hover, completion, the request builder)'],
  ['managed-policies.json', 'managed-policy library, every version (when the library opens)'],
];
for (const [name, what] of DATA) {
  // Vite names an emitted `NAME.json.gz` `NAME.json-HASH.gz`.
  const asset = readdirSync(join(dist, 'assets')).find((f) => f.startsWith(`${name}-`) && f.endsWith('.gz'));
  if (!asset) {
    console.log(`  ${name}.gz: not in the build`);
    continue;
  }
  console.log(
    `  ${('assets/' + asset).padEnd(48)} ${kb(statSync(join(dist, 'assets', asset)).size).padStart(10)} gzip  ${what}`,
  );
}

#!/usr/bin/env node
// `node scripts/bench/s3.mjs`: prints S3 PutObject and GetObject calls per second through the
// service's `handle` (the request is authorized by the engine each time; no HTTP, no SigV4), for
// 1,000 and 10,000 puts into one bucket (the per-put cost should not grow with the bucket: each
// put is an amortized O(1) world edit), GetObject over the 10,000 keys, a ListObjectsV2 page of
// 1,000 keys, and a DynamoDB PutItem / Query pair. Figures only; nothing is asserted.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-s3-bench-'));
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: join(root, 'scripts/bench/s3-entry.ts'),
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 's3.mjs' } },
  },
  ssr: { noExternal: true },
});
const S = await import(pathToFileURL(join(work, 's3.mjs')).href);

const ACCT = '111122223333';
const rootUser = {
  kind: 'root',
  arn: `arn:aws:iam::${ACCT}:root`,
  account: ACCT,
  userId: ACCT,
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
};
const BUCKET = 'playground-photos';

async function send(ctx, init) {
  const r = await S.s3.handle(S.call(S.request(init), rootUser), ctx);
  if (r.response.status >= 300) throw new Error(`${init.method} ${init.path}: ${r.response.status}`);
  return r;
}

function rate(n, ms) {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

// The machine may be shared: CPU time (this process's user + system) is printed beside wall time.
let cpu0 = process.cpuUsage();
function cpuMs() {
  const d = process.cpuUsage(cpu0);
  cpu0 = process.cpuUsage();
  return (d.user + d.system) / 1000;
}
function cpuRate(n) {
  const ms = cpuMs();
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s of CPU`;
}

async function puts(n) {
  const ctx = S.testContext(S.defaultWorld());
  const body = 'x'.repeat(256);
  cpuMs();
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    await send(ctx, { method: 'PUT', path: `/${BUCKET}/bench/${String(i).padStart(6, '0')}.txt`, body });
  const ms = performance.now() - t0;
  return { ctx, ms, cpu: cpuRate(n) };
}

const small = await puts(1000);
console.log(
  `S3 PutObject, 1,000 puts into one bucket:  ${rate(1000, small.ms)} wall, ${small.cpu} (${(small.ms / 1000).toFixed(3)} ms per put)`,
);
const big = await puts(10000);
console.log(
  `S3 PutObject, 10,000 puts into one bucket: ${rate(10000, big.ms)} wall, ${big.cpu} (${(big.ms / 10000).toFixed(3)} ms per put)`,
);

cpuMs();
let t0 = performance.now();
for (let i = 0; i < 10000; i++)
  await send(big.ctx, { method: 'GET', path: `/${BUCKET}/bench/${String(i).padStart(6, '0')}.txt` });
let ms = performance.now() - t0;
console.log(`S3 GetObject over the 10,000 keys:          ${rate(10000, ms)} wall, ${cpuRate(10000)}`);

t0 = performance.now();
await send(big.ctx, { method: 'GET', path: `/${BUCKET}`, query: 'list-type=2&prefix=bench%2F' });
ms = performance.now() - t0;
console.log(`S3 ListObjectsV2, first page of 1,000 of 10,004 keys after the puts: ${ms.toFixed(1)} ms`);
t0 = performance.now();
for (let i = 0; i < 20; i++)
  await send(big.ctx, {
    method: 'GET',
    path: `/${BUCKET}`,
    query: `list-type=2&prefix=bench%2F&start-after=bench%2F${String(i * 400).padStart(6, '0')}.txt`,
  });
ms = performance.now() - t0;
console.log(`S3 ListObjectsV2, a page of 1,000 keys (sorted): ${(ms / 20).toFixed(1)} ms`);

const t1 = performance.now();
const world = big.ctx.state.world;
const objects = world.resources.find((r) => r.arn === `arn:aws:s3:::${BUCKET}`).objects;
console.log(
  `Building the world's objects list of ${objects.length.toLocaleString('en-US')} once (first read): ${(performance.now() - t1).toFixed(1)} ms`,
);

// DynamoDB through its handle.
const dctx = S.testContext(S.defaultWorld());
cpuMs();
const target = (op) => ({ 'x-amz-target': `DynamoDB_20120810.${op}`, 'content-type': 'application/x-amz-json-1.0' });
t0 = performance.now();
for (let i = 0; i < 5000; i++) {
  const r = await S.dynamodb.handle(
    S.call(
      S.request({
        method: 'POST',
        path: '/',
        headers: target('PutItem'),
        body: JSON.stringify({
          TableName: 'Notes',
          Item: { userId: { S: `u${i % 50}` }, noteId: { S: String(i).padStart(6, '0') } },
        }),
      }),
      rootUser,
    ),
    dctx,
  );
  if (r.response.status !== 200) throw new Error('PutItem failed');
}
ms = performance.now() - t0;
console.log(`DynamoDB PutItem, 5,000 items into one table: ${rate(5000, ms)} wall, ${cpuRate(5000)}`);
t0 = performance.now();
for (let i = 0; i < 1000; i++) {
  const r = await S.dynamodb.handle(
    S.call(
      S.request({
        method: 'POST',
        path: '/',
        headers: target('Query'),
        body: JSON.stringify({
          TableName: 'Notes',
          KeyConditionExpression: 'userId = :u',
          ExpressionAttributeValues: { ':u': { S: `u${i % 50}` } },
        }),
      }),
      rootUser,
    ),
    dctx,
  );
  if (r.response.status !== 200) throw new Error('Query failed');
}
ms = performance.now() - t0;
console.log(`DynamoDB Query of a 100-item partition: ${rate(1000, ms)} wall, ${cpuRate(1000)}`);

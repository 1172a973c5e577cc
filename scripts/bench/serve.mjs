#!/usr/bin/env node
// `iamplay serve` under load (printed by `npm run bench`; figures only, no thresholds). Loopback only.
//  a. requests/s and p50/p99 latency with 50 concurrent clients signing S3 GetObject calls
//     (SigV4 with node:crypto, keep-alive sockets), a bounded count;
//  b. a load check: 10,000 concurrent PutObject calls, then a restart with `--state`, counting the
//     acknowledged writes (HTTP 200) whose objects are gone after the restart (lost writes).
// The CLI is built from the current source into a temporary folder. Options: --requests N (a),
// --puts N (b).
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const arg = (name, d) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const REQUESTS = arg('--requests', 5000);
const PUTS = arg('--puts', 10000);
const BUCKET = 'bench-bucket';

const home = mkdtempSync(join(tmpdir(), 'iamplay-bench-serve-'));
mkdirSync(join(home, 'bin'));
copyFileSync(join(root, 'bin/iamplay.mjs'), join(home, 'bin/iamplay.mjs'));
await build({
  root,
  configFile: join(root, 'vite.cli.config.ts'),
  logLevel: 'error',
  build: { outDir: join(home, 'dist-cli'), emptyOutDir: true },
});
const bin = join(home, 'bin/iamplay.mjs');

function serve(args) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (c) => (err += c).length > 1e6 && (err = err.slice(-1e5)));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(JSON.parse(out));
    });
    child.on('exit', () => reject(new Error(`serve exited: ${err.slice(-2000)}`)));
  });
  return { child, ready, exited, err: () => err };
}

const sha = (data) => createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An S3 request signed with SigV4 (header auth, the body's hash in x-amz-content-sha256). */
function signed(ready, method, key, body = '') {
  const url = new URL(ready.endpoint);
  const host = url.host;
  const path = `/${BUCKET}/${key.split('/').map(enc).join('/')}`;
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const hash = sha(body);
  const headers = { host, 'x-amz-content-sha256': hash, 'x-amz-date': amzDate };
  if (body) headers['content-type'] = 'text/plain';
  const names = Object.keys(headers).sort();
  const canonical = [method, path, '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), hash].join('\n');
  const scope = `${date}/${ready.region}/s3/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha(canonical)}`;
  let k = hmac(`AWS4${ready.credentials.secretAccessKey}`, date);
  for (const part of [ready.region, 's3', 'aws4_request']) k = hmac(k, part);
  const signature = createHmac('sha256', k).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${ready.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return { host: url.hostname, port: url.port, method, path, headers, body };
}

function send(agent, r) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = request(
      { agent, host: r.host, port: r.port, method: r.method, path: r.path, headers: r.headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0 }));
      },
    );
    req.on('error', (e) => resolve({ status: `error ${e.code ?? e.message}`, ms: performance.now() - t0 }));
    req.end(r.body);
  });
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const counts = (results) => {
  const c = {};
  for (const r of results) c[r.status] = (c[r.status] ?? 0) + 1;
  return Object.entries(c)
    .map(([s, n]) => `${s}: ${fmt(n)}`)
    .join(', ');
};

try {
  // a. 50 concurrent clients signing GetObject.
  {
    const s = serve([]);
    const ready = await s.ready;
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    await send(agent, signed(ready, 'PUT', 'hot.txt', 'hello from the bench'));
    const results = [];
    let issued = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (issued < REQUESTS) {
          issued++;
          results.push(await send(agent, signed(ready, 'GET', 'hot.txt')));
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    console.log(
      `    S3 GetObject, 50 concurrent signed clients, ${fmt(results.length)} requests: ${fmt(results.length / seconds)} requests/s, p50 ${pct(ms, 50).toFixed(1)} ms, p99 ${pct(ms, 99).toFixed(1)} ms (answers ${counts(results)})`,
    );
    agent.destroy();
    s.child.kill('SIGTERM');
    await s.exited;
  }

  // b. 10,000 concurrent PutObject calls, then a restart with --state.
  {
    const state = join(home, 'state.json');
    const s = serve(['--state', state]);
    const ready = await s.ready;
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: PUTS }, (_, i) =>
        send(agent, signed(ready, 'PUT', `load/${i}.txt`, `object ${i}`)).then((r) => ({ ...r, i })),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;
    agent.destroy();
    s.child.kill('SIGTERM');
    const code = await s.exited;
    const acked = results.filter((r) => r.status === 200).map((r) => r.i);
    const size = readFileSync(state).length;
    const again = serve(['--state', state]);
    const ready2 = await again.ready;
    const agent2 = new Agent({ keepAlive: true, maxSockets: 50 });
    let lost = 0;
    for (let from = 0; from < acked.length; from += 500) {
      const batch = acked.slice(from, from + 500);
      const got = await Promise.all(batch.map((i) => send(agent2, signed(ready2, 'GET', `load/${i}.txt`))));
      lost += got.filter((r) => r.status !== 200).length;
    }
    agent2.destroy();
    again.child.kill('SIGTERM');
    await again.exited;
    console.log(
      `    ${fmt(PUTS)} concurrent S3 PutObject calls in ${seconds.toFixed(1)} s (${fmt(PUTS / seconds)}/s; answers ${counts(results)}); SIGTERM exit ${code}, state file ${fmt(size / 1024)} kB; after the restart with --state: ${fmt(lost)} of ${fmt(acked.length)} acknowledged writes lost`,
    );
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}

#!/usr/bin/env node
// Prints the cost of one USER_SRP_AUTH sign-in (never asserted by tests): the real
// amazon-cognito-identity-js client (SRP_A, the password key, the claim signature) against the
// simulated cognito-idp service (B, S, the signature check, two RS256 tokens), in one process.
// "server" is the time inside the service's handler for InitiateAuth + RespondToAuthChallenge;
// "client" is the rest of the sign-in (the library's own maths). The pool's first-use RSA key
// generation is printed apart. Run: node scripts/bench/srp.mjs [sign-ins, default 20]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'vite';
import cognito from 'amazon-cognito-identity-js';

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = cognito;
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-srp-bench-'));
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: join(root, 'scripts/bench/srp-entry.ts'),
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'srp.mjs' } },
  },
  ssr: { noExternal: true },
});
const { cognitoIdp, testContext, call, request, text } = await import(pathToFileURL(join(work, 'srp.mjs')).href);

const POOL = 'us-east-1_Pl4yGr0nd';
const CLIENT = '5ekq2vd8s7rj4ndm0m9ocpga1t';
const ctx = testContext();
let serverMs = 0;

const pool = new CognitoUserPool({ UserPoolId: POOL, ClientId: CLIENT });
pool.client = {
  request(op, params, cb) {
    const req = request({
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${op}`,
      },
      body: JSON.stringify(params),
    });
    const t0 = performance.now();
    cognitoIdp.handle(call(req), ctx).then((reply) => {
      serverMs += performance.now() - t0;
      const json = JSON.parse(text(reply.response.body));
      if (reply.response.status === 200) cb(null, json);
      else cb({ code: json.__type, message: json.message });
    }, cb);
  },
};

function signIn() {
  ctx.clock.set(Date.now());
  const user = new CognitoUser({ Username: 'maria@example.com', Pool: pool });
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: 'maria@example.com', Password: 'Correct-Horse-7' }), {
      onSuccess: resolve,
      onFailure: reject,
    }),
  );
}

const n = Number(process.argv[2] ?? 20);
let t = performance.now();
serverMs = 0;
await signIn();
const first = performance.now() - t;
const firstServer = serverMs;
const totals = [];
const servers = [];
for (let i = 0; i < n; i++) {
  serverMs = 0;
  t = performance.now();
  await signIn();
  totals.push(performance.now() - t);
  servers.push(serverMs);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const clients = totals.map((x, i) => x - servers[i]);
const f = (x) => x.toFixed(1);
console.log(`SRP sign-in (USER_SRP_AUTH → PASSWORD_VERIFIER → tokens), ${n} sign-ins, median ms:`);
console.log(`  total ${f(median(totals))}  server ${f(median(servers))}  client ${f(median(clients))}`);
console.log(`  min/max total ${f(Math.min(...totals))} / ${f(Math.max(...totals))}`);
console.log(`first sign-in (makes the pool's two RSA-2048 signing keys): total ${f(first)}, server ${f(firstServer)}`);

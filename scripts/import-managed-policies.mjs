#!/usr/bin/env node
// Copies the AWS managed policies from ../shared/data into one file the app ships and the tests
// read: data/aws-managed-policies.json. Run again when the shared snapshot changes.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = process.argv[2] ?? join(root, '..', 'shared', 'data');
const index = JSON.parse(readFileSync(join(src, 'aws-managed-policies.index.json'), 'utf8'));
const files = new Set(readdirSync(join(src, 'aws-managed-policies')));
const policies = index.policies.map((p) => {
  const file = `${p.name}.json`;
  if (!files.has(file)) throw new Error(`missing ${file}`);
  const document = JSON.parse(readFileSync(join(src, 'aws-managed-policies', file), 'utf8'));
  return { name: p.name, arn: p.arn, version: p.version, updated: p.updatedate, deprecated: p.deprecated, document };
});
policies.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
const out = { about: index.about, count: policies.length, policies };
writeFileSync(join(root, 'data', 'aws-managed-policies.json'), JSON.stringify(out) + '\n');
console.log(`wrote ${policies.length} policies to data/aws-managed-policies.json`);

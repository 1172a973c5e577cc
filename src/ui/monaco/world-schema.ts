/**
 * The world file's JSON Schema in Monaco: any model whose URI ends in `.world.json` gets
 * completion, hover and squiggles from it. Nothing is fetched: the schema is bundled.
 *
 * (Minimal version written for the world-file editor: the schema work owns the final one. It
 * registers src/world/generated/world.schema.json when that file exists, and a small hand-written
 * schema of the world's top level until then.)
 */
import type * as Monaco from 'monaco-editor/editor';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';

export const WORLD_SCHEMA_URI = 'inmemory://iamplay/world.schema.json';
export const WORLD_FILE_MATCH = '*.world.json';

const generated = Object.values(
  import.meta.glob<Record<string, unknown>>('../../world/generated/world.schema.json', {
    eager: true,
    import: 'default',
  }),
)[0];

const doc = { type: ['object', 'string'], description: 'A policy document: a JSON object or its text' };
const strings = { type: 'array', items: { type: 'string' } };
const tags = { type: 'object', additionalProperties: { type: 'string' } };
const inline = {
  type: 'array',
  items: {
    type: 'object',
    required: ['name', 'document'],
    additionalProperties: false,
    properties: { name: { type: 'string' }, document: doc },
  },
};
const accessKey = {
  type: 'object',
  required: ['accessKeyId', 'secretAccessKey', 'status', 'createDate'],
  properties: {
    accessKeyId: { type: 'string', pattern: '^AKIA[A-Z0-9]{16}$' },
    secretAccessKey: { type: 'string' },
    status: { enum: ['Active', 'Inactive'] },
    createDate: { type: 'string' },
    lastUsedDate: { type: 'string' },
    lastUsedService: { type: 'string' },
    lastUsedRegion: { type: 'string' },
  },
  additionalProperties: false,
};

/** Until the generated schema exists: the world's top level, accounts, users, groups and roles. */
const FALLBACK = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'IAM Playground world',
  type: 'object',
  required: ['accounts'],
  additionalProperties: false,
  properties: {
    accounts: {
      type: 'array',
      description: 'The AWS accounts of the world',
      items: {
        type: 'object',
        required: ['id'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[0-9]{12}$', description: '12-digit account id' },
          name: { type: 'string' },
          alias: { type: 'string', description: 'The account alias (sign-in URL)' },
          root: {
            type: 'object',
            required: ['mfaEnabled'],
            additionalProperties: false,
            properties: {
              mfaEnabled: { type: 'boolean', description: 'Whether an MFA device is assigned to the root user' },
              accessKeys: { type: 'array', items: accessKey },
              passwordLastUsed: { type: 'string' },
            },
          },
        },
      },
    },
    organization: { type: 'object' },
    users: {
      type: 'array',
      items: {
        type: 'object',
        required: ['account', 'name'],
        additionalProperties: false,
        properties: {
          account: { type: 'string', pattern: '^[0-9]{12}$' },
          name: { type: 'string', description: 'The user name' },
          path: { type: 'string' },
          id: { type: 'string' },
          inlinePolicies: inline,
          managedPolicies: { ...strings, description: 'ARNs of attached managed policies' },
          groups: { ...strings, description: 'Names of the groups (same account) the user belongs to' },
          permissionsBoundary: { type: 'string' },
          tags,
          createDate: { type: 'string' },
          loginProfile: { type: 'object' },
          mfaDevices: { type: 'array' },
          accessKeys: { type: 'array', items: accessKey, maxItems: 2 },
        },
      },
    },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['account', 'name'],
        additionalProperties: false,
        properties: {
          account: { type: 'string' },
          name: { type: 'string' },
          path: { type: 'string' },
          inlinePolicies: inline,
          managedPolicies: strings,
        },
      },
    },
    roles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['account', 'name', 'trustPolicy'],
        properties: {
          account: { type: 'string' },
          name: { type: 'string' },
          trustPolicy: doc,
          inlinePolicies: inline,
          managedPolicies: strings,
          permissionsBoundary: { type: 'string' },
          tags,
          maxSessionDuration: { type: 'integer', minimum: 3600, maximum: 43200 },
        },
      },
    },
    managedPolicies: { type: 'array' },
    identityProviders: { type: 'array' },
    resources: { type: 'array' },
    userPools: { type: 'array' },
    identityPools: { type: 'array' },
  },
};

let registered = false;

/** Registers the world's schema for `*.world.json` models (once), with JSON completion, hover and checks. */
export function registerWorldSchema(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaRequest: 'ignore',
    schemas: [{ uri: WORLD_SCHEMA_URI, fileMatch: [WORLD_FILE_MATCH], schema: generated ?? FALLBACK }],
  });
  jsonDefaults.setModeConfiguration({
    documentFormattingEdits: true,
    documentRangeFormattingEdits: true,
    completionItems: true,
    hovers: true,
    documentSymbols: false,
    tokens: true,
    colors: false,
    foldingRanges: true,
    diagnostics: true,
    selectionRanges: true,
  });
  // JSON's own checks are for world files only: a policy document's syntax errors come from the
  // policy parser, with its own messages, so Monaco's would say the same thing twice.
  monaco.editor.onDidChangeMarkers((uris) => {
    for (const uri of uris) {
      if (uri.path.endsWith('.world.json')) continue;
      if (monaco.editor.getModelMarkers({ owner: 'json', resource: uri }).length === 0) continue;
      const model = monaco.editor.getModel(uri);
      if (model) monaco.editor.setModelMarkers(model, 'json', []);
    }
  });
}

// The world schema in the editor. Monaco's JSON worker runs vscode-json-languageservice (bundled in
// monaco-editor); these tests give that same service the settings registerWorldSchema applies, and
// check what a person editing `*.world.json` gets: completion, hover and squiggles, and that
// policy documents (other URIs) get none of it.
import { describe, expect, it } from 'vitest';
import { withWorldSchema, WORLD_FILE_MATCH, WORLD_SCHEMA_URI } from './world-schema';

const external = (p: string) => new URL(`../../../node_modules/monaco-editor/esm/external/${p}`, import.meta.url).href;

interface Pos {
  line: number;
  character: number;
}
interface Service {
  configure(settings: unknown): void;
  parseJSONDocument(doc: unknown): unknown;
  doValidation(doc: unknown, json: unknown, settings: unknown): Promise<{ message: string; range: { start: Pos } }[]>;
  doComplete(doc: unknown, pos: Pos, json: unknown): Promise<{ items: { label: string; documentation?: unknown }[] }>;
  doHover(doc: unknown, pos: Pos, json: unknown): Promise<{ contents: unknown } | null>;
}

async function service() {
  const { getLanguageService } = await import(
    /* @vite-ignore */ external('vscode-json-languageservice/lib/esm/jsonLanguageService.js')
  );
  const { TextDocument } = await import(
    /* @vite-ignore */ external('vscode-languageserver-textdocument/lib/esm/main.js')
  );
  const settings = withWorldSchema({ validate: false, allowComments: false, enableSchemaRequest: false, schemas: [] });
  // No schemaRequestService: the schema is given, never fetched (as the worker runs with enableSchemaRequest off).
  const ls = getLanguageService({ workspaceContext: { resolveRelativePath: (p: string) => p } }) as Service;
  ls.configure(settings);
  const open = (uri: string, text: string) => {
    const doc = TextDocument.create(uri, 'json', 1, text);
    return { doc, json: ls.parseJSONDocument(doc) };
  };
  return { ls, settings, open, at: (text: string, marker: string): Pos => position(text, text.indexOf(marker)) };
}

function position(text: string, offset: number): Pos {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('withWorldSchema', () => {
  it('adds the bundled schema for *.world.json, never fetches, and keeps other schemas', () => {
    const other = { uri: 'iamplay://other.json', fileMatch: ['*.other.json'], schema: {} };
    const s = withWorldSchema({ validate: false, enableSchemaRequest: false, schemas: [other] });
    expect([s.validate, s.enableSchemaRequest, s.schemas?.map((x) => [x.uri, x.fileMatch])]).toEqual([
      true,
      false,
      [
        ['iamplay://other.json', ['*.other.json']],
        [WORLD_SCHEMA_URI, WORLD_FILE_MATCH],
      ],
    ]);
    // Applying it twice does not add the schema twice.
    expect(withWorldSchema(s).schemas).toHaveLength(2);
  });
});

describe('a world file in the JSON language service', () => {
  it('squiggles an unknown key and a malformed account id', async () => {
    const { ls, settings, open } = await service();
    const text = '{\n  "accounts": [{ "id": "12" }],\n  "user": []\n}';
    const { doc, json } = open('file:///play.world.json', text);
    const d = await ls.doValidation(doc, json, settings);
    expect(d.map((x) => [x.message, x.range.start.line + 1, x.range.start.character + 1])).toEqual([
      ['expected a 12-digit account id', 2, 24],
      ['Property user is not allowed.', 3, 3],
    ]);
  });

  it('completes the keys of a world, and the values of an enumeration', async () => {
    const { ls, open, at } = await service();
    const text = '{\n  \n}';
    const { doc, json } = open('file:///play.world.json', text);
    const c = await ls.doComplete(doc, { line: 1, character: 2 }, json);
    expect(c.items.map((i) => i.label).sort()).toEqual([
      'accounts',
      'format',
      'groups',
      'identityPools',
      'identityProviders',
      'managedPolicies',
      'organization',
      'resources',
      'roles',
      'userPools',
      'users',
    ]);
    const key =
      '{ "accounts": [{ "id": "111122223333", "root": { "mfaEnabled": false, "accessKeys": [{ "status":  }] } }] }';
    const k = open('file:///play.world.json', key);
    const values = await ls.doComplete(k.doc, at(key, ' }] }'), k.json);
    expect(values.items.map((i) => i.label)).toEqual(['"Active"', '"Inactive"']);
  });

  it('shows a field’s description on hover', async () => {
    const { ls, open, at } = await service();
    const text = '{ "accounts": [] }';
    const { doc, json } = open('file:///play.world.json', text);
    const h = await ls.doHover(doc, at(text, 'accounts'), json);
    expect(h?.contents).toEqual(['The AWS accounts of the world.']);
    const key =
      '{ "accounts": [{ "id": "111122223333", "root": { "mfaEnabled": false, "accessKeys": [{ "accessKeyId": "x" }] } }] }';
    const k = open('file:///play.world.json', key);
    const hk = await ls.doHover(k.doc, at(key, 'accessKeyId'), k.json);
    expect(hk?.contents).toEqual(['`AKIA…` (long-term) or `ASIA…` (temporary): 20 characters.']);
  });

  it('leaves other JSON documents alone', async () => {
    const { ls, settings, open } = await service();
    const { doc, json } = open('file:///policy.json', '{ "user": [] }');
    expect(await ls.doValidation(doc, json, settings)).toEqual([]);
  });
});

describe('registerWorldSchema', () => {
  // A stand-in for the parts of Monaco it uses: providers and markers are recorded, not shown.
  function fakeMonaco() {
    type Provide = (model: unknown, position: unknown) => Promise<unknown>;
    const providers: Record<string, { provideCompletionItems?: Provide; provideHover?: Provide }> = {};
    const markers: Record<string, unknown[]> = {};
    const created: ((m: unknown) => void)[] = [];
    class Range {
      constructor(
        readonly startLineNumber: number,
        readonly startColumn: number,
        readonly endLineNumber: number,
        readonly endColumn: number,
      ) {}
    }
    const monaco = {
      Range,
      MarkerSeverity: { Hint: 1, Info: 2, Warning: 4, Error: 8 },
      languages: {
        CompletionItemKind: {
          Text: 18,
          Field: 3,
          Variable: 4,
          Module: 8,
          Property: 9,
          Value: 13,
          Enum: 15,
          Keyword: 17,
          Snippet: 27,
          Reference: 21,
          EnumMember: 16,
        },
        CompletionItemInsertTextRule: { InsertAsSnippet: 4 },
        registerCompletionItemProvider: (lang: string, p: object) => (
          (providers[`completion:${lang}`] = p),
          { dispose() {} }
        ),
        registerHoverProvider: (lang: string, p: object) => ((providers[`hover:${lang}`] = p), { dispose() {} }),
      },
      editor: {
        getModels: () => [],
        onDidCreateModel: (f: (m: unknown) => void) => (created.push(f), { dispose() {} }),
        onWillDisposeModel: () => ({ dispose() {} }),
        setModelMarkers: (model: { uri: { toString(): string } }, owner: string, m: unknown[]) =>
          (markers[`${owner}:${model.uri.toString()}`] = m),
      },
    };
    return { monaco, providers, markers, created };
  }
  const model = (uri: string) => ({
    uri: { toString: () => uri },
    isDisposed: () => false,
    getVersionId: () => 1,
    getWordUntilPosition: () => ({ startColumn: 3, endColumn: 3 }),
    onDidChangeContent: () => ({ dispose() {} }),
  });
  const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 8 } };
  const worker = {
    doComplete: async () => ({
      items: [{ label: 'users', kind: 10, insertText: '"users": [$1]', insertTextFormat: 2 }],
    }),
    doHover: async () => ({ contents: [{ kind: 'markdown', value: 'IAM users.' }], range }),
    doValidation: async () => [{ range, severity: 1, message: 'Property user is not allowed.' }],
  };

  it('sets the schema without schema requests and answers only for world models', async () => {
    const { registerWorldSchema } = await import('./world-schema');
    const { monaco, providers, markers, created } = fakeMonaco();
    let options: Record<string, unknown> = { validate: false, schemas: [] };
    const json = {
      jsonDefaults: {
        get diagnosticsOptions() {
          return options;
        },
        setDiagnosticsOptions: (o: Record<string, unknown>) => (options = o),
      },
      getWorker: async () => async () => worker,
    };
    const reg = await registerWorldSchema(monaco as never, json as never);
    expect([
      options.validate,
      options.enableSchemaRequest,
      (options.schemas as { uri: string }[]).map((s) => s.uri),
    ]).toEqual([true, false, [WORLD_SCHEMA_URI]]);
    const complete = providers['completion:json'].provideCompletionItems!;
    const hover = providers['hover:json'].provideHover!;
    const pos = { lineNumber: 2, column: 3 };
    expect(await complete(model('file:///policy-1.json'), pos)).toEqual({ suggestions: [] });
    expect(await hover(model('file:///policy-1.json'), pos)).toBeNull();
    const world = model('file:///account.world.json');
    expect(await complete(world, pos)).toEqual({
      incomplete: undefined,
      suggestions: [
        {
          label: 'users',
          kind: 9,
          insertText: '"users": [$1]',
          range: new monaco.Range(2, 3, 2, 3),
          insertTextRules: 4,
        },
      ],
    });
    expect(await hover(world, pos)).toEqual({
      contents: [{ value: 'IAM users.' }],
      range: new monaco.Range(2, 3, 2, 9),
    });

    // A world model opened after the registration gets its squiggles (after a short pause).
    created.forEach((f) => f(world));
    created.forEach((f) => f(model('file:///policy-2.json')));
    await new Promise((r) => setTimeout(r, 400));
    expect(markers).toEqual({
      'world-schema:file:///account.world.json': [
        {
          severity: 8,
          startLineNumber: 2,
          startColumn: 3,
          endLineNumber: 2,
          endColumn: 9,
          message: 'Property user is not allowed.',
          source: 'world schema',
        },
      ],
    });
    reg.dispose();
  });
});

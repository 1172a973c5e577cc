/**
 * The world file's JSON Schema in Monaco: completion, hover and squiggles for models whose URI
 * ends in `.world.json` (`file:///account.world.json`), from `world/generated/world.schema.json`,
 * which is bundled: no schema is ever fetched.
 *
 * The policy documents keep their own language setup (monaco.ts turns Monaco's JSON completion,
 * hover and diagnostics off, since the policy language service answers for them). So the schema
 * is added to the JSON defaults with validation on for the worker, and the providers registered
 * here ask Monaco's JSON worker only about world models; every other model is left alone.
 */
import type * as Monaco from 'monaco-editor/editor';
import type { DiagnosticsOptions, LanguageServiceDefaults } from 'monaco-editor/languages/features/json/register';
import worldSchema from '../../world/generated/world.schema.json';

export const WORLD_SCHEMA_URI = (worldSchema as { $id: string }).$id;
/** Model URIs that get the world schema (Monaco's glob syntax). */
export const WORLD_FILE_MATCH = ['*.world.json'];
/** The marker owner of the schema's squiggles. */
export const WORLD_MARKER_OWNER = 'world-schema';

export function isWorldModelUri(uri: string): boolean {
  return /\.world\.json$/i.test(uri);
}

// The few LSP shapes the JSON worker answers with.
interface LspPosition {
  line: number;
  character: number;
}
interface LspRange {
  start: LspPosition;
  end: LspPosition;
}
type LspMarkup = string | { kind: string; value: string } | { language: string; value: string };
interface LspCompletionItem {
  label: string;
  kind?: number;
  detail?: string;
  documentation?: string | { kind: string; value: string };
  sortText?: string;
  filterText?: string;
  insertText?: string;
  insertTextFormat?: number;
  textEdit?: { range: LspRange; newText: string } | { insert: LspRange; replace: LspRange; newText: string };
}
interface LspDiagnostic {
  range: LspRange;
  severity?: number;
  message: string;
  code?: string | number;
}
export interface JsonWorker {
  doValidation(uri: string): Promise<LspDiagnostic[]>;
  doComplete(
    uri: string,
    position: LspPosition,
  ): Promise<{ isIncomplete?: boolean; items: LspCompletionItem[] } | null>;
  doHover(uri: string, position: LspPosition): Promise<{ contents: LspMarkup | LspMarkup[]; range?: LspRange } | null>;
}
/** What this module needs of Monaco's JSON language (`monaco-editor/languages/features/json/register`). */
export interface JsonLanguage {
  jsonDefaults: Pick<LanguageServiceDefaults, 'diagnosticsOptions' | 'setDiagnosticsOptions'>;
  getWorker: () => Promise<(...uris: Monaco.Uri[]) => Promise<unknown>>;
}

/**
 * The JSON defaults' diagnostics options with the world schema added: the worker validates (only
 * the world models ask it to), no schema request is ever made, other schemas are kept.
 */
export function withWorldSchema(current: DiagnosticsOptions): DiagnosticsOptions {
  const others = (current.schemas ?? []).filter((s) => s.uri !== WORLD_SCHEMA_URI);
  return {
    ...current,
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemaRequest: 'ignore',
    schemas: [...others, { uri: WORLD_SCHEMA_URI, fileMatch: WORLD_FILE_MATCH, schema: worldSchema }],
  };
}

const toRange = (monaco: typeof Monaco, r: LspRange) =>
  new monaco.Range(r.start.line + 1, r.start.character + 1, r.end.line + 1, r.end.character + 1);
const fromPosition = (p: Monaco.Position): LspPosition => ({ line: p.lineNumber - 1, character: p.column - 1 });

/** LSP `CompletionItemKind` → Monaco's. */
function completionKind(monaco: typeof Monaco, kind: number | undefined): Monaco.languages.CompletionItemKind {
  const K = monaco.languages.CompletionItemKind;
  const map: Record<number, Monaco.languages.CompletionItemKind> = {
    1: K.Text,
    5: K.Field,
    6: K.Variable,
    9: K.Module,
    10: K.Property,
    12: K.Value,
    13: K.Enum,
    14: K.Keyword,
    15: K.Snippet,
    18: K.Reference,
    20: K.EnumMember,
  };
  return (kind !== undefined && map[kind]) || K.Property;
}

function markdown(m: LspMarkup): Monaco.IMarkdownString {
  if (typeof m === 'string') return { value: m };
  if ('kind' in m)
    return { value: m.kind === 'plaintext' ? m.value.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&') : m.value };
  return { value: '```' + m.language + '\n' + m.value + '\n```\n' };
}

/** The JSON worker's completion list as Monaco suggestions. */
export function toSuggestions(
  monaco: typeof Monaco,
  items: LspCompletionItem[],
  fallback: Monaco.IRange,
): Monaco.languages.CompletionItem[] {
  return items.map((e) => {
    const item: Monaco.languages.CompletionItem = {
      label: e.label,
      kind: completionKind(monaco, e.kind),
      insertText: e.insertText ?? e.label,
      range: fallback,
    };
    if (e.detail) item.detail = e.detail;
    if (e.sortText) item.sortText = e.sortText;
    if (e.filterText) item.filterText = e.filterText;
    if (e.documentation)
      item.documentation =
        typeof e.documentation === 'string' ? e.documentation : { ...markdown(e.documentation), isTrusted: false };
    if (e.textEdit) {
      item.insertText = e.textEdit.newText;
      item.range =
        'range' in e.textEdit
          ? toRange(monaco, e.textEdit.range)
          : { insert: toRange(monaco, e.textEdit.insert), replace: toRange(monaco, e.textEdit.replace) };
    }
    if (e.insertTextFormat === 2) item.insertTextRules = monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet;
    return item;
  });
}

/** The JSON worker's diagnostics as Monaco markers. */
export function toMarkers(monaco: typeof Monaco, diagnostics: LspDiagnostic[]): Monaco.editor.IMarkerData[] {
  const S = monaco.MarkerSeverity;
  return diagnostics.map((d) => ({
    severity: d.severity === 1 ? S.Error : d.severity === 2 ? S.Warning : d.severity === 3 ? S.Info : S.Hint,
    startLineNumber: d.range.start.line + 1,
    startColumn: d.range.start.character + 1,
    endLineNumber: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    message: d.message,
    source: 'world schema',
  }));
}

let registration: Monaco.IDisposable | undefined;

/**
 * Adds the world schema to Monaco (once; later calls return the same registration): completion
 * and hover for world models, and squiggles kept up to date as they are edited.
 */
export async function registerWorldSchema(monaco: typeof Monaco, json?: JsonLanguage): Promise<Monaco.IDisposable> {
  if (registration) return registration;
  const lang: JsonLanguage = json ?? (await import('monaco-editor/languages/features/json/register'));
  lang.jsonDefaults.setDiagnosticsOptions(withWorldSchema(lang.jsonDefaults.diagnosticsOptions));
  const workerFor = async (uri: Monaco.Uri): Promise<JsonWorker> => (await (await lang.getWorker())(uri)) as JsonWorker;
  const isWorld = (model: Monaco.editor.ITextModel) => isWorldModelUri(model.uri.toString());
  const disposables: Monaco.IDisposable[] = [];

  disposables.push(
    monaco.languages.registerCompletionItemProvider('json', {
      triggerCharacters: [' ', ':', '"'],
      async provideCompletionItems(model, position) {
        if (!isWorld(model)) return { suggestions: [] };
        const worker = await workerFor(model.uri);
        const info = await worker.doComplete(model.uri.toString(), fromPosition(position));
        if (!info || model.isDisposed()) return { suggestions: [] };
        const word = model.getWordUntilPosition(position);
        const fallback = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
        return { incomplete: info.isIncomplete, suggestions: toSuggestions(monaco, info.items, fallback) };
      },
    }),
    monaco.languages.registerHoverProvider('json', {
      async provideHover(model, position) {
        if (!isWorld(model)) return null;
        const worker = await workerFor(model.uri);
        const info = await worker.doHover(model.uri.toString(), fromPosition(position));
        if (!info || model.isDisposed()) return null;
        const contents = (Array.isArray(info.contents) ? info.contents : [info.contents]).map(markdown);
        return { contents, range: info.range ? toRange(monaco, info.range) : undefined };
      },
    }),
  );

  // Squiggles: validate a world model when it appears and 300 ms after each edit.
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const validate = async (model: Monaco.editor.ITextModel) => {
    const version = model.getVersionId();
    const worker = await workerFor(model.uri);
    const diagnostics = await worker.doValidation(model.uri.toString());
    if (model.isDisposed() || model.getVersionId() !== version) return;
    monaco.editor.setModelMarkers(model, WORLD_MARKER_OWNER, toMarkers(monaco, diagnostics));
  };
  const watch = (model: Monaco.editor.ITextModel) => {
    if (!isWorld(model)) return;
    const key = model.uri.toString();
    const schedule = () => {
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => void validate(model).catch(() => undefined), 300),
      );
    };
    disposables.push(model.onDidChangeContent(schedule));
    schedule();
  };
  monaco.editor.getModels().forEach(watch);
  disposables.push(
    monaco.editor.onDidCreateModel(watch),
    monaco.editor.onWillDisposeModel((model) => {
      clearTimeout(timers.get(model.uri.toString()));
      timers.delete(model.uri.toString());
      if (isWorld(model)) monaco.editor.setModelMarkers(model, WORLD_MARKER_OWNER, []);
    }),
  );

  registration = {
    dispose() {
      for (const t of timers.values()) clearTimeout(t);
      disposables.forEach((d) => d.dispose());
      registration = undefined;
    },
  };
  return registration;
}

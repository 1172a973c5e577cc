/**
 * Completion, hover and quick fixes for policy documents, answered by the language service in
 * the engine worker. Uses the Monaco instance it is given (this file imports only its types), so
 * monaco.ts stays the one place that loads Monaco.
 */
import type * as Monaco from 'monaco-editor/editor';
import { engineClient } from '../../worker/client';
import type { Answer, CompletionEntry, DocKind, HoverAnswer, OffsetRange, QuickFix } from '../../workbench/types';

export type KindOf = (uri: string) => DocKind | undefined;

function toRange(monaco: typeof Monaco, model: Monaco.editor.ITextModel, r: OffsetRange): Monaco.Range {
  const s = model.getPositionAt(r.start);
  const e = model.getPositionAt(r.end);
  return new monaco.Range(s.lineNumber, s.column, e.lineNumber, e.column);
}

function completionKind(monaco: typeof Monaco, k: CompletionEntry['kind']): Monaco.languages.CompletionItemKind {
  const K = monaco.languages.CompletionItemKind;
  return {
    property: K.Property,
    value: K.Value,
    action: K.Function,
    service: K.Module,
    key: K.Field,
    operator: K.Operator,
    arn: K.Reference,
    snippet: K.Snippet,
  }[k];
}

let registered = false;
/** The workbench shown now: each visit to the page makes a new one, and the providers (registered once) ask it. */
let kindOf: KindOf = () => undefined;

export function registerPolicyLanguage(monaco: typeof Monaco, kindOfDocument: KindOf): void {
  kindOf = kindOfDocument;
  if (registered) return;
  registered = true;
  const client = engineClient();

  monaco.languages.registerCompletionItemProvider('json', {
    triggerCharacters: ['"', ':', '/'],
    async provideCompletionItems(model, position) {
      const kind = kindOf(model.uri.toString());
      if (!kind) return { suggestions: [] };
      // Right after a closed string the language service offers nothing (src/lang/completion.ts).
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      const answer = await client.call<Answer<CompletionEntry[]>>((api) => api.complete(text, offset, kind));
      // The page may have left the workbench (and disposed the model) while the worker answered.
      if (model.isDisposed() || !answer.ok || !answer.value.ok || model.getValue() !== text) return { suggestions: [] };
      return {
        suggestions: answer.value.value.map((c) => ({
          label: c.label,
          kind: completionKind(monaco, c.kind),
          insertText: c.insertText,
          range: toRange(monaco, model, c.range),
          detail: c.detail,
          documentation: c.documentation ? { value: c.documentation, isTrusted: false, supportHtml: false } : undefined,
          sortText: c.sortText,
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider('json', {
    async provideHover(model, position) {
      const kind = kindOf(model.uri.toString());
      if (!kind) return null;
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      const answer = await client.call<Answer<HoverAnswer | null>>((api) => api.hover(text, offset, kind));
      if (model.isDisposed() || !answer.ok || !answer.value.ok || !answer.value.value || model.getValue() !== text)
        return null;
      const h = answer.value.value;
      return {
        contents: [{ value: h.contents, isTrusted: false, supportHtml: false }],
        range: toRange(monaco, model, h.range),
      };
    },
  });

  monaco.languages.registerCodeActionProvider(
    'json',
    {
      async provideCodeActions(model, range) {
        const kind = kindOf(model.uri.toString());
        if (!kind) return { actions: [], dispose() {} };
        const text = model.getValue();
        const start = model.getOffsetAt(range.getStartPosition());
        const end = model.getOffsetAt(range.getEndPosition());
        const answer = await client.call<Answer<QuickFix[]>>((api) => api.codeActions(text, start, end, kind));
        if (model.isDisposed() || !answer.ok || !answer.value.ok || model.getValue() !== text)
          return { actions: [], dispose() {} };
        const markers = monaco.editor.getModelMarkers({ resource: model.uri, owner: 'iamplay' });
        const actions = answer.value.value.map((fix) => ({
          // A menu title is plain text: backticks would show as they are.
          title: fix.title.replace(/`([^`]*)`/g, '$1'),
          kind: 'quickfix',
          isPreferred: fix.preferred,
          diagnostics: fix.fixes
            ? markers.filter((m) => (typeof m.code === 'string' ? m.code : m.code?.value) === fix.fixes)
            : undefined,
          edit: {
            edits: fix.edits.map((e) => ({
              resource: model.uri,
              versionId: model.getVersionId(),
              textEdit: { range: toRange(monaco, model, e.range), text: e.newText },
            })),
          },
        }));
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );
}

/**
 * The one place that loads Monaco: only the editor core, its features and the JSON language,
 * bundled locally (never from a CDN). Import this module lazily (`await import('./monaco')`)
 * so the first page stays small.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

// No schema is ever fetched: the page talks only to its own origin. JSON syntax errors come from
// the policy parser (with its own messages), so Monaco's JSON checks are off to avoid duplicates.
jsonDefaults.setDiagnosticsOptions({
  validate: false,
  allowComments: false,
  enableSchemaRequest: false,
  schemas: [],
});
// Completion and hover come from the policy language service; document symbols (used by sticky
// scroll and the outline) are costly on a pasted megabyte and add nothing here.
jsonDefaults.setModeConfiguration({
  documentFormattingEdits: true,
  documentRangeFormattingEdits: true,
  completionItems: false,
  hovers: false,
  documentSymbols: false,
  tokens: true,
  colors: false,
  foldingRanges: true,
  diagnostics: false,
  selectionRanges: true,
});

monaco.editor.defineTheme('iamplay-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  // Line numbers at 4.5:1 or more against the background (WCAG AA); Monaco's own are about 1.75:1 when dimmed.
  colors: {
    'editor.background': '#171e28',
    'editorLineNumber.foreground': '#9aa6b6',
    'editorLineNumber.activeForeground': '#e7ebf0',
    'editorLineNumber.dimmedForeground': '#9aa6b6',
  },
});
monaco.editor.defineTheme('iamplay-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#ffffff',
    'editorLineNumber.foreground': '#59636f',
    'editorLineNumber.activeForeground': '#131a24',
    'editorLineNumber.dimmedForeground': '#59636f',
  },
});

import { registerPolicyLanguage as register, type KindOf } from './policy-language';

/** Registers completion, hover and quick fixes for the workbench's policy documents (once). */
export function registerPolicyLanguage(kindOf: KindOf): void {
  register(monaco, kindOf);
}

export { monaco };

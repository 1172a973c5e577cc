export type { CodeAction, CompletionItem, CompletionKind, CursorPosition, Hover, TextEdit } from './types';
export { complete, statementActions, applicableKeyNames } from './completion';
export { hover } from './hover';
export { codeActions } from './code-actions';
export type { CodeActionOptions } from './code-actions';
export { summarizePolicy, summarizeStatement, LEVELS } from './summary';
export type { PolicySummary, ServiceSummary, StatementSummary } from './summary';
export { offsetAt, cursorAt } from './position';
export { diagnose } from './diagnose';

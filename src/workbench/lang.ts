/**
 * The language service calls (completion, hover, quick fixes) the editor makes through the
 * worker: a thin adapter over src/lang that turns its ranges into offsets. Plain data in and out.
 */
import { loadCatalog, loadDescribedCatalog } from '../catalog';
import { LineIndex } from '../engine/diagnostics';
import { codeActions, complete, hover } from '../lang';
import type { CompletionItem } from '../lang';
import { policyTypeOf } from './analysis';
import type { Answer, CompletionEntry, DocKind, HoverAnswer, QuickFix } from './types';

const MAX_TEXT = 2_000_000;
const MAX_ITEMS = 500;

const KIND: Record<CompletionItem['kind'], CompletionEntry['kind']> = {
  property: 'property',
  value: 'value',
  service: 'service',
  action: 'action',
  resource: 'arn',
  operator: 'operator',
  key: 'key',
};

function fail(e: unknown): { ok: false; errors: string[] } {
  return { ok: false, errors: [e instanceof Error ? e.message : String(e)] };
}

function position(text: string, offset: number): { line: number; column: number } {
  const p = new LineIndex(text).position(Math.max(0, Math.min(text.length, Math.floor(Number(offset) || 0))));
  return { line: p.line, column: p.column };
}

export function langApi() {
  return {
    async complete(text: string, offset: number, kind: DocKind): Promise<Answer<CompletionEntry[]>> {
      try {
        if (text.length > MAX_TEXT) return { ok: true, value: [] };
        const items = complete(text, position(text, offset), await loadDescribedCatalog());
        return {
          ok: true,
          value: items.slice(0, MAX_ITEMS).map((c, i) => {
            const e: CompletionEntry = {
              label: c.label,
              kind: KIND[c.kind] ?? 'value',
              insertText: c.insertText,
              range: { start: c.range.start.offset, end: c.range.end.offset },
              sortText: String(i).padStart(4, '0'),
            };
            if (c.detail) e.detail = c.detail;
            if (c.documentation) e.documentation = c.documentation;
            void kind;
            return e;
          }),
        };
      } catch (e) {
        return fail(e);
      }
    },

    async hover(text: string, offset: number, _kind: DocKind): Promise<Answer<HoverAnswer | null>> {
      try {
        if (text.length > MAX_TEXT) return { ok: true, value: null };
        const h = hover(text, position(text, offset), await loadDescribedCatalog());
        return {
          ok: true,
          value: h ? { contents: h.contents, range: { start: h.range.start.offset, end: h.range.end.offset } } : null,
        };
      } catch (e) {
        return fail(e);
      }
    },

    async codeActions(text: string, start: number, end: number, kind: DocKind): Promise<Answer<QuickFix[]>> {
      try {
        if (text.length > MAX_TEXT) return { ok: true, value: [] };
        const actions = codeActions(
          text,
          { start: position(text, start), end: position(text, end) },
          { type: policyTypeOf(kind, text), catalog: await loadCatalog() },
        );
        return {
          ok: true,
          value: actions.map((a, i) => ({
            title: a.title,
            fixes: a.code,
            preferred: i === 0,
            edits: a.edits.map((e) => ({
              range: { start: e.range.start.offset, end: e.range.end.offset },
              newText: e.newText,
            })),
          })),
        };
      } catch (e) {
        return fail(e);
      }
    },
  };
}

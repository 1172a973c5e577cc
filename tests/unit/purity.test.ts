// The lint rule that keeps the pure core pure (../shared/DESIGN.md): nothing under src/ outside
// src/ui and src/worker may import svelte, monaco-editor or comlink, or use window/document.
import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('pure modules stay pure', () => {
  it('rejects a Svelte import in src/engine', async () => {
    const found = await problems('src/engine/probe.ts', "import { mount } from 'svelte';\nexport const m = mount;\n");
    expect(found).toEqual([
      "no-restricted-imports: 'svelte' import is restricted from being used by a pattern. pure modules must not import Svelte: only src/ui may",
    ]);
  });

  it('rejects Monaco and comlink imports in src/lang and src/world', async () => {
    expect(
      await problems('src/lang/probe.ts', "import * as m from 'monaco-editor/editor';\nexport const x = m;\n"),
    ).toHaveLength(1);
    expect(
      await problems('src/world/probe.ts', "import { wrap } from 'comlink';\nexport const x = wrap;\n"),
    ).toHaveLength(1);
  });

  it('rejects window and document in src/catalog', async () => {
    const found = await problems('src/catalog/probe.ts', 'export const t = () => document.title + window.name;\n');
    expect(found).toEqual([
      "no-restricted-globals: Unexpected use of 'document'. pure modules must not use `document`: they also run in Node and in the worker",
      "no-restricted-globals: Unexpected use of 'window'. pure modules must not use `window`: they also run in Node and in the worker",
    ]);
  });

  it('allows the same code in src/ui and src/worker', async () => {
    expect(
      await problems(
        'src/ui/probe.ts',
        "import { mount } from 'svelte';\nexport const t = () => document.title + String(mount);\n",
      ),
    ).toEqual([]);
    expect(await problems('src/worker/probe.ts', "import { wrap } from 'comlink';\nexport const x = wrap;\n")).toEqual(
      [],
    );
  });
});

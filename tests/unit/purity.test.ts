// The lint rule that keeps the pure core pure (../shared/DESIGN.md): nothing under src/ outside
// src/ui and src/worker may import svelte, monaco-editor or comlink, or use window/document.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { ESLint } from 'eslint';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Linting, building and property runs take seconds on a loaded machine: no test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

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

// The layers of DESIGN.md (`catalog ← engine ← world ← aws ← flows`, `engine ← lang`, …, everything
// pure ← worker, cli, ui) and no import cycles: eslint-plugin-boundaries and import-x/no-cycle.
describe('imports follow the layers and never form a cycle', () => {
  const layer = (from: string, to: string) =>
    `boundaries/dependencies: \`${from}\` may not import \`${to}\`: layers import one way (see DESIGN.md)`;

  it('rejects an import against the layer order', async () => {
    expect(
      await problems(
        'src/engine/probe.ts',
        "import { loadWorld } from '../world/load';\nexport const x = loadWorld;\n",
      ),
    ).toEqual([layer('engine', 'world')]);
    expect(
      await problems(
        'src/catalog/probe.ts',
        "import { parsePolicy } from '../engine/parse';\nexport const x = parsePolicy;\n",
      ),
    ).toEqual([layer('catalog', 'engine')]);
    expect(
      await problems('src/lang/probe.ts', "import { loadWorld } from '../world/load';\nexport const x = loadWorld;\n"),
    ).toEqual([layer('lang', 'world')]);
    expect(
      await problems('src/workbench/probe.ts', "import type { CliIo } from '../cli/io';\nexport type X = CliIo;\n"),
    ).toEqual([layer('workbench', 'cli')]);
  });

  it('allows imports along the order', async () => {
    expect(
      await problems(
        'src/world/probe.ts',
        "import { parsePolicy } from '../engine/parse';\nexport const x = parsePolicy;\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'src/workbench/probe.ts',
        "import { hover } from '../lang';\nimport { loadWorld } from '../world/load';\nexport const x = [hover, loadWorld];\n",
      ),
    ).toEqual([]);
    expect(
      await problems('src/cli/probe.ts', "import { loadWorld } from '../world/load';\nexport const x = loadWorld;\n"),
    ).toEqual([]);
  });

  describe('cycles', () => {
    const dir = join(process.cwd(), 'src', 'engine', `cycle-probe-${process.pid}`);
    beforeAll(() => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b();\n");
      writeFileSync(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = () => a();\n");
      writeFileSync(join(dir, 'c.ts'), "import { b } from './b';\nexport const c = () => b();\n");
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('rejects an import cycle, and not a plain import', async () => {
      const rel = `src/engine/cycle-probe-${process.pid}`;
      expect(await problems(`${rel}/a.ts`, "import { b } from './b';\nexport const a = () => b();\n")).toEqual([
        'import-x/no-cycle: Dependency cycle detected',
      ]);
      expect(await problems(`${rel}/d.ts`, "import { c } from './c';\nexport const d = () => c();\n")).toEqual([]);
    });
  });
});

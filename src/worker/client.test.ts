import { describe, it, expect } from 'vitest';
import type { Remote } from 'comlink';
import type { EngineApi } from './api';
import { EngineClient, type WorkerAnswer } from './client';

/** A client whose calls answer when the test says so, in any order. */
class ScriptedClient extends EngineClient {
  readonly answers: ((value: string) => void)[] = [];
  override call<T>(): Promise<WorkerAnswer<T>> {
    return new Promise((resolve) => {
      this.answers.push((value) => resolve({ ok: true, value: value as T }));
    });
  }
}

const noop = (() => Promise.resolve('')) as unknown as (api: Remote<EngineApi>) => Promise<string>;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('latest(key): only the newest answer per key is used', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const client = new ScriptedClient();
    const seen: string[] = [];
    void client.latest('eval', noop).then((a) => seen.push(a.ok ? a.value : 'error'));
    void client.latest('eval', noop).then((a) => seen.push(a.ok ? a.value : 'error'));
    client.answers[1]('second');
    client.answers[0]('first');
    await flush();
    expect(seen).toEqual(['second']);
    expect(client.pending('eval')).toBe(false);
  });

  it('drops an older answer that arrives first, and resolves the newest when it comes', async () => {
    const client = new ScriptedClient();
    const seen: string[] = [];
    void client.latest('eval', noop).then((a) => seen.push(a.ok ? a.value : 'error'));
    void client.latest('eval', noop).then((a) => seen.push(a.ok ? a.value : 'error'));
    client.answers[0]('first');
    await flush();
    expect(seen).toEqual([]);
    expect(client.pending('eval')).toBe(true);
    client.answers[1]('second');
    await flush();
    expect(seen).toEqual(['second']);
  });

  it('keeps keys apart', async () => {
    const client = new ScriptedClient();
    const seen: string[] = [];
    void client.latest('eval', noop).then((a) => seen.push(`eval ${a.ok ? a.value : ''}`));
    void client.latest('hints', noop).then((a) => seen.push(`hints ${a.ok ? a.value : ''}`));
    client.answers[1]('h');
    client.answers[0]('e');
    await flush();
    expect(seen).toEqual(['hints h', 'eval e']);
  });

  it('cancel drops the answer in flight', async () => {
    const client = new ScriptedClient();
    const seen: string[] = [];
    void client.latest('eval', noop).then((a) => seen.push(a.ok ? a.value : 'error'));
    client.cancel('eval');
    expect(client.pending('eval')).toBe(false);
    client.answers[0]('late');
    await flush();
    expect(seen).toEqual([]);
  });
});

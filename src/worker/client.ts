/**
 * The page's typed handle on the engine worker. The worker starts on first use; a worker that
 * does not answer within the timeout is replaced, and the caller gets `{ ok: false }` with a
 * clear message instead of waiting forever.
 */
import { wrap, releaseProxy, type Remote } from 'comlink';
import type { EngineApi } from './api';
import EngineWorker from './engine.worker?worker';

export type WorkerAnswer<T> = { ok: true; value: T } | { ok: false; error: string; restarted: boolean };

export class EngineClient {
  private worker: Worker | null = null;
  private remote: Remote<EngineApi> | null = null;

  constructor(private readonly timeoutMs = 5000) {}

  private start(): Remote<EngineApi> {
    if (!this.remote) {
      this.worker = new EngineWorker();
      this.remote = wrap<EngineApi>(this.worker);
    }
    return this.remote;
  }

  /** Stops the worker; the next call starts a fresh one. */
  restart(): void {
    this.remote?.[releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }

  /** Runs `fn` against the worker with a deadline. */
  async call<T>(fn: (api: Remote<EngineApi>) => Promise<T>): Promise<WorkerAnswer<T>> {
    const api = this.start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      const answer = await Promise.race([fn(api), deadline]);
      if (answer === 'timeout') {
        this.restart();
        return { ok: false, error: `the engine did not answer within ${this.timeoutMs / 1000} s and was restarted`, restarted: true };
      }
      return { ok: true, value: answer as T };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e), restarted: false };
    } finally {
      clearTimeout(timer);
    }
  }
}

let shared: EngineClient | null = null;
export function engineClient(): EngineClient {
  shared ??= new EngineClient();
  return shared;
}

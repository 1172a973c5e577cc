/**
 * The page's typed handle on the engine worker. The worker starts on first use. A call that gets
 * no answer within the deadline returns `{ ok: false }` with a clear message, and the worker is
 * replaced; only a call made on the current worker replaces it, so the late timeouts of a stuck
 * worker's other calls never kill its healthy replacement. Listeners hear of each replacement.
 *
 * `latest(key, fn)` is the one place where stale answers are dropped: of the calls made under
 * one key, only the newest resolves; an older one still in flight never resolves, so a caller
 * never has to count its own requests.
 */
import { wrap, releaseProxy, type Remote } from 'comlink';
import type { EngineApi } from './api';
import EngineWorker from './engine.worker?worker';

export type WorkerAnswer<T> = { ok: true; value: T } | { ok: false; error: string; restarted: boolean };

export class EngineClient {
  private worker: Worker | null = null;
  private remote: Remote<EngineApi> | null = null;
  private generation = 0;
  /** How many times the worker was replaced. */
  restarts = 0;
  private readonly listeners = new Set<(error: string) => void>();
  /** The newest call's ticket under each key of `latest`. */
  private readonly newest = new Map<string, number>();
  private tickets = 0;

  constructor(private readonly timeoutMs = 5000) {}

  /** Calls `listener` each time a worker is replaced because it missed its deadline; returns the unsubscribe function. */
  onRestart(listener: (error: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

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
    this.generation++;
    this.restarts++;
  }

  /** Runs `fn` against the worker with a deadline. */
  async call<T>(fn: (api: Remote<EngineApi>) => Promise<T>): Promise<WorkerAnswer<T>> {
    const api = this.start();
    const generation = this.generation;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      const answer = await Promise.race([fn(api), deadline]);
      if (answer === 'timeout') {
        const error = `the engine did not answer within ${this.timeoutMs / 1000} s and was restarted`;
        const current = generation === this.generation;
        if (current) {
          this.restart();
          for (const listener of this.listeners) listener(error);
        }
        return { ok: false, error, restarted: current };
      }
      return { ok: true, value: answer as T };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e), restarted: false };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Like `call`, but only the newest call under `key` resolves: when a newer call (or `cancel`)
   * comes before an answer, that answer is dropped and the promise stays pending for good.
   * Callers therefore update the page only with the answer to the latest question.
   */
  latest<T>(key: string, fn: (api: Remote<EngineApi>) => Promise<T>): Promise<WorkerAnswer<T>> {
    const ticket = ++this.tickets;
    this.newest.set(key, ticket);
    return new Promise((resolve) => {
      void this.call(fn).then((answer) => {
        if (this.newest.get(key) !== ticket) return;
        this.newest.delete(key);
        resolve(answer);
      });
    });
  }

  /** Drops the answer of the call under `key` still in flight, if any (it will never resolve). */
  cancel(key: string): void {
    this.newest.delete(key);
  }

  /** Whether a call under `key` is still waiting for its answer. */
  pending(key: string): boolean {
    return this.newest.has(key);
  }
}

let shared: EngineClient | null = null;
/** The one engine worker client of the page (the About box and the workbench share it). */
export function engineClient(): EngineClient {
  shared ??= new EngineClient();
  return shared;
}

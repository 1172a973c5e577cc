/**
 * The engine worker's API: what the page may ask of the worker. Every answer is plain data
 * (tagged unions, never class instances or thrown errors) so it crosses comlink unchanged.
 */
import { VERSION } from '../version';

export interface PingAnswer {
  version: string;
  /** Echo of the caller's nonce, so the round trip is proven end to end. */
  nonce: string;
  /** True in a dedicated worker (there is no `document` there). */
  inWorker: boolean;
}

export const engineApi = {
  ping(nonce: string): PingAnswer {
    return { version: VERSION, nonce, inWorker: typeof (globalThis as { document?: unknown }).document === 'undefined' };
  },
};

export type EngineApi = typeof engineApi;

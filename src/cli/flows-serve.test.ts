// "The same decision for the same request in the flow, in the workbench and from `iamplay serve`":
// a flow's steps run twice, once against the run's own services and once over HTTP against
// `iamplay serve` (the real server, on a real port, the flow's requests sent as they are, Host
// header and signature included). Every step must end the same way: same outcome, same HTTP
// statuses, same AWS error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from './serve';
import type { RunningServer } from './serve';
import { defaultWorld } from '../world/default-world';
import { managedPolicyLookup } from '../world/managed';
import { loadManagedPolicies } from '../catalog';
import { SimClock } from '../aws/clock';
import type { HttpRequest } from '../aws/http';
import { runFlow } from '../flows/runner';
import { flowById } from '../flows/registry';
import type { FlowDefinition, FlowExchange, FlowOptions, FlowRun } from '../flows/types';

const managed = managedPolicyLookup(await loadManagedPolicies());
let home = '';

const sink = { write: () => true };
const io = { stdin: process.stdin, stdout: sink, stderr: sink } as never;

/** Sends a flow's request to the server as it is (its Host header and signature untouched). */
function over(port: number) {
  return (req: HttpRequest): Promise<FlowExchange> =>
    new Promise((resolve, reject) => {
      const r = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: req.method,
          path: req.path + (req.query ? `?${req.query}` : ''),
          headers: { ...req.headers, 'content-length': String(req.body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = String(v);
            resolve({
              request: req,
              response: { status: res.statusCode ?? 0, headers, body: new Uint8Array(Buffer.concat(chunks)) },
              service: 's3',
              operation: 'Unknown',
              caller: '',
              notes: [],
              at: Date.now(),
              changed: false,
            });
          });
        },
      );
      r.on('error', reject);
      r.end(Buffer.from(req.body));
    });
}

const shape = (run: FlowRun) =>
  run.steps.map((s) => ({
    step: s.event,
    outcome: s.outcome,
    statuses: s.messages.filter((m) => m.kind === 'response').map((m) => m.label),
    error: s.error?.code,
  }));

async function both(flow: FlowDefinition, options: FlowOptions) {
  const local = await runFlow({ flow, world: defaultWorld(), seed: 'local', options, managedPolicy: managed });
  const prepared = flow.prepare ? flow.prepare(defaultWorld(), options).world : defaultWorld();
  const file = join(home, `${flow.id}-${(options.switches ?? []).join('-')}${options.variant ?? ''}.json`);
  writeFileSync(file, JSON.stringify(prepared));
  const server = (await startServe({ world: file, host: '127.0.0.1', port: 0 }, io)) as RunningServer;
  if (!('ready' in server)) throw new Error(String((server as { problem: string }).problem));
  try {
    const port = Number(new URL(server.ready.endpoint).port);
    const remote = await runFlow({
      flow,
      world: defaultWorld(),
      seed: 'remote',
      options,
      managedPolicy: managed,
      clock: new SimClock(Date.now()),
      transport: over(port),
    });
    return { local: local.run, remote: remote.run };
  } finally {
    await server.close();
  }
}

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'iamplay-flows-serve-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a flow against its own services and against `iamplay serve`', () => {
  const flow = flowById('identity-pool-enhanced')!;
  for (const options of [
    { variant: 'group' },
    { variant: 'no-group' },
    { variant: 'rules' },
    ...flow.switches.map((s) => ({ variant: 'group', switches: [s.id] })),
  ] as FlowOptions[]) {
    it(`${flow.id} ${JSON.stringify(options)}: every step ends the same way`, async () => {
      const { local, remote } = await both(flow, options);
      expect(shape(remote)).toEqual(shape(local));
      expect(local.steps.length).toBeGreaterThan(1);
    }, 60_000);
  }
});

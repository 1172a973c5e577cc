/**
 * `iamplay serve [--world FILE] [--state FILE] [--host 127.0.0.1] [--port 4566]`: the simulated
 * AWS services (IAM, STS, Cognito user and identity pools, S3, DynamoDB) on one HTTP endpoint that
 * real AWS SDKs and the AWS CLI accept. A node:http adapter over `Simulator` (src/aws).
 *
 * - When listening it prints ONE JSON line on standard output: the endpoint, the region, the
 *   account and an administrator's keys (`ensureAdmin`).
 * - One line per call on standard error (service, operation, caller, decision, status), then the
 *   call's notes (confirmation codes, temporary passwords).
 * - `--state FILE` is read at start (a corrupt file is refused and left as it is) and written after
 *   calls that change the state: debounced, atomically (a temporary file renamed over it), and
 *   flushed on exit. SIGINT and SIGTERM stop the server cleanly (exit 0).
 * - Bodies over 5 MiB are refused in the service's error shape. Binds 127.0.0.1 unless told.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { readFile, rename, writeFile, unlink } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { loadManagedPolicies } from '../catalog';
import { defaultWorld } from '../world/default-world';
import { loadWorld } from '../world/load';
import { managedPolicyLookup } from '../world/managed';
import type { World } from '../world/types';
import { Simulator } from '../aws/simulator';
import type { Exchange } from '../aws/simulator';
import { newState } from '../aws/state';
import type { AwsState } from '../aws/state';
import type { HttpRequest } from '../aws/http';
import { ensureAdmin } from '../aws/admin';
import type { AdminCredentials } from '../aws/admin';
import { stateFromJson, stateToJson } from '../aws/persist';
import type { CliIo } from './io';
import { reason } from './read';

/** The largest request body accepted: 5 MiB. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** How long after a changing call the state file is written (calls in between share the write). */
export const SAVE_DELAY_MS = 200;

const USAGE = 'usage: iamplay serve [--world FILE] [--state FILE] [--host 127.0.0.1] [--port 4566]\n';
const HELP = `${USAGE}
Serves simulated AWS services (IAM, STS, Cognito user pools and identity pools, S3, DynamoDB) on
one endpoint that the AWS SDKs and the AWS CLI accept (S3 path-style: forcePathStyle).

  --world FILE   the world to serve (default: the playground's default world)
  --state FILE   keep everything (world, sessions, keys, objects, items) in FILE across restarts
  --host HOST    the address to listen on (default 127.0.0.1: this machine only)
  --port PORT    the port (default 4566; 0 picks a free one)

Prints one JSON line when ready: {"endpoint", "region", "accountId", "credentials"}. Logs one line
per call on standard error. Stop it with Ctrl-C (SIGINT) or SIGTERM.
`;

export interface ServeOptions {
  world?: string;
  state?: string;
  host: string;
  port: number;
  region?: string;
}

export interface Ready {
  endpoint: string;
  region: string;
  accountId: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export interface RunningServer {
  ready: Ready;
  simulator: Simulator;
  server: Server;
  admin: AdminCredentials;
  /** Stops accepting, ends open connections, writes the state (if any); resolves when done. */
  close(): Promise<void>;
}

/** Control characters in a log field, written as `\u{…}` so no value can forge a log line. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const safe = (s: string) => s.replace(UNSAFE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);

export function parseServeArgs(args: string[]): ServeOptions | { problem: string } | 'help' {
  const o: ServeOptions = { host: '127.0.0.1', port: 4566 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') return 'help';
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (!['--world', '--state', '--host', '--port'].includes(name)) return { problem: `unknown option \`${safe(a)}\`` };
    const value = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') return { problem: `\`${name}\` needs a value` };
    if (name === '--world') o.world = value;
    else if (name === '--state') o.state = value;
    else if (name === '--host') o.host = value;
    else {
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
        return { problem: `\`--port\` must be a number from 0 to 65535, not \`${safe(value)}\`` };
      o.port = Number(value);
    }
  }
  return o;
}

/** Reads the starting state: the state file when it exists, else the world file or the default world. */
async function initialState(
  o: ServeOptions,
  io: CliIo,
): Promise<{ state: AwsState; fresh: boolean } | { problem: string }> {
  if (o.state !== undefined) {
    let text: string | undefined;
    try {
      text = await readFile(o.state, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        return { problem: `cannot read \`${o.state}\`: ${reason(e)}` };
    }
    if (text !== undefined) {
      const r = stateFromJson(text, o.state);
      if (!r.ok) return { problem: `${r.errors.join('\n')}\n(the state file is left as it is)` };
      if (o.world !== undefined)
        io.stderr.write(`iamplay serve: \`${o.state}\` exists: serving its world, not \`${o.world}\`\n`);
      return { state: r.value, fresh: false };
    }
  }
  let world: World = defaultWorld();
  if (o.world !== undefined) {
    let text: string;
    try {
      text = await readFile(o.world, 'utf8');
    } catch (e) {
      return { problem: `cannot read \`${o.world}\`: ${reason(e)}` };
    }
    const r = loadWorld(text, { file: o.world });
    if (!r.ok) return { problem: r.errors.map((f) => f.message).join('\n') };
    world = r.value;
  }
  return { state: newState(world), fresh: true };
}

/** Writes the state file atomically, one write at a time, debounced. */
class StateWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private seq = 0;

  constructor(
    private readonly file: string,
    private readonly state: () => AwsState,
    private readonly io: CliIo,
  ) {}

  touch(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, SAVE_DELAY_MS);
  }

  /** Writes now if anything changed since the last write; resolves once it is on disk. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const tmp = `${this.file}.${process.pid}.${++this.seq}.tmp`;
      try {
        await writeFile(tmp, stateToJson(this.state()));
        await rename(tmp, this.file);
      } catch (e) {
        this.dirty = true;
        this.io.stderr.write(`iamplay serve: cannot write \`${this.file}\`: ${reason(e)}\n`);
        await unlink(tmp).catch(() => undefined);
      }
    });
    return this.writing;
  }

  /** Marks the state changed and writes it now. */
  save(): Promise<void> {
    this.dirty = true;
    return this.flush();
  }
}

function toRequest(req: IncomingMessage, body: Uint8Array): HttpRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  }
  return {
    method: req.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    headers,
    body,
  };
}

function logLine(x: Exchange): string {
  const decision = x.decision ? x.decision.decision : '-';
  let out = `${safe(x.service)} ${safe(x.operation)} ${safe(x.caller)} ${decision} ${x.response.status}\n`;
  if (x.failure) out += `  error: ${safe(x.failure)}\n`;
  for (const n of x.notes) {
    const data = n.data
      ? ' ' +
        Object.entries(n.data)
          .map(([k, v]) => `${safe(k)}=${safe(v)}`)
          .join(' ')
      : '';
    out += `  ${safe(n.kind)}: ${safe(n.message)}${data}\n`;
  }
  return out;
}

function send(res: ServerResponse, method: string, x: Exchange, close: boolean): void {
  const r = x.response;
  const headers: Record<string, string | number> = { ...r.headers, 'content-length': r.body.length };
  if (close) headers['connection'] = 'close';
  res.writeHead(r.status, headers);
  res.end(method === 'HEAD' ? undefined : r.body);
}

/** Starts the server; resolves once it listens (or with the problem that stopped it). */
export async function startServe(o: ServeOptions, io: CliIo): Promise<RunningServer | { problem: string }> {
  const init = await initialState(o, io);
  if ('problem' in init) return init;
  const managed = managedPolicyLookup(await loadManagedPolicies());
  const simulator = new Simulator({ state: init.state, region: o.region ?? 'us-east-1', managedPolicy: managed });
  const worldBefore = simulator.state.world;
  const admin = ensureAdmin(simulator.ctx);
  const writer = o.state !== undefined ? new StateWriter(o.state, () => simulator.state, io) : undefined;
  if (writer && (init.fresh || simulator.state.world !== worldBefore)) await writer.save();
  simulator.onExchange((x) => {
    io.stderr.write(logLine(x));
    if (x.changed) writer?.touch();
  });

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    const declared = Number(req.headers['content-length'] ?? '0');
    const refuse = (size: number) => {
      const head = toRequest(req, new Uint8Array());
      void simulator.refuseTooLarge(head, size, MAX_BODY_BYTES).then((x) => {
        send(res, method, x, true);
        // Stop reading what is left of the body.
        res.on('finish', () => req.destroy());
      });
    };
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      refuse(declared);
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      total += c.length;
      if (total > MAX_BODY_BYTES) {
        over = true;
        chunks.length = 0;
        refuse(total);
        return;
      }
      chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (over) return;
      const buf = Buffer.concat(chunks);
      const body = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      simulator
        .handle(toRequest(req, body), { sourceIp, secure: false })
        .then((x) => send(res, method, x, false))
        .catch((e: unknown) => {
          // The simulator answers every failure itself; this is the last guard.
          io.stderr.write(`iamplay serve: ${safe(String(e))}\n`);
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end();
        });
    });
  });
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  const listening = await new Promise<true | { problem: string }>((resolve) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      resolve({
        problem:
          e.code === 'EADDRINUSE'
            ? `cannot listen on ${o.host}:${o.port}: the port is in use (\`--port 0\` picks a free one)`
            : `cannot listen on ${o.host}:${o.port}: ${e.code ?? e.message}`,
      }),
    );
    server.listen(o.port, o.host, () => resolve(true));
  });
  if (listening !== true) {
    await writer?.flush();
    return listening;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const ready: Ready = {
    endpoint: `http://${host}:${address.port}`,
    region: simulator.ctx.region,
    accountId: admin.account,
    credentials: { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey },
  };
  let closing: Promise<void> | undefined;
  return {
    ready,
    simulator,
    server,
    admin,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests in flight finish first: the simulator answers them in order.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }).then(() => writer?.flush())),
  };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const o = parseServeArgs(args);
  if (o === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if ('problem' in o) {
    io.stderr.write(`iamplay serve: ${o.problem}\n${USAGE}`);
    return 2;
  }
  const running = await startServe(o, io);
  if ('problem' in running) {
    io.stderr.write(`iamplay serve: ${running.problem}\n`);
    return 1;
  }
  // The signal handlers are in place before the ready line: a client that stops the server as
  // soon as it reads the line finds them.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      io.stderr.write(`iamplay serve: ${signal}: stopping\n`);
      void running.close().then(resolve);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  io.stdout.write(`${JSON.stringify(running.ready)}\n`);
  await stopped;
  return 0;
}

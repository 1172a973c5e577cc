import { VERSION } from '../version';
import type { CliIo, Command } from './io';

export type { CliIo, Command } from './io';

const HELP = `iamplay ${VERSION}: AWS IAM policy evaluation and checks, on your machine

Usage:
  iamplay eval [FILE|-] [--explain]   evaluate a JSON array of request cases, one JSON line per case
  iamplay lint [--type T] [--format text|json] FILE|DIR...
                                       check policy files (T: identity, resource, trust, boundary, scp, rcp, session)
  iamplay import FILE|-                print the world of an \`aws iam get-account-authorization-details\` output
  iamplay graph WORLD --who-can ACTION RESOURCE | --can PRINCIPAL ACTION RESOURCE | --escalations [--format text|json]
                                       who can do what in a world (or get-account-authorization-details output); exit 1 on a path to admin
  iamplay serve [--world FILE] [--state FILE] [--host 127.0.0.1] [--port 4566]
                                       serve simulated IAM, STS, Cognito, S3 and DynamoDB to AWS SDKs
  iamplay --help                       show this help
  iamplay --version                    print the version

Nothing is sent anywhere: every check runs locally, and serve listens on 127.0.0.1 unless told otherwise.
`;

/** Commands register here as they are built; each returns its exit code. */
const commands: Record<string, () => Promise<Command>> = {
  eval: () => import('./eval').then((m) => m.run),
  lint: () => import('./lint').then((m) => m.lint),
  import: () => import('./import').then((m) => m.run),
  serve: () => import('./serve').then((m) => m.run),
  graph: () => import('./graph').then((m) => m.run),
};

export function registerCommand(name: string, load: () => Promise<Command>): void {
  commands[name] = load;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(HELP);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = commands[first];
  if (!load) {
    io.stderr.write(`iamplay: unknown command \`${first}\`; see \`iamplay --help\`\n`);
    return 2;
  }
  const command = await load();
  return command(rest, io);
}

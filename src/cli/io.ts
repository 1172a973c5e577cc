/** What every command receives: the process's standard streams (tests pass their own). */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** A command: its arguments (after the command's name) and the streams in, its exit status out. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../config/errors.js';
import { helpText, parseCommand, usageLine, type CommandSpec, type ParsedCommand } from './command.js';
import { InputError, UsageError } from './errors.js';

/** Where a command reads and writes: the process's streams and folder, or a test's buffers. */
export interface CliIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A command-line tool: the exit code of one run, never process.exit, so tests call it in-process. */
export type CliRun = (argv: readonly string[], io: CliIo) => Promise<number>;

type ErrorClass = abstract new (...args: never[]) => Error;

/** Errors that are the user's to fix: printed as they are, exit 1, no stack trace. */
const USER_ERRORS: readonly ErrorClass[] = [ConfigError, InputError];

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/**
 * Parses argv, answers --help, then runs `body`. A UsageError (from parsing or the
 * body) prints the message and the usage and returns 2; a user error (ConfigError,
 * InputError, or one of `userErrors`) prints its message and returns 1. Anything
 * else is a bug and propagates with its stack.
 */
export async function runCommand(
  spec: CommandSpec,
  argv: readonly string[],
  io: CliIo,
  body: (args: ParsedCommand) => Promise<number> | number,
  userErrors: readonly ErrorClass[] = [],
): Promise<number> {
  try {
    const args = parseCommand(spec, argv);
    if (args.help) {
      io.stdout(helpText(spec));
      return 0;
    }
    return await body(args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${spec.name.replace(/ --$/, '')}: ${error.message}\n${usageLine(spec)}\n(--help for details)\n`);
      return 2;
    }
    if ([...USER_ERRORS, ...userErrors].some((kind) => error instanceof kind)) {
      io.stderr(line((error as Error).message));
      return 1;
    }
    throw error;
  }
}

export const processIo: CliIo = {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Runs `run` when `moduleUrl` is the program's entry point (tools/run.mjs),
 * not when a test imports the module. Sets the exit code and lets Node exit when
 * the work is done (process.exit would cut piped output short).
 */
export function runIfMain(moduleUrl: string, run: CliRun, before?: () => void): void {
  const entry = process.argv[1];
  if (!entry || resolve(entry) !== fileURLToPath(moduleUrl)) return;
  before?.();
  // The reader went away (`| head`): stop quietly, as console.log would.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit();
    });
  }
  void run(process.argv.slice(2), processIo).then((code) => {
    process.exitCode = code;
  });
}

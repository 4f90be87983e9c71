/**
 * What every CLI command is made of: its options (parsed by src/cli/args.ts), its synopsis and
 * help, and a body that runs on parsed arguments. runCommand is the one place that answers
 * `--help` and bad usage, so every command does both alike: help on stdout with status 0, a usage
 * error on stderr as `progressive-release <command>: <what is wrong>` and the synopsis.
 */
import { guardLog } from '../report/untrusted.js';
import { BAD_USAGE } from './exit-codes.js';
import { parseCommandArgs, type CommandSpec, type OptionSpecs, type OptionValues } from './args.js';

/** Where the CLI writes; tests pass buffers. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

// The CLI may run in a workflow step, whose runner reads stdout and stderr for commands: what it
// prints (plan strings, backend answers) must not start one.
export const defaultIO: CliIO = {
  out: (t) => process.stdout.write(guardLog(t)),
  err: (t) => process.stderr.write(guardLog(t)),
};

/** A mistake in how the command was called that only its body can see (a --seed that is no number, an unknown scenario). */
export class UsageError extends Error {}

export interface CliCommand<O extends OptionSpecs> {
  spec: CommandSpec<O>;
  /** The synopsis, printed after every usage error. */
  usage: string;
  /** The answer to `--help` (ends with a line break). */
  help: string;
  /** Runs on parsed arguments; returns the exit status (throws UsageError for bad usage). */
  run: (args: { plan: string; values: OptionValues<O> }, io: CliIO) => Promise<number>;
}

/** Parses `argv` (the words after the command's name) and runs the command; returns the exit status. */
export async function runCommand<O extends OptionSpecs>(command: CliCommand<O>, argv: string[], io: CliIO = defaultIO): Promise<number> {
  const parsed = parseCommandArgs(command.spec, argv);
  if (parsed.kind === 'help') {
    io.out(command.help);
    return 0;
  }
  let problem: string;
  if (parsed.kind === 'usage-error') problem = parsed.message;
  else {
    try {
      return await command.run(parsed, io);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      problem = err.message;
    }
  }
  io.err(`progressive-release ${command.spec.name}: ${problem}\n${command.usage}\n`);
  return BAD_USAGE;
}

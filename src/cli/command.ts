/**
 * What every CLI command is made of: its options (parsed by src/cli/args.ts), its synopsis and
 * help, and a body that runs on parsed arguments. runCommand is the one place that answers
 * `--help` and bad usage, so every command does both alike: help on stdout with status 0, a usage
 * error on stderr as `progressive-release <command>: <what is wrong>` and the synopsis.
 */
import { colourWanted, render, Styled, type CliText } from './colour.js';
import { fitLine, fitText, outputWidth } from './fit.js';
import { BAD_USAGE } from './exit-codes.js';
import { parseCommandArgs, type CommandSpec, type OptionSpecs, type OptionValues } from './args.js';

/** Where the CLI writes; tests pass buffers (a Styled text reads as its plain text there). */
export interface CliIO {
  out: (text: CliText) => void;
  err: (text: CliText) => void;
  /** How wide human output on `out` may be (src/cli/fit.ts); absent: no limit. */
  readonly width?: number | undefined;
  /** The same for `err`. */
  readonly errWidth?: number | undefined;
}

/** A process stream as the CLI writes it: escaped, coloured when it takes colour (decided once). */
function streamWriter(stream: NodeJS.WriteStream): (text: CliText) => void {
  let colour: boolean | undefined;
  return (t) => {
    colour ??= colourWanted(stream, process.env);
    stream.write(render(t, colour));
  };
}

// The CLI may run in a workflow step, whose runner reads stdout and stderr for commands: what it
// prints (plan strings, backend answers) must not start one. render escapes as the log writer does
// (guardLog) before it adds the CLI's own colour.
export const defaultIO: CliIO = {
  out: streamWriter(process.stdout),
  err: streamWriter(process.stderr),
  get width() {
    return outputWidth(process.stdout, process.env);
  },
  get errWidth() {
    return outputWidth(process.stderr, process.env);
  },
};

/**
 * Writes each line and its line break, fitted to the stream's width (fit.ts): prose wraps with
 * later lines indented by `indent`; `indent` 0 writes lines already fitted (a table's rows) as they are.
 */
export function writeLines(io: CliIO, lines: readonly CliText[], indent = 2, to: 'out' | 'err' = 'out'): void {
  const width = to === 'out' ? io.width : io.errWidth;
  const write = to === 'out' ? io.out : io.err;
  for (const line of lines) {
    for (const fitted of indent > 0 ? fitLine(line, width, indent) : [line])
      write(typeof fitted === 'string' ? `${fitted}\n` : new Styled([...fitted.parts, '\n']));
  }
}

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
    io.out(fitText(command.help, io.width, 4));
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
  io.err(fitText(`progressive-release ${command.spec.name}: ${problem}\n${command.usage}\n`, io.errWidth, 4));
  return BAD_USAGE;
}

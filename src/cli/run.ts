/**
 * The command line: `progressive-release validate | schema | simulate | plan`. Shares the plan
 * loader with the action; every command reads its arguments with the one parser (args.ts) and
 * answers help and bad usage alike (command.ts). `simulate` and `plan` live in their own modules
 * and are loaded only when asked for, so `validate` starts fast.
 */
import { SCHEMA_URL, VERSION } from '../plan/release-info.js';
import { planJsonSchema } from '../plan/schema.js';
import { messageOf } from '../report/message.js';
import { defaultIO, runCommand, type CliCommand, type CliIO } from './command.js';
import { fitText } from './fit.js';
import { BAD_USAGE, EXIT_OK, EXIT_PROBLEMS, EXIT_STATUS_HELP } from './exit-codes.js';
import { validateCommand } from './validate.js';

export type { CliIO } from './command.js';

/** What `--version` prints: the name and the release, from the one writer of the release (no package.json read at start). */
export function versionLine(): string {
  return `progressive-release ${VERSION}`;
}

export const USAGE = `Usage: progressive-release <command> [options]
       progressive-release --version

Commands:
  validate <plan> [--workflows DIR] [--no-workflows] [--json]
                        check a release plan; prints file:line:col: message per problem
  simulate <plan> [--scenario S]... [--version v] [--seed n] [--json] [--quiet] [--verbose]
                        run a whole release in memory (emulated GitHub, synthetic metrics,
                        virtual clock): hours of bake in about a second, no account needed
  plan <plan> [--version V] [--ref REF] [--json]
                        check the gates' metric queries against the providers, without deploying
  schema                print the JSON Schema of the release plan

Run 'progressive-release <command> --help' for a command's options.

Options, in every command: a value as --flag VALUE or --flag=VALUE (a value that starts with '-'
only as --flag=VALUE); switches such as --json take no value; -- ends the options.

Output: colour only on a terminal; NO_COLOR (any value) turns it off, FORCE_COLOR=1 turns it on
when piped (FORCE_COLOR=0: off). Human output fits the terminal's width (else COLUMNS; piped: whole
lines); --json is never coloured or wrapped.

${EXIT_STATUS_HELP}
`;

const SCHEMA_HELP = `Usage: progressive-release schema

Prints the JSON Schema of the release plan. Editors load it from the first line of the plan:
  # yaml-language-server: $schema=${SCHEMA_URL}
`;

const schemaCommand: CliCommand<Record<never, never>> = {
  spec: { name: 'schema', options: {}, takesPlan: false },
  usage: SCHEMA_HELP.slice(0, SCHEMA_HELP.indexOf('\n')),
  help: SCHEMA_HELP,
  run: async (_args, io) => {
    io.out(`${JSON.stringify(planJsonSchema(), null, 2)}\n`);
    return EXIT_OK;
  },
};

type Command = (argv: string[], io: CliIO) => Promise<number>;

// Loaded on demand (static specifiers, so the bundler includes them): validate never pays for
// the driver, the emulator or the metrics clients.
const COMMANDS: Record<string, Command> = {
  validate: (argv, io) => runCommand(validateCommand, argv, io),
  schema: (argv, io) => runCommand(schemaCommand, argv, io),
  simulate: async (argv, io) => (await import('./simulate.js')).simulateCommand(argv, io),
  plan: async (argv, io) => (await import('./plan.js')).planCommand(argv, io),
};

/** Runs the CLI with `argv` (without node and script); returns the exit status. */
export async function runCli(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === undefined) io.err(fitText(USAGE, io.errWidth, 4));
    else io.out(fitText(USAGE, io.width, 4));
    return name === undefined ? BAD_USAGE : EXIT_OK;
  }
  // Before a command only: simulate and plan take `--version V` (what is released).
  if (name === '--version' || name === '-V') {
    io.out(`${versionLine()}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(fitText(`progressive-release: unknown command '${name}'. Expected one of: ${Object.keys(COMMANDS).join(', ')}.\n\n${USAGE}`, io.errWidth, 4));
    return BAD_USAGE;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    io.err(`progressive-release ${name}: ${messageOf(err)}\n`);
    return EXIT_PROBLEMS;
  }
}

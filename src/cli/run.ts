/**
 * The command line: `progressive-release validate | schema | simulate | plan`. Shares the plan
 * loader with the action; `simulate` and `plan` live in their own modules and are loaded only
 * when asked for, so `validate` starts fast.
 */
import { formatDiagnostic } from '../plan/diagnostics.js';
import { loadPlanFile, type LoadOptions } from '../plan/load.js';
import { planJsonSchema } from '../plan/schema.js';
import { planSize, plural } from '../report/text.js';
import { guardLog } from '../report/untrusted.js';
import { messageOf } from '../report/message.js';

/** Where the CLI writes; tests pass buffers. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

// The CLI may run in a workflow step, whose runner reads stdout and stderr for commands: what it
// prints (plan strings, backend answers) must not start one.
const defaultIO: CliIO = {
  out: (t) => process.stdout.write(guardLog(t)),
  err: (t) => process.stderr.write(guardLog(t)),
};

export const USAGE = `Usage: progressive-release <command> [options]

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

Exit status:
  validate  0 valid, 1 problems found, 2 bad usage
  simulate  0 promoted, 2 rolled back, 3 paused (a person decides), 4 failed (rollback failed),
            1 bad usage or invalid plan
  plan      0 every gate can be evaluated, 1 not ready or invalid plan, 2 bad usage
  (no or unknown command: 2)
`;

const VALIDATE_HELP = `Usage: progressive-release validate <plan> [--workflows DIR] [--no-workflows] [--json]

Checks a release plan's shape and meaning; prints every problem at once as file:line:col: message.
  --workflows DIR   where the deploy/rollback workflows live; their workflow_dispatch inputs are
                    checked against what the plan sends (default: the nearest .github/workflows
                    above the plan file, within the repository; skipped when there is none)
  --no-workflows    skip the workflow check
  --json            machine-readable result: { valid, errors, warnings, diagnostics, plan }

Exit status: 0 valid, 1 problems found, 2 bad usage.
`;

const PLAN_HELP = `Usage: progressive-release plan <plan> [--version V] [--ref REF] [--json] [--workflows DIR | --no-workflows]

Runs each gate's query once against its provider (credentials from the environment variables the
plan names) and reports whether it can be evaluated. Nothing is dispatched.

Exit status: 0 every gate can be evaluated, 1 not ready or invalid plan, 2 bad usage.
`;

const SCHEMA_HELP = `Usage: progressive-release schema

Prints the JSON Schema of the release plan (for editors: # yaml-language-server: $schema=...).
`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

/** Parses `validate` arguments: one plan path and a few flags. */
export function parseValidateArgs(argv: string[]): { plan: string; opts: LoadOptions; json: boolean } | string {
  let plan: string | undefined;
  const opts: LoadOptions = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--no-workflows') opts.workflowsDir = false;
    else if (arg === '--workflows' || arg.startsWith('--workflows=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value) return "--workflows needs a folder, e.g. --workflows .github/workflows";
      opts.workflowsDir = value;
    } else if (arg.startsWith('-')) return `unknown option '${arg}' for validate`;
    else if (plan === undefined) plan = arg;
    else return `validate takes one plan file; got '${plan}' and '${arg}'`;
  }
  if (plan === undefined) return 'validate needs the path of a release plan, e.g. progressive-release validate .github/release-plan.yml';
  return { plan, opts, json };
}

const validate: Command = async (argv, io) => {
  const args = parseValidateArgs(argv);
  if (typeof args === 'string') {
    io.err(`progressive-release: ${args}\n`);
    return 2;
  }
  const result = loadPlanFile(args.plan, args.opts);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (args.json) {
    io.out(`${JSON.stringify({ valid: errors === 0, errors, warnings, diagnostics: result.diagnostics, plan: result.plan }, null, 2)}\n`);
  } else {
    for (const d of result.diagnostics) io.out(`${formatDiagnostic(d)}\n`);
    const warned = warnings ? `, ${plural(warnings, 'warning')}` : '';
    if (result.plan) io.out(`${args.plan}: valid (${planSize(result.plan)}${warned})\n`);
    else io.out(`${args.plan}: ${plural(errors, 'error')}${warned}\n`);
  }
  return errors === 0 ? 0 : 1;
};

const schema: Command = async (_argv, io) => {
  io.out(`${JSON.stringify(planJsonSchema(), null, 2)}\n`);
  return 0;
};

// Loaded on demand (static specifiers, so the bundler includes them): validate never pays for
// the driver, the emulator or the metrics clients.
const simulate: Command = async (argv, io) => {
  const { simulateCommand } = await import('../simulate/command.js');
  return simulateCommand(argv, { stdout: io.out, stderr: io.err });
};

const plan: Command = async (argv) => {
  const { planCommand } = await import('../metrics/preflight.js');
  return planCommand(argv);
};

const COMMANDS: Record<string, Command> = { validate, schema, simulate, plan };
/** Per-command help; simulate answers its own --help (it owns its option list). */
const HELP: Record<string, string> = { validate: VALIDATE_HELP, plan: PLAN_HELP, schema: SCHEMA_HELP };

/** Runs the CLI with `argv` (without node and script); returns the exit status. */
export async function runCli(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`progressive-release: unknown command '${name}'. Expected one of: ${Object.keys(COMMANDS).join(', ')}.\n\n${USAGE}`);
    return 2;
  }
  // Help is answered here for every command, on stdout with status 0, before any argument checks.
  if (rest.includes('--help') || rest.includes('-h')) {
    const help = HELP[name];
    if (help !== undefined) {
      io.out(help);
      return 0;
    }
  }
  try {
    return await command(rest, io);
  } catch (err) {
    io.err(`progressive-release ${name}: ${messageOf(err)}\n`);
    return 1;
  }
}

import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  WORKFLOWS_OPTIONS,
  workflowsLoadOptions
} from "./chunk-AXZQTDVJ.js";
import {
  BAD_USAGE,
  defaultIO,
  formatDiagnostic,
  loadPlanFile,
  planJsonSchema,
  planSize,
  plural,
  runCommand,
  workflowsNotFoundNote
} from "./chunk-3QHPOLB4.js";
import {
  messageOf
} from "./chunk-CYHDE4OP.js";

// src/cli/validate.ts
var HELP = `Usage: progressive-release validate <plan> [--workflows DIR] [--no-workflows] [--json]

Checks a release plan's shape and meaning; prints every problem at once as file:line:col: message.
  --workflows DIR   where the deploy/rollback workflows live; their workflow_dispatch inputs are
                    checked against what the plan sends (default: the nearest .github/workflows
                    above the plan file, within the repository; skipped when there is none)
  --no-workflows    skip the workflow check
  --json            machine-readable result: { valid, errors, warnings, diagnostics, plan, workflows }
                    (workflows: { checked: true, dir } or { checked: false, reason, note })

Exit status: 0 valid, 1 problems found, 2 bad usage.
`;
var options = { ...WORKFLOWS_OPTIONS, json: { type: "boolean" } };
var validateCommand = {
  spec: { name: "validate", options, takesPlan: true },
  usage: HELP.slice(0, HELP.indexOf("\n")),
  help: HELP,
  usageExit: BAD_USAGE,
  run: async ({ plan, values }, io) => {
    const result = loadPlanFile(plan, workflowsLoadOptions(values));
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    const warnings = result.diagnostics.length - errors;
    const note = workflowsNotFoundNote(result.workflows, plan, "--workflows DIR (or skip it without this note: --no-workflows)");
    if (values.json) {
      const workflows = result.workflows && { ...result.workflows, ...note ? { note } : {} };
      io.out(`${JSON.stringify({ valid: errors === 0, errors, warnings, diagnostics: result.diagnostics, plan: result.plan, workflows }, null, 2)}
`);
    } else {
      for (const d of result.diagnostics) io.out(`${formatDiagnostic(d)}
`);
      if (note) io.out(`note: ${note}
`);
      const warned = warnings ? `, ${plural(warnings, "warning")}` : "";
      if (result.plan) io.out(`${plan}: valid (${planSize(result.plan)}${warned})
`);
      else io.out(`${plan}: ${plural(errors, "error")}${warned}
`);
    }
    return errors === 0 ? 0 : 1;
  }
};

// src/cli/run.ts
var USAGE = `Usage: progressive-release <command> [options]

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

Exit status:
  validate  0 valid, 1 problems found, 2 bad usage
  simulate  0 promoted, 2 rolled back, 3 paused (a person decides), 4 failed (rollback failed),
            1 bad usage or invalid plan (2 is taken by "rolled back")
  plan      0 every gate can be evaluated, 1 not ready or invalid plan, 2 bad usage
  (no or unknown command: 2)
`;
var SCHEMA_HELP = `Usage: progressive-release schema

Prints the JSON Schema of the release plan (for editors: # yaml-language-server: $schema=...).
`;
var schemaCommand = {
  spec: { name: "schema", options: {}, takesPlan: false },
  usage: SCHEMA_HELP.slice(0, SCHEMA_HELP.indexOf("\n")),
  help: SCHEMA_HELP,
  usageExit: BAD_USAGE,
  run: async (_args, io) => {
    io.out(`${JSON.stringify(planJsonSchema(), null, 2)}
`);
    return 0;
  }
};
var COMMANDS = {
  validate: (argv, io) => runCommand(validateCommand, argv, io),
  schema: (argv, io) => runCommand(schemaCommand, argv, io),
  simulate: async (argv, io) => (await import("./chunk-UWPMJWZA.js")).simulateCommand(argv, io),
  plan: async (argv, io) => (await import("./chunk-G7MGBMMH.js")).planCommand(argv, io)
};
async function runCli(argv, io = defaultIO) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    (name === void 0 ? io.err : io.out)(USAGE);
    return name === void 0 ? BAD_USAGE : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`progressive-release: unknown command '${name}'. Expected one of: ${Object.keys(COMMANDS).join(", ")}.

${USAGE}`);
    return BAD_USAGE;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    io.err(`progressive-release ${name}: ${messageOf(err)}
`);
    return 1;
  }
}

// src/cli.ts
process.exitCode = await runCli(process.argv.slice(2));

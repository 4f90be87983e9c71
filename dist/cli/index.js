import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  formatDiagnostic,
  guardLog,
  loadPlanFile,
  planJsonSchema,
  planSize,
  plural
} from "./chunk-W55Y2TW2.js";
import "./chunk-E5G76ZYS.js";

// src/cli/run.ts
var defaultIO = {
  out: (t) => process.stdout.write(guardLog(t)),
  err: (t) => process.stderr.write(guardLog(t))
};
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

Exit status:
  validate  0 valid, 1 problems found, 2 bad usage
  simulate  0 promoted, 2 rolled back, 3 paused (a person decides), 4 failed (rollback failed),
            1 bad usage or invalid plan
  plan      0 every gate can be evaluated, 1 not ready or invalid plan, 2 bad usage
  (no or unknown command: 2)
`;
var VALIDATE_HELP = `Usage: progressive-release validate <plan> [--workflows DIR] [--no-workflows] [--json]

Checks a release plan's shape and meaning; prints every problem at once as file:line:col: message.
  --workflows DIR   where the deploy/rollback workflows live; their workflow_dispatch inputs are
                    checked against what the plan sends (default: the nearest .github/workflows
                    above the plan file, within the repository; skipped when there is none)
  --no-workflows    skip the workflow check
  --json            machine-readable result: { valid, errors, warnings, diagnostics, plan }

Exit status: 0 valid, 1 problems found, 2 bad usage.
`;
var PLAN_HELP = `Usage: progressive-release plan <plan> [--version V] [--ref REF] [--json] [--workflows DIR | --no-workflows]

Runs each gate's query once against its provider (credentials from the environment variables the
plan names) and reports whether it can be evaluated. Nothing is dispatched.

Exit status: 0 every gate can be evaluated, 1 not ready or invalid plan, 2 bad usage.
`;
var SCHEMA_HELP = `Usage: progressive-release schema

Prints the JSON Schema of the release plan (for editors: # yaml-language-server: $schema=...).
`;
function parseValidateArgs(argv) {
  let plan2;
  const opts = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--json") json = true;
    else if (arg === "--no-workflows") opts.workflowsDir = false;
    else if (arg === "--workflows" || arg.startsWith("--workflows=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (!value) return "--workflows needs a folder, e.g. --workflows .github/workflows";
      opts.workflowsDir = value;
    } else if (arg.startsWith("-")) return `unknown option '${arg}' for validate`;
    else if (plan2 === void 0) plan2 = arg;
    else return `validate takes one plan file; got '${plan2}' and '${arg}'`;
  }
  if (plan2 === void 0) return "validate needs the path of a release plan, e.g. progressive-release validate .github/release-plan.yml";
  return { plan: plan2, opts, json };
}
var validate = async (argv, io) => {
  const args = parseValidateArgs(argv);
  if (typeof args === "string") {
    io.err(`progressive-release: ${args}
`);
    return 2;
  }
  const result = loadPlanFile(args.plan, args.opts);
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.length - errors;
  if (args.json) {
    io.out(`${JSON.stringify({ valid: errors === 0, errors, warnings, diagnostics: result.diagnostics, plan: result.plan }, null, 2)}
`);
  } else {
    for (const d of result.diagnostics) io.out(`${formatDiagnostic(d)}
`);
    const warned = warnings ? `, ${plural(warnings, "warning")}` : "";
    if (result.plan) io.out(`${args.plan}: valid (${planSize(result.plan)}${warned})
`);
    else io.out(`${args.plan}: ${plural(errors, "error")}${warned}
`);
  }
  return errors === 0 ? 0 : 1;
};
var schema = async (_argv, io) => {
  io.out(`${JSON.stringify(planJsonSchema(), null, 2)}
`);
  return 0;
};
var simulate = async (argv, io) => {
  const { simulateCommand } = await import("./chunk-PNZPNOTC.js");
  return simulateCommand(argv, { stdout: io.out, stderr: io.err });
};
var plan = async (argv) => {
  const { planCommand } = await import("./chunk-ZBP2ZMFZ.js");
  return planCommand(argv);
};
var COMMANDS = { validate, schema, simulate, plan };
var HELP = { validate: VALIDATE_HELP, plan: PLAN_HELP, schema: SCHEMA_HELP };
async function runCli(argv, io = defaultIO) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    (name === void 0 ? io.err : io.out)(USAGE);
    return name === void 0 ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`progressive-release: unknown command '${name}'. Expected one of: ${Object.keys(COMMANDS).join(", ")}.

${USAGE}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    const help = HELP[name];
    if (help !== void 0) {
      io.out(help);
      return 0;
    }
  }
  try {
    return await command(rest, io);
  } catch (err) {
    io.err(`progressive-release ${name}: ${err instanceof Error ? err.message : String(err)}
`);
    return 1;
  }
}

// src/cli.ts
process.exitCode = await runCli(process.argv.slice(2));

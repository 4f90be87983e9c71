import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  WORKFLOWS_OPTIONS,
  workflowsLoadOptions
} from "./chunk-cli-workflows-option.js";
import {
  BAD_USAGE,
  EXIT_OK,
  EXIT_PROBLEMS,
  EXIT_STATUS_HELP,
  SCHEMA_URL,
  VERSION,
  defaultIO,
  fitText,
  formatDiagnostic,
  loadPlanFile,
  planJsonSchema,
  planSize,
  plural,
  runCommand,
  span,
  styled,
  workflowsFoundNote,
  workflowsNotFoundNote,
  writeLines
} from "./chunk-cli-args.js";
import {
  messageOf
} from "./chunk-plan-compare.js";

// src/cli/broken-pipe.ts
function endQuietlyOnBrokenPipe(stream, exit = (code) => process.exit(code)) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") exit(0);
    throw err;
  });
}

// src/cli/validate.ts
var HELP = `Usage: progressive-release validate <plan> [--workflows DIR] [--no-workflows] [--json]

Checks a release plan's shape and meaning; prints every problem at once as file:line:col: message.
  --workflows DIR   where the deploy/rollback workflows live; their workflow_dispatch inputs are
                    checked against what the plan sends (default: the plan's own folder when it
                    holds a workflow the plan names, else the nearest .github/workflows above
                    the plan file, within the repository; said which, and skipped with a note
                    when there is none)
  --no-workflows    skip the workflow check
  --json            machine-readable result: { valid, errors, warnings, diagnostics, plan, workflows }
                    (workflows: { checked: true, dir, found? } or { checked: false, reason, note })

Exit status: 0 valid, 1 problems found, 2 bad usage.
`;
function problemLine(d) {
  const line = formatDiagnostic(d);
  const place = `${d.file}:${d.line}:${d.col}:`;
  if (!line.startsWith(place)) return styled(line);
  const rest = line.slice(place.length);
  const warning = " warning:";
  return rest.startsWith(warning) ? styled(span("bold", place), " ", span("attention", "warning:"), rest.slice(warning.length)) : styled(span("bold", place), rest);
}
var options = { ...WORKFLOWS_OPTIONS, json: { type: "boolean" } };
var validateCommand = {
  spec: { name: "validate", options, takesPlan: true },
  usage: HELP.slice(0, HELP.indexOf("\n")),
  help: HELP,
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
      writeLines(io, result.diagnostics.map(problemLine), 4);
      const found = workflowsFoundNote(result.workflows);
      writeLines(
        io,
        [note, found].filter((n) => n !== void 0 && n !== "").map((n) => `note: ${n}`),
        6
      );
      const warned = warnings ? `, ${plural(warnings, "warning")}` : "";
      const verdict = result.plan ? styled(`${plan}: `, span("passed", "valid"), ` (${planSize(result.plan)}${warned})`) : styled(`${plan}: `, span("failed", plural(errors, "error")), warned);
      writeLines(io, [verdict]);
    }
    return errors === 0 ? 0 : 1;
  }
};

// src/cli/run.ts
function versionLine() {
  return `progressive-release ${VERSION}`;
}
var USAGE = `Usage: progressive-release <command> [options]
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
var SCHEMA_HELP = `Usage: progressive-release schema

Prints the JSON Schema of the release plan. Editors load it from the first line of the plan:
  # yaml-language-server: $schema=${SCHEMA_URL}
`;
var schemaCommand = {
  spec: { name: "schema", options: {}, takesPlan: false },
  usage: SCHEMA_HELP.slice(0, SCHEMA_HELP.indexOf("\n")),
  help: SCHEMA_HELP,
  run: async (_args, io) => {
    io.out(`${JSON.stringify(planJsonSchema(), null, 2)}
`);
    return EXIT_OK;
  }
};
var COMMANDS = {
  validate: (argv, io) => runCommand(validateCommand, argv, io),
  schema: (argv, io) => runCommand(schemaCommand, argv, io),
  simulate: async (argv, io) => (await import("./chunk-cli-simulate.js")).simulateCommand(argv, io),
  plan: async (argv, io) => (await import("./chunk-cli-plan.js")).planCommand(argv, io)
};
async function runCli(argv, io = defaultIO) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    if (name === void 0) io.err(fitText(USAGE, io.errWidth, 4));
    else io.out(fitText(USAGE, io.width, 4));
    return name === void 0 ? BAD_USAGE : EXIT_OK;
  }
  if (name === "--version" || name === "-V") {
    io.out(`${versionLine()}
`);
    return EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(fitText(`progressive-release: unknown command '${name}'. Expected one of: ${Object.keys(COMMANDS).join(", ")}.

${USAGE}`, io.errWidth, 4));
    return BAD_USAGE;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    io.err(`progressive-release ${name}: ${messageOf(err)}
`);
    return EXIT_PROBLEMS;
  }
}

// src/cli.ts
endQuietlyOnBrokenPipe(process.stdout);
endQuietlyOnBrokenPipe(process.stderr);
process.exitCode = await runCli(process.argv.slice(2));

/**
 * `progressive-release plan`: the pre-flight on the command line (src/metrics/preflight.ts), the
 * report on stdout, as text or JSON. Loaded only when asked for (it brings the metrics clients).
 */
import { formatPreflight } from '../metrics/preflight-report.js';
import { PREFLIGHT_VERSION, runPreflight } from '../metrics/preflight.js';
import type { FetchLike } from '../metrics/http.js';
import type { Env } from '../metrics/secrets.js';
import { span, styled, type CliText } from './colour.js';
import { defaultIO, runCommand, writeLines, type CliCommand, type CliIO } from './command.js';
import { fitText } from './fit.js';
import { WORKFLOWS_OPTIONS, workflowsLoadOptions } from './workflows-option.js';

const HELP = `Usage: progressive-release plan <plan> [--version V] [--ref REF] [--json] [--workflows DIR | --no-workflows]

Runs each gate's query once against its provider (credentials from the environment variables the
plan names) and reports whether it can be evaluated. Nothing is dispatched.
  --version V       what the queries and deploy inputs render {{ version }} with (default: ${PREFLIGHT_VERSION})
  --ref REF         the ref the deploys would be dispatched on (default: HEAD)
  --json            the report as JSON: { ok, checks, dispatches, unsafe, diagnostics, ... }
  --workflows DIR, --no-workflows
                    as for validate

Exit status: 0 every gate can be evaluated, 1 not ready or invalid plan, 2 bad usage.
`;

const options = {
  ...WORKFLOWS_OPTIONS,
  version: { type: 'string', expects: 'a value, e.g. --version v1.4.2' },
  ref: { type: 'string', expects: 'a value, e.g. --ref main' },
  json: { type: 'boolean' },
} as const;

export interface PlanCommandDeps {
  /** Where the plan's credentials are read (default: this process's environment). */
  env: Env;
  fetch?: FetchLike;
  now?: () => number;
}

const VERDICT_WORD = /^(ok|FAIL|ready|NOT READY)(?=[ :])/;

/** A line of the pre-flight report with its verdict word coloured on a terminal (the text unchanged). */
function verdictLine(line: string): CliText {
  const word = VERDICT_WORD.exec(line)?.[1];
  if (word === undefined) return line;
  return styled(span(word === 'ok' || word === 'ready' ? 'passed' : 'failed', word), line.slice(word.length));
}

/** The command, with where it reads credentials and how it reaches the backends. */
export function planCliCommand(deps: PlanCommandDeps): CliCommand<typeof options> {
  return {
    spec: { name: 'plan', options, takesPlan: true },
    usage: HELP.slice(0, HELP.indexOf('\n')),
    help: HELP,
    run: async ({ plan, values }, io) => {
      const load = workflowsLoadOptions(values);
      // On the command line nothing reads `::add-mask::`; secrets are still scrubbed by the redactor.
      const { report, diagnostics } = await runPreflight({
        file: plan,
        version: values.version ?? PREFLIGHT_VERSION,
        ref: values.ref ?? 'HEAD',
        load,
        env: deps.env,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        setSecret: () => {},
        now: (deps.now ?? Date.now)(),
      });
      if (!report) {
        if (values.json) io.out(`${JSON.stringify({ ok: false, diagnostics }, null, 2)}\n`);
        else io.out(fitText(`${diagnostics.join('\n')}\n${plan}: invalid plan; fix it before a pre-flight\n`, io.width, 4));
        return 1;
      }
      if (values.json) io.out(`${JSON.stringify({ ...report, diagnostics }, null, 2)}\n`);
      else writeLines(io, [...diagnostics, ...formatPreflight(report).split('\n').map(verdictLine)], 5);
      return report.ok ? 0 : 1;
    },
  };
}

/** Runs `plan` with `argv` (after the command's name); returns the exit status (0 ready, 1 not ready or invalid plan, 2 bad usage). */
export async function planCommand(argv: string[], io: Partial<CliIO & PlanCommandDeps> = {}): Promise<number> {
  const deps: PlanCommandDeps = { env: io.env ?? process.env, ...(io.fetch ? { fetch: io.fetch } : {}), ...(io.now ? { now: io.now } : {}) };
  // A caller's own writer has no terminal behind it: no width.
  const out = io.out ? { out: io.out, width: io.width } : { out: defaultIO.out, width: defaultIO.width };
  const err = io.err ? { err: io.err, errWidth: io.errWidth } : { err: defaultIO.err, errWidth: defaultIO.errWidth };
  return runCommand(planCliCommand(deps), argv, { ...out, ...err });
}

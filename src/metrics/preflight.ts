/**
 * `plan` mode, the pre-flight: `progressive-release plan <plan> [--version v] [--json]` on the
 * command line and `mode: plan` in the action. Renders and runs every gate query once, now,
 * reports what each returns and what the verdict would be today, and what each deploy would
 * be dispatched with. Dispatches nothing. Exit status 1 when a gate cannot be evaluated.
 */
import * as core from '../runner/io.js';
import type { ModeOutcome, Settings } from '../action-io.js';
import { formatDiagnostic } from '../plan/diagnostics.js';
import { releaseIdOf } from '../plan/ids.js';
import { loadPlanFile, type LoadOptions } from '../plan/load.js';
import { fitSummary, JOB_SUMMARY_BYTES } from '../report/text.js';
import { guardLog, htmlText } from '../report/untrusted.js';
import { formatPreflight, preflight, type PreflightReport } from './preflight-report.js';
import type { FetchLike } from './http.js';
import { createMetricsPort } from './registry.js';
import type { Env } from './secrets.js';

/** Version used to render `{{ version }}` when none is given. */
export const PREFLIGHT_VERSION = 'preflight';

export interface PlanCommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Env;
  fetch?: FetchLike;
  now?: () => number;
}

const USAGE = 'usage: progressive-release plan <plan> [--version V] [--ref REF] [--json] [--workflows DIR | --no-workflows]';

interface PlanArgs {
  plan: string;
  version: string;
  ref: string;
  json: boolean;
  load: LoadOptions;
}

function parseArgs(argv: string[]): PlanArgs | string {
  let plan: string | undefined;
  const args: Omit<PlanArgs, 'plan'> = { version: PREFLIGHT_VERSION, ref: 'HEAD', json: false, load: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const value = (name: string): string | undefined => (a.startsWith(`${name}=`) ? a.slice(name.length + 1) : a === name ? argv[++i] : undefined);
    if (a === '--json') args.json = true;
    else if (a === '--no-workflows') args.load.workflowsDir = false;
    else if (a === '--version' || a.startsWith('--version=')) {
      const v = value('--version');
      if (!v) return '--version needs a value, e.g. --version v1.4.2';
      args.version = v;
    } else if (a === '--ref' || a.startsWith('--ref=')) {
      const v = value('--ref');
      if (!v) return '--ref needs a value, e.g. --ref main';
      args.ref = v;
    } else if (a === '--workflows' || a.startsWith('--workflows=')) {
      const v = value('--workflows');
      if (!v) return '--workflows needs a folder, e.g. --workflows .github/workflows';
      args.load.workflowsDir = v;
    } else if (a.startsWith('-')) return `unknown option '${a}' for plan`;
    else if (plan === undefined) plan = a;
    else return `plan takes one plan file; got '${plan}' and '${a}'`;
  }
  if (plan === undefined) return 'plan needs the path of a release plan, e.g. progressive-release plan .github/release-plan.yml';
  return { plan, ...args };
}

/** Loads the plan and runs the pre-flight; a plan with errors gives the diagnostics instead. */
async function runPreflight(file: string, version: string, ref: string, load: LoadOptions, env: Env, opts: { fetch?: FetchLike; setSecret: (v: string) => void; now: number }): Promise<{ report?: PreflightReport; diagnostics: string[] }> {
  const loaded = loadPlanFile(file, load);
  const diagnostics = loaded.diagnostics.map(formatDiagnostic);
  if (!loaded.plan) return { diagnostics };
  const metrics = createMetricsPort(loaded.plan, env, { setSecret: opts.setSecret, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  const report = await preflight(loaded.plan, { version, releaseId: releaseIdOf(loaded.plan.name, version), ref, metrics, at: opts.now });
  return { report, diagnostics };
}

/** The CLI command; returns the exit status (0 ready, 1 not ready or invalid plan, 2 bad usage). */
export async function planCommand(argv: string[], io: Partial<PlanCommandIO> = {}): Promise<number> {
  // The CLI may run in a workflow step too: what it prints must not start runner commands.
  const out = io.out ?? ((t: string) => void process.stdout.write(guardLog(t)));
  const err = io.err ?? ((t: string) => void process.stderr.write(guardLog(t)));
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(`progressive-release plan: ${args}\n${USAGE}\n`);
    return 2;
  }
  // On the command line nothing reads `::add-mask::`; secrets are still scrubbed by the redactor.
  const { report, diagnostics } = await runPreflight(args.plan, args.version, args.ref, args.load, io.env ?? process.env, { ...(io.fetch ? { fetch: io.fetch } : {}), setSecret: () => {}, now: (io.now ?? Date.now)() });
  if (!report) {
    if (args.json) out(`${JSON.stringify({ ok: false, diagnostics }, null, 2)}\n`);
    else out(`${diagnostics.join('\n')}\n${args.plan}: invalid plan; fix it before a pre-flight\n`);
    return 1;
  }
  if (args.json) out(`${JSON.stringify({ ...report, diagnostics }, null, 2)}\n`);
  else out(`${diagnostics.length ? `${diagnostics.join('\n')}\n` : ''}${formatPreflight(report)}\n`);
  return report.ok ? 0 : 1;
}

/**
 * The job summary of `mode: plan`: the report as a `<pre>` block, HTML-escaped (it quotes backend
 * answers and plan strings), whole lines within the job summary's 1 MiB.
 */
export function preflightSummary(report: string): string {
  const escaped = report.split('\n').map(htmlText).join('\n');
  return `<h2>Release pre-flight</h2>\n<pre><code>${fitSummary(escaped, JOB_SUMMARY_BYTES - 100, 'the full report is in the log')}</code></pre>\n`;
}

/** The action's `mode: plan`: the report goes to the log and the job summary; the step fails when not ready. */
export async function planMode(settings: Settings, deps: { env?: Env; fetch?: FetchLike; now?: () => number } = {}): Promise<ModeOutcome> {
  const version = settings.version ?? PREFLIGHT_VERSION;
  const load: LoadOptions = settings.workflowsDir !== undefined ? { workflowsDir: settings.workflowsDir } : {};
  const { report, diagnostics } = await runPreflight(settings.plan, version, settings.ref ?? process.env.GITHUB_REF ?? 'HEAD', load, deps.env ?? process.env, { ...(deps.fetch ? { fetch: deps.fetch } : {}), setSecret: (v) => core.setSecret(v), now: (deps.now ?? Date.now)() });
  if (!report) {
    return { decision: 'invalid', reasonCode: 'plan-invalid', details: { diagnostics }, failed: `release plan ${settings.plan} is invalid: ${diagnostics.length} problem(s)` };
  }
  const text = formatPreflight(report);
  core.info(text);
  if (process.env.GITHUB_STEP_SUMMARY) await core.appendSummary(preflightSummary(text));
  const notEvaluable = report.checks.filter((c) => !c.evaluable).length;
  const outcome: ModeOutcome = {
    decision: report.ok ? 'ready' : 'not-ready',
    reasonCode: report.ok ? 'preflight-ok' : report.unsafe.length ? 'unsafe-template-value' : 'gate-not-evaluable',
    releaseId: report.releaseId,
    details: { checks: report.checks.slice(0, 200), dispatches: report.dispatches.slice(0, 200), unsafe: report.unsafe },
  };
  if (!report.ok) outcome.failed = `pre-flight: ${notEvaluable} gate check(s) cannot be evaluated${report.unsafe.length ? `, ${report.unsafe.length} unsafe template value(s)` : ''}`;
  return outcome;
}

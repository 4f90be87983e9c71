/**
 * Mode 'plan': the pre-flight in the action. Renders and runs every gate query once and reports
 * what each deploy would receive, without dispatching anything (src/metrics/preflight.ts); the
 * report goes to the log and the job summary, and the step fails when a gate cannot be evaluated.
 * Runner I/O goes through src/runner/io.ts, not `@actions/core` (cold start: docs/benchmarks.md).
 */
import * as core from '../runner/io.js';
import type { ModeOutcome, Settings } from '../action-io.js';
import { formatPreflight } from '../metrics/preflight-report.js';
import { PREFLIGHT_VERSION, runPreflight } from '../metrics/preflight.js';
import type { FetchLike } from '../metrics/http.js';
import type { Env } from '../metrics/secrets.js';
import type { LoadOptions } from '../plan/load.js';
import { fitSummary, JOB_SUMMARY_BYTES } from '../report/text.js';
import { htmlText } from '../report/untrusted.js';
import { parseRunnerEnv, type RunnerEnv } from '../runner/env.js';
import { plural } from '../plan/words.js';

export interface PlanModeDeps {
  /** Where the plan's credentials are read (default: this process's environment). */
  env?: Env;
  /** The runner's variables (default: parsed from this process's environment). */
  runner?: RunnerEnv;
  fetch?: FetchLike;
  now?: () => number;
}

/**
 * The job summary of `mode: plan`: the report as a `<pre>` block, HTML-escaped (it quotes backend
 * answers and plan strings), whole lines within the job summary's 1 MiB.
 */
export function preflightSummary(report: string): string {
  const escaped = report.split('\n').map(htmlText).join('\n');
  return `<h2>Release pre-flight</h2>\n<pre><code>${fitSummary(escaped, JOB_SUMMARY_BYTES - 100, 'the full report is in the log')}</code></pre>\n`;
}

/** Runs the pre-flight for the plan in the settings. */
export async function planMode(settings: Settings, deps: PlanModeDeps = {}): Promise<ModeOutcome> {
  const runner = deps.runner ?? parseRunnerEnv();
  const load: LoadOptions = settings.workflowsDir !== undefined ? { workflowsDir: settings.workflowsDir } : {};
  const { report, diagnostics } = await runPreflight({
    file: settings.plan,
    version: settings.version ?? PREFLIGHT_VERSION,
    ref: settings.ref ?? runner.ref ?? 'HEAD',
    load,
    env: deps.env ?? process.env,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    setSecret: (v) => core.setSecret(v),
    now: (deps.now ?? Date.now)(),
  });
  if (!report) {
    return {
      decision: 'invalid',
      reasonCode: 'plan-invalid',
      details: { diagnostics },
      failed: `release plan ${settings.plan} is invalid: ${plural(diagnostics.length, 'problem')}`,
    };
  }
  const text = formatPreflight(report);
  core.info(text);
  if (runner.stepSummary) await core.appendSummary(preflightSummary(text));
  const notEvaluable = report.checks.filter((c) => !c.evaluable).length;
  const outcome: ModeOutcome = {
    decision: report.ok ? 'ready' : 'not-ready',
    reasonCode: report.ok ? 'preflight-ok' : report.unsafe.length ? 'unsafe-template-value' : 'gate-not-evaluable',
    releaseId: report.releaseId,
    details: { checks: report.checks.slice(0, 200), dispatches: report.dispatches.slice(0, 200), unsafe: report.unsafe },
  };
  if (!report.ok)
    outcome.failed = `pre-flight: ${plural(notEvaluable, 'gate check')} cannot be evaluated${report.unsafe.length ? `, ${plural(report.unsafe.length, 'unsafe template value')}` : ''}`;
  return outcome;
}

/** The mode's entry (src/main.ts). */
export async function execute(settings: Settings, runner: RunnerEnv): Promise<ModeOutcome> {
  return planMode(settings, { runner });
}

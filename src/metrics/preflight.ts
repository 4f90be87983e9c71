/**
 * The pre-flight shared by the action's `mode: plan` (src/modes/plan.ts) and the CLI's `plan`
 * (src/cli/plan.ts): load the plan, build the metrics port, render and run every gate query once,
 * now. Dispatches nothing. How the report is shown (log and job summary, or stdout) is the
 * caller's; so is how secrets are masked.
 */
import { formatDiagnostic } from '../plan/diagnostics.js';
import { releaseIdOf } from '../plan/ids.js';
import { loadPlanFile, type LoadOptions } from '../plan/load.js';
import { preflight, type PreflightReport } from './preflight-report.js';
import type { FetchLike } from './http.js';
import { createMetricsPort } from './registry.js';
import type { Env } from './secrets.js';

/** Version used to render `{{ version }}` when none is given. */
export const PREFLIGHT_VERSION = 'preflight';

export interface PreflightRequest {
  file: string;
  version: string;
  ref: string;
  load: LoadOptions;
  /** Where the plan's credentials are read (the variables its providers name). */
  env: Env;
  fetch?: FetchLike;
  /** Masks a secret the plan names (the action prints `::add-mask::`; the CLI has nothing to mask for). */
  setSecret: (value: string) => void;
  now: number;
}

/** Loads the plan and runs the pre-flight; a plan with errors gives the diagnostics instead. */
export async function runPreflight(req: PreflightRequest): Promise<{ report?: PreflightReport; diagnostics: string[] }> {
  const loaded = loadPlanFile(req.file, req.load);
  const diagnostics = loaded.diagnostics.map(formatDiagnostic);
  if (!loaded.plan) return { diagnostics };
  const metrics = createMetricsPort(loaded.plan, req.env, { setSecret: req.setSecret, ...(req.fetch ? { fetch: req.fetch } : {}) });
  const report = await preflight(loaded.plan, {
    version: req.version,
    releaseId: releaseIdOf(loaded.plan.name, req.version),
    ref: req.ref,
    metrics,
    at: req.now,
  });
  return { report, diagnostics };
}

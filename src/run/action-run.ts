/**
 * Modes `run` and `reconcile` in the action: load the plan, build the GitHub port from the
 * runner's environment, load the ledger (resume), drive the release, publish the verdict and a
 * job summary. SIGINT/SIGTERM (job cancellation) stop the driver and save the last state,
 * releasing the lease, within the runner's window (src/run/stop-on-signal.ts).
 */
import * as core from '../runner/io.js';
import type { ModeOutcome, Settings } from '../action-io.js';
import type { State } from '../core/state.js';
import { createClient, PRODUCTION_TIMING, TEST_TIMING, type ClientTiming } from '../github/client.js';
import { installEtagCache, type RequestStats } from '../github/etag.js';
import { createGitHubPort, type GitHubAdapter } from '../github/port.js';
import { createMetricsPort } from '../metrics/registry.js';
import { loadPlanFile, releaseIdOf } from '../plan/load.js';
import type { Plan } from '../plan/types.js';
import { releaseSummary } from '../report/summary.js';
import { runRelease } from './interpreter.js';
import { ledgerStatus } from './ledger.js';
import { describeUnsaved, SignalStop, STOP_RETRY_DELAYS_S } from './stop-on-signal.js';
import { openRelease } from './open-release.js';
import { RealClock } from './real-clock.js';
import type { Clock, LedgerWrite, MetricsPort } from './ports.js';

/**
 * Test-only switch (the end-to-end and crash tests run the bundle as a child process): time
 * jumps instead of passing, and client retries do not wait. Never set it in a workflow.
 */
export const VIRTUAL_TIME_ENV = 'PROGRESSIVE_RELEASE_VIRTUAL_TIME';

/** A claim waits this long before checking that it holds the release (src/github/claim.ts). */
const CLAIM_SETTLE_MS = 5_000;

export interface RunModeDeps {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  metrics?: MetricsPort | ((plan: Plan) => Promise<MetricsPort>);
  timing?: Partial<ClientTiming>;
  /** Delays of guarded writes and run lookups (default: production values). */
  writeRetryDelaysMs?: number[];
  findDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
  pollIntervalMs?: number;
  /** Wait between a claim's write and its check (default 5 s; 0 in virtual time). */
  claimSettleMs?: number;
  /** How the claim waits (default: a real timer, also in virtual time). */
  claimSleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
  /** Writes the job summary (default: core.summary when GITHUB_STEP_SUMMARY is set). */
  writeSummary?: (markdown: string) => Promise<void>;
  /** Install SIGINT/SIGTERM handlers (default true). */
  handleSignals?: boolean;
}

class JumpingClock implements Clock {
  private t = Date.now();
  now(): number {
    return Math.max(this.t, Date.now());
  }
  async sleepUntil(epochMs: number): Promise<void> {
    this.t = Math.max(this.t, epochMs);
    // Yield so signals and sockets are served between jumps.
    await new Promise((r) => setImmediate(r));
  }
}

/** The runner's environment is missing something: reported as `bad-environment`, not an internal error. */
class EnvironmentError extends Error {}

function need(env: NodeJS.ProcessEnv, name: string, form: string): string {
  const v = env[name];
  if (!v) throw new EnvironmentError(`Environment variable ${name} is not set. Expected ${form} (the runner sets it).`);
  return v;
}

function fail(reasonCode: string, message: string, releaseId?: string): ModeOutcome {
  return { decision: 'error', reasonCode, ...(releaseId ? { releaseId } : {}), details: { error: message }, failed: message };
}

/** Runs mode `run` or `reconcile`; returns the outcome main.ts publishes as outputs. */
export async function runMode(settings: Settings, deps: RunModeDeps = {}): Promise<ModeOutcome> {
  try {
    return await runModeUnchecked(settings, deps);
  } catch (err) {
    if (err instanceof EnvironmentError) return fail('bad-environment', err.message);
    throw err;
  }
}

async function runModeUnchecked(settings: Settings, deps: RunModeDeps): Promise<ModeOutcome> {
  const env = deps.env ?? process.env;
  const log = deps.log ?? ((m: string) => core.info(m));
  const virtual = env[VIRTUAL_TIME_ENV] === '1';
  const mode = settings.mode === 'reconcile' ? 'reconcile' : 'run';

  const loaded = loadPlanFile(settings.plan, settings.workflowsDir ? { workflowsDir: settings.workflowsDir } : {});
  if (!loaded.plan) {
    const first = loaded.diagnostics.find((d) => d.severity === 'error');
    return fail('plan-invalid', `the release plan is invalid: ${first ? `${first.file}:${first.line}: ${first.message}` : 'unknown error'}`);
  }
  const plan = loaded.plan;
  const [owner, repo] = need(env, 'GITHUB_REPOSITORY', 'owner/repo').split('/');
  if (!owner || !repo) return fail('bad-environment', `GITHUB_REPOSITORY '${env.GITHUB_REPOSITORY ?? ''}' is not owner/repo`);
  const headSha = settings.sha ?? need(env, 'GITHUB_SHA', 'the commit SHA being released');
  const holder = env.GITHUB_RUN_ID ?? `local-${process.pid}`;
  const ref = settings.ref ?? env.GITHUB_REF_NAME ?? need(env, 'GITHUB_REF', 'the ref that started the workflow');
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const detailsUrl = env.GITHUB_RUN_ID ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;

  const octokit = createClient({
    token: settings.token,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    timing: { ...(virtual ? TEST_TIMING : PRODUCTION_TIMING), ...deps.timing },
    log: (m) => core.warning(m),
  });
  const stats: RequestStats = installEtagCache(octokit);
  const writeRetryDelaysMs = deps.writeRetryDelaysMs ?? (virtual ? [0, 0, 0, 0] : undefined);
  const findDelaysMs = deps.findDelaysMs ?? (virtual ? [0, 0, 0, 0, 0] : undefined);
  const sleep = deps.sleep ?? (virtual ? async () => undefined : undefined);
  // The last ledger write, so a signal can save it and release the lease.
  let lastWrite: LedgerWrite | undefined;
  let releaseId = settings.release ?? (settings.version !== undefined ? releaseIdOf(plan.name, settings.version) : undefined);
  if (releaseId === undefined) return fail('bad-input', "Input 'version' (or 'release') is required. Expected what is being released, such as v1.4.2.");
  const runStatus = new Map<number, string>();
  // Runs still in flight read as GitHub last said (e.g. waiting for environment approval).
  const summarize = (st: State): string => releaseSummary(st, plan, { runStatus: (id) => runStatus.get(id) });
  const github: GitHubAdapter = createGitHubPort({
    octokit, owner, repo, headSha, holder, log,
    onRunStatus: (id, said) => {
      runStatus.set(id, said);
      // A run held by Environment reviewers is news for people: refresh the ledger summary now.
      if (said.startsWith('waiting') && lastWrite && !signals.stopping) {
        const write = { ...lastWrite, summary: summarize(lastWrite.state as State) };
        void github.saveLedger(releaseId as string, write).catch((err: unknown) => core.warning(`could not refresh the ledger: ${String(err)}`));
      }
    },
    ...(detailsUrl ? { detailsUrl } : {}),
    ...(writeRetryDelaysMs ? { writeRetryDelaysMs } : {}),
    ...(findDelaysMs ? { findDelaysMs } : {}),
    ...(sleep ? { sleep } : {}),
  });

  const opened = await openRelease(github, {
    plan, releaseId, version: settings.version, headSha,
    claimSettleMs: deps.claimSettleMs ?? (virtual ? 0 : CLAIM_SETTLE_MS),
    sleep: deps.claimSleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    log,
  });
  if (!opened.ok) return fail(opened.reasonCode, opened.message, releaseId);
  const { state, version } = opened;
  releaseId = opened.releaseId;
  lastWrite = opened.claim;
  log(opened.resumed ? `resuming release ${releaseId} from its ledger (check run ${opened.checkRunId ?? '?'})` : `starting release ${releaseId}`);

  const save = github.saveLedger.bind(github);
  github.saveLedger = async (id, write) => {
    lastWrite = write;
    await save(id, write);
  };
  // The state the driver drives (from its first step on), else the one the claim saved.
  let live: State | undefined;
  const signals = new SignalStop({
    save: async (deadline) => {
      const state = live ?? (lastWrite?.state as State | undefined);
      if (!state) return;
      const write: LedgerWrite = { state, summary: summarize(state), ...ledgerStatus(state), annotations: [] };
      const retryBase = (virtual ? TEST_TIMING : PRODUCTION_TIMING).retryBaseMs;
      await github.ledger.saveOnStop(releaseId as string, write, deadline, STOP_RETRY_DELAYS_S.map((s) => s * retryBase));
    },
    unsaved: () => describeUnsaved(github.ledger.lastSavedState() as State | undefined, live ?? (lastWrite?.state as State), github.ledger.leaseHeldUntil()),
    log,
    warn: (m) => core.warning(m),
    exit: (code) => process.exit(code),
  });
  if (deps.handleSignals !== false) signals.install();

  const metrics = typeof deps.metrics === 'function' ? await deps.metrics(plan) : deps.metrics ?? createMetricsPort(plan, env);
  const clock = deps.clock ?? (virtual ? new JumpingClock() : new RealClock());
  try {
    const result = await runRelease({
      plan, version, releaseId, ref, mode,
      ports: { github, metrics, clock },
      state,
      ...(env.GITHUB_ACTOR ? { initiator: env.GITHUB_ACTOR } : {}),
      onTransition: (h) => log(`${h.region ? `${h.region}: ` : ''}${h.kind}: ${h.reason}`),
      onWarning: (m) => core.warning(m),
      ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}),
      summarize,
      stop: signals.stop,
      onState: (s) => void (live = s),
    });
    // Cancelled: the last save is under way and exits the process; nothing is published.
    if (signals.stopping) await signals.finished;
    const summary = summarize(result.state);
    await (deps.writeSummary ?? defaultSummaryWriter(env))(summary);
    const failed = result.decision === 'failed' || result.decision === 'rolled-back' ? `release ${releaseId} ${result.decision}: ${result.reason}` : undefined;
    return {
      decision: result.decision,
      reasonCode: result.reasonCode,
      releaseId,
      details: {
        reason: result.reason,
        regions: Object.fromEntries(Object.values(result.state.regions).map((r) => [r.name, r.phase])),
        checkRunId: github.ledger.checkRunId ?? null,
        requests: { counted: stats.counted, notModified: stats.notModified },
      },
      ...(failed ? { failed } : {}),
    };
  } finally {
    signals.dispose();
  }
}

function defaultSummaryWriter(env: NodeJS.ProcessEnv): (markdown: string) => Promise<void> {
  return async (markdown) => {
    if (!env.GITHUB_STEP_SUMMARY) return;
    await core.summary.addRaw(markdown, true).write();
  };
}

/**
 * What modes `run` and `reconcile` hold while they drive one release (src/modes/drive-release.ts):
 * the mode's context, the session a summary refresh and a signal's last save build on, and the
 * two adapters built from the runner's environment: the GitHub client (its requests told to the
 * telemetry) and the signal handling that saves the last state and flushes the telemetry before
 * the process exits.
 */
import * as core from '../runner/io.js';
import type { Settings } from '../action-io.js';
import type { State } from '../core/state.js';
import { createClient, PRODUCTION_TIMING, TEST_TIMING, type ClientTiming } from '../github/client.js';
import { installEtagCache, type RequestStats } from '../github/etag.js';
import { createGitHubPort, type GitHubAdapter } from '../github/port.js';
import type { Plan } from '../plan/types.js';
import { ledgerStatus } from '../driver/ledger-write.js';
import { describeUnsaved, SignalStop, STOP_RETRY_DELAYS_S } from '../driver/stop-on-signal.js';
import type { Clock, LedgerWrite, MetricsPort } from '../driver/ports.js';
import type { TelemetrySink } from '../driver/telemetry.js';
import type { RunnerEnv } from '../runner/env.js';
import type { ReleaseLog } from '../runner/release-log.js';
import type { ReleaseTarget } from './release-target.js';

/** What a signal leaves for the telemetry's flush: the save had 1.5-5 s of the runner's grace period (stop-on-signal.ts). */
const TELEMETRY_FLUSH_ON_SIGNAL_MS = 500;

export interface RunModeDeps {
  /** Where the plan's credentials are read (default: this process's environment). */
  env?: NodeJS.ProcessEnv;
  /** The runner's variables, as main.ts parsed them (default: parsed from `env`). */
  runner?: RunnerEnv;
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

/** What the mode knows of the release as it goes: what a summary refresh and a signal's last save build on. */
export interface Session {
  releaseId: string;
  /** The last ledger write (the claim's, then each the driver or a refresh sends). */
  lastWrite: LedgerWrite | undefined;
  /** The state the driver drives (from its first step on). */
  live: State | undefined;
  /** The driver, once it runs: a signal's last save waits for the answers it still has on their way. */
  driving: Promise<unknown> | undefined;
  /** A signal came: nothing more is sent but the last save. */
  stopping: () => boolean;
  /** Runs still in flight read as GitHub last said (e.g. waiting for environment approval). */
  runStatus: Map<number, string>;
  summarize: (state: State) => string;
}

export interface ModeContext {
  settings: Settings;
  deps: RunModeDeps;
  /** The whole environment: the plan's credentials are read from it. */
  env: NodeJS.ProcessEnv;
  /** The runner's variables, parsed once. */
  runner: RunnerEnv;
  log: (message: string) => void;
  /**
   * Its warnings: `warning` for what the release copes with (a `warning:` line), `notice` for what
   * a person must act on (an annotation); src/runner/release-log.ts.
   */
  releaseLog: ReleaseLog;
  virtual: boolean;
  /** The log, the release's metrics and traces (src/driver/telemetry.ts): told of every history entry and GitHub request. */
  telemetry: TelemetrySink;
}

/** The GitHub client and adapter, from the runner's environment (virtual time: retries and lookups do not wait). */
export function connect(cx: ModeContext, target: ReleaseTarget, session: Session): { github: GitHubAdapter; stats: RequestStats } {
  const { settings, deps, runner, virtual, log } = cx;
  const octokit = createClient({
    token: settings.token,
    baseUrl: runner.apiUrl,
    timing: { ...(virtual ? TEST_TIMING : PRODUCTION_TIMING), ...deps.timing },
    // Rate-limit waits and retries: the client copes, nobody has to act.
    log: (m) => cx.releaseLog.warning(m),
  });
  const stats: RequestStats = installEtagCache(octokit, (r) => cx.telemetry.request(r));
  const writeRetryDelaysMs = deps.writeRetryDelaysMs ?? (virtual ? [0, 0, 0, 0] : undefined);
  const findDelaysMs = deps.findDelaysMs ?? (virtual ? [0, 0, 0, 0, 0] : undefined);
  const sleep = deps.sleep ?? (virtual ? async () => undefined : undefined);
  const { owner, repo, headSha, holder, detailsUrl } = target;
  const github: GitHubAdapter = createGitHubPort({
    octokit,
    owner,
    repo,
    headSha,
    holder,
    log,
    apiUrl: runner.apiUrl,
    onRunStatus: (id, said) => {
      session.runStatus.set(id, said);
      // A run held by Environment reviewers is news for people: refresh the ledger summary now.
      const last = session.lastWrite;
      if (said.startsWith('waiting') && last && !session.stopping()) {
        const write = { ...last, summary: session.summarize(last.state as State) };
        session.lastWrite = write;
        // The next save carries the same summary: a line, not an annotation.
        void github.saveLedger(session.releaseId, write).catch((err: unknown) => cx.releaseLog.warning(`could not refresh the ledger: ${String(err)}`));
      }
    },
    ...(detailsUrl ? { detailsUrl } : {}),
    ...(settings.orgToken !== undefined
      ? { orgToken: settings.orgToken, orgClientTiming: { ...(virtual ? TEST_TIMING : PRODUCTION_TIMING), ...deps.timing } }
      : {}),
    ...(runner.workflowPath !== undefined ? { inboxWorkflow: runner.workflowPath } : {}),
    ...(writeRetryDelaysMs ? { writeRetryDelaysMs } : {}),
    ...(findDelaysMs ? { findDelaysMs } : {}),
    ...(sleep ? { sleep } : {}),
  });
  return { github, stats };
}

/** SIGINT/SIGTERM: the driver stops and the last state is saved, releasing the lease (src/driver/stop-on-signal.ts). */
export function stopOnSignal(cx: ModeContext, github: GitHubAdapter, session: Session): SignalStop {
  // The state the driver drives, else the one the claim saved.
  const current = (): State | undefined => session.live ?? (session.lastWrite?.state as State | undefined);
  return new SignalStop({
    save: async (deadline) => {
      const state = current();
      if (!state) return;
      const write: LedgerWrite = { state, summary: session.summarize(state), ...ledgerStatus(state), annotations: [] };
      const retryBase = (cx.virtual ? TEST_TIMING : PRODUCTION_TIMING).retryBaseMs;
      await github.ledger.saveOnStop(
        session.releaseId,
        write,
        deadline,
        STOP_RETRY_DELAYS_S.map((s) => s * retryBase),
      );
    },
    settled: () =>
      session.driving?.then(
        () => undefined,
        () => undefined,
      ),
    changedSinceSave: () => session.live !== undefined && JSON.stringify(session.live) !== JSON.stringify(github.ledger.lastSavedState()),
    unsaved: () => describeUnsaved(github.ledger.lastSavedState() as State | undefined, current() as State, github.ledger.leaseHeldUntil()),
    log: cx.log,
    // The ledger may be behind what happened: a person must check it (the message says what to do).
    warn: (m) => cx.releaseLog.notice(m),
    // The spans and metrics of the job go out first, within what is left of the runner's grace period.
    exit: (code) => void cx.telemetry.flush(AbortSignal.timeout(TELEMETRY_FLUSH_ON_SIGNAL_MS)).finally(() => process.exit(code)),
  });
}

export function defaultSummaryWriter(runner: RunnerEnv): (markdown: string) => Promise<void> {
  return async (markdown) => {
    if (!runner.stepSummary) return;
    await core.summary.addRaw(markdown, true).write();
  };
}

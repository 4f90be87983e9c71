/**
 * Modes `run` and `reconcile` in the action: load the plan, build the GitHub port from the
 * runner's environment, load the ledger (resume), drive the release, publish the verdict and a
 * job summary. SIGINT/SIGTERM (job cancellation) stop the driver and save the last state,
 * releasing the lease, within the runner's window (src/driver/stop-on-signal.ts). The composition
 * root of both modes: it builds the adapters the driver (src/driver) is handed.
 */
import * as core from '../runner/io.js';
import type { ModeOutcome, Settings } from '../action-io.js';
import type { State } from '../core/state.js';
import { createClient, PRODUCTION_TIMING, TEST_TIMING, type ClientTiming } from '../github/client.js';
import { describeFailure } from '../github/errors.js';
import { installEtagCache, type RequestStats } from '../github/etag.js';
import { createGitHubPort, type GitHubAdapter } from '../github/port.js';
import { createMetricsPort } from '../metrics/registry.js';
import type { Plan } from '../plan/types.js';
import { releaseSummary } from '../report/summary.js';
import { waitingNotice } from '../report/waiting.js';
import { JOB_SUMMARY_BYTES } from '../report/text.js';
import { runRelease } from '../driver/interpreter.js';
import { ledgerStatus } from '../driver/ledger-write.js';
import { describeUnsaved, SignalStop, STOP_RETRY_DELAYS_S } from '../driver/stop-on-signal.js';
import { commandOutcome } from '../driver/operator-command.js';
import {
  adoptPrecheck,
  commandDetails,
  commandEvent,
  commandSummary,
  ofCommand,
  handOver,
  handOverPortsOf,
  readCommand,
  withRunFacts,
  refusalOutcome,
  refusedBeforeOpening,
  type GivenCommand,
} from './command-run.js';
import { JumpingClock } from '../driver/jumping-clock.js';
import type { HistoryEntry } from '../core/state.js';
import type { Clock, LedgerWrite, MetricsPort } from '../driver/ports.js';
import { RealClock } from '../driver/real-clock.js';
import { rolesOf } from '../driver/roles.js';
import { openRelease, type Opened } from './open-release.js';
import { fail, peopleOf, readTarget, type ReleaseTarget } from './release-target.js';
import { outcomeOf } from './release-outcome.js';
import { parseRunnerEnv, RunnerEnvError, type RunnerEnv } from '../runner/env.js';
import { createReleaseLog, type ReleaseLog } from '../runner/release-log.js';
import type { TelemetrySink } from '../driver/telemetry.js';
import { openTelemetry } from './telemetry.js';

/** A claim waits this long before checking that it holds the release (src/github/claim.ts). */
const CLAIM_SETTLE_MS = 5_000;
/** A live driver saves at least this often, a third of its 10-minute lease, so the lease never runs out under it. */
const LEASE_RENEW_MS = 200_000;
/** The longest the release's metrics and traces may hold up the end of a job (a signal: what is left of its deadline). */
const TELEMETRY_FLUSH_MS = 5_000;
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

/** Runs mode `run` or `reconcile`; returns the outcome main.ts publishes as outputs. */
export async function runMode(settings: Settings, deps: RunModeDeps = {}): Promise<ModeOutcome> {
  const runner = deps.runner ?? parseRunnerEnv(deps.env ?? process.env);
  try {
    return await runModeUnchecked(settings, deps, runner);
  } catch (err) {
    // The runner's environment is missing something: `bad-environment`, not an internal error.
    if (err instanceof RunnerEnvError) return fail('bad-environment', err.message);
    // GitHub could not be used (permission, token, network, a page instead of an answer): its own
    // reason-code and what to do, not an internal error.
    const known = describeFailure(err, runner.apiUrl);
    if (known) return fail(known.reasonCode, known.message, settings.release, known.details);
    throw err;
  }
}

/** What the mode knows of the release as it goes: what a summary refresh and a signal's last save build on. */
interface Session {
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

interface ModeContext {
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

async function runModeUnchecked(settings: Settings, deps: RunModeDeps, runner: RunnerEnv): Promise<ModeOutcome> {
  const env = deps.env ?? process.env;
  const read = readTarget(settings, runner);
  if (!read.ok) return read.outcome;
  // Every message here is one line, and many carry GitHub's or a backend's text: the release log keeps it one line.
  const releaseLog = createReleaseLog({
    format: settings.logFormat ?? 'human',
    release: read.target.releaseId,
    ...(deps.log ? { out: { line: deps.log } } : {}),
  });
  // An export that fails changes nothing in the release and asks nothing of a person: a log line.
  const telemetry = await openTelemetry(releaseLog, { settings, env, warn: (m) => releaseLog.warning(m), setSecret: (v) => core.setSecret(v) });
  const cx: ModeContext = { settings, deps, env, runner, log: (m) => releaseLog.message(m), releaseLog, virtual: runner.virtualTime, telemetry };
  try {
    return await driveTarget(cx, read.target);
  } finally {
    // After the release is decided and saved: a slow or failing export never changes it, and waits at most this long.
    await telemetry.flush(AbortSignal.timeout(TELEMETRY_FLUSH_MS));
  }
}

async function driveTarget(cx: ModeContext, target: ReleaseTarget): Promise<ModeOutcome> {
  const { settings, deps, env, runner, telemetry } = cx;
  const { plan } = target;
  const runStatus = new Map<number, string>();
  const people = peopleOf(runner, target);
  const session: Session = {
    releaseId: target.releaseId,
    lastWrite: undefined,
    live: undefined,
    driving: undefined,
    stopping: () => false,
    runStatus,
    summarize: (st) => releaseSummary(st, plan, { runStatus: (id) => runStatus.get(id), people }),
  };
  const given = readCommand(settings, runner, session.releaseId);
  if (!given.ok) return given.outcome;
  const { command } = given;
  const found = await open(cx, target, session, command);
  if (!found.ok) return found.outcome;
  const { github, stats, opened } = found;
  const { state, version } = opened;
  const releaseId = (session.releaseId = opened.releaseId);
  session.lastWrite = opened.claim;
  cx.log(opened.resumed ? `resuming release ${releaseId} from its ledger (check run ${opened.checkRunId ?? '?'})` : `starting release ${releaseId}`);
  telemetry.opened(
    {
      releaseId,
      plan,
      version,
      kind: command ? `command:${command.name}` : settings.mode,
      ...(runner.runId !== undefined ? { runId: runner.runId } : {}),
      ...(runner.runAttempt !== undefined ? { runAttempt: runner.runAttempt } : {}),
      ...(runner.job !== undefined ? { job: runner.job } : {}),
      startedAt: Date.now(),
    },
    state,
  );

  const signals = stopOnSignal(cx, github, session);
  session.stopping = () => signals.stopping;
  if (deps.handleSignals !== false) signals.install();

  const clock = deps.clock ?? (cx.virtual ? new JumpingClock() : new RealClock());
  const timed = command
    ? await withRunFacts(
        command,
        (id) => github.commandRun(id),
        (m) => cx.releaseLog.warning(m),
      )
    : undefined;
  const inbox = timed ? [commandEvent(timed, clock.now(), state.now)] : [];
  const historyBefore = state.history.length;

  const metrics =
    typeof deps.metrics === 'function' ? await deps.metrics(plan) : (deps.metrics ?? createMetricsPort(plan, env, { setSecret: (v) => core.setSecret(v) }));
  try {
    const running = runRelease({
      plan,
      version,
      releaseId,
      ref: target.ref,
      mode: settings.mode === 'reconcile' ? 'reconcile' : 'run',
      ports: { ...rolesOf(github, github, github), metrics, clock },
      state,
      // Who starts a release; a command run never starts one, and its giver is not the release's initiator.
      ...(cx.runner.actor && !command ? { initiator: cx.runner.actor } : {}),
      ...(inbox.length > 0 ? { inbox } : {}),
      // A refused command is recorded, and its run drives nothing: only a command that took effect carries the release on.
      ...(command ? { goOnAfterInbox: (added: readonly HistoryEntry[]) => commandOutcome(added, ofCommand(command)).accepted } : {}),
      ...(cx.runner.workflowPath !== undefined ? { inboxWorkflow: cx.runner.workflowPath } : {}),
      ...(settings.waitForPeopleMs !== undefined ? { waitForPeopleMs: settings.waitForPeopleMs } : {}),
      leaseRenewMs: LEASE_RENEW_MS,
      onTransition: (h) => telemetry.transition(h, session.live ?? state),
      onWarning: (m, audience) => (audience === 'person' ? cx.releaseLog.notice(m) : cx.releaseLog.warning(m)),
      ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}),
      summarize: session.summarize,
      onSave: (write) => void (session.lastWrite = write),
      stop: signals.stop,
      onState: (s) => void (session.live = s),
    });
    session.driving = running;
    const result = await running;
    telemetry.finished({ decision: result.decision, reasonCode: result.reasonCode, reason: result.reason, state: result.state, at: Date.now() });
    // Cancelled: the last save is under way and exits the process; nothing is published.
    if (signals.stopping) await signals.finished;
    // The job summary holds up to 1 MiB: the full table the check run's 65,535 bytes may not.
    const summary = releaseSummary(result.state, plan, {
      people,
      runStatus: (id) => runStatus.get(id),
      maxBytes: JOB_SUMMARY_BYTES,
      // Job summaries draw Mermaid; the check run's summary gets the text timeline (README, "The timeline: where Mermaid is drawn").
      timeline: 'mermaid',
      elsewhere: "every region's state is in the check run's ledger text",
    });
    const refused = command ? refusalOutcome(commandOutcome(result.state.history.slice(historyBefore), ofCommand(command)), command, releaseId) : undefined;
    await (deps.writeSummary ?? defaultSummaryWriter(cx.runner))(commandSummary(command, refused) + summary);
    const waiting = result.decision === 'paused' && !signals.stopping ? waitingNotice(result.state, plan, people) : undefined;
    // People must act for the release to go on: the one annotation a paused release makes.
    if (waiting !== undefined) cx.releaseLog.notice(waiting);
    if (refused) return refused;
    const outcome = outcomeOf(result, releaseId, undefined, github.ledger.checkRunId, stats);
    return command ? { ...outcome, details: { ...outcome.details, command: commandDetails(command, true) } } : outcome;
  } finally {
    signals.dispose();
  }
}

/**
 * Connects and opens the release (openRelease), or says why not. A command run on a branch that
 * moved since the release started finds the release's ledger on the commit its deployments were
 * made from, and opens it there (input sha says so outright).
 */
async function open(
  cx: ModeContext,
  first: ReleaseTarget,
  session: Session,
  command: GivenCommand | undefined,
): Promise<{ ok: true; github: GitHubAdapter; stats: RequestStats; opened: Extract<Opened, { ok: true }> } | { ok: false; outcome: ModeOutcome }> {
  const { settings, deps } = cx;
  let target = first;
  for (let attempt = 0; ; attempt++) {
    const { github, stats } = connect(cx, target, session);
    const opened = await openRelease(github, {
      plan: target.plan,
      releaseId: session.releaseId,
      // A command never starts a release, whatever else the form was given: no version, no start.
      version: command ? undefined : settings.version,
      headSha: target.headSha,
      // A command must never drive a release by accident: without a plan change there is nothing to adopt.
      ...(command?.name === 'adopt-plan' ? { precheck: (st: State) => adoptPrecheck(st, target.plan, command) } : {}),
      ...(command ? { claimFinished: true } : {}),
      claimSettleMs: deps.claimSettleMs ?? (cx.virtual ? 0 : CLAIM_SETTLE_MS),
      sleep: deps.claimSleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      log: cx.log,
    });
    if (opened.ok) return { ok: true, github, stats, opened };
    if (command && opened.reasonCode === 'release-on-other-commit' && opened.commit !== undefined && settings.sha === undefined && attempt === 0) {
      cx.log(`release ${session.releaseId} is recorded on commit ${opened.commit}; opening it there`);
      target = { ...target, headSha: opened.commit };
      continue;
    }
    if (command && opened.reasonCode === 'lease-held')
      return { ok: false, outcome: await handOver(command, session.releaseId, opened.holder, opened.message, handOverPortsOf(github, cx.virtual, cx.log)) };
    return {
      ok: false,
      outcome: command ? refusedBeforeOpening(command, opened, session.releaseId) : fail(opened.reasonCode, opened.message, session.releaseId),
    };
  }
}

/** The GitHub client and adapter, from the runner's environment (virtual time: retries and lookups do not wait). */
function connect(cx: ModeContext, target: ReleaseTarget, session: Session): { github: GitHubAdapter; stats: RequestStats } {
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
function stopOnSignal(cx: ModeContext, github: GitHubAdapter, session: Session): SignalStop {
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

function defaultSummaryWriter(runner: RunnerEnv): (markdown: string) => Promise<void> {
  return async (markdown) => {
    if (!runner.stepSummary) return;
    await core.summary.addRaw(markdown, true).write();
  };
}

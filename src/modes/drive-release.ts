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
import { describeFailure } from '../github/errors.js';
import type { RequestStats } from '../github/etag.js';
import type { GitHubAdapter } from '../github/port.js';
import { createMetricsPort } from '../metrics/registry.js';
import { releaseSummary } from '../report/summary.js';
import { waitingNotice } from '../report/waiting.js';
import { fitSummary, JOB_SUMMARY_BYTES } from '../report/text.js';
import { runRelease, type RunReleaseResult } from '../driver/interpreter.js';
import type { Plan } from '../plan/types.js';
import type { PeopleOptions } from '../report/waiting.js';
import type { InvocationContext } from '../driver/telemetry.js';
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
import { RealClock } from '../driver/real-clock.js';
import { rolesOf } from '../driver/roles.js';
import { openRelease, type Opened } from './open-release.js';
import { fail, peopleOf, readTarget, type ReleaseTarget } from './release-target.js';
import { outcomeOf } from './release-outcome.js';
import { parseRunnerEnv, RunnerEnvError, type RunnerEnv } from '../runner/env.js';
import { createReleaseLog } from '../runner/release-log.js';
import { openTelemetry } from './telemetry.js';
import { connect, defaultSummaryWriter, stopOnSignal, type ModeContext, type RunModeDeps, type Session } from './drive-session.js';

export type { RunModeDeps } from './drive-session.js';

/** A claim waits this long before checking that it holds the release (src/github/claim.ts). */
const CLAIM_SETTLE_MS = 5_000;
/** A live driver saves at least this often, a third of its 10-minute lease, so the lease never runs out under it. */
const LEASE_RENEW_MS = 200_000;
/** The longest the release's metrics and traces may hold up the end of a job (a signal: what is left of its deadline). */
const TELEMETRY_FLUSH_MS = 5_000;

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
  const telemetry = await openTelemetry(releaseLog, {
    settings,
    env,
    warn: (m) => releaseLog.warning(m),
    setSecret: (v) => core.setSecret(v),
    ...(runner.repository ? { repository: `${runner.repository.owner}/${runner.repository.repo}` } : {}),
  });
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
  telemetry.opened(invocationOf(cx, releaseId, plan, version, command), state);

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
    return await publish(cx, {
      result,
      command,
      historyBefore,
      people,
      runStatus,
      releaseId,
      plan,
      checkRunId: github.ledger.checkRunId,
      stats,
      stopping: signals.stopping,
    });
  } finally {
    signals.dispose();
  }
}

/** Which job advances the release, for the telemetry: what every sink labels what it sends with. */
function invocationOf(cx: ModeContext, releaseId: string, plan: Plan, version: string, command: GivenCommand | undefined): InvocationContext {
  const { runner } = cx;
  return {
    releaseId,
    plan,
    version,
    kind: command ? `command:${command.name}` : cx.settings.mode,
    ...(runner.runId !== undefined ? { runId: runner.runId } : {}),
    ...(runner.runAttempt !== undefined ? { runAttempt: runner.runAttempt } : {}),
    ...(runner.job !== undefined ? { job: runner.job } : {}),
    startedAt: Date.now(),
  };
}

interface Published {
  result: RunReleaseResult;
  command: GivenCommand | undefined;
  /** The history's length before the command was fed: what the command added is after it. */
  historyBefore: number;
  people: PeopleOptions;
  runStatus: Map<number, string>;
  releaseId: string;
  plan: Plan;
  checkRunId: number | undefined;
  stats: RequestStats;
  stopping: boolean;
}

/**
 * `prefix` and the release summary written after it within the job summary's 1 MiB: the limit
 * holds for what is written, so the summary gets what the prefix leaves.
 */
export function jobSummaryText(prefix: string, summarize: (maxBytes: number) => string, limit = JOB_SUMMARY_BYTES): string {
  return fitSummary(prefix + summarize(Math.max(limit - Buffer.byteLength(prefix, 'utf8'), 0)), limit);
}

/** The job summary, the waiting notice and the outcome main.ts turns into outputs, once the driver returned. */
async function publish(cx: ModeContext, p: Published): Promise<ModeOutcome> {
  const { result, command, plan, people, releaseId } = p;
  // The job summary holds up to 1 MiB: the full table the check run's 65,535 bytes may not.
  const refused = command ? refusalOutcome(commandOutcome(result.state.history.slice(p.historyBefore), ofCommand(command)), command, releaseId) : undefined;
  const summary = jobSummaryText(commandSummary(command, refused), (maxBytes) =>
    releaseSummary(result.state, plan, {
      people,
      runStatus: (id) => p.runStatus.get(id),
      maxBytes,
      // Job summaries draw Mermaid; the check run's summary gets the text timeline (README, "The timeline: where Mermaid is drawn").
      timeline: 'mermaid',
      elsewhere: "every region's state is in the check run's ledger text",
    }),
  );
  await (cx.deps.writeSummary ?? defaultSummaryWriter(cx.runner))(summary);
  const waiting = result.decision === 'paused' && !p.stopping ? waitingNotice(result.state, plan, people) : undefined;
  // People must act for the release to go on: the one annotation a paused release makes.
  if (waiting !== undefined) cx.releaseLog.notice(waiting);
  if (refused) return refused;
  const outcome = outcomeOf(result, releaseId, undefined, p.checkRunId, p.stats);
  return command ? { ...outcome, details: { ...outcome.details, command: commandDetails(command, true) } } : outcome;
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

/**
 * A run that carries a person's command (input `command`): what was asked and by whom, and, when
 * another live driver holds the release, handing the command over to it.
 *
 * The command's run becomes the driver when the lease is free (src/modes/drive-release.ts): its
 * command is fed to the core first, checked by the driver like any other (driver/authorize.ts).
 * When a live driver holds the lease (a run job waiting with wait-for-people, or in the middle of
 * a bake), this run must not drive beside it: the command is already in that driver's inbox
 * (this run's title, driver/inbox.ts), so this run checks that its title carries the command and
 * that the holder reads the same workflow's runs, then waits a little for the ledger to show the
 * command taken, and says what came of it.
 */
import type { ModeOutcome, Settings } from '../action-io.js';
import type { Plan } from '../plan/types.js';
import { markdownText } from '../report/untrusted.js';
import type { GitHubAdapter } from '../github/port.js';
import type { CommandOrigin, CommandName, Event } from '../core/events.js';
import { shownName } from '../core/ledger-text.js';
import type { State } from '../core/state.js';
import { commandEventOf } from '../driver/inbox.js';
import { commandOutcome, notAdoptable, parseOperatorCommand, type CommandOf, type CommandOutcome } from '../driver/operator-command.js';
import type { CommandRun } from '../driver/ports.js';
import { parseHolder } from '../github/holder.js';
import { commandRunKey, parseCommandTitle } from '../plan/ids.js';
import { messageOf } from '../report/message.js';
import { runnerValueProblem, type RunnerEnv } from '../runner/env.js';
import { fail } from './release-target.js';
import { formatDuration } from '../plan/duration.js';

/** How long a command run waits for the live driver to take its command: three of its polls and some. */
const HAND_OVER_TIMEOUT_MS = 90_000;

/** The command this run carries, as the core will be fed it. */
export interface GivenCommand {
  name: CommandName;
  digest?: string;
  stage?: string;
  region?: string;
  reason?: string;
  /** GITHUB_ACTOR. */
  by: string;
  /** This run (absent outside Actions: then the command cannot be handed over). */
  origin?: CommandOrigin;
  /** As the settings say it (`approve`, `adopt-plan:1a2b3c`): for messages. */
  text: string;
}

/** The command given, if any, and who gives it; or why it cannot be taken (bad-input, bad-environment). */
export function readCommand(
  settings: Settings,
  runner: RunnerEnv,
  releaseId: string,
): { ok: true; command?: GivenCommand } | { ok: false; outcome: ModeOutcome } {
  if (settings.command === undefined) return { ok: true };
  const parsed = parseOperatorCommand(settings.command);
  if (parsed === undefined)
    return {
      ok: false,
      outcome: fail(
        'bad-input',
        `Invalid command '${settings.command}'. Expected one of approve, reject, abort, pause, resume, promote, retry, rollback, adopt-plan[:<digest>], override-freeze.`,
        releaseId,
      ),
    };
  // A person's command comes from dispatching the workflow: a push or schedule workflow that hard-codes one is nobody's decision.
  if (runner.eventName !== undefined && runner.eventName !== 'workflow_dispatch') {
    const why = `command ${settings.command} on release ${releaseId}: this run was started by event ${shownName(runner.eventName)}, not workflow_dispatch: a command comes from a person dispatching the release workflow`;
    return { ok: false, outcome: { decision: 'refused', reasonCode: 'run-unverified', releaseId, details: { reason: why }, failed: why } };
  }
  const noActor = runnerValueProblem(runner, 'actor', `the login of the person giving command '${settings.command}'`);
  if (noActor !== undefined || runner.actor === undefined)
    return { ok: false, outcome: fail('bad-environment', noActor ?? 'GITHUB_ACTOR is not set', releaseId) };
  const runId = runner.runId !== undefined && /^\d+$/.test(runner.runId) ? Number(runner.runId) : undefined;
  const attempt = runner.runAttempt !== undefined && /^\d+$/.test(runner.runAttempt) ? Number(runner.runAttempt) : 1;
  const triggeredBy = runner.triggeringActor;
  const origin: CommandOrigin | undefined =
    runId !== undefined ? { runId, attempt, ...(triggeredBy !== undefined && triggeredBy !== runner.actor ? { triggeredBy } : {}) } : undefined;
  return {
    ok: true,
    command: {
      name: parsed.name,
      ...(parsed.digest !== undefined ? { digest: parsed.digest } : {}),
      ...(settings.stage !== undefined ? { stage: settings.stage } : {}),
      ...(settings.region !== undefined ? { region: settings.region } : {}),
      ...(settings.reason !== undefined ? { reason: settings.reason } : {}),
      by: runner.actor,
      ...(origin ? { origin } : {}),
      text: settings.command,
    },
  };
}

/**
 * When the command was given: when GitHub created this run (one request; on failure the command
 * is judged as of now, with a warning). Undefined origin: outside Actions, nothing to read.
 */
export async function withRunFacts(c: GivenCommand, readRun: (runId: number) => Promise<CommandRun>, warn: (message: string) => void): Promise<GivenCommand> {
  if (!c.origin) return c;
  try {
    const run = await readRun(c.origin.runId);
    return run.createdAt > 0 ? { ...c, origin: { ...c.origin, createdAt: run.createdAt } } : c;
  } catch (err) {
    warn(`could not read this run (${c.origin.runId}) to learn when command ${c.text} was given: ${messageOf(err)}; it is judged as of now`);
    return c;
  }
}

/** The event the core is fed for the command (driver/inbox.ts commandEventOf: when it was given, within `floor` and `now`). */
export function commandEvent(c: GivenCommand, now: number, floor: number): Extract<Event, { type: 'command' }> {
  const { text: _text, ...asked } = c;
  return commandEventOf(asked, now, floor);
}

/** How the history names this command's one entry: by its run, else by who gave it (driver/operator-command.ts). */
export function ofCommand(c: GivenCommand): CommandOf {
  return c.origin ? { runId: c.origin.runId } : { by: c.by };
}

/** Refusal codes that change nothing and are no failure: the command had already been given. */
const UNCHANGED = new Set(['already-approved', 'already-paused']);

/** What a command run publishes when its command was refused (or had nothing left to do): undefined when it took effect. */
export function refusalOutcome(outcome: CommandOutcome, c: GivenCommand, releaseId: string): ModeOutcome | undefined {
  if (outcome.accepted) return undefined;
  const { reasonCode } = outcome;
  const message = `command ${c.text} by ${c.by} on release ${releaseId}${c.stage ? ` (stage ${c.stage})` : ''}${c.region ? ` (region ${c.region})` : ''}: ${outcome.message}`;
  const details = { command: commandDetails(c, false), reason: message };
  if (UNCHANGED.has(reasonCode)) return { decision: 'unchanged', reasonCode, releaseId, details };
  return { decision: 'refused', reasonCode, releaseId, details, failed: message };
}

/** The `command` field of the result JSON. */
export function commandDetails(c: GivenCommand, accepted: boolean): Record<string, unknown> {
  return {
    name: c.name,
    by: c.by,
    accepted,
    ...(c.stage !== undefined ? { stage: c.stage } : {}),
    ...(c.region !== undefined ? { region: c.region } : {}),
    ...(c.origin ? { runId: c.origin.runId, attempt: c.origin.attempt } : {}),
    ...(c.origin?.triggeredBy !== undefined ? { triggeredBy: c.origin.triggeredBy } : {}),
  };
}

/** What handing a command over needs from GitHub. */
export interface HandOverPorts {
  commandRun(runId: number): Promise<CommandRun>;
  /** The ledger's state now, lease or not (undefined: none, or unreadable). */
  peek(releaseId: string): Promise<unknown>;
  sleep(ms: number): Promise<void>;
  /** How long to wait for the driver to take the command, and how often to look. */
  ackTimeoutMs: number;
  ackEveryMs: number;
  monotonic: () => number;
  log: (message: string) => void;
}

/**
 * Another live driver holds the release (`holder`, its id; `leaseMessage`, what the ledger said):
 * hand the command over to it and say what came of it.
 */
export async function handOver(
  c: GivenCommand,
  releaseId: string,
  holder: string | undefined,
  leaseMessage: string,
  ports: HandOverPorts,
): Promise<ModeOutcome> {
  const refuse = (reasonCode: string, why: string): ModeOutcome => {
    const message = `command ${c.text} by ${c.by} on release ${releaseId}: ${why}`;
    return { decision: 'refused', reasonCode, releaseId, details: { command: commandDetails(c, false), reason: message }, failed: message };
  };
  if (!c.origin) return refuse('lease-held', `${leaseMessage} (outside a workflow run this command cannot be handed to it)`);
  const holderRun = holder !== undefined ? parseHolder(holder)?.runId : undefined;
  // Another job of this very run drives it: this run's title is that driver's own, not a command for it.
  if (holderRun === c.origin.runId) return refuse('lease-held', `${leaseMessage} (it is this run's own other job: the command cannot be handed to it)`);
  let own: CommandRun;
  try {
    own = await ports.commandRun(c.origin.runId);
  } catch (err) {
    return refuse('lease-held', `${leaseMessage}; this run (${c.origin.runId}) could not be read to hand the command over: ${messageOf(err)}`);
  }
  const titled = parseCommandTitle(own.title);
  const carried = titled?.ok === true && titled.command === c.text && titled.releaseId === releaseId && titled.stage === c.stage && titled.region === c.region;
  if (!carried)
    return refuse(
      'command-title-mismatch',
      `the release is being driven by another run, which reads commands from the titles of this workflow's runs, and this run's title ${shownName(own.title)} does not carry the command. ` +
        "Set the release workflow's run-name as workflows-examples/release.yml does, then give the command again",
    );
  if (holderRun !== undefined) {
    try {
      const driving = await ports.commandRun(holderRun);
      if (driving.workflowPath !== own.workflowPath)
        return refuse(
          'other-workflow',
          `the release is being driven by run ${holderRun} of ${shownName(driving.workflowPath)}, which does not read this workflow's runs (${shownName(own.workflowPath)}): give the command through ${shownName(driving.workflowPath)}`,
        );
    } catch (err) {
      ports.log(`could not read the run that holds release ${releaseId} (${holderRun}): ${messageOf(err)}; handing the command over anyway`);
    }
  }
  ports.log(`release ${releaseId} is being driven by another run; command ${c.text} was handed to it (this run's title); waiting for it to be taken`);
  return awaitTaken(c, releaseId, ports);
}

/** Waits for the ledger to show the command taken (accepted or refused) and says so; or that it is still on its way. */
async function awaitTaken(c: GivenCommand, releaseId: string, ports: HandOverPorts): Promise<ModeOutcome> {
  const origin = c.origin as CommandOrigin;
  const key = commandRunKey(origin.runId, origin.attempt);
  const until = ports.monotonic() + ports.ackTimeoutMs;
  for (;;) {
    let state: State | undefined;
    try {
      state = (await ports.peek(releaseId)) as State | undefined;
    } catch (err) {
      ports.log(`could not read the ledger of ${releaseId}: ${messageOf(err)}`);
    }
    if (state && Array.isArray(state.commandRuns) && state.commandRuns.includes(key) && Array.isArray(state.history)) {
      const taken = commandOutcome(state.history, ofCommand(c));
      const refused = refusalOutcome(taken, c, releaseId);
      if (refused) return refused;
      return {
        decision: 'accepted',
        reasonCode: 'taken-by-driver',
        releaseId,
        details: { command: commandDetails(c, true), reason: taken.message, status: state.status },
      };
    }
    if (ports.monotonic() >= until) break;
    await ports.sleep(ports.ackEveryMs);
  }
  return {
    decision: 'delivered',
    reasonCode: 'awaiting-driver',
    releaseId,
    details: {
      command: commandDetails(c, false),
      reason: `the run that drives release ${releaseId} has not taken command ${c.text} within ${formatDuration(ports.ackTimeoutMs)}; it reads its commands every poll and records each in the release's check run, where this one will show`,
    },
  };
}

export function adoptPrecheck(st: State, plan: Plan, command: GivenCommand): { reasonCode: string; message: string } | undefined {
  const why = notAdoptable(st, plan);
  return why === undefined
    ? undefined
    : { reasonCode: st.status === 'finished' ? 'release-finished' : 'nothing-to-adopt', message: `command ${command.text}: ${why}` };
}

/** A command for a release that cannot be opened: no such release, or nothing it could do there. Nothing was written. */
export function refusedBeforeOpening(command: GivenCommand, opened: { reasonCode: string; message: string }, releaseId: string): ModeOutcome {
  const reasonCode = opened.reasonCode === 'release-not-found' ? 'unknown-release' : opened.reasonCode;
  const message = `command ${command.text} by ${command.by} on release ${releaseId}: ${
    reasonCode === 'unknown-release'
      ? `there is no release ${releaseId} on this commit (${opened.message}); check the release id (the release-id output of the run that started it) and input sha`
      : opened.message
  }`;
  return { decision: 'refused', reasonCode, releaseId, details: { command: commandDetails(command, false), reason: message }, failed: message };
}

/** The first lines of a command run's job summary: what it did, or why it was refused. */
export function commandSummary(command: GivenCommand | undefined, refused: ModeOutcome | undefined): string {
  if (!command) return '';
  const what = `\`${command.name}\` by ${markdownText(command.by)}${command.stage ? ` for stage ${markdownText(command.stage)}` : ''}${command.region ? ` for region ${markdownText(command.region)}` : ''}`;
  if (!refused) return `**Command ${what}: accepted.** This run carried the release on from there.\n\n`;
  const why = typeof refused.details?.reason === 'string' ? refused.details.reason : refused.reasonCode;
  return `**Command ${what}: ${refused.decision} (\`${refused.reasonCode}\`).** ${markdownText(why)}\n\n`;
}

/** The GitHub calls and timing handing a command over needs (virtual time: short real waits). */
export function handOverPortsOf(github: GitHubAdapter, virtual: boolean, log: (message: string) => void): HandOverPorts {
  return {
    commandRun: (runId) => github.commandRun(runId),
    peek: (releaseId) => github.ledger.peek(releaseId),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    ackTimeoutMs: virtual ? 20_000 : HAND_OVER_TIMEOUT_MS,
    ackEveryMs: virtual ? 100 : 5_000,
    monotonic: () => performance.now(),
    log,
  };
}

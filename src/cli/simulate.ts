/**
 * `progressive-release simulate <plan> [--version v] [--scenario ...] [--seed n] [--json]`:
 * the whole release on the embedded default, no account or server (src/simulate/ holds the
 * emulated GitHub, metrics and clock; this is the command that composes them with the driver).
 * Exit codes (src/cli/exit-codes.ts): 0 promoted, 1 invalid plan, 2 bad usage, 3 paused (waiting
 * for a person), 4 failed, 5 rolled back.
 */
import { formatDiagnostic } from '../plan/diagnostics.js';
import { formatDuration } from '../plan/duration.js';
import { releaseIdOf } from '../plan/ids.js';
import { loadPlanFile } from '../plan/load.js';
import { plural } from '../plan/words.js';
import { planSize } from '../report/text.js';
import { oneLine } from '../report/untrusted.js';
import { SIMULATION_START, simulateRelease, type SimulationResult } from '../simulate/run.js';
import { addScenario, emptyScenario, SCENARIO_FORMS, type Scenario } from '../simulate/scenario.js';
import type { State } from '../core/state.js';
import type { Plan } from '../plan/types.js';
import { span, styled, type CliText, type Style } from './colour.js';
import { defaultIO, runCommand, UsageError, writeLines, type CliCommand, type CliIO } from './command.js';
import { SIMULATE_EXIT_CODES } from './exit-codes.js';
import { ProgressFormatter, progressHeader, textRegionTable, timeline } from './simulate-format.js';
import { personNotes } from './simulate-notes.js';

const USAGE = `usage: progressive-release simulate <plan> [--version v] [--scenario S]... [--seed n] [--json] [--quiet] [--verbose] [--no-auto-approve]
  scenarios: ${SCENARIO_FORMS.join(' | ')}
  exit codes: 0 promoted, 1 invalid plan, 2 bad usage, 3 paused, 4 failed, 5 rolled back`;

const HELP = `${USAGE}

Runs the whole release in memory: an emulated GitHub (deploy runs finish after a simulated
time), synthetic metrics around each gate's threshold (seeded noise) and a virtual clock.
  --scenario S        what goes wrong; repeat to combine. STEP is 1-based, as printed ("step 2"):
                        healthy                    nothing (the default)
                        regression=REGION[@STEP]   its stage's first gate degrades there from STEP on (default 1)
                        no-data=REGION             its queries return no series (the gate's onNoData applies; persisting, it rolls back)
                        no-data-gap=REGION         its first query of each gate returns no series, later ones answer
                        deploy-failure=REGION      its deploy run concludes failure
                        deploy-timeout=REGION      its deploy run never finishes (deploy.timeout trips)
                        rollback-failure=REGION    its rollback run fails (only matters if it is rolled back)
                        flaky-metrics              1 in 5 measurements is a backend error
                        slo-burn=REGION[@STEP]     its slo gates burn the error budget at ~30x in both windows from STEP on
                        budget-exhausted           the freeze finds 3% of the error budget left: nothing starts (exit 3)
                      what a person does (the simulated person: the plan's first approver). T is a
                      duration after the start, as in the plan (25m, 1h30m):
                        reject=STAGE               reject STAGE's approval instead of approving it (the release stops, touched regions roll back)
                        abort@T                    abort the release at T (every touched region rolls back)
                        pause@T                    pause at T: nothing new starts (exit 3 unless a resume follows)
                        resume@T                   resume a paused release at T
                        override-freeze@T          override the release freeze at T (recorded with who and when)
                        retry=REGION               retry REGION once, 5m after it failed and was rolled back; its scripted
                                                   failure was transient and does not happen again (with deploy-failure=REGION)
  --version v         what is released (default 1.0.0)
  --seed n            noise and run durations (default 1); the same seed gives the same output
  --json              the final decision, reason and state (with its history) as JSON
  --quiet             no progress lines; only the region table, timeline and verdict
  --verbose           also every individual measurement, and events the core ignored (an answer that no
                      longer fits, e.g. a deploy run finishing after its region began rolling back)
  --no-auto-approve   stop (exit 3) at the first stage approval instead of approving as a simulated person
                      (a reject=STAGE still rejects that stage)
`;

const options = {
  version: { type: 'string', expects: 'a value, e.g. --version 1.4.2' },
  scenario: { type: 'string', multiple: true, expects: `a value: ${SCENARIO_FORMS.join(' | ')}` },
  seed: { type: 'string', expects: 'a value: a non-negative integer, e.g. --seed 42' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'no-auto-approve': { type: 'boolean' },
} as const;

export const simulateCliCommand: CliCommand<typeof options> = {
  spec: { name: 'simulate', options, takesPlan: true },
  usage: USAGE,
  help: HELP,
  run: async ({ plan: file, values }, io) => {
    const seedText = values.seed ?? '1';
    if (!/^\d{1,9}$/.test(seedText)) throw new UsageError(`invalid --seed '${seedText}'. Expected a non-negative integer, e.g. --seed 42`);
    return simulate(
      {
        plan: file,
        version: values.version ?? '1.0.0',
        scenarios: values.scenario,
        seed: Number(seedText),
        json: values.json,
        quiet: values.quiet,
        verbose: values.verbose,
        autoApprove: !values['no-auto-approve'],
      },
      io,
    );
  },
};

/** Runs `simulate` with `argv` (after the command's name); returns the exit code. Never calls process.exit (the CLI does). */
export async function simulateCommand(argv: string[], io: CliIO = defaultIO): Promise<number> {
  return runCommand(simulateCliCommand, argv, io);
}

interface Args {
  plan: string;
  version: string;
  scenarios: string[];
  seed: number;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  autoApprove: boolean;
}

async function simulate(args: Args, io: CliIO): Promise<number> {
  const loaded = loadPlanFile(args.plan);
  writeLines(io, loaded.diagnostics.map(formatDiagnostic), 4, 'err');
  const plan = loaded.plan;
  if (!plan) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`${args.plan}: ${plural(errors, 'error')}; nothing simulated\n`);
    return SIMULATE_EXIT_CODES['invalid-plan'];
  }
  const scenario = emptyScenario();
  const regions = new Map(plan.stages.flatMap((s) => s.regions.map((r) => [r, s.steps.length] as const)));
  const stages = new Set(plan.stages.map((s) => s.name));
  for (const text of args.scenarios) {
    const err = addScenario(scenario, text, regions, stages);
    if (err) throw new UsageError(err);
  }
  const releaseId = releaseIdOf(plan.name, args.version);
  const human = !args.json;
  const start = SIMULATION_START;
  const progress = new ProgressFormatter(start, args.verbose, plan);
  if (human) {
    // Say up front that nothing real happens, and what the columns are: the first thing a new user reads.
    writeLines(io, [`Simulating ${releaseId}: ${planSize(plan)}; emulated GitHub, synthetic metrics, virtual clock (seed ${args.seed}). Nothing is deployed.`]);
    if (!args.quiet) writeLines(io, progressHeader(io.width), 0);
  }
  const result = await simulateRelease({
    plan,
    version: args.version,
    releaseId,
    scenario,
    seed: args.seed,
    autoApprove: args.autoApprove,
    recordEvents: false,
    ...(human && !args.quiet
      ? {
          onTransition: (e) => {
            const lines = progress.lines(e, io.width);
            if (lines) writeLines(io, lines, 0);
          },
        }
      : {}),
  });
  const notes = [...unusedScenarios(scenario, result.state), ...personNotes(scenario, result)];
  writeLines(
    io,
    notes.map((note) => `note: ${note}`),
    6,
    'err',
  );
  printOutcome(result, args, plan, io);
  return SIMULATE_EXIT_CODES[result.decision];
}

const DECISION_STYLE: Record<SimulationResult['decision'], Style> = {
  promoted: 'passed',
  paused: 'attention',
  failed: 'failed',
  continue: 'failed',
  'rolled-back': 'failed',
};

/** The verdict: the state as JSON, or the region table, the timeline, the verdict and what to try next. */
function printOutcome(result: SimulationResult, args: Args, plan: Plan, io: CliIO): void {
  const start = result.start;
  if (args.json) {
    io.out(`${JSON.stringify({ decision: result.decision, reasonCode: result.reasonCode, reason: result.reason, state: result.state }, null, 2)}\n`);
  } else {
    const elapsed = result.state.now - start;
    const bold = (title: string) => styled(span('bold', title));
    writeLines(io, ['', bold('Regions'), ...textRegionTable(result.state, plan, start, io.width), '', bold('Timeline')]);
    writeLines(io, [...timeline(result.state, start, 60, io.width), ''], 0);
    const verdict = styled(
      span(DECISION_STYLE[result.decision], `${result.decision.toUpperCase()} (${result.reasonCode})`),
      ` after ${formatDuration(elapsed)} of simulated time: ${oneLine(result.reason)}`,
    );
    const after: CliText[] = [verdict];
    if (args.scenarios.every((t) => t === 'healthy') && result.decision === 'promoted') {
      const example = plan.stages[plan.stages.length > 1 ? 1 : 0]?.regions[0] ?? 'REGION';
      const steps = plan.stages.find((st) => st.regions.includes(example))?.steps.length ?? 1;
      after.push(`Next: watch a gate fail and a rollback with --scenario regression=${example}${steps > 1 ? '@2' : ''}; --help lists every scenario.`);
    }
    // In a real release a person now approves or rejects (approval event or command); simulate stops here.
    if (result.decision === 'paused') after.push(pausedHint(result.reasonCode));
    writeLines(io, after);
  }
}

/**
 * Scenario parts that never came into play, so a user who asked for `rollback-failure=X` and got
 * PROMOTED learns why instead of doubting the tool.
 */
export function unusedScenarios(s: Scenario, state: State): string[] {
  const notes: string[] = [];
  const rolledBack = new Set(state.history.filter((h) => h.kind === 'rollback-dispatched').map((h) => h.region));
  for (const region of s.rollbackFailures) {
    if (!rolledBack.has(region))
      notes.push(
        `--scenario rollback-failure=${region} had no effect: no rollback of ${region} was needed. Combine it with a failure that triggers one, e.g. --scenario regression=${region}`,
      );
  }
  const parts: Array<[string, Iterable<string>]> = [
    ['regression', s.regressions.keys()],
    ['no-data', s.noData],
    ['no-data-gap', s.noDataGaps],
    ['quiet', s.quiet],
    ['deploy-failure', s.deployFailures],
    ['deploy-timeout', s.deployTimeouts],
  ];
  // Missing data in a region the freeze read had its effect there (the budget read), though the region never started.
  const readByFreeze = new Set(state.history.filter((h) => h.kind === 'release-frozen' || h.kind === 'freeze-lifted').map((h) => h.region));
  for (const [kind, regions] of parts) {
    for (const region of regions) {
      const r = state.regions[region];
      if (kind.startsWith('no-data') && readByFreeze.has(region)) continue;
      if (r && r.touchedSeq === undefined) notes.push(`--scenario ${kind}=${region} had no effect: ${region} ${r.skippedReason ?? 'never started'}`);
    }
  }
  return notes;
}

/** What the person asked for at a pause decides, by why the release paused (see docs/engine.md). */
export function pausedHint(reasonCode: string): string {
  if (reasonCode === 'stage-approval-required') {
    return 'A person decides now: approve (the stage starts) or reject (the release stops and every touched region is rolled back). simulate stops here (--no-auto-approve; --scenario reject=STAGE rejects instead).';
  }
  if (reasonCode === 'error-budget-exhausted' || reasonCode === 'error-budget-unknown')
    return 'The release freeze holds it: no stage starts until the error budget is read at or above the floor (read again by itself every few minutes, and on every resume) or a person gives override-freeze (recorded with who and when). simulate stops here (--scenario override-freeze@T overrides it at T).';
  if (reasonCode === 'held')
    return 'The release is held by a pause command; resume lets new steps start again. simulate stops here (--scenario resume@T resumes it at T).';
  return 'A person decides now: approve (the bake goes on) or reject (the region fails and the failure budget applies). simulate stops here.';
}

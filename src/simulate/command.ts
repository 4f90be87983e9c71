/**
 * `progressive-release simulate <plan> [--version v] [--scenario ...] [--seed n] [--json]`:
 * the whole release on the embedded default, no account or server. Exit codes: 0 promoted,
 * 2 rolled back, 3 paused (waiting for a person), 4 failed, 1 bad usage or invalid plan.
 */
import { formatDiagnostic } from '../plan/diagnostics.js';
import { formatDuration } from '../plan/duration.js';
import { releaseIdOf } from '../plan/ids.js';
import { loadPlanFile } from '../plan/load.js';
import { planSize, plural } from '../report/text.js';
import { guardLog } from '../report/untrusted.js';
import { ProgressFormatter, progressHeader, regionTable, timeline } from './format.js';
import { SIMULATION_START, simulateRelease } from './run.js';
import { addScenario, emptyScenario, SCENARIO_FORMS, type Scenario } from './scenario.js';
import type { State } from '../core/state.js';

export interface CommandIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const EXIT_CODES = { promoted: 0, usage: 1, 'rolled-back': 2, paused: 3, failed: 4, continue: 4 } as const;

const USAGE = `usage: progressive-release simulate <plan> [--version v] [--scenario S]... [--seed n] [--json] [--quiet] [--verbose] [--no-auto-approve]
  scenarios: ${SCENARIO_FORMS.join(' | ')}
  exit codes: 0 promoted, 2 rolled back, 3 paused, 4 failed, 1 bad usage or invalid plan`;

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
  --version v         what is released (default 1.0.0)
  --seed n            noise and run durations (default 1); the same seed gives the same output
  --json              the final decision, reason and state (with its history) as JSON
  --quiet             no progress lines; only the region table, timeline and verdict
  --verbose           also every individual measurement
  --no-auto-approve   stop (exit 3) at the first stage approval instead of approving as a simulated person`;

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

function parseArgs(argv: string[]): Args | string {
  const out: Args = { plan: '', version: '1.0.0', scenarios: [], seed: 1, json: false, quiet: false, verbose: false, autoApprove: true };
  const rest = [...argv];
  if (rest[0] === 'simulate') rest.shift();
  while (rest.length > 0) {
    const arg = rest.shift() ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    // `--version --json` must not release a version called "--json": a following flag is no value.
    const value = (): string | undefined => {
      if (eq > 0) return arg.slice(eq + 1);
      if (rest[0] === undefined || rest[0].startsWith('--')) return undefined;
      return rest.shift();
    };
    switch (flag) {
      case '--version': {
        const v = value();
        if (!v) return '--version needs a value, e.g. --version 1.4.2';
        out.version = v;
        break;
      }
      case '--scenario': {
        const v = value();
        if (!v) return `--scenario needs a value: ${SCENARIO_FORMS.join(' | ')}`;
        out.scenarios.push(v);
        break;
      }
      case '--seed': {
        const v = value();
        if (!v) return '--seed needs a value: a non-negative integer, e.g. --seed 42';
        if (!/^\d{1,9}$/.test(v)) return `invalid --seed '${v}'. Expected a non-negative integer, e.g. --seed 42`;
        out.seed = Number(v);
        break;
      }
      case '--json':
        out.json = true;
        break;
      case '--quiet':
        out.quiet = true;
        break;
      case '--verbose':
        out.verbose = true;
        break;
      case '--no-auto-approve':
        out.autoApprove = false;
        break;
      case '--help':
      case '-h':
        return '';
      default:
        if (arg.startsWith('-')) return `unknown option '${arg}'`;
        if (out.plan) return `unexpected argument '${arg}': only one plan file`;
        out.plan = arg;
    }
  }
  if (!out.plan) return 'missing <plan>: the path of a release plan, e.g. .github/release-plan.yml';
  return out;
}

/** Runs `simulate`; returns the exit code. Never calls process.exit (the CLI does). */
export async function simulateCommand(argv: string[], io: CommandIO = { stdout: (s) => process.stdout.write(guardLog(s)), stderr: (s) => process.stderr.write(guardLog(s)) }): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    // --help is an answer (stdout, 0); a usage error is a complaint (stderr, 1).
    if (!args) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    io.stderr(`progressive-release simulate: ${args}\n${USAGE}\n`);
    return EXIT_CODES.usage;
  }
  const loaded = loadPlanFile(args.plan);
  for (const d of loaded.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  const plan = loaded.plan;
  if (!plan) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    io.stderr(`${args.plan}: ${plural(errors, 'error')}; nothing simulated\n`);
    return EXIT_CODES.usage;
  }
  const scenario = emptyScenario();
  const regions = new Map(plan.stages.flatMap((s) => s.regions.map((r) => [r, s.steps.length] as const)));
  for (const text of args.scenarios) {
    const err = addScenario(scenario, text, regions);
    if (err) {
      io.stderr(`progressive-release simulate: ${err}\n`);
      return EXIT_CODES.usage;
    }
  }
  const releaseId = releaseIdOf(plan.name, args.version);
  const human = !args.json;
  const start = SIMULATION_START;
  const progress = new ProgressFormatter(start, args.verbose, plan);
  if (human) {
    // Say up front that nothing real happens, and what the columns are: the first thing a new user reads.
    io.stdout(`Simulating ${releaseId}: ${planSize(plan)}; emulated GitHub, synthetic metrics, virtual clock (seed ${args.seed}). Nothing is deployed.\n`);
    if (!args.quiet) io.stdout(`${progressHeader()}\n`);
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
            const line = progress.line(e);
            if (line) io.stdout(`${line}\n`);
          },
        }
      : {}),
  });
  for (const note of unusedScenarios(scenario, result.state)) io.stderr(`note: ${note}\n`);
  if (args.json) {
    io.stdout(`${JSON.stringify({ decision: result.decision, reasonCode: result.reasonCode, reason: result.reason, state: result.state }, null, 2)}\n`);
  } else {
    const elapsed = result.state.now - start;
    io.stdout(`\nRegions\n${regionTable(result.state, plan, start)}\n\nTimeline\n${timeline(result.state, start)}\n\n`);
    io.stdout(`${result.decision.toUpperCase()} (${result.reasonCode}) after ${formatDuration(elapsed)} of simulated time: ${result.reason}\n`);
    if (args.scenarios.every((t) => t === 'healthy') && result.decision === 'promoted') {
      const example = plan.stages[plan.stages.length > 1 ? 1 : 0]?.regions[0] ?? 'REGION';
      const steps = plan.stages.find((st) => st.regions.includes(example))?.steps.length ?? 1;
      io.stdout(`Next: watch a gate fail and a rollback with --scenario regression=${example}${steps > 1 ? '@2' : ''}; --help lists every scenario.\n`);
    }
    if (result.decision === 'paused') {
      // In a real release a person now approves or rejects (approval event or command); simulate stops here.
      io.stdout(`${pausedHint(result.reasonCode)}\n`);
    }
  }
  return EXIT_CODES[result.decision];
}

/**
 * Scenario parts that never came into play, so a user who asked for `rollback-failure=X` and got
 * PROMOTED learns why instead of doubting the tool.
 */
export function unusedScenarios(s: Scenario, state: State): string[] {
  const notes: string[] = [];
  const rolledBack = new Set(state.history.filter((h) => h.kind === 'rollback-dispatched').map((h) => h.region));
  for (const region of s.rollbackFailures) {
    if (!rolledBack.has(region)) notes.push(`--scenario rollback-failure=${region} had no effect: no rollback of ${region} was needed. Combine it with a failure that triggers one, e.g. --scenario regression=${region}`);
  }
  const parts: Array<[string, Iterable<string>]> = [['regression', s.regressions.keys()], ['no-data', s.noData], ['no-data-gap', s.noDataGaps], ['deploy-failure', s.deployFailures], ['deploy-timeout', s.deployTimeouts]];
  for (const [kind, regions] of parts) {
    for (const region of regions) {
      const r = state.regions[region];
      if (r && r.touchedSeq === undefined) notes.push(`--scenario ${kind}=${region} had no effect: ${region} ${r.skippedReason ?? 'never started'}`);
    }
  }
  return notes;
}

/** What the person asked for at a pause decides, by why the release paused (see docs/engine.md). */
export function pausedHint(reasonCode: string): string {
  if (reasonCode === 'stage-approval-required') {
    return 'A person decides now: approve (the stage starts) or reject (the release stops and every touched region is rolled back). simulate stops here (--no-auto-approve).';
  }
  if (reasonCode === 'held') return 'The release is held by a pause command; resume lets new steps start again. simulate stops here.';
  return 'A person decides now: approve (the bake goes on) or reject (the region fails and the failure budget applies). simulate stops here.';
}

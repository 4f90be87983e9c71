/**
 * Scenarios script what goes wrong in a simulated release, and what the simulated person does
 * about it. Several may be combined (`--scenario regression=eu-west-1@2 --scenario flaky-metrics`).
 * Step numbers are 1-based, like the `step N` printed in progress lines, tables and summaries;
 * times (`abort@25m`) are durations after the release started, written as in the plan.
 */
import { parseDuration } from '../plan/duration.js';

/** A command the simulated person gives at a time of their own, whatever the release is doing. */
export interface TimedCommand {
  name: 'abort' | 'pause' | 'resume' | 'override-freeze';
  /** After the start, in ms. */
  afterMs: number;
  /** The --scenario text, for the reason and the notes. */
  text: string;
}

export interface Scenario {
  /**
   * region -> first step INDEX (0-based, as in the core's state) at which its first gate degrades
   * (a fixed threshold well past; a comparison gate's canary at 1.5x its baseline).
   * The command line takes the 1-based step number printed everywhere else (`@1` is the first step).
   */
  regressions: Map<string, number>;
  noData: Set<string>;
  /** Regions whose traffic is below every comparison gate's minVolume (a quiet region: no data, never noise). */
  quiet: Set<string>;
  /** Regions whose first query of each gate has no data; later ones answer (a scrape gap). */
  noDataGaps: Set<string>;
  deployFailures: Set<string>;
  /** Deploy runs that never finish (the run timeout trips). */
  deployTimeouts: Set<string>;
  rollbackFailures: Set<string>;
  /** Probability that a measurement is a backend error. */
  flakyRate: number;
  /** Stages whose approval the simulated person rejects instead of approving (reject=STAGE). */
  rejects: Set<string>;
  /** abort@T, pause@T, resume@T, in time order (the order given when two share a time). */
  commands: TimedCommand[];
  /**
   * Regions the person retries once after they failed and were rolled back (retry=REGION). The
   * failure scripted for the region (deploy-failure, deploy-timeout, regression, no-data) was
   * transient: it is over by the retry, which deploys and bakes as a healthy region.
   */
  retries: Set<string>;
  /** region -> first step INDEX from which its slo gates burn the error budget fast in both windows (slo-burn=REGION[@STEP]). */
  sloBurns: Map<string, number>;
  /** The freeze's budget reads find less than the floor left (budget-exhausted): the release holds until override-freeze@T. */
  budgetExhausted: boolean;
}

export const SCENARIO_FORMS = [
  'healthy',
  'regression=REGION[@STEP]',
  'no-data=REGION',
  'no-data-gap=REGION',
  'quiet=REGION',
  'deploy-failure=REGION',
  'deploy-timeout=REGION',
  'rollback-failure=REGION',
  'flaky-metrics',
  'reject=STAGE',
  'abort@T',
  'pause@T',
  'resume@T',
  'retry=REGION',
  'slo-burn=REGION[@STEP]',
  'budget-exhausted',
  'override-freeze@T',
] as const;

export function emptyScenario(): Scenario {
  return {
    regressions: new Map(),
    noData: new Set(),
    quiet: new Set(),
    noDataGaps: new Set(),
    deployFailures: new Set(),
    deployTimeouts: new Set(),
    rollbackFailures: new Set(),
    flakyRate: 0,
    rejects: new Set(),
    commands: [],
    retries: new Set(),
    sloBurns: new Map(),
    budgetExhausted: false,
  };
}

/** A copy the simulation may change as it goes (a retried region's failure is over) without touching the caller's. */
export function copyScenario(s: Scenario): Scenario {
  return {
    regressions: new Map(s.regressions),
    noData: new Set(s.noData),
    quiet: new Set(s.quiet),
    noDataGaps: new Set(s.noDataGaps),
    deployFailures: new Set(s.deployFailures),
    deployTimeouts: new Set(s.deployTimeouts),
    rollbackFailures: new Set(s.rollbackFailures),
    flakyRate: s.flakyRate,
    rejects: new Set(s.rejects),
    commands: [...s.commands],
    retries: new Set(s.retries),
    sloBurns: new Map(s.sloBurns),
    budgetExhausted: s.budgetExhausted,
  };
}

/** What a retried region's scripted failure was: it is over when the person retries (see Scenario.retries). */
export function endFailuresOf(s: Scenario, region: string): void {
  s.regressions.delete(region);
  s.noData.delete(region);
  s.quiet.delete(region);
  s.noDataGaps.delete(region);
  s.deployFailures.delete(region);
  s.deployTimeouts.delete(region);
  s.sloBurns.delete(region);
}

const REGION_KINDS: ReadonlySet<string> = new Set([
  'regression',
  'slo-burn',
  'no-data',
  'no-data-gap',
  'quiet',
  'deploy-failure',
  'deploy-timeout',
  'rollback-failure',
  'retry',
]);
const REGION_RE = /^[a-z][a-z0-9-]{0,62}$/;
const TIMED = /^(abort|pause|resume|override-freeze)@(.*)$/;

/** abort@T, pause@T, resume@T: T a duration after the start (`25m`, `1h30m`). */
function addTimed(s: Scenario, text: string, name: TimedCommand['name'], when: string): string | undefined {
  const afterMs = parseDuration(when);
  if (afterMs === undefined) return `--scenario '${text}': '${when}' is not a duration; write ${name}@T with T such as 25m, 2h or 1h30m (after the start)`;
  // Stable by time: two commands at the same time are given in the order written.
  s.commands.push({ name, afterMs, text });
  s.commands.sort((a, b) => a.afterMs - b.afterMs);
  return undefined;
}

function addReject(s: Scenario, text: string, stage: string, stages: ReadonlySet<string>): string | undefined {
  if (stage === '') return `--scenario '${text}' needs a stage: reject=STAGE`;
  if (!stages.has(stage)) return `--scenario '${text}': stage '${stage}' is not in the plan (stages: ${sample([...stages])})`;
  s.rejects.add(stage);
  return undefined;
}

/**
 * Adds one `--scenario` value; returns an error message naming the expected form, or undefined.
 * `regions` maps each region of the plan to its number of steps; `stages` names the plan's stages.
 */
export function addScenario(s: Scenario, text: string, regions: ReadonlyMap<string, number>, stages: ReadonlySet<string> = new Set()): string | undefined {
  if (text === 'healthy') return undefined;
  if (text === 'budget-exhausted') {
    s.budgetExhausted = true;
    return undefined;
  }
  if (text === 'flaky-metrics') {
    s.flakyRate = 0.2;
    return undefined;
  }
  const timed = TIMED.exec(text);
  if (timed) return addTimed(s, text, timed[1] as TimedCommand['name'], timed[2] ?? '');
  if (text === 'reject' || text.startsWith('reject=')) return addReject(s, text, text.slice('reject='.length), stages);
  const eq = text.indexOf('=');
  const kind = eq < 0 ? text : text.slice(0, eq);
  const arg = eq < 0 ? '' : text.slice(eq + 1);
  const bad = `invalid --scenario '${text}'. Expected one of: ${SCENARIO_FORMS.join(', ')}`;
  if (!REGION_KINDS.has(kind)) return bad;
  if (arg === '') return `--scenario '${text}' needs a region: ${kind}=REGION${kind === 'regression' || kind === 'slo-burn' ? '[@STEP]' : ''}`;
  let region = arg;
  // 1-based step number as the user reads it in the output; converted to an index below.
  let step = 1;
  if (kind === 'regression' || kind === 'slo-burn') {
    const m = /^([^@]+)(?:@(\d{1,4}))?$/.exec(arg);
    if (!m) return bad;
    region = m[1] ?? '';
    step = m[2] !== undefined ? Number(m[2]) : 1;
  } else if (arg.includes('@')) {
    return `--scenario '${text}': only regression and slo-burn take @STEP; write ${kind}=REGION`;
  }
  if (!REGION_RE.test(region)) return bad;
  const steps = regions.get(region);
  if (steps === undefined) return `--scenario '${text}': region '${region}' is not in the plan (regions: ${sample([...regions.keys()])})`;
  if (step < 1 || step > steps) return `--scenario '${text}': ${region} has no step ${step}; its steps are 1 to ${steps}`;
  switch (kind) {
    case 'regression':
      s.regressions.set(region, step - 1);
      return undefined;
    case 'slo-burn':
      s.sloBurns.set(region, step - 1);
      return undefined;
    case 'no-data':
      s.noData.add(region);
      return undefined;
    case 'no-data-gap':
      s.noDataGaps.add(region);
      return undefined;
    case 'quiet':
      s.quiet.add(region);
      return undefined;
    case 'deploy-failure':
      s.deployFailures.add(region);
      return undefined;
    case 'deploy-timeout':
      s.deployTimeouts.add(region);
      return undefined;
    case 'rollback-failure':
      s.rollbackFailures.add(region);
      return undefined;
    case 'retry':
      s.retries.add(region);
      return undefined;
    default:
      return bad;
  }
}

/** A short list for an error message: big plans have hundreds of regions. */
function sample(names: string[], max = 8): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, ... ${names.length - max} more`;
}

/**
 * Scenarios script what goes wrong in a simulated release. Several may be combined
 * (`--scenario regression=eu-west-1@2 --scenario flaky-metrics`). Step numbers are 1-based, like
 * the `step N` printed in progress lines, tables and summaries.
 */

export interface Scenario {
  /**
   * region -> first step INDEX (0-based, as in the core's state) at which its first gate degrades.
   * The command line takes the 1-based step number printed everywhere else (`@1` is the first step).
   */
  regressions: Map<string, number>;
  noData: Set<string>;
  /** Regions whose first query of each gate has no data; later ones answer (a scrape gap). */
  noDataGaps: Set<string>;
  deployFailures: Set<string>;
  /** Deploy runs that never finish (the run timeout trips). */
  deployTimeouts: Set<string>;
  rollbackFailures: Set<string>;
  /** Probability that a measurement is a backend error. */
  flakyRate: number;
}

export const SCENARIO_FORMS = [
  'healthy',
  'regression=REGION[@STEP]',
  'no-data=REGION',
  'no-data-gap=REGION',
  'deploy-failure=REGION',
  'deploy-timeout=REGION',
  'rollback-failure=REGION',
  'flaky-metrics',
] as const;

export function emptyScenario(): Scenario {
  return {
    regressions: new Map(),
    noData: new Set(),
    noDataGaps: new Set(),
    deployFailures: new Set(),
    deployTimeouts: new Set(),
    rollbackFailures: new Set(),
    flakyRate: 0,
  };
}

const REGION_KINDS: ReadonlySet<string> = new Set(['regression', 'no-data', 'no-data-gap', 'deploy-failure', 'deploy-timeout', 'rollback-failure']);
const REGION_RE = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Adds one `--scenario` value; returns an error message naming the expected form, or undefined.
 * `regions` maps each region of the plan to its number of steps.
 */
export function addScenario(s: Scenario, text: string, regions: ReadonlyMap<string, number>): string | undefined {
  if (text === 'healthy') return undefined;
  if (text === 'flaky-metrics') {
    s.flakyRate = 0.2;
    return undefined;
  }
  const eq = text.indexOf('=');
  const kind = eq < 0 ? text : text.slice(0, eq);
  const arg = eq < 0 ? '' : text.slice(eq + 1);
  const bad = `invalid --scenario '${text}'. Expected one of: ${SCENARIO_FORMS.join(', ')}`;
  if (!REGION_KINDS.has(kind)) return bad;
  if (arg === '') return `--scenario '${text}' needs a region: ${kind}=REGION${kind === 'regression' ? '[@STEP]' : ''}`;
  let region = arg;
  // 1-based step number as the user reads it in the output; converted to an index below.
  let step = 1;
  if (kind === 'regression') {
    const m = /^([^@]+)(?:@(\d{1,4}))?$/.exec(arg);
    if (!m) return bad;
    region = m[1] ?? '';
    step = m[2] !== undefined ? Number(m[2]) : 1;
  } else if (arg.includes('@')) {
    return `--scenario '${text}': only regression takes @STEP; write ${kind}=REGION`;
  }
  if (!REGION_RE.test(region)) return bad;
  const steps = regions.get(region);
  if (steps === undefined) return `--scenario '${text}': region '${region}' is not in the plan (regions: ${sample([...regions.keys()])})`;
  if (step < 1 || step > steps) return `--scenario '${text}': ${region} has no step ${step}; its steps are 1 to ${steps}`;
  switch (kind) {
    case 'regression':
      s.regressions.set(region, step - 1);
      return undefined;
    case 'no-data':
      s.noData.add(region);
      return undefined;
    case 'no-data-gap':
      s.noDataGaps.add(region);
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
    default:
      return bad;
  }
}

/** A short list for an error message: big plans have hundreds of regions. */
function sample(names: string[], max = 8): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, ... ${names.length - max} more`;
}

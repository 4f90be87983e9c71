/**
 * Scenarios script what goes wrong in a simulated release. Several may be combined
 * (`--scenario regression=eu-west-1@1 --scenario flaky-metrics`).
 */

export interface Scenario {
  /** region -> first step index at which its first gate degrades (0: from the start). */
  regressions: Map<string, number>;
  noData: Set<string>;
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
  'deploy-failure=REGION',
  'deploy-timeout=REGION',
  'rollback-failure=REGION',
  'flaky-metrics',
] as const;

export function emptyScenario(): Scenario {
  return { regressions: new Map(), noData: new Set(), deployFailures: new Set(), deployTimeouts: new Set(), rollbackFailures: new Set(), flakyRate: 0 };
}

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
  let region = arg;
  let step = 0;
  if (kind === 'regression') {
    const m = /^([^@]+)(?:@(\d+))?$/.exec(arg);
    if (!m) return bad;
    region = m[1] ?? '';
    step = m[2] !== undefined ? Number(m[2]) : 0;
  }
  if (!REGION_RE.test(region)) return bad;
  const steps = regions.get(region);
  if (steps === undefined) return `--scenario '${text}': region '${region}' is not in the plan`;
  if (step >= steps) return `--scenario '${text}': step ${step} does not exist; ${region} has steps 0 to ${steps - 1}`;
  switch (kind) {
    case 'regression':
      s.regressions.set(region, step);
      return undefined;
    case 'no-data':
      s.noData.add(region);
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

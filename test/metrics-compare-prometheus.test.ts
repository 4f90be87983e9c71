/**
 * Comparison gates against the REAL Prometheus (issue 15): the driver and the core run a release
 * on a virtual clock set to the past, over samples written into Prometheus' TSDB beforehand
 * (promtool backfill), and read them through the real provider's query_range. A canary at 1.5x
 * its baseline's error ratio is rolled back while a fixed threshold above both passes every
 * measurement; a canary equal to its baseline is promoted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelease } from '../src/driver/interpreter.js';
import { NO_DOUBTS, rolesOf } from '../src/driver/roles.js';
import { createMetricsPort } from '../src/metrics/registry.js';
import { VirtualClock } from '../src/simulate/clock.js';
import { EmulatedGitHub } from '../src/simulate/github.js';
import { emptyScenario } from '../src/simulate/scenario.js';
import type { Plan } from '../src/plan/types.js';
import { gate, makePlan, stage } from './support/plans.js';
import { startPrometheus, type PrometheusServer } from './support/prometheus.js';
import { compareGate, noise } from './support/comparison.js';

const MIN = 60_000;
const SAMPLE = 15_000;
// Whole hours, three hours ago: inside the retention, a block of its own beside the (empty) head.
const BASE = (Math.floor(Date.now() / 3_600_000) - 3) * 3_600_000;
const SPAN = 90 * MIN;

/** Error ratios: eu-west-1 at 1.5x the baseline, eu-central-1 equal to it; every region busy. */
function openMetrics(): string {
  const lines = ['# TYPE pr_cmp_error_ratio gauge'];
  const level: Record<string, number> = { 'us-east-1': 0.02, 'eu-west-1': 0.03, 'eu-central-1': 0.02 };
  for (const [region, v] of Object.entries(level)) {
    for (let t = BASE; t <= BASE + SPAN; t += SAMPLE)
      lines.push(`pr_cmp_error_ratio{region="${region}"} ${(v * (1 + 0.1 * noise(`${region}|${t}`))).toFixed(6)} ${t / 1000}`);
  }
  lines.push('# TYPE pr_cmp_requests gauge');
  for (const region of Object.keys(level)) for (let t = BASE; t <= BASE + SPAN; t += SAMPLE) lines.push(`pr_cmp_requests{region="${region}"} 50 ${t / 1000}`);
  lines.push('# EOF');
  return lines.join('\n');
}

let prom: PrometheusServer;
beforeAll(async () => {
  prom = await startPrometheus({ targets: [], backfill: openMetrics(), readyQuery: 'vector(1)' });
}, 60_000);
afterAll(async () => prom?.stop());

function planFor(canary: string): Plan {
  const query = 'last_over_time(pr_cmp_error_ratio{region="{{ region }}"}[1m])';
  const comparison = compareGate({}, { query, minVolume: { query: 'last_over_time(pr_cmp_requests{region="{{ region }}"}[1m])', min: 1 } });
  // A fixed threshold above both regions' error ratios: it passes the 1.5x canary.
  const fixed = gate('fixed-error-ratio', { query, max: 0.05 });
  const plan = makePlan({
    gates: [comparison, fixed],
    stages: [
      stage('canary', [canary], { gates: [comparison.name, fixed.name], steps: [{ traffic: 10, bakeMs: 20 * MIN }] }),
      stage('rest', ['us-east-1'], { gates: [], steps: [{ traffic: 100, bakeMs: 0 }] }),
    ],
  });
  plan.providers.prom = { type: 'prometheus', name: 'prom', url: prom.url, timeoutMs: 5000 } as Plan['providers'][string];
  return plan;
}

async function release(canary: string) {
  const clock = new VirtualClock(BASE);
  const github = new EmulatedGitHub({ clock, scenario: emptyScenario(), seed: 1 });
  const metrics = createMetricsPort({ providers: {} }, {}, { setSecret: () => {} });
  return runRelease({
    plan: planFor(canary),
    version: '1.0.0',
    releaseId: 'app-1.0.0',
    ref: 'refs/heads/main',
    ports: { ...rolesOf(github, NO_DOUBTS), metrics, clock },
    mode: 'run',
    initiator: 'test',
    inbox: [],
    pollIntervalMs: 30_000,
  });
}

describe('comparison gates against the real Prometheus', () => {
  it('rolls back a canary at 1.5x its baseline while a fixed threshold above both passes', async () => {
    const res = await release('eu-west-1');
    const failed = res.state.history.find((e) => e.kind === 'gate-failed');
    expect(res.decision, JSON.stringify(failed)).toBe('rolled-back');
    expect(failed).toMatchObject({ gate: 'error-ratio', region: 'eu-west-1', reasonCode: 'comparison-failed' });
    expect(failed?.reason).toMatch(/^canary 0\.0[23]\d* vs baseline 0\.0[12]\d* \(1\.[3-7]\d*x, n=\d+\/\d+\): above the 1\.2x \+ 0\.001 tolerance/);
    // The fixed threshold saw every one of its measurements within max 0.05.
    const fixed = res.state.history.filter((e) => e.kind === 'measurement' && e.gate === 'fixed-error-ratio');
    expect(fixed.length).toBeGreaterThan(3);
    expect(fixed.every((e) => e.reasonCode === 'within-threshold')).toBe(true);
  }, 60_000);

  it('promotes a canary equal to its baseline', async () => {
    const res = await release('eu-central-1');
    expect(res.decision, JSON.stringify(res.state.history.filter((e) => e.kind.startsWith('gate-')))).toBe('promoted');
    const passed = res.state.history.find((e) => e.kind === 'gate-passed' && e.gate === 'error-ratio');
    expect(passed).toMatchObject({ region: 'eu-central-1', reasonCode: 'comparison-passed' });
    expect(passed?.numbers).toMatchObject({ canaryN: 20, baselineN: 20 });
  }, 60_000);
});

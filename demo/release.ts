/**
 * A short release against a real Prometheus, shared by the integration test, the demo script
 * and the breach benchmark: the real core and driver, the in-process GitHub emulator (deploy
 * runs take a fraction of a second), the real metrics port and the wall clock.
 */
import type { HistoryEntry } from '../src/core/state.js';
import { createMetricsPort } from '../src/metrics/registry.js';
import { loadPlanText } from '../src/plan/load.js';
import type { Plan } from '../src/plan/types.js';
import { runRelease, type RunReleaseResult } from '../src/driver/interpreter.js';
import type { Clock } from '../src/driver/ports.js';
import { RealClock } from '../src/driver/real-clock.js';
import { NO_DOUBTS, rolesOf } from '../src/driver/roles.js';
import { EmulatedGitHub } from '../src/simulate/github.js';
import { emptyScenario } from '../src/simulate/scenario.js';

/** The error ratio of one region over the gate's window: 5xx rate / all requests rate (0 when healthy). */
export const ERROR_RATIO_QUERY =
  '(sum(rate(demo_requests_total{region="{{ region }}",code=~"5.."}[{{ window }}])) or vector(0)) / sum(rate(demo_requests_total{region="{{ region }}"}[{{ window }}]))';

export interface DemoPlanOptions {
  promUrl: string;
  regions?: string[];
  interval?: string;
  window?: string;
  bake?: string;
  max?: number;
  consecutiveErrorLimit?: number;
  /** Default ERROR_RATIO_QUERY. */
  query?: string;
}

/** The release plan of the demo: one canary stage, one step, an error-ratio gate on the real Prometheus. */
export function demoPlanText(o: DemoPlanOptions): string {
  return `name: shop
deploy:
  workflow: deploy.yml
  inputs:
    region: "{{ region }}"
    version: "{{ version }}"
    traffic: "{{ step.traffic }}"
rollback:
  workflow: rollback.yml
  inputs:
    region: "{{ region }}"
providers:
  prom:
    type: prometheus
    url: ${o.promUrl}
    timeout: 2s
gates:
  error-ratio:
    provider: prom
    query: '${o.query ?? ERROR_RATIO_QUERY}'
    max: ${o.max ?? 0.05}
    interval: ${o.interval ?? '2s'}
    window: ${o.window ?? '5s'}
    consecutiveErrorLimit: ${o.consecutiveErrorLimit ?? 1}
stages:
  - name: canary
    regions: [${(o.regions ?? ['eu-west-1', 'us-east-1']).join(', ')}]
    steps: [{traffic: 50, bake: ${o.bake ?? '10s'}}]
    gates: [error-ratio]
`;
}

/** Loads a plan text, failing loudly with the diagnostics. */
export function planOf(text: string): Plan {
  const loaded = loadPlanText(text, 'demo-release-plan.yml', { workflowsDir: false });
  if (!loaded.plan) throw new Error(`demo plan is invalid:\n${loaded.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n')}`);
  return loaded.plan;
}

export interface DemoReleaseOptions {
  plan: Plan;
  version?: string;
  onTransition?: (entry: HistoryEntry) => void;
  clock?: Clock;
  env?: Record<string, string | undefined>;
}

/** Runs the release to its end against the real metrics port; deploy runs take ~0.3 s. */
export async function runDemoRelease(o: DemoReleaseOptions): Promise<RunReleaseResult & { github: EmulatedGitHub }> {
  const clock = o.clock ?? new RealClock();
  const github = new EmulatedGitHub({ clock, scenario: emptyScenario(), seed: 1, runMs: 300 });
  const metrics = createMetricsPort(o.plan, o.env ?? {}, { setSecret: () => {} });
  const version = o.version ?? '1.4.2';
  const result = await runRelease({
    plan: o.plan,
    version,
    releaseId: `${o.plan.name}-${version}`,
    ref: 'refs/heads/main',
    ports: { ...rolesOf(github, NO_DOUBTS), metrics, clock },
    mode: 'run',
    pollIntervalMs: 100,
    ...(o.onTransition ? { onTransition: o.onTransition } : {}),
  });
  return { ...result, github };
}

/**
 * The verdict in one line: for each failed gate, the gate, region, the value read and the
 * threshold it broke (from the failing measurement), then the release's decision and reason.
 */
export function verdictLines(result: RunReleaseResult): string[] {
  const lines: string[] = [];
  for (const e of result.state.history) {
    if (e.kind !== 'gate-failed') continue;
    const failing = [...result.state.history].reverse().find((m) => m.kind === 'measurement' && m.gate === e.gate && m.region === e.region && m.at <= e.at);
    lines.push(`gate ${e.gate} failed in ${e.region}: ${failing?.reason ?? '?'}; ${e.reason}`);
  }
  lines.push(`release ${result.decision} (${result.reasonCode}): ${result.reason}`);
  return lines;
}

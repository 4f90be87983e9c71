/** The pre-flight of a comparison gate: its other queries are rendered and shown, and one value is not judged against a threshold it does not have. */
import { describe, expect, it } from 'vitest';
import { formatPreflight, preflight } from '../src/metrics/preflight-report.js';
import { loadPlanText } from '../src/plan/load.js';
import type { MetricsPort } from '../src/driver/ports.js';

const PLAN = `name: app
deploy:
  workflow: deploy.yml
providers:
  prom:
    type: prometheus
    url: https://prom.example.com
gates:
  error-ratio:
    provider: prom
    query: errors{region="{{ region }}"}
    compare:
      baselineQuery: errors{region="stable",v="{{ version }}"}
      max: baseline * 1.2
    minVolume:
      query: requests{region="{{ region }}"}
      min: 1
stages:
  - name: one
    regions: [eu-west-1]
    steps: [{traffic: 10, bake: 30m}]
    gates: [error-ratio]
`;

describe('pre-flight of a comparison gate', () => {
  it('renders the baseline and volume queries beside the gate query, and says it is judged over the bake', async () => {
    const plan = loadPlanText(PLAN, 'plan.yml', { workflowsDir: false }).plan!;
    const metrics: MetricsPort = { measure: async () => ({ kind: 'value', value: 0.02 }), measureRange: async () => ({ kind: 'error', message: 'not used' }) };
    const report = await preflight(plan, { version: 'v2', releaseId: 'app-v2', ref: 'main', metrics, at: Date.UTC(2026, 10, 23) });
    expect(report.checks[0]?.request).toBe('errors{region="eu-west-1"}\nerrors{region="stable",v="v2"}\nrequests{region="eu-west-1"}');
    expect(report.checks[0]?.verdict).toMatchObject({ phase: 'look', reason: 'compared with its baselineQuery over the bake, not judged on one value' });
    expect(report.ok).toBe(true);
    expect(formatPreflight(report)).toContain('today:   look: compared with its baselineQuery over the bake');
  });
});

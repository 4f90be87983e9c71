/**
 * The release's own metrics: one prom-client Registry (never the global one, so nothing else
 * in the process leaks into a push), its metric names, labels and buckets. Two families share it:
 *
 * - release series, rebuilt from the state each time they are rendered (metrics-from-state.ts):
 *   the state carries the release's whole history, so any invocation renders the same values
 *   for the same history and a push repeated by the next reconcile replaces, never adds;
 * - invocation series, counted as this job sends GitHub requests: the state does not hold
 *   them, so they speak for one invocation only (pushed in a group of their own, pushgateway.ts).
 *
 * Every label is bounded by the plan (stage, region, gate, step: a name the plan lacks is `other`,
 * metrics-from-state.ts) or by the code (outcome, phase,
 * reason code, method, route template, status class): no version, release id or run id, so a
 * repository with a thousand releases has the series of one.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Durations of steps, regions, stages and waits: a second up to a day (a bake is minutes to hours). */
const DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400];
/** From the core asking for a run to the run being found: seconds (return_run_details) to minutes (a busy queue). */
const LATENCY_BUCKETS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];
const REQUEST_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

/** A reason code as a label: the core writes them as short kebab words; anything else would be free text. */
export function codeLabel(code: string | undefined): string {
  return code !== undefined && /^[a-z0-9][a-z0-9._:-]{0,63}$/.test(code) ? code : 'other';
}

/**
 * A route as a label. The client reports the template it was called with, except for a URL it was
 * handed whole (a pagination `next` link: host, numeric ids, `?page=`): that one is cut to its path,
 * numbers become `{id}`, and anything else unexpected is `other`, so no id ever becomes a series.
 */
export function routeLabel(route: string): string {
  const path = route.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  const templated = path.replace(/\/\d+(?=\/|$)/g, '/{id}');
  return /^\/[A-Za-z0-9_.{}/-]{0,150}$/.test(templated) ? templated : 'other';
}

/** `2xx` .. `5xx`; `error` when no answer came (status 0: network failure, timeout). */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'error';
}

const P = 'progressive_release_';

function makers(registry: Registry) {
  return {
    gauge: <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
      new Gauge<L>({ name: `${P}${name}`, help, labelNames, registers: [registry] }),
    counter: <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
      new Counter<L>({ name: `${P}${name}`, help, labelNames, registers: [registry] }),
    histogram: <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]) =>
      new Histogram<L>({ name: `${P}${name}`, help, labelNames, buckets, registers: [registry] }),
  };
}

/** Rendered from the state (metrics-from-state.ts): labels are the plan's names and the core's codes. */
function releaseMetrics(registry: Registry) {
  const { gauge, histogram } = makers(registry);
  return {
    status: gauge('status', 'The release now: 1 for its status (pending, running, paused, stopping, finished), 0 for the others.', ['status']),
    outcome: gauge('outcome', 'The finished release: 1 for its outcome and reason code.', ['outcome', 'reason_code']),
    startedAt: gauge('started_timestamp_seconds', 'When the release started (release clock).'),
    finishedAt: gauge('finished_timestamp_seconds', 'When the release finished, by outcome (release clock).', ['outcome']),
    regions: gauge('regions', 'Regions of the release per phase.', ['phase']),
    traffic: gauge('region_traffic_percent', 'Traffic the release serves in a region now (0: not deployed, rolled back or skipped).', ['stage', 'region']),
    step: gauge('region_step', 'The step (1-based) a region is at or last reached; 0 before its first.', ['stage', 'region']),
    stageDuration: histogram('stage_duration_seconds', 'Stages from start to completion.', ['stage'], DURATION_BUCKETS),
    regionDuration: histogram(
      'region_duration_seconds',
      'Regions from their first deploy to their end, by how they ended (promoted, failed, rolled-back).',
      ['stage', 'outcome'],
      DURATION_BUCKETS,
    ),
    stepDuration: histogram('step_duration_seconds', 'Steps from their deploy to the step passing (bake included).', ['stage', 'step'], DURATION_BUCKETS),
    gateValue: gauge('gate_value', 'The last value a gate measured in a region.', ['stage', 'region', 'gate']),
    gateComparisonRatio: gauge('gate_comparison_ratio', "A comparison gate's canary mean over its baseline mean at its last look in a region.", [
      'stage',
      'region',
      'gate',
    ]),
    gateBurnRate: gauge('gate_burn_rate', "An slo gate's last burn rate in a region (error ratio over the error budget), per window (short, long).", [
      'stage',
      'region',
      'gate',
      'window',
    ]),
    errorBudgetRemaining: gauge(
      'error_budget_remaining',
      "The freeze's last read before a stage: the share of the SLO period's error budget left in the region with the least (region: that region, whose budget held or let the stage go).",
      ['stage', 'region'],
    ),
    gateThreshold: gauge('gate_threshold', "A gate's threshold from the plan (bound: min or max).", ['gate', 'bound']),
    gateMeasurements: gauge(
      'gate_measurements',
      "Measurements in the release's history by gate and verdict code (older ones may be compacted out of a long release's ledger).",
      ['stage', 'gate', 'reason_code'],
    ),
    gateVerdicts: gauge('gate_verdicts', 'Gate verdicts (passed, failed, inconclusive) per bake, over the release.', ['stage', 'gate', 'verdict']),
    rollbacks: gauge(
      'rollbacks',
      'Rollbacks dispatched over the release (a region retried and rolled back again counts twice), by cause (the reason code that failed the region or stopped the release).',
      ['stage', 'reason_code'],
    ),
    approvalWait: histogram(
      'approval_wait_seconds',
      'Time a stage or region waited for a person, from the request to what ended it (resolution: the reason code of the approval, rejection, timeout or stop).',
      ['scope', 'stage', 'resolution'],
      DURATION_BUCKETS,
    ),
    awaitingPeople: gauge('awaiting_people', 'Stages or regions waiting for a person now.', ['scope']),
    dispatchLatency: histogram(
      'dispatch_latency_seconds',
      'From the core deciding to dispatch a run to the driver knowing its run id (the run found or returned by the dispatch).',
      ['stage', 'kind'],
      LATENCY_BUCKETS,
    ),
  };
}

/** Counted as this job sends GitHub requests: one invocation's figures. */
function invocationMetrics(registry: Registry) {
  const { gauge, counter, histogram } = makers(registry);
  return {
    requests: counter('github_requests_total', 'GitHub requests this invocation sent (a 304 included), by method, route template and status class.', [
      'method',
      'route',
      'status_class',
    ]),
    notModified: counter(
      'github_requests_not_modified_total',
      'GitHub requests answered 304 from the ETag cache (free of the rate limit), by method and route template.',
      ['method', 'route'],
    ),
    requestDuration: histogram('github_request_duration_seconds', 'GitHub request time, by method.', ['method'], REQUEST_BUCKETS),
    rateLimitRemaining: gauge('github_rate_limit_remaining', 'x-ratelimit-remaining of the last GitHub answer that carried it.'),
    startedAt: gauge('invocation_started_timestamp_seconds', 'When this invocation began (wall clock).'),
    duration: gauge('invocation_duration_seconds', 'How long this invocation has run (wall clock), up to its last push.'),
  };
}

export function createMetricsRegistry() {
  const registry = new Registry();
  return { registry, release: releaseMetrics(registry), invocation: invocationMetrics(registry) };
}

export type MetricsRegistry = ReturnType<typeof createMetricsRegistry>;

/** The metric names of one family (prom-client keeps a metric's name, its typings do not show it). */
export function namesOf(family: Record<string, object>): string[] {
  return Object.values(family).map((m) => String((m as { name?: unknown }).name));
}

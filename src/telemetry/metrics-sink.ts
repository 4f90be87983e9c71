/**
 * The release's own metrics as a telemetry sink (src/driver/telemetry.ts): loaded only when
 * pushgateway-url or metrics-file is set (src/modes/telemetry.ts). It keeps the latest state and
 * counts this job's GitHub requests; at `flush` (the end of the invocation) it renders the release
 * series from that state, writes the text file and pushes both groups (pushgateway.ts says which).
 * A long run also pushes every minute from the calls it is given, without waiting for the answer,
 * so a dashboard follows a bake live. A push or a write that fails warns once and is otherwise
 * silent: the release's decision is taken and saved before any of this, and never waits on it
 * beyond the flush's deadline.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { GitHubRequestRecord, InvocationContext, InvocationEnd, TelemetrySink } from '../driver/telemetry.js';
import type { State } from '../core/state.js';
import { oneLine } from '../report/untrusted.js';
import { renderReleaseSeries } from './metrics-from-state.js';
import { createMetricsRegistry, namesOf, routeLabel, statusClass } from './metrics-registry.js';
import { groupPath, JOB, pushFailure, pushTargetOf, putGroup, type PushTarget } from './pushgateway.js';

export interface MetricsSinkOptions {
  pushgatewayUrl?: string;
  metricsFile?: string;
  env: NodeJS.ProcessEnv;
  warn: (message: string) => void;
  setSecret: (value: string) => void;
  /** How often a long invocation pushes while it runs (default a minute); tests shorten it. */
  livePushMs?: number;
  /** The wall clock (tests). */
  now?: () => number;
}

const LIVE_PUSH_MS = 60_000;
/** A live push that gets no answer gives up after this: it must not pile up behind a hanging gateway. */
const LIVE_PUSH_TIMEOUT_MS = 10_000;

/** Resolves when the signal aborts (at once if it has). */
function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}

export function createMetricsSink(opts: MetricsSinkOptions): TelemetrySink {
  const now = opts.now ?? Date.now;
  const metrics = createMetricsRegistry();
  const { registry, invocation } = metrics;
  const target: PushTarget | undefined = opts.pushgatewayUrl !== undefined ? pushTargetOf(opts.pushgatewayUrl, opts.env, opts.setSecret) : undefined;
  let ctx: InvocationContext | undefined;
  let state: State | undefined;
  let endedAt: number | undefined;
  let lastPush = 0;
  let inFlight: Promise<void> | undefined;
  let warned = false;
  let liveOff = false;

  const warnOnce = (what: string): void => {
    if (warned) return;
    warned = true;
    opts.warn(`the release's metrics: ${what}; the release goes on, and later failures of this job are not reported`);
  };

  /** Renders the release series from the latest state: the text of each family, with or without the plan label. */
  const render = async (planLabel: boolean): Promise<{ release: string; invocation: string }> => {
    if (!ctx || !state) return { release: '', invocation: '' };
    renderReleaseSeries(metrics.release, state, ctx.plan);
    invocation.duration.set(Math.max(0, (endedAt ?? now()) - ctx.startedAt) / 1000);
    // The Pushgateway adds the group's labels (job, plan) itself; the file has no group, so it carries plan.
    registry.setDefaultLabels(planLabel ? { plan: ctx.plan.name } : {});
    const text = async (names: readonly string[]) => `${(await Promise.all(names.map((n) => registry.getSingleMetricAsString(n)))).join('\n')}\n`;
    return { release: await text(namesOf(metrics.release)), invocation: await text(namesOf(invocation)) };
  };

  const push = async (signal: AbortSignal): Promise<void> => {
    if (!target || !ctx) return;
    lastPush = now();
    const plan = ctx.plan.name;
    const text = await render(false);
    await Promise.all([
      putGroup(
        target,
        groupPath([
          ['job', JOB],
          ['plan', plan],
        ]),
        text.release,
        signal,
      ),
      putGroup(
        target,
        groupPath([
          ['job', JOB],
          ['plan', plan],
          ['invocation', ctx.kind],
        ]),
        text.invocation,
        signal,
      ),
    ]);
  };

  const failed = (err: unknown): void => warnOnce(`push to ${oneLine(target?.url ?? '')} failed (${pushFailure(err)})`);

  /** A push every LIVE_PUSH_MS while the invocation runs, never awaited: a call of the port returns at once. */
  const maybePushLive = (): void => {
    if (!target || !ctx || liveOff || inFlight || now() - lastPush < (opts.livePushMs ?? LIVE_PUSH_MS)) return;
    inFlight = push(AbortSignal.timeout(LIVE_PUSH_TIMEOUT_MS))
      .catch((err: unknown) => {
        // One failure ends the live pushes (a gateway that hangs would cost a timeout a minute); the final push still tries.
        liveOff = true;
        failed(err);
      })
      .finally(() => (inFlight = undefined));
  };

  const writeFileOnce = async (): Promise<void> => {
    if (opts.metricsFile === undefined || !ctx) return;
    const text = await render(true);
    try {
      await mkdir(dirname(opts.metricsFile), { recursive: true });
      await writeFile(opts.metricsFile, text.release + text.invocation);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      warnOnce(`could not write metrics-file ${oneLine(opts.metricsFile)}${typeof code === 'string' ? ` (${oneLine(code)})` : ''}`);
    }
  };

  return {
    opened(c: InvocationContext, s: State): void {
      ctx = c;
      state = s;
      lastPush = now();
      invocation.startedAt.set(c.startedAt / 1000);
    },
    transition(_entry, s: State): void {
      state = s;
      maybePushLive();
    },
    request(r: GitHubRequestRecord): void {
      const route = routeLabel(r.route);
      const method = /^[A-Z]{3,7}$/.test(r.method) ? r.method : 'other';
      invocation.requests.inc({ method, route, status_class: statusClass(r.status) });
      if (r.notModified) invocation.notModified.inc({ method, route });
      invocation.requestDuration.observe({ method }, Math.max(0, r.durationMs) / 1000);
      if (r.rateLimitRemaining !== undefined) invocation.rateLimitRemaining.set(r.rateLimitRemaining);
      maybePushLive();
    },
    finished(end: InvocationEnd): void {
      state = end.state;
      endedAt = end.at;
    },
    async flush(deadline: AbortSignal): Promise<void> {
      const gaveUp = aborted(deadline);
      const work = (async () => {
        await writeFileOnce();
        // A live push still out is waited for (its values are older): two PUTs of one group must not cross.
        if (inFlight) await Promise.race([inFlight, gaveUp]);
        if (deadline.aborted) throw deadline.reason;
        await push(deadline);
      })();
      let settled = false;
      const settle = (err?: unknown) => {
        settled = true;
        if (err !== undefined) failed(err);
      };
      await Promise.race([work.then(() => settle(), settle), gaveUp.then(() => settled || failed(new DOMException('deadline', 'TimeoutError')))]);
    },
  };
}

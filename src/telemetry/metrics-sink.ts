/**
 * The release's own metrics as a telemetry sink (src/driver/telemetry.ts): loaded only when
 * pushgateway-url or metrics-file is set (src/modes/telemetry.ts). It keeps the latest state and
 * counts this job's GitHub requests; at `flush` (the end of the invocation) it renders the release
 * series from that state, writes the text file and pushes both groups (pushgateway.ts says which).
 * A long run also pushes every minute (metrics-push.ts), without waiting for the answer,
 * so a dashboard follows a bake live. A push or a write that fails warns once and is otherwise
 * silent: the release's decision is taken and saved before any of this, and never waits on it
 * beyond the flush's deadline.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { untilAborted, type GitHubRequestRecord, type InvocationContext, type InvocationEnd, type TelemetrySink } from '../driver/telemetry.js';
import type { State } from '../core/state.js';
import { oneLine } from '../report/untrusted.js';
import { renderReleaseSeries } from './metrics-from-state.js';
import { createPusher, type GroupBody } from './metrics-push.js';
import { codeLabel, createMetricsRegistry, namesOf, routeLabel, statusClass } from './metrics-registry.js';
import { gatewayOrigin, groupPath, JOB, pushFailure, pushTargetOf, repositoryLabel } from './pushgateway.js';

export interface MetricsSinkOptions {
  pushgatewayUrl?: string;
  metricsFile?: string;
  env: NodeJS.ProcessEnv;
  /** The repository the job runs in (`owner/name`), from the runner's parsed environment: a grouping label. */
  repository?: string;
  warn: (message: string) => void;
  setSecret: (value: string) => void;
  /** How often a long invocation pushes while it runs (default a minute); tests shorten it. */
  livePushMs?: number;
  /** The wall clock (tests). */
  now?: () => number;
}

interface Texts {
  release: string;
  invocation: string;
}

export function createMetricsSink(opts: MetricsSinkOptions): TelemetrySink {
  const now = opts.now ?? Date.now;
  const repository = repositoryLabel(opts.repository);
  const metrics = createMetricsRegistry();
  const { registry, invocation } = metrics;
  let ctx: InvocationContext | undefined;
  let state: State | undefined;
  let endedAt: number | undefined;
  let warned = false;
  const warnOnce = (what: string): void => {
    if (warned) return;
    warned = true;
    opts.warn(`the release's metrics: ${what}; the release goes on, and later failures of this job are not reported`);
  };

  // Renders one at a time: each sets the registry's default labels, which the next must not see half-way.
  let rendering: Promise<unknown> = Promise.resolve();
  const render = (planLabel: boolean): Promise<Texts | undefined> => {
    const next = rendering.then(async () => {
      if (!ctx || !state) return undefined;
      renderReleaseSeries(metrics.release, state, ctx.plan);
      invocation.duration.set(Math.max(0, (endedAt ?? now()) - ctx.startedAt) / 1000);
      // The Pushgateway adds the group's labels (job, repository, plan) itself; the file has no group, so it carries them.
      registry.setDefaultLabels(planLabel ? { ...(repository !== undefined ? { repository } : {}), plan: ctx.plan.name } : {});
      const text = async (names: readonly string[]) => `${(await Promise.all(names.map((n) => registry.getSingleMetricAsString(n)))).join('\n')}\n`;
      return { release: await text(namesOf(metrics.release)), invocation: await text(namesOf(invocation)) };
    });
    rendering = next.catch(() => undefined);
    return next;
  };

  const target = opts.pushgatewayUrl !== undefined ? pushTargetOf(opts.pushgatewayUrl, opts.env, opts.setSecret) : undefined;
  const failed = (err: unknown): void => warnOnce(`push to ${oneLine(gatewayOrigin(target?.url ?? ''))} failed (${pushFailure(err)})`);
  const groups = async (): Promise<GroupBody[] | undefined> => {
    const texts = await render(false);
    if (!texts || !ctx) return undefined;
    const group: Array<[string, string]> = [
      ['job', JOB],
      ...(repository !== undefined ? [['repository', repository] as [string, string]] : []),
      ['plan', ctx.plan.name],
    ];
    return [
      { path: groupPath(group), body: texts.release },
      { path: groupPath([...group, ['invocation', codeLabel(ctx.kind)]]), body: texts.invocation },
    ];
  };
  const pusher = target
    ? createPusher({ target, bodies: groups, failed, now, ...(opts.livePushMs !== undefined ? { livePushMs: opts.livePushMs } : {}) })
    : undefined;

  const writeMetricsFile = async (file: string): Promise<void> => {
    const texts = await render(true);
    if (!texts) return;
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, texts.release + texts.invocation);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      warnOnce(`could not write metrics-file ${oneLine(file)}${typeof code === 'string' ? ` (${oneLine(code)})` : ''}`);
    }
  };

  return {
    opened(c: InvocationContext, s: State): void {
      ctx = c;
      state = s;
      invocation.startedAt.set(c.startedAt / 1000);
    },
    transition(_entry, s: State): void {
      state = s;
      pusher?.live();
    },
    request(r: GitHubRequestRecord): void {
      const route = routeLabel(r.route);
      const method = /^[A-Z]{3,7}$/.test(r.method) ? r.method : 'other';
      invocation.requests.inc({ method, route, status_class: statusClass(r.status) });
      if (r.notModified) invocation.notModified.inc({ method, route });
      invocation.requestDuration.observe({ method }, Math.max(0, r.durationMs) / 1000);
      if (r.rateLimitRemaining !== undefined) invocation.rateLimitRemaining.set(r.rateLimitRemaining);
      pusher?.live();
    },
    finished(end: InvocationEnd): void {
      state = end.state;
      endedAt = end.at;
    },
    async flush(deadline: AbortSignal): Promise<void> {
      let settled = false;
      const work = (async () => {
        if (opts.metricsFile !== undefined) await writeMetricsFile(opts.metricsFile);
        await pusher?.final(deadline);
      })().then(
        () => void (settled = true),
        (err: unknown) => {
          settled = true;
          failed(err);
        },
      );
      // Whatever is still out at the deadline is given up: the job ends on time.
      const gaveUp = untilAborted(deadline).then(() => settled || failed(new DOMException('deadline', 'TimeoutError')));
      await Promise.race([work, gaveUp]);
    },
  };
}

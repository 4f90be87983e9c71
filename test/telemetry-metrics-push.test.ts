/**
 * Pushing the release's metrics to a Pushgateway that is not well: refusing connections,
 * answering 401, never answering. A push warns once and gives up at the flush's deadline; the
 * credentials go out as headers, masked, and never into a message. Against local HTTP servers
 * that record what they were sent (the real Pushgateway is in telemetry-metrics-e2e.test.ts).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetricsSink, type MetricsSinkOptions } from '../src/telemetry/metrics-sink.js';
import { Harness, T0 } from './support/harness.js';
import { makePlan } from './support/plans.js';
import { freePort } from './support/prometheus.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    // A hanging request holds its connection open: close it, or close() waits for it.
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A server answering `status` after `delayMs`, or never (`hang`); it records each request and the most at once per group. */
async function gateway(answer: number | 'hang', delayMs = 0): Promise<{ url: string; seen: Seen[]; mostAtOnce: Map<string, number> }> {
  const seen: Seen[] = [];
  const open = new Map<string, number>();
  const mostAtOnce = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    const path = req.url ?? '';
    open.set(path, (open.get(path) ?? 0) + 1);
    mostAtOnce.set(path, Math.max(mostAtOnce.get(path) ?? 0, open.get(path) ?? 0));
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: path, headers: req.headers, body });
      if (answer === 'hang') return;
      setTimeout(() => {
        open.set(path, (open.get(path) ?? 1) - 1);
        res.writeHead(answer, { 'content-type': 'text/plain' });
        res.end(answer >= 400 ? 'Authorization: Bearer s3cret-token-from-the-body\n::error::injected' : '');
      }, delayMs);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, mostAtOnce };
}

function release() {
  const plan = makePlan();
  const h = new Harness(plan);
  h.start();
  h.finishRun('us-east-1');
  return { plan, state: h.state };
}

function sinkFor(url: string, extra: Partial<MetricsSinkOptions> = {}) {
  const warnings: string[] = [];
  const secrets: string[] = [];
  const sink = createMetricsSink({ pushgatewayUrl: url, env: {}, warn: (m) => warnings.push(m), setSecret: (v) => secrets.push(v), ...extra });
  const { plan, state } = release();
  sink.opened({ releaseId: 'app-1.0.0', plan, version: '1.0.0', kind: 'reconcile', startedAt: T0 }, state);
  return { sink, warnings, secrets, state };
}

async function timed(p: Promise<void>): Promise<number> {
  const t = performance.now();
  await p;
  return performance.now() - t;
}

describe('a push that fails warns once and never holds the job past the deadline', () => {
  it('refused connection', async () => {
    const { sink, warnings } = sinkFor(`http://127.0.0.1:${await freePort()}`);
    const ms = await timed(sink.flush(AbortSignal.timeout(2_000)));
    expect(ms).toBeLessThan(1_000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/push to http:\/\/127\.0\.0\.1:\d+ failed \(could not connect \(ECONNREFUSED\)\); the release goes on/);
  });

  it('401 with a body of its own: the status is said, the body never, the token never', async () => {
    const gw = await gateway(401);
    const { sink, warnings, secrets } = sinkFor(gw.url, { env: { PUSHGATEWAY_TOKEN: 'tok-123456' } });
    await sink.flush(AbortSignal.timeout(2_000));
    expect(warnings).toEqual([expect.stringContaining('failed (answered 401)')]);
    expect(warnings[0]).not.toContain('tok-123456');
    expect(warnings[0]).not.toContain('s3cret');
    expect(warnings[0]).not.toContain('::error::');
    expect(secrets).toContain('tok-123456');
    expect(gw.seen.map((s) => s.headers.authorization)).toEqual(['Bearer tok-123456', 'Bearer tok-123456']);
  });

  it('no answer at all: the flush returns at its deadline, one warning', async () => {
    const gw = await gateway('hang');
    const { sink, warnings } = sinkFor(gw.url);
    const ms = await timed(sink.flush(AbortSignal.timeout(400)));
    expect(ms).toBeGreaterThanOrEqual(380);
    expect(ms).toBeLessThan(800);
    expect(warnings).toEqual([expect.stringContaining('failed (no answer before the deadline)')]);
    // Both groups were tried at once, not one after the other's timeout.
    expect(gw.seen).toHaveLength(2);
  });

  it('live pushes never block a call of the port, and a hanging gateway is warned about once in the whole job', async () => {
    const gw = await gateway('hang');
    let clock = T0;
    const { sink, warnings, state } = sinkFor(gw.url, { livePushMs: 1_000, now: () => clock });
    const entry = state.history[state.history.length - 1];
    if (!entry) throw new Error('no history');
    clock += 1_000;
    const ms = await timed(Promise.resolve(sink.transition(entry, state)));
    expect(ms).toBeLessThan(50);
    // A second call while the first push is out does not send another.
    clock += 1_000;
    sink.request({ method: 'GET', route: '/repos/{owner}/{repo}', status: 200, startedAt: clock, durationMs: 5, notModified: false });
    await new Promise((r) => setTimeout(r, 100));
    expect(gw.seen).toHaveLength(2);
    await sink.flush(AbortSignal.timeout(300));
    expect(warnings).toHaveLength(1);
  });

  it('a gateway behind a path: the warning names only its origin, the path (which could carry a token) never', async () => {
    const gw = await gateway(401);
    const { sink, warnings } = sinkFor(`${gw.url}/tok3n-in-the-path/`);
    await sink.flush(AbortSignal.timeout(2_000));
    expect(warnings).toEqual([expect.stringContaining(`push to ${gw.url} failed (answered 401)`)]);
    expect(warnings[0]).not.toContain('tok3n');
    // The two groups are pushed at once and the first refusal may end the flush before the second
    // is sent (seen on a loaded CI machine): what matters is that every push went to the path.
    expect(gw.seen.length).toBeGreaterThan(0);
    expect(gw.seen.every((s) => s.url.startsWith('/tok3n-in-the-path/metrics/'))).toBe(true);
  });

  it('basic credentials: sent as one header, both the password and the header value masked', async () => {
    const gw = await gateway(200);
    const { sink, warnings, secrets } = sinkFor(gw.url, { env: { PUSHGATEWAY_USERNAME: 'ci', PUSHGATEWAY_PASSWORD: 'pa55word' } });
    await sink.flush(AbortSignal.timeout(2_000));
    expect(warnings).toEqual([]);
    const basic = Buffer.from('ci:pa55word').toString('base64');
    expect(secrets).toEqual(expect.arrayContaining(['pa55word', basic]));
    expect(gw.seen.map((s) => s.headers.authorization)).toEqual([`Basic ${basic}`, `Basic ${basic}`]);
  });
});

describe('the groups pushed', () => {
  it('nothing before a release is opened (the job failed first): no push, no file, no warning', async () => {
    const gw = await gateway(200);
    const warnings: string[] = [];
    const sink = createMetricsSink({ pushgatewayUrl: gw.url, env: {}, warn: (m) => warnings.push(m), setSecret: () => undefined, livePushMs: 0 });
    sink.request({ method: 'GET', route: '/repos/{owner}/{repo}', status: 200, startedAt: T0, durationMs: 5, notModified: false });
    await sink.flush(AbortSignal.timeout(2_000));
    expect(gw.seen).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('two flushes at once (a signal while the job ends) push one after the other, never crossing', async () => {
    const gw = await gateway(200, 150);
    const { sink, warnings } = sinkFor(gw.url);
    await Promise.all([sink.flush(AbortSignal.timeout(2_000)), sink.flush(AbortSignal.timeout(2_000))]);
    expect(warnings).toEqual([]);
    expect(gw.seen).toHaveLength(4);
    expect([...gw.mostAtOnce.values()]).toEqual([1, 1]);
  });

  it('PUT the release group (job, plan) and the invocation group (job, plan, invocation), each with its own series', async () => {
    const gw = await gateway(200);
    const { sink } = sinkFor(`${gw.url}/`);
    sink.request({ method: 'GET', route: '/repos/{owner}/{repo}', status: 200, startedAt: T0, durationMs: 5, notModified: false });
    await sink.flush(AbortSignal.timeout(2_000));
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const byUrl = new Map(gw.seen.map((s) => [s.url, s]));
    const releaseGroup = byUrl.get(`/metrics/job@base64/${b64('progressive-release')}/plan@base64/${b64('app')}`);
    const invocationGroup = byUrl.get(`/metrics/job@base64/${b64('progressive-release')}/plan@base64/${b64('app')}/invocation@base64/${b64('reconcile')}`);
    expect(releaseGroup?.method).toBe('PUT');
    expect(invocationGroup?.method).toBe('PUT');
    expect(releaseGroup?.body).toContain('progressive_release_region_traffic_percent{stage="one",region="us-east-1"}');
    expect(releaseGroup?.body).not.toContain('github_requests');
    expect(invocationGroup?.body).toContain('progressive_release_github_requests_total{method="GET",route="/repos/{owner}/{repo}",status_class="2xx"} 1');
    expect(invocationGroup?.body).not.toContain('region_traffic');
    // The group's labels come from the URL; a plan label in the body too would only repeat them.
    expect(releaseGroup?.body).not.toContain('plan=');
  });

  it('in a repository (GITHUB_REPOSITORY, as the runner env parsed it), both groups carry it: two repositories with one plan name never share a group', async () => {
    const gw = await gateway(200);
    const { sink } = sinkFor(gw.url, { repository: 'acme/shop' });
    await sink.flush(AbortSignal.timeout(2_000));
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const key = `/metrics/job@base64/${b64('progressive-release')}/repository@base64/${b64('acme/shop')}/plan@base64/${b64('app')}`;
    expect(gw.seen.map((s) => s.url).sort()).toEqual([key, `${key}/invocation@base64/${b64('reconcile')}`]);
    expect(gw.seen.map((s) => s.body).join('')).not.toContain('repository=');
  });

  it('a repository that is not owner/name as GitHub spells one is left out of the groups, never sent as a label', async () => {
    const gw = await gateway(200);
    const { sink } = sinkFor(gw.url, { repository: `acme/${'x'.repeat(300)}` });
    await sink.flush(AbortSignal.timeout(2_000));
    expect(gw.seen).toHaveLength(2);
    expect(gw.seen.every((s) => !s.url.includes('repository@base64'))).toBe(true);
  });
});

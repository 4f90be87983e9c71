/**
 * Traces end to end through the shipped bundle (`node index.js`, built by scripts/build.mjs as
 * dist/ is, into a temp dir) against the GitHub fake, an http-json metrics server and an OTLP
 * receiver on loopback that decodes both encodings (test/support/otlp-receiver.ts). A release
 * takes two jobs: a `reconcile` that starts it and returns while the canary's first run is in
 * flight, then a `run` that finishes it; both must land in the one trace of the release.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../src/core/state.js';
import { decodeEnvelope } from '../src/github/envelope.js';
import type { GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv } from './github-e2e-helpers.js';
import { buildBundle, readOutputs } from './support/bundle.js';
import { OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver.js';
import { traceIdOf } from '../src/telemetry/trace-ids.js';
import { testNode } from './support/node-binary.js';

let bundle = '';
let fake: GitHubFake | undefined;
let metrics: Server | undefined;
let receiver: OtlpReceiver | undefined;
let current: ReturnType<typeof spawn> | undefined;
let hole: NetServer | undefined;

async function serveMetrics(answer: () => Record<string, number>): Promise<string> {
  metrics = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer()));
  });
  const server = metrics;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A canary stage (one region) and a second stage, one step baking 3m, gate errors (max 0.05) measured every minute. */
function writePlan(url: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pr-plan-')), 'release-plan.yml');
  writeFileSync(
    file,
    [
      'name: shop',
      'deploy:',
      '  workflow: deploy.yml',
      '  inputs:',
      '    region: "{{ region }}"',
      '    version: "{{ version }}"',
      '    traffic: "{{ step.traffic }}"',
      '  correlationInput: correlation_id',
      'rollback:',
      '  workflow: rollback.yml',
      '  inputs:',
      '    region: "{{ region }}"',
      '  correlationInput: correlation_id',
      'providers:',
      `  svc: { type: http-json, url: "${url}" }`,
      'gates:',
      '  errors:',
      '    provider: svc',
      '    url: "/errors?region={{ region }}"',
      '    path: "$.errors"',
      '    max: 0.05',
      '    interval: 1m',
      'defaults:',
      '  steps: [{ traffic: 10, bake: 3m }, { traffic: 100 }]',
      '  gates: [errors]',
      'stages:',
      '  - name: canary',
      '    regions: [eu-west]',
      '  - name: rest',
      '    regions: [us-east]',
      '',
    ].join('\n'),
  );
  return file;
}

interface Invocation {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  outputs: Record<string, string>;
}

function invoke(gh: GitHubFake, plan: string, mode: 'run' | 'reconcile', env: Record<string, string>): Promise<Invocation> {
  const dir = mkdtempSync(join(tmpdir(), 'pr-e2e-'));
  for (const f of ['output', 'summary']) writeFileSync(join(dir, f), '');
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(gh),
      INPUT_MODE: mode,
      INPUT_PLAN: plan,
      INPUT_VERSION: '5.0.0',
      INPUT_TOKEN: 'test-token',
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.unref();
  current = child;
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, outputs: readOutputs(join(dir, 'output')) })));
}

function ledgerState(gh: GitHubFake): State | undefined {
  const text = gh.checkRuns[0]?.text;
  return text ? (decodeEnvelope(text).state as State) : undefined;
}

beforeAll(() => {
  bundle = buildBundle('pr-dist-');
}, 120_000);
afterEach(async () => {
  await fake?.stop();
  metrics?.close();
  await receiver?.stop();
  hole?.close();
  hole = undefined;
});

const SECRET = 'Bearer s3cr3t-otlp-token';
const A = 'progressive_release.';

function byName(spans: ReceivedSpan[], name: string): ReceivedSpan[] {
  return spans.filter((s) => s.name === name);
}

function one(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const found = byName(spans, name);
  expect(
    found.map((s) => s.name),
    `one span named ${name}`,
  ).toEqual([name]);
  return found[0] as ReceivedSpan;
}

/** `child` lies within `parent` (release clock, or wall clock for requests). */
function within(child: ReceivedSpan, parent: ReceivedSpan): void {
  expect(child.parentSpanId, `${child.name} under ${parent.name}`).toBe(parent.spanId);
  expect(child.start, `${child.name} starts within ${parent.name}`).toBeGreaterThanOrEqual(parent.start);
  expect(child.end, `${child.name} ends within ${parent.name}`).toBeLessThanOrEqual(parent.end);
}

/** Lines of the log that are not the runner's mask command (which carries the value to mask). */
function logged(stdout: string): string {
  return stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

async function start(answer: () => Record<string, number> = () => ({ errors: 0.01 })): Promise<{ plan: string; endpoint: string }> {
  const url = await serveMetrics(answer);
  fake = makeFake();
  await fake.start();
  receiver = new OtlpReceiver();
  const endpoint = await receiver.start();
  return { plan: writePlan(url), endpoint };
}

describe('traces of a release through node index.js', () => {
  it.each([
    ['http/protobuf', {} as Record<string, string>],
    ['http/json', { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'shop-releases' }],
  ])(
    '%s: two jobs, one trace: the span tree, attributes, timings, the auth header sent and never logged',
    async (protocol, protocolEnv) => {
      const { plan, endpoint } = await start();
      const gh = fake as GitHubFake;
      const rx = receiver as OtlpReceiver;
      const otel = {
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_EXPORTER_OTLP_HEADERS: `authorization=${encodeURIComponent(SECRET)}`,
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod',
        ...protocolEnv,
      };
      const first = await invoke(gh, plan, 'reconcile', { GITHUB_RUN_ID: '7000', ...otel });
      expect(first.code, first.stdout).toBe(0);
      expect(first.outputs.decision).toBe('continue');
      const fromFirst = rx.spans.length;
      const second = await invoke(gh, plan, 'run', { GITHUB_RUN_ID: '7001', ...otel });
      expect(second.code, second.stdout).toBe(0);
      expect(second.outputs.decision).toBe('promoted');
      expect(rx.problems).toEqual([]);

      // Both encodings are what the variable asked for (protobuf by default, as the spec says).
      const encoding = protocol === 'http/json' ? 'json' : 'protobuf';
      expect(rx.requests.length).toBeGreaterThan(1);
      for (const r of rx.requests) {
        expect(r.contentType).toContain(encoding === 'json' ? 'application/json' : 'application/x-protobuf');
        expect(r.headers.authorization).toBe(SECRET);
      }
      const spans = rx.spans;
      expect(new Set(spans.map((s) => s.encoding))).toEqual(new Set([encoding]));
      // The header value was masked before anything could print it, and never printed.
      for (const out of [first.stdout, second.stdout]) {
        expect(out).toContain(`::add-mask::${SECRET}`);
        expect(logged(out)).not.toContain('s3cr3t');
      }

      // One trace, derived from the release id, whichever job sent the span.
      expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([traceIdOf('shop-5.0.0')]));
      expect(traceIdOf('shop-5.0.0')).toMatch(/^[0-9a-f]{32}$/);
      for (const s of spans) {
        expect(s.resource['service.name']).toBe(protocolEnv.OTEL_SERVICE_NAME ?? 'progressive-release');
        expect(s.resource['deployment.environment.name']).toBe('prod');
        expect(s.start, s.name).toBeLessThanOrEqual(s.end);
      }
      const ids = new Set(spans.map((s) => s.spanId));
      expect(ids.size, 'span ids are unique').toBe(spans.length);
      // The release finished: every parent named is in the trace (an earlier child points at a later parent).
      for (const s of spans) if (s.parentSpanId !== '') expect(ids.has(s.parentSpanId), `parent of ${s.name}`).toBe(true);

      const release = one(spans, 'release');
      expect(release.parentSpanId).toBe('');
      expect(release.attributes).toMatchObject({
        [`${A}release.id`]: 'shop-5.0.0',
        [`${A}outcome`]: 'promoted',
        [`${A}plan`]: 'shop',
        [`${A}version`]: '5.0.0',
      });
      const invocations = spans.filter((s) => s.name.startsWith('invocation '));
      expect(invocations.map((s) => [s.name, s.attributes['cicd.pipeline.run.id'], s.attributes[`${A}outcome`]])).toEqual([
        ['invocation reconcile', '7000', 'continue'],
        ['invocation run', '7001', 'promoted'],
      ]);
      for (const inv of invocations) expect(inv.parentSpanId).toBe(release.spanId);
      // The first job sent its own span and its requests only: nothing of the release had ended.
      expect(spans.slice(0, fromFirst).every((s) => s.name === 'invocation reconcile' || s.kind === 3)).toBe(true);

      // GitHub requests: client spans under the job that sent them, with the HTTP conventions.
      const requests = spans.filter((s) => s.kind === 3);
      expect(requests.length).toBeGreaterThan(10);
      for (const r of requests) {
        const inv = invocations.find((i) => i.spanId === r.parentSpanId);
        expect(inv, r.name).toBeDefined();
        expect(r.start).toBeGreaterThanOrEqual((inv as ReceivedSpan).start);
        // The job's span ends when it flushes, after the last request (the summary's).
        expect(r.end).toBeLessThanOrEqual((inv as ReceivedSpan).end);
        expect(r.name).toBe(`${String(r.attributes['http.request.method'])} ${String(r.attributes['url.template'])}`);
        expect(String(r.attributes['url.template'])).toMatch(/^\/repos\/\{owner\}\/\{repo\}\//);
        expect(typeof r.attributes['http.response.status_code']).toBe('number');
      }
      expect(requests.some((r) => r.attributes[`${A}github.not_modified`] === true || r.attributes['http.response.status_code'] === 304)).toBe(true);
      expect(requests.some((r) => r.name === 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches')).toBe(true);

      // stage > region > step > bake > gate > measurement, each within its parent on the release clock.
      const ledger = ledgerState(gh) as State;
      const canary = one(spans, 'stage canary');
      within(canary, release);
      // The canary started in the first job and ended in the second: its start is the history's.
      expect(canary.start).toBe(ledger.history.find((h) => h.kind === 'stage-started' && h.stage === 'canary')?.at);
      const region = one(spans, 'region eu-west');
      within(region, canary);
      expect(region.attributes).toMatchObject({ [`${A}stage`]: 'canary', [`${A}region`]: 'eu-west', [`${A}attempt`]: 0 });
      const steps = spans.filter((s) => s.name.startsWith('step ') && s.parentSpanId === region.spanId);
      expect(steps.map((s) => s.name)).toEqual(['step 1', 'step 2']);
      const step1 = steps[0] as ReceivedSpan;
      within(step1, region);
      expect(step1.attributes).toMatchObject({ [`${A}traffic`]: 10, [`${A}step`]: 1 });
      const bake = spans.find((s) => s.name === 'bake' && s.parentSpanId === step1.spanId) as ReceivedSpan;
      within(bake, step1);
      expect(bake.end - bake.start).toBe(180_000);
      const gate = spans.find((s) => s.name === 'gate errors' && s.parentSpanId === bake.spanId) as ReceivedSpan;
      within(gate, bake);
      expect(gate.attributes).toMatchObject({
        [`${A}gate`]: 'errors',
        [`${A}gate.verdict`]: 'passed',
        [`${A}gate.max`]: 0.05,
        [`${A}gate.observed_min`]: 0.01,
        [`${A}gate.observed_max`]: 0.01,
        [`${A}gate.successful`]: 3,
      });
      const measurements = spans.filter((s) => s.parentSpanId === gate.spanId);
      expect(measurements.map((s) => s.name)).toEqual(['measurement errors', 'measurement errors', 'measurement errors']);
      for (const m of measurements) {
        within(m, gate);
        expect(m.attributes).toMatchObject({ [`${A}gate.value`]: 0.01, [`${A}measurement.verdict`]: 'successful', [`${A}gate.max`]: 0.05 });
      }
      const rest = one(spans, 'stage rest');
      within(rest, release);
      expect(rest.start).toBeGreaterThanOrEqual(canary.end);
      within(one(spans, 'region us-east'), rest);
      // No span is left out of the tree: every release span is one of the kinds above.
      const kinds = new Set(spans.filter((s) => s.kind !== 3).map((s) => s.name.split(' ')[0]));
      expect(kinds).toEqual(new Set(['release', 'invocation', 'stage', 'region', 'step', 'bake', 'gate', 'measurement']));
    },
    120_000,
  );

  it('a dead endpoint only warns: the release is promoted as without traces, and the job ends in time', async () => {
    const { plan } = await start();
    const gh = fake as GitHubFake;
    // A port nothing listens on: the receiver is stopped before the job starts.
    const dead = (receiver as OtlpReceiver).url;
    await receiver?.stop();
    receiver = undefined;
    const began = performance.now();
    const r = await invoke(gh, plan, 'run', { OTEL_EXPORTER_OTLP_ENDPOINT: dead });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.decision).toBe('promoted');
    expect(r.outputs['reason-code']).toBe('all-regions-promoted');
    expect(r.stdout).toMatch(/^warning: traces: \d+ spans? could not be exported to the OTLP endpoint \(/m);
    expect(r.stdout).not.toMatch(/::error::/);
    expect(gh.checkRuns[0]?.conclusion).toBe('success');
    expect(performance.now() - began).toBeLessThan(15_000);
  }, 60_000);

  it('a collector that never answers holds the job no longer than the flush deadline (5 s) and warns', async () => {
    const { plan } = await start();
    // Accepts connections and never answers: an export waits until the exporter's timeout.
    const sockets: Socket[] = [];
    hole = createNetServer((socket) => void sockets.push(socket));
    const server = hole;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const began = performance.now();
    const r = await invoke(fake as GitHubFake, plan, 'run', { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    const tookMs = performance.now() - began;
    for (const socket of sockets) socket.destroy();
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.decision).toBe('promoted');
    expect(r.stdout).toMatch(/^warning: traces: /m);
    expect(sockets.length).toBeGreaterThan(0);
    // The release itself takes well under a second here; the SDK's own 10 s export timeout would show.
    expect(tookMs).toBeLessThan(7_500);
  }, 60_000);

  it('a collector that refuses (HTTP 400) only warns, without its answer in the log', async () => {
    const { plan, endpoint } = await start();
    (receiver as OtlpReceiver).failWith = 400;
    const r = await invoke(fake as GitHubFake, plan, 'run', { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.decision).toBe('promoted');
    expect(r.stdout).toMatch(/^warning: traces: \d+ spans? could not be exported/m);
    expect(r.stdout).not.toContain('refused by the test');
  }, 60_000);

  it('grpc is refused with a warning that says so; the release goes on without traces', async () => {
    const { plan, endpoint } = await start();
    const r = await invoke(fake as GitHubFake, plan, 'run', { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.decision).toBe('promoted');
    expect(r.stdout).toMatch(/^warning: the release's traces are off: OTLP protocol grpc is not supported/m);
    expect(receiver?.spans).toEqual([]);
  }, 60_000);

  it('SIGTERM mid-release: the job still exports its spans (its invocation and requests) before it exits', async () => {
    const url = await serveMetrics(() => ({ errors: 0.01 }));
    let signalled = false;
    let signalledAt = Number.NaN;
    fake = makeFake([], {
      // Deploy runs never finish: the driver is mid-release when the signal comes.
      script: () => ({ queuedPolls: 1, inProgressPolls: 1e9 }),
      faults: (c) => {
        if (signalled || !c.template.endsWith('/dispatches')) return undefined;
        signalled = true;
        signalledAt = performance.now();
        current?.kill('SIGTERM');
        return { kind: 'slow', ms: 300 };
      },
    });
    await fake.start();
    receiver = new OtlpReceiver();
    const endpoint = await receiver.start();
    const r = await invoke(fake, writePlan(url), 'run', { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    const exitedAfterMs = performance.now() - signalledAt;
    expect(signalled).toBe(true);
    expect(r.code, r.stdout).toBe(143);
    // The runner kills the process 2.5 s after a SIGTERM: the save and the flush fit in it.
    expect(exitedAfterMs).toBeLessThan(2_500);
    const spans = receiver.spans;
    const inv = one(spans, 'invocation run');
    expect(inv.traceId).toBe(traceIdOf('shop-5.0.0'));
    const requests = spans.filter((s) => s.parentSpanId === inv.spanId);
    expect(requests.some((s) => s.name.endsWith('/dispatches'))).toBe(true);
    // The last save on the signal is a check-run write, after the driver stopped: it is in too.
    expect(requests.some((s) => s.name.startsWith('PATCH /repos/{owner}/{repo}/check-runs/'))).toBe(true);
  }, 60_000);
  it("SIGTERM with a collector that never answers: the job still exits within the runner's 2.5 s", async () => {
    const url = await serveMetrics(() => ({ errors: 0.01 }));
    let signalledAt = Number.NaN;
    fake = makeFake([], {
      script: () => ({ queuedPolls: 1, inProgressPolls: 1e9 }),
      faults: (c) => {
        if (!Number.isNaN(signalledAt) || !c.template.endsWith('/dispatches')) return undefined;
        signalledAt = performance.now();
        current?.kill('SIGTERM');
        return { kind: 'slow', ms: 300 };
      },
    });
    await fake.start();
    const sockets: Socket[] = [];
    hole = createNetServer((socket) => void sockets.push(socket));
    const server = hole;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const r = await invoke(fake, writePlan(url), 'run', { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    const exitedAfterMs = performance.now() - signalledAt;
    for (const socket of sockets) socket.destroy();
    expect(r.code, r.stdout).toBe(143);
    expect(sockets.length).toBeGreaterThan(0);
    expect(exitedAfterMs).toBeLessThan(2_500);
  }, 60_000);
});

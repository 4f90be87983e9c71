/**
 * The release's traces without a collector: which spans a history makes (trace-spans.ts) however
 * the release is split between jobs, the ids every job derives alike (trace-ids.ts), the OTEL_*
 * reading left to us (otel-config.ts, modes/telemetry.ts), and the bundle keeping the SDK out of
 * every job that sets no endpoint.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, State } from '../src/core/state.js';
import { tracesWanted } from '../src/modes/telemetry.js';
import { endpointProblem, maskOtlpSecrets, protocolOf } from '../src/telemetry/otel-config.js';
import { spanIdOf, traceIdOf } from '../src/telemetry/trace-ids.js';
import { REASON_MAX, ReleaseSpans, type SpanSpec } from '../src/telemetry/trace-spans.js';
import { buildBundle } from './support/bundle.js';
import { Harness } from './support/harness.js';
import { makePlan, stage } from './support/plans.js';

interface Step {
  entry: HistoryEntry;
  state: State;
}

const three = makePlan({ stages: [stage('canary', ['eu']), stage('rest', ['us', 'ap'], { maxParallel: 1 })] });

/** Drives a release through the real core; each history entry with the state right after it, as the driver reports them. */
function record(drive: (h: Harness) => void, plan = three): Step[] {
  const h = new Harness(plan);
  const steps: Step[] = [];
  const send = h.send.bind(h);
  h.send = (ev) => {
    const before = h.state.history.length;
    const out = send(ev);
    for (const entry of h.state.history.slice(before)) steps.push({ entry, state: structuredClone(h.state) });
    return out;
  };
  drive(h);
  return steps;
}

function promoteAll(h: Harness): void {
  h.start();
  for (const region of ['eu', 'us', 'ap']) {
    h.finishRun(region);
    h.bake(region, () => 0.001);
  }
}

function failUs(h: Harness): void {
  h.start();
  h.finishRun('eu');
  h.bake('eu', () => 0.001);
  h.finishRun('us');
  h.bake('us', () => 5);
  // Rolled back newest first: us, then eu (scope touched).
  h.finishRun('us');
  h.finishRun('eu');
  if (h.state.status !== 'finished') throw new Error(`not finished: ${h.historyKinds().join(' ')}`);
}

const pair = makePlan({ stages: [stage('one', ['a', 'b'], { failureBudget: 1, maxParallel: 2 })] });

/** Region a fails and is rolled back, a person retries it: its second attempt is promoted, as is b. */
function retryA(h: Harness): void {
  h.start();
  h.finishRun('a', 'failure');
  h.finishRun('a'); // its rollback
  h.send({ type: 'command', at: h.now, by: 'alice', name: 'retry', region: 'a', reason: 'flaky runner' });
  h.answerDispatches();
  for (const region of ['a', 'b']) {
    h.finishRun(region);
    h.bake(region, () => 0.001);
  }
  if (h.state.outcome?.decision !== 'promoted') throw new Error(`not promoted: ${h.historyKinds().join(' ')}`);
}

/** What jobs emit when the first handles entries [0, k) and the second loads the history so far and goes on. */
function splitAt(steps: Step[], k: number, plan = three): SpanSpec[] {
  const first = new ReleaseSpans(plan);
  const out: SpanSpec[] = [];
  for (const s of steps.slice(0, k)) out.push(...first.apply(s.entry, s.state));
  if (k === steps.length) return out;
  const second = new ReleaseSpans(plan);
  const loaded = steps[k - 1]?.state ?? steps[0]?.state;
  second.replay(k === 0 ? [] : (loaded as State).history, loaded as State);
  for (const s of steps.slice(k)) out.push(...second.apply(s.entry, s.state));
  return out;
}

const described = (specs: SpanSpec[]): string[] =>
  specs.map((s) => `${s.name} ${s.key ?? '-'} <- ${s.parentKey ?? 'root'} ${s.start}..${s.end} ${s.error ?? ''}`).sort();

describe('release spans from the history', () => {
  it.each([
    ['promoted', promoteAll, undefined],
    ['rolled back', failUs, undefined],
    ['a region retried', retryA, pair],
  ])('%s: the same spans whichever entry the second job starts at', (_name, drive, plan) => {
    const steps = record(drive, plan);
    expect(steps.length).toBeGreaterThan(20);
    const whole = described(splitAt(steps, steps.length, plan));
    // A job ends between events (one event can append several entries): where the saved history ends.
    const boundaries = [0, ...steps.map((s, i) => (s.state.history.length === i + 1 ? i + 1 : -1)).filter((k) => k > 0 && k < steps.length)];
    expect(boundaries.length).toBeGreaterThan(10);
    for (const k of boundaries) expect(described(splitAt(steps, k, plan)), `split at entry ${k} (${steps[k]?.entry.kind})`).toEqual(whole);
  });

  it('a finished release makes a complete tree: every parent named is emitted, every child within its parent', () => {
    const specs = splitAt(record(promoteAll), 9);
    const byKey = new Map(specs.filter((s) => s.key !== undefined).map((s) => [s.key as string, s]));
    const names = new Set(specs.map((s) => s.name.split(' ')[0]));
    expect(names).toEqual(new Set(['release', 'stage', 'region', 'step', 'bake', 'gate', 'measurement']));
    for (const s of specs) {
      expect(s.start, s.name).toBeLessThanOrEqual(s.end);
      if (s.parentKey === undefined) {
        expect(s.name).toBe('release');
        continue;
      }
      const parent = byKey.get(s.parentKey);
      expect(parent, `parent ${s.parentKey} of ${s.name}`).toBeDefined();
      expect(s.start, `${s.name} starts within ${parent?.name ?? ''}`).toBeGreaterThanOrEqual(parent?.start ?? Infinity);
      expect(s.end, `${s.name} ends within ${parent?.name ?? ''}`).toBeLessThanOrEqual(parent?.end ?? -Infinity);
    }
    expect(specs.filter((s) => s.name === 'stage rest').map((s) => s.attributes['progressive_release.stage'])).toEqual(['rest']);
  });

  it('a job emits a span only when it ends, with the start the history gave it in an earlier job', () => {
    const steps = record(promoteAll);
    const bakeAt = steps.findIndex((s) => s.entry.kind === 'bake-started');
    // The first job ends while the canary bakes: only its measurements are out, nothing has ended.
    const first = new ReleaseSpans(three);
    const early = steps.slice(0, bakeAt + 3).flatMap((s) => first.apply(s.entry, s.state));
    expect(early.every((s) => s.name.startsWith('measurement '))).toBe(true);
    const second = new ReleaseSpans(three);
    const loaded = (steps[bakeAt + 2] as Step).state;
    second.replay(loaded.history, loaded);
    const later = steps.slice(bakeAt + 3).flatMap((s) => second.apply(s.entry, s.state));
    // What the first job left open, the second rebuilt: going on, both emit the same spans.
    expect(described(later)).toEqual(described(steps.slice(bakeAt + 3).flatMap((s) => first.apply(s.entry, s.state))));
    const canary = later.find((s) => s.name === 'stage canary');
    expect(canary?.start).toBe(steps.find((s) => s.entry.kind === 'stage-started')?.entry.at);
    // The measurements sent by the first job name the gate span the second job emits.
    const gateOfEarly = new Set(early.map((s) => s.parentKey));
    expect(later.filter((s) => s.key !== undefined && gateOfEarly.has(s.key)).map((s) => s.name)).toEqual(['gate errors']);
  });

  it('a failed region: its spans are errors with the reason code, its rollback a child that outlives it', () => {
    const specs = splitAt(record(failUs), 0);
    const region = specs.find((s) => s.name === 'region us');
    expect(region?.error).toBe('gate-failed');
    expect(specs.find((s) => s.name === 'gate errors' && s.attributes['progressive_release.region'] === 'us')).toMatchObject({
      error: 'gate-failed',
      attributes: {
        'progressive_release.gate.verdict': 'failed',
        'progressive_release.gate.observed_max': 5,
        'progressive_release.gate.max': expect.any(Number),
      },
    });
    const rollback = specs.find((s) => s.name === 'rollback us');
    expect(rollback?.parentKey).toBe(region?.key);
    expect(rollback?.start).toBeGreaterThanOrEqual(region?.end ?? Infinity);
    const release = specs.find((s) => s.name === 'release');
    expect(release?.error).toBeDefined();
    expect(release?.attributes['progressive_release.outcome']).toBe('rolled-back');
  });

  it('a retried region is a second region span (attempt 1), its first attempt and rollback kept apart', () => {
    const specs = splitAt(record(retryA, pair), 0, pair);
    const regions = specs.filter((s) => s.name === 'region a');
    expect(regions.map((s) => [s.key, s.attributes['progressive_release.attempt'], s.error])).toEqual([
      ['region:a#0', 0, 'deploy-failed'],
      ['region:a#1', 1, undefined],
    ]);
    expect(specs.find((s) => s.name === 'rollback a')?.parentKey).toBe('region:a#0');
    const steps = specs.filter((s) => s.name === 'step 1' && s.attributes['progressive_release.region'] === 'a');
    expect(steps.map((s) => s.parentKey)).toEqual(['region:a#0', 'region:a#1']);
    expect((regions[1] as SpanSpec).start).toBeGreaterThanOrEqual((regions[0] as SpanSpec).end);
  });

  it('a region key is the attempt its entry was written in, however far ahead the state given is', () => {
    const steps = record(retryA, pair);
    const final = (steps.at(-1) as Step).state;
    const spans = new ReleaseSpans(pair);
    const ahead = steps.flatMap((s) => spans.apply(s.entry, final));
    expect(described(ahead)).toEqual(described(splitAt(steps, 0, pair)));
  });

  it('only the plan names a span: a gate or region a ledger edit made up is named generically, its text a bounded one-line attribute', () => {
    const steps = record(promoteAll);
    const forged = (e: HistoryEntry): HistoryEntry =>
      e.region === 'us' ? { ...e, region: `us\n${'r'.repeat(900)}`, ...(e.gate !== undefined ? { gate: `errors\u001b[2J${'g'.repeat(900)}` } : {}) } : e;
    const spans = new ReleaseSpans(three);
    const specs = steps.flatMap((s) => spans.apply(forged(s.entry), s.state));
    const names = new Set(specs.map((s) => s.name));
    expect([...names]).toEqual(
      expect.arrayContaining(['region eu', 'gate errors', 'measurement errors', 'region (unknown)', 'gate (unknown)', 'measurement (unknown)']),
    );
    for (const s of specs) {
      for (const v of [s.name, ...Object.values(s.attributes).filter((x) => typeof x === 'string')]) {
        expect(String(v).length).toBeLessThanOrEqual(REASON_MAX);
        expect(String(v)).not.toMatch(/[\n\u001b]/);
      }
    }
    const gate = specs.find((s) => s.name === 'gate (unknown)');
    expect(String(gate?.attributes['progressive_release.gate'])).toMatch(/^errors.*g…$/);
  });

  it('reasons are attributes of one line, cut to a bound', () => {
    const steps = record(promoteAll);
    const spans = new ReleaseSpans(three);
    const state = (steps.at(-1) as Step).state;
    spans.apply({ at: 1, kind: 'release-started', reason: 'x', reasonCode: 'x' }, state);
    const [release] = spans.apply({ at: 2, kind: 'release-finished', reasonCode: 'r', reason: `a\nb\u001b[31m${'z'.repeat(1000)}` }, state);
    const reason = String(release?.attributes['progressive_release.reason']);
    expect(reason.length).toBe(REASON_MAX);
    expect(reason).not.toMatch(/[\n\u001b]/);
  });
});

describe('ids', () => {
  it('the trace id is the first 16 bytes of SHA-256 of progressive-release:<release id>; span ids differ by key', () => {
    // sha256("progressive-release:shop-5.0.0"), computed independently (printf ... | sha256sum).
    expect(traceIdOf('shop-5.0.0')).toBe('c044765fb75ee4673c754c29927c291f');
    expect(traceIdOf('shop-5.0.1')).not.toBe(traceIdOf('shop-5.0.0'));
    expect(spanIdOf('shop-5.0.0', 'stage:canary')).toMatch(/^[0-9a-f]{16}$/);
    expect(spanIdOf('shop-5.0.0', 'stage:canary')).not.toBe(spanIdOf('shop-5.0.0', 'stage:rest'));
    expect(spanIdOf('shop-5.0.0', 'stage:canary')).not.toBe(spanIdOf('shop-5.0.1', 'stage:canary'));
  });
});

describe('OTEL_* variables', () => {
  it('traces are wanted when an endpoint is set, unless OTEL_TRACES_EXPORTER=none or the SDK is disabled', () => {
    expect(tracesWanted({})).toBe(false);
    expect(tracesWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' })).toBe(false);
    expect(tracesWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toBe(true);
    expect(tracesWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })).toBe(true);
    expect(tracesWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(tracesWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  it('protocol: http/protobuf by default, the traces variable first; grpc and others refused', () => {
    expect(protocolOf({})).toEqual({ ok: true, protocol: 'http/protobuf' });
    expect(protocolOf({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toEqual({ ok: true, protocol: 'http/json' });
    expect(protocolOf({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' })).toEqual({
      ok: true,
      protocol: 'http/protobuf',
    });
    expect(protocolOf({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toMatchObject({ ok: false, reason: expect.stringContaining('grpc is not supported') });
    const odd = protocolOf({ OTEL_EXPORTER_OTLP_PROTOCOL: 'h\u001b[2Jttp/x' });
    expect(odd.ok).toBe(false);
    expect(JSON.stringify(odd)).not.toContain('\\u001b');
  });

  it('an endpoint that is not an http(s) URL is refused (the exporter would send to localhost instead), without echoing it', () => {
    expect(endpointProblem({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBeUndefined();
    expect(endpointProblem({ OTEL_EXPORTER_OTLP_ENDPOINT: 'bad', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://c/v1/traces' })).toBeUndefined();
    expect(endpointProblem({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318 token=abc' })).toBe('OTEL_EXPORTER_OTLP_ENDPOINT is not an http(s) URL');
    expect(endpointProblem({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://c' })).toBe('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is not an http(s) URL');
  });

  it('every header value and endpoint credential is masked, as written and decoded', () => {
    const masked: string[] = [];
    maskOtlpSecrets(
      {
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-team= t1 ',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'api-key=k%3D9',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://user:p%40ss@collector.example:4318',
      },
      (v) => masked.push(v),
    );
    expect(masked).toEqual(expect.arrayContaining(['Bearer%20abc', 'Bearer abc', 't1', 'k%3D9', 'k=9', 'p@ss', 'user']));
  });
});

/** The chunks a module loads before it runs: its static imports, transitively (dynamic `import()` not followed). */
function staticClosure(dir: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(join(dir, file), 'utf8');
  for (const m of text.matchAll(/^(?:import\s+(?:[^'"]*?\s+from\s+)?|\}\s*from\s+)["'](\.\/[^"']+)["']/gm)) staticClosure(dir, (m[1] ?? '').slice(2), seen);
  return seen;
}

describe('the bundle', () => {
  it('keeps the OpenTelemetry SDK out of every chunk a job without an endpoint loads', () => {
    const index = buildBundle('pr-dist-traces-');
    const dir = dirname(index);
    const chunks = readdirSync(dir).filter((f) => f.endsWith('.js'));
    const otel = chunks.filter((f) => /\bclass BatchSpanProcessor|\bOTLPTraceExporter\b|ProtobufTraceSerializer/.test(readFileSync(join(dir, f), 'utf8')));
    expect(otel.length).toBeGreaterThan(0);
    // The entry, and the mode chunk that builds the telemetry (it imports the trace sink lazily).
    const telemetry = chunks.find((f) => readFileSync(join(dir, f), 'utf8').includes('function openTelemetry('));
    expect(telemetry).toBeDefined();
    for (const root of ['index.js', telemetry as string]) {
      const loaded = staticClosure(dir, root);
      expect(loaded.size).toBeGreaterThan(0);
      expect(
        [...loaded].filter((f) => otel.includes(f)),
        `chunks ${root} loads`,
      ).toEqual([]);
    }
  }, 120_000);
});

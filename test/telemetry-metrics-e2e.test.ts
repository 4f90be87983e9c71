/**
 * The release's own metrics end to end: the shipped bundle (built as dist/ is, into a temp dir)
 * run the way the runner runs it against the GitHub fake, pushing to the REAL Debian
 * `prometheus-pushgateway`, scraped by a REAL `prometheus` (honor_labels), read back with PromQL.
 *
 * Release shop is started by a run (pauses for stage rest), reconciled twice, approved by a
 * command run that drives it to a rollback; release cart runs beside shop's first run. Then the
 * numbers must say exactly that: nothing of one invocation or release overwritten by another,
 * and every panel of workflows-examples/grafana-dashboard.json answers. Last, pushes to a gateway
 * that refuses or hangs: the outcome is the same, one warning, no slower than the deadline.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../src/github/envelope.js';
import { checkRunName, commandTitle } from '../src/plan/ids.js';
import type { GitHubFake } from './github-fake/server.js';
import { makeFake, runnerEnv } from './github-e2e-helpers.js';
import { buildBundle, readOutputs } from './support/bundle.js';
import {
  freePort,
  parseSamples,
  pollUntil,
  promQuery,
  promtoolProblems,
  sample,
  startPrometheus,
  startPushgateway,
  type ManagedProcess,
  type PrometheusServer,
} from './support/prometheus.js';
import { testNode } from './support/node-binary.js';

const WORKFLOW_REF = 'acme/shop/.github/workflows/release.yml@refs/heads/main';
const GATE_VALUE = 0.004;

let bundle = '';
let pushgw: ManagedProcess;
let prom: PrometheusServer;

beforeAll(async () => {
  bundle = buildBundle('pr-metrics-dist-');
  pushgw = await startPushgateway();
  prom = await startPrometheus({ targets: [], pushgateway: `127.0.0.1:${pushgw.port}`, readyQuery: 'up{job="pushgateway"} == 1' });
}, 180_000);
afterAll(async () => {
  await prom?.stop();
  await pushgw?.stop();
});

/** Plan `name`: a canary stage, then (if `rest`) a stage that waits for an approval; one gate on the real Prometheus. */
function writePlan(name: string, rest: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pr-metrics-plan-')), 'release-plan.yml');
  writeFileSync(
    file,
    [
      `name: ${name}`,
      'deploy:',
      '  workflow: deploy.yml',
      '  inputs: { region: "{{ region }}", version: "{{ version }}", traffic: "{{ step.traffic }}" }',
      '  correlationInput: correlation_id',
      'rollback:',
      '  workflow: rollback.yml',
      '  inputs: { region: "{{ region }}" }',
      '  correlationInput: correlation_id',
      'providers:',
      '  prom: { type: prometheus, urlEnv: PROMETHEUS_URL }',
      'gates:',
      '  errors:',
      '    provider: prom',
      `    query: vector(${GATE_VALUE})`,
      '    max: 0.01',
      '    interval: 1m',
      'defaults:',
      '  gates: [errors]',
      '  steps:',
      '    - { traffic: 50, bake: 2m }',
      '    - { traffic: 100, bake: 2m }',
      'stages:',
      '  - name: canary',
      '    regions: [eu-west]',
      ...(rest.length ? ['  - name: rest', `    regions: [${rest.join(', ')}]`, '    maxParallel: 1', '    approval: true'] : []),
      'approvals:',
      '  minPermission: write',
      '',
    ].join('\n'),
  );
  return file;
}

interface Invocation {
  plan: string;
  version?: string;
  mode?: 'run' | 'reconcile';
  command?: { name: string; release: string; actor: string };
  env?: Record<string, string>;
}

interface Invoked {
  status: number | null;
  stdout: string;
  outputs: Record<string, string>;
  ms: number;
}

/** The bundle as the runner starts it, in a run of the release workflow made in the fake (a person's dispatch). */
async function invoke(fake: GitHubFake, inv: Invocation): Promise<Invoked> {
  const dir = mkdtempSync(join(tmpdir(), 'pr-metrics-run-'));
  const outFile = join(dir, 'output');
  writeFileSync(outFile, '');
  writeFileSync(join(dir, 'summary'), '');
  const actor = inv.command?.actor ?? 'alice';
  const title = inv.command ? commandTitle({ command: inv.command.name, releaseId: inv.command.release }) : `release ${inv.version ?? ''}`;
  const runId = fake.addRun({ workflow: 'release.yml', event: 'workflow_dispatch', actor, title });
  const started = performance.now();
  const child = spawn(testNode(), [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      ...runnerEnv(fake, {
        GITHUB_ACTOR: actor,
        GITHUB_TRIGGERING_ACTOR: actor,
        GITHUB_RUN_ID: String(runId),
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_JOB: 'release',
        GITHUB_WORKFLOW_REF: WORKFLOW_REF,
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      }),
      PROMETHEUS_URL: prom.url,
      INPUT_MODE: inv.mode ?? 'run',
      INPUT_PLAN: inv.plan,
      INPUT_TOKEN: 'test-token',
      ...(inv.command ? { INPUT_COMMAND: inv.command.name, INPUT_RELEASE: inv.command.release } : { INPUT_VERSION: inv.version ?? '5.0.0' }),
      GITHUB_OUTPUT: outFile,
      ...inv.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ms = performance.now() - started;
  fake.setRunStatus(runId, 'completed', status === 0 ? 'success' : 'failure');
  return { status, stdout, outputs: readOutputs(outFile), ms };
}

/** One number from Prometheus: the query must answer exactly one series (polled until the scrape has it). */
async function promNumber(query: string, want?: number): Promise<number> {
  return pollUntil(
    `${query}${want !== undefined ? ` == ${want}` : ''}`,
    async () => {
      const r = await promQuery(prom.url, query);
      if (r.length !== 1) return undefined;
      const v = Number(r[0]?.value[1]);
      return want === undefined || v === want ? v : undefined;
    },
    15_000,
    250,
  );
}

interface LedgerState {
  regions: Record<string, { phase: string; failure?: { reasonCode: string }; runs: Array<{ runId?: number }> }>;
  history: Array<{ kind: string; stage?: string }>;
}
const ledgerOf = (fake: GitHubFake, releaseId: string): LedgerState =>
  decodeEnvelope(fake.checkRuns.find((c) => c.name === checkRunName(releaseId))?.text ?? '').state as LedgerState;

describe('pushed to the real Pushgateway, read back through a real Prometheus scrape', () => {
  let fake: GitHubFake;
  const requests: Record<string, number> = {};
  let remainingAfterCommand = -1;
  const pushInput = () => ({ 'INPUT_PUSHGATEWAY-URL': pushgw.url });

  beforeAll(async () => {
    fake = makeFake(['us-east'], { permissions: { alice: 'admin', bob: 'write' } });
    await fake.start();
    const shop = writePlan('shop', ['us-east', 'ap-south']);
    const cart = writePlan('cart', []);
    // GitHub's count of the requests of each invocation: the fake logs every one, a 304 included.
    const counted = async (what: string, run: () => Promise<Invoked[]>): Promise<Invoked[]> => {
      const from = fake.log.length;
      const out = await run();
      requests[what] = fake.log.length - from;
      return out;
    };
    const [shopRun, cartRun] = await counted('parallel runs', () =>
      Promise.all([invoke(fake, { plan: shop, env: pushInput() }), invoke(fake, { plan: cart, version: '7.0.0', env: pushInput() })]),
    );
    expect(shopRun?.outputs.decision, shopRun?.stdout).toBe('paused');
    expect(cartRun?.outputs.decision, cartRun?.stdout).toBe('promoted');
    for (const n of [1, 2]) {
      const [r] = await counted(`reconcile ${n}`, async () => [await invoke(fake, { plan: shop, mode: 'reconcile', env: pushInput() })]);
      expect(r?.outputs.decision, r?.stdout).toBe('paused');
    }
    const [approved] = await counted('command', async () => [
      await invoke(fake, { plan: shop, command: { name: 'approve', release: 'shop-5.0.0', actor: 'bob' }, env: pushInput() }),
    ]);
    expect(approved?.outputs.decision, approved?.stdout).toBe('rolled-back');
    remainingAfterCommand = 1000 - fake.counts().counted;
    expect(fake.errors).toEqual([]);
  }, 240_000);
  afterAll(async () => fake?.stop());

  it('keeps one group per repository and plan and per repository, plan and invocation kind, no more', async () => {
    const res = await fetch(`${pushgw.url}/api/v1/metrics`);
    const body = (await res.json()) as { data: Array<{ labels: Record<string, string> }> };
    const groups = body.data
      .map((g) => g.labels)
      .filter((l) => l.job === 'progressive-release')
      .map((l) => `${l.repository} ${l.plan}${l.invocation ? ` ${l.invocation}` : ''}`)
      .sort();
    expect(groups).toEqual(['cart', 'cart run', 'shop', 'shop command:approve', 'shop reconcile', 'shop run'].map((g) => `acme/shop ${g}`));
  });

  it('release series: the final state of each release, whichever invocation pushed last', async () => {
    const shop = ledgerOf(fake, 'shop-5.0.0');
    const failed = shop.regions['us-east']?.failure?.reasonCode ?? '';
    expect(failed).not.toBe('');
    expect(await promNumber('progressive_release_outcome{plan="shop",outcome="rolled-back"}')).toBe(1);
    expect(await promNumber('progressive_release_outcome{plan="cart",outcome="promoted"}')).toBe(1);
    expect(await promNumber(`progressive_release_rollbacks{plan="shop",stage="rest",reason_code="${failed}"}`)).toBe(1);
    expect(await promNumber('progressive_release_regions{plan="cart",phase="promoted"}')).toBe(1);
    expect(await promNumber('progressive_release_gate_value{plan="cart",region="eu-west",gate="errors"}')).toBe(GATE_VALUE);
    expect(await promNumber('progressive_release_region_traffic_percent{plan="shop",region="us-east"}')).toBe(0);
    // The wait began in the run and ended in the command run, two reconciles between: one wait, counted once.
    expect(await promNumber('progressive_release_approval_wait_seconds_count{plan="shop",scope="stage",stage="rest",resolution="approved"}')).toBe(1);
    // Every run the ledger knows by id was found once, its latency measured once, over all four invocations.
    const runs = Object.values(shop.regions).flatMap((r) => r.runs.filter((x) => x.runId !== undefined));
    expect(runs.length).toBeGreaterThan(4);
    expect(await promNumber('sum(progressive_release_dispatch_latency_seconds_count{plan="shop"})')).toBe(runs.length);
    expect(await promNumber('sum(progressive_release_gate_verdicts{plan="shop",verdict="passed"})')).toBe(
      shop.history.filter((h) => h.kind === 'gate-passed').length,
    );
  });

  it('invocation series: the requests of the last invocation of each kind, as GitHub counted them', async () => {
    const sumOf = (sel: string) => promNumber(`sum(progressive_release_github_requests_total{${sel}})`);
    expect((await sumOf('plan="shop",invocation="run"')) + (await sumOf('plan="cart",invocation="run"'))).toBe(requests['parallel runs']);
    // Two reconciles share their kind's group: the second replaced the first (documented), nothing else did.
    expect(await sumOf('plan="shop",invocation="reconcile"')).toBe(requests['reconcile 2']);
    expect(await sumOf('plan="shop",invocation="command:approve"')).toBe(requests.command);
    expect(await promNumber('progressive_release_github_rate_limit_remaining{plan="shop",invocation="command:approve"}')).toBe(remainingAfterCommand);
    expect(await promNumber('sum(progressive_release_github_requests_not_modified_total{plan="shop"})')).toBeGreaterThan(0);
  });

  it('every panel query of the Grafana dashboard answers with data', async () => {
    const dashboard = JSON.parse(readFileSync('workflows-examples/grafana-dashboard.json', 'utf8')) as {
      panels: Array<{ title: string; targets?: Array<{ expr: string }> }>;
      templating: { list: Array<{ name: string; query: { query: string } }> };
    };
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['repository', 'plan']);
    const values = await (await fetch(`${prom.url}/api/v1/label/plan/values?match[]=progressive_release_status`)).json();
    expect((values as { data: string[] }).data.sort()).toEqual(['cart', 'shop']);
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ title: p.title, expr: t.expr })));
    expect(exprs.length).toBeGreaterThanOrEqual(15);
    // Every panel filters by repository too: plans of one name in two repositories never add up.
    for (const { title, expr } of exprs) expect(expr, title).toContain('repository=~"$repository"');
    for (const [repository, plan] of [
      ['acme/shop', 'shop'],
      ['.*', 'cart|shop'],
    ] as const) {
      for (const { title, expr } of exprs) {
        const query = expr.replaceAll('$repository', repository).replaceAll('$plan', plan);
        expect(query, title).not.toContain('$');
        const result = await pollUntil(`${title}: ${query}`, async () => ((await promQuery(prom.url, query)).length > 0 ? true : undefined), 15_000, 250);
        expect(result, title).toBe(true);
      }
    }
  }, 120_000);
});

describe('a Pushgateway that refuses or hangs', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  async function hanging(): Promise<string> {
    const server = createServer(() => undefined);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function release(env: Record<string, string>): Promise<Invoked> {
    const fake = makeFake([]);
    await fake.start();
    try {
      return await invoke(fake, { plan: writePlan('cart', []), version: '7.0.0', env });
    } finally {
      await fake.stop();
    }
  }

  const metricWarnings = (r: Invoked) => r.stdout.split('\n').filter((l) => l.startsWith('warning: ') && l.includes("release's metrics"));

  it('the outcome is the same, one warning, and the job is not slower than the 5 s deadline; the metrics file is written anyway', async () => {
    const baseline = await release({});
    expect(baseline.outputs.decision, baseline.stdout).toBe('promoted');
    const file = join(mkdtempSync(join(tmpdir(), 'pr-metrics-file-')), 'release.prom');
    const refused = await release({
      'INPUT_PUSHGATEWAY-URL': `http://127.0.0.1:${await freePort()}`,
      'INPUT_METRICS-FILE': file,
      PUSHGATEWAY_TOKEN: 'tok-98765',
    });
    const hung = await release({ 'INPUT_PUSHGATEWAY-URL': await hanging(), PUSHGATEWAY_TOKEN: 'tok-98765' });
    for (const [name, r] of [
      ['refused', refused],
      ['hanging', hung],
    ] as const) {
      expect(r.outputs.decision, `${name}: ${r.stdout}`).toBe('promoted');
      expect(r.status).toBe(0);
      expect(metricWarnings(r), name).toHaveLength(1);
      // Masked first (the runner hides it from then on), and never written anywhere else.
      expect(r.stdout.split('\n').filter((l) => l.includes('tok-98765'))).toEqual(['::add-mask::tok-98765']);
    }
    expect(metricWarnings(refused)[0]).toContain('could not connect');
    expect(metricWarnings(hung)[0]).toContain('no answer before the deadline');
    // Measured: a refused push costs little (loading prom-client, one refused connection; the bound
    // leaves room for a busy machine); a hanging one the flush's 5 s and no more.
    expect(refused.ms - baseline.ms, `baseline ${baseline.ms} ms, refused ${refused.ms} ms`).toBeLessThan(3_000);
    expect(hung.ms - baseline.ms, `baseline ${baseline.ms} ms, hanging ${hung.ms} ms`).toBeLessThan(6_000);
    expect(hung.ms - baseline.ms).toBeGreaterThan(4_000);
    console.log(`bundle run: baseline ${Math.round(baseline.ms)} ms, refused push ${Math.round(refused.ms)} ms, hanging push ${Math.round(hung.ms)} ms`);
    const text = readFileSync(file, 'utf8');
    expect(promtoolProblems(text)).toBe('');
    const samples = parseSamples(text);
    expect(sample(samples, 'progressive_release_outcome', { plan: 'cart', outcome: 'promoted' })).toBe(1);
    expect(sample(samples, 'progressive_release_gate_value', { plan: 'cart', region: 'eu-west' })).toBe(GATE_VALUE);
    const routes = samples.filter((s) => s.name === 'progressive_release_github_requests_total').map((s) => s.labels.route ?? '');
    expect(routes.length).toBeGreaterThan(3);
    // Route templates, never a path with a run id, a check-run id or a release's name in it.
    for (const route of routes) expect(route).toMatch(/^\/[a-z_/{}-]+$/);
    console.log(`routes: ${[...new Set(routes)].join(' ')}`);
  }, 120_000);
});

/**
 * Real Prometheus (and Pushgateway) for integration tests, benchmarks and the demo: started on
 * free loopback ports with a temp config and data dir, ready only when a scraped sample is
 * queryable (Prometheus answers /-/ready at once but discovers targets ~6 s later, so we poll
 * for data rather than sleep), and stopped by PID.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1 (bind to 0, read it, release it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `probe` every `everyMs` until it returns a value, or fails after `timeoutMs` with the last problem. */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface ManagedProcess {
  url: string;
  port: number;
  pid: number;
  /** SIGTERM, then SIGKILL after 5 s; removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
      const kill = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      process.kill(child.pid, 'SIGTERM');
    }).finally(() => rmSync(dir, { recursive: true, force: true }));
    return stopping;
  };
}

function launch(bin: string, args: string[], dir: string): ChildProcess {
  const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  // Keep the tail of stderr for error messages; do not let a full pipe block the process.
  const tail: string[] = [];
  child.stderr?.on('data', (d: Buffer) => {
    tail.push(d.toString());
    if (tail.length > 20) tail.shift();
  });
  (child as ChildProcess & { stderrTail: () => string }).stderrTail = () => tail.join('').slice(-2000);
  // Without a listener a missing binary (ENOENT) would crash the test process instead of failing the start.
  child.once('error', (err: NodeJS.ErrnoException) => {
    tail.push(err.code === 'ENOENT' ? `${bin} is not installed: apt-get install -y prometheus prometheus-pushgateway (scripts/test.sh does it)` : err.message);
    child.emit('exit', null, null);
  });
  return child;
}

function tailOf(child: ChildProcess): string {
  return (child as ChildProcess & { stderrTail?: () => string }).stderrTail?.() ?? '';
}

/** Runs an instant query against a Prometheus and returns `data.result` (throws on failure). */
export async function promQuery(url: string, query: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query }).toString()}`);
  const body = (await res.json()) as { status: string; error?: string; data?: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  if (body.status !== 'success') throw new Error(`query ${query} failed: ${body.error ?? res.status}`);
  return body.data?.result ?? [];
}

export interface PrometheusOptions {
  /** host:port targets scraped every second under job "demo". */
  targets: string[];
  /** A pushgateway to scrape (honor_labels) under job "pushgateway". */
  pushgateway?: string;
  /** Query that must return a series before the server counts as ready (default: up{job="demo"} == 1). */
  readyQuery?: string;
  /** Default 30 s (discovery alone takes ~6 s). */
  readyTimeoutMs?: number;
  /**
   * Samples at times of our choosing (OpenMetrics text, ending in `# EOF`), written into the data
   * dir as TSDB blocks by `promtool tsdb create-blocks-from openmetrics` before Prometheus starts:
   * a range read can then be checked point by point, which scraped samples (taken whenever the
   * scrape happens) cannot. Keep the times within the retention (15 days): older blocks are dropped.
   */
  backfill?: string;
}

export interface PrometheusServer extends ManagedProcess {
  config: string;
}

/** Starts Prometheus scraping `targets` every second; resolves once a scraped sample is queryable. */
export async function startPrometheus(opts: PrometheusOptions): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pr-prom-'));
  const port = await freePort();
  const jobs = [`  - job_name: demo\n    scrape_interval: 1s\n    static_configs:\n      - targets: [${opts.targets.map((t) => `'${t}'`).join(', ')}]`];
  if (opts.pushgateway)
    jobs.push(`  - job_name: pushgateway\n    honor_labels: true\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['${opts.pushgateway}']`);
  const config = `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n${jobs.join('\n')}\n`;
  const cfgFile = join(dir, 'prometheus.yml');
  writeFileSync(cfgFile, config);
  if (opts.backfill !== undefined) backfill(dir, opts.backfill);
  const child = launch(
    'prometheus',
    [`--config.file=${cfgFile}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    dir,
  );
  const url = `http://127.0.0.1:${port}`;
  const server: PrometheusServer = { url, port, pid: child.pid ?? -1, config, stop: stopper(child, dir) };
  try {
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`prometheus exited with ${code}: ${tailOf(child)}`))));
    exited.catch(() => undefined);
    await Promise.race([exited, pollUntil('prometheus /-/ready', async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined), 10_000)]);
    const q = opts.readyQuery ?? 'up{job="demo"} == 1';
    await Promise.race([
      exited,
      pollUntil(`a sample for ${q}`, async () => ((await promQuery(url, q)).length > 0 ? true : undefined), opts.readyTimeoutMs ?? 30_000, 200),
    ]);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

function backfill(dir: string, openMetrics: string): void {
  const file = join(dir, 'backfill.om');
  writeFileSync(file, openMetrics.endsWith('\n') ? openMetrics : `${openMetrics}\n`);
  const r = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, join(dir, 'data')], { encoding: 'utf8' });
  if (r.error) throw new Error(`promtool is not installed: apt-get install -y prometheus (scripts/test.sh does it): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`promtool could not backfill: ${`${r.stdout}${r.stderr}`.trim() || `exit ${r.status}`}`);
}

/** Starts a Pushgateway on a free loopback port; resolves when it answers. */
export async function startPushgateway(): Promise<ManagedProcess & { push(job: string, text: string): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pr-pushgw-'));
  const port = await freePort();
  // Debian's build persists to /var/lib/prometheus/pushgateway.data by default: every test run (and
  // every worktree on the machine) would start with the groups of the runs before it. In memory only.
  const child = launch('prometheus-pushgateway', [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file=', '--log.level=warn'], dir);
  const url = `http://127.0.0.1:${port}`;
  const gw = {
    url,
    port,
    pid: child.pid ?? -1,
    stop: stopper(child, dir),
    /** PUTs a group in the text exposition format (replaces the job's metrics). */
    async push(job: string, text: string): Promise<void> {
      const res = await fetch(`${url}/metrics/job/${encodeURIComponent(job)}`, { method: 'PUT', body: text.endsWith('\n') ? text : `${text}\n` });
      if (!res.ok) throw new Error(`pushgateway answered ${res.status}: ${await res.text()}`);
    },
  };
  try {
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`prometheus-pushgateway exited with ${code}: ${tailOf(child)}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([exited, pollUntil('pushgateway /-/ready', async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined), 10_000)]);
  } catch (err) {
    await gw.stop();
    throw err;
  }
  return gw;
}

// Reading the Prometheus text exposition format back for assertions: every sample as name, labels
// and value, and `promtool check metrics` (shipped with the Debian package) to prove the text is
// valid, not only readable by this parser.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseSamples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1] ?? ''] = (l[2] ?? '').replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    out.push({ name: m[1] ?? '', labels, value: Number(m[3]) });
  }
  return out;
}

/** The one sample of `name` whose labels include `labels`; throws when none or several match. */
export function sample(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  const hits = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (hits.length !== 1) throw new Error(`${hits.length} samples of ${name}${JSON.stringify(labels)}`);
  return (hits[0] as Sample).value;
}

/** A series' identity: its name and sorted labels. */
export function seriesKey(s: Sample): string {
  return `${s.name}{${Object.entries(s.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')}}`;
}

/** `promtool check metrics` on the text: its complaints (empty: valid). Lint warnings about naming count too. */
export function promtoolProblems(text: string): string {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (r.error) throw new Error(`promtool is not installed: apt-get install -y prometheus (scripts/test.sh does it): ${r.error.message}`);
  return r.status === 0 ? '' : `${r.stdout}${r.stderr}`.trim() || `exit ${r.status}`;
}

/**
 * A small service to watch real gates work: serves `/api/<region>`, counts requests by region
 * and status code (`demo_requests_total`) and observes latency (`demo_request_duration_seconds`)
 * with prom-client, and drives itself with a built-in load generator (one stream per region).
 * Faults are injected per region on command:
 *
 *   curl -X POST 'http://127.0.0.1:PORT/control/eu-west-1?errorRate=0.5&latencyMs=300'
 *   curl -X POST  http://127.0.0.1:PORT/control/reset
 *
 * Errors are spread evenly rather than drawn at random (an accumulator), so an error rate of
 * 0.5 gives exactly every other request a 500 and tests read predictable ratios. Latency is
 * recorded as injected rather than slept, so the load generator keeps its pace.
 *
 * Run by hand: `node --import tsx demo/service.ts [--port 9464] [--regions a,b,c]`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Counter, Histogram, Registry } from 'prom-client';

export interface Fault {
  errorRate: number;
  latencyMs: number;
}

export interface DemoService {
  url: string;
  port: number;
  regions: string[];
  /** Sets a region's faults (errorRate 0..1, extra latency in ms). */
  setFault(region: string, fault: Partial<Fault>): void;
  reset(): void;
  /** Requests served so far, by region. */
  served(region: string): number;
  stop(): Promise<void>;
}

export interface DemoOptions {
  regions?: string[];
  port?: number;
  /** Time between load-generator rounds (default 50 ms: 20 requests/s per region). */
  loadIntervalMs?: number;
  /** Base latency of a healthy request (default 20 ms). */
  baseLatencyMs?: number;
}

const REGION_RE = /^[a-z][a-z0-9-]{0,62}$/;

/** Starts the service and its load generator on a loopback port. */
export async function startDemoService(opts: DemoOptions = {}): Promise<DemoService> {
  const regions = opts.regions ?? ['eu-west-1', 'us-east-1', 'ap-south-1'];
  const registry = new Registry();
  const requests = new Counter({
    name: 'demo_requests_total',
    help: 'Requests served, by region and status code',
    labelNames: ['region', 'code'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'demo_request_duration_seconds',
    help: 'Request latency',
    labelNames: ['region'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const faults = new Map<string, Fault>();
  const errorDebt = new Map<string, number>();
  const served = new Map<string, number>();
  for (const r of regions) {
    // Series exist from the start at 0, so error-ratio queries read 0 rather than no data.
    requests.labels(r, '200').inc(0);
    requests.labels(r, '500').inc(0);
    faults.set(r, { errorRate: 0, latencyMs: 0 });
  }
  const base = opts.baseLatencyMs ?? 20;

  function serve(region: string): number {
    const fault = faults.get(region) ?? { errorRate: 0, latencyMs: 0 };
    const debt = (errorDebt.get(region) ?? 0) + fault.errorRate;
    const fail = debt >= 1 - 1e-9;
    errorDebt.set(region, fail ? debt - 1 : debt);
    const code = fail ? 500 : 200;
    requests.labels(region, String(code)).inc();
    latency.labels(region).observe((base + fault.latencyMs) / 1000);
    served.set(region, (served.get(region) ?? 0) + 1);
    return code;
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo');
    const parts = url.pathname.split('/').filter(Boolean);
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.pathname === '/metrics') {
      registry.metrics().then(
        (text) => send(200, text, registry.contentType),
        (err: unknown) => send(500, String(err), 'text/plain'),
      );
      return;
    }
    if (parts[0] === 'api' && parts[1] && faults.has(parts[1])) {
      const code = serve(parts[1]);
      send(code, { region: parts[1], ok: code === 200 });
      return;
    }
    if (parts[0] === 'control') {
      if (req.method === 'GET' && parts.length === 1) return send(200, Object.fromEntries(faults));
      if (req.method === 'POST' && parts[1] === 'reset') {
        service.reset();
        return send(200, Object.fromEntries(faults));
      }
      if (req.method === 'POST' && parts[1] && faults.has(parts[1])) {
        const errorRate = url.searchParams.get('errorRate');
        const latencyMs = url.searchParams.get('latencyMs');
        const fault: Partial<Fault> = {};
        if (errorRate !== null) fault.errorRate = Number(errorRate);
        if (latencyMs !== null) fault.latencyMs = Number(latencyMs);
        if ((fault.errorRate !== undefined && !(fault.errorRate >= 0 && fault.errorRate <= 1)) || (fault.latencyMs !== undefined && !(fault.latencyMs >= 0))) {
          return send(400, { error: 'errorRate must be a number from 0 to 1 and latencyMs a number >= 0' });
        }
        service.setFault(parts[1], fault);
        return send(200, faults.get(parts[1]));
      }
    }
    send(404, {
      error: `unknown path ${url.pathname}; try /metrics, /api/<region>, GET /control, POST /control/<region>?errorRate=0.5&latencyMs=300, POST /control/reset`,
      regions,
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  // The load generator goes through HTTP like any client, so the service path is exercised end to end.
  let stopped = false;
  const tick = setInterval(() => {
    if (stopped) return;
    for (const r of regions)
      void fetch(`${url}/api/${r}`)
        .then((res) => res.arrayBuffer())
        .catch(() => undefined);
  }, opts.loadIntervalMs ?? 50);

  const service: DemoService = {
    url,
    port,
    regions,
    setFault(region, fault) {
      if (!REGION_RE.test(region) || !faults.has(region)) throw new Error(`unknown region ${region}; expected one of ${regions.join(', ')}`);
      faults.set(region, { ...(faults.get(region) as Fault), ...fault });
      if (fault.errorRate !== undefined) errorDebt.set(region, 0);
    },
    reset() {
      for (const r of regions) faults.set(r, { errorRate: 0, latencyMs: 0 });
      errorDebt.clear();
    },
    served: (region) => served.get(region) ?? 0,
    async stop() {
      stopped = true;
      clearInterval(tick);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return service;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const svc = await startDemoService({
    port: Number(arg('--port') ?? 9464),
    ...(arg('--regions') ? { regions: (arg('--regions') as string).split(',') } : {}),
  });
  process.stdout.write(`demo service on ${svc.url} (regions ${svc.regions.join(', ')}); metrics at ${svc.url}/metrics\n`);
  const stop = () => void svc.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

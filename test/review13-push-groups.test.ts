/**
 * Review 13: Pushgateway grouping. The release group is keyed by job and plan name only, so two
 * repositories with a plan of the same name (`production`) pushing to one organisation's
 * Pushgateway replace each other's release series on every push.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetricsSink } from '../src/telemetry/metrics-sink.js';
import { Harness, T0 } from './support/harness.js';
import { makePlan } from './support/plans.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function gateway(): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      paths.push(req.url ?? '');
      res.writeHead(200);
      res.end();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

async function pushFrom(url: string, repository: string): Promise<void> {
  const plan = { ...makePlan(), name: 'production' };
  const h = new Harness(plan);
  h.start();
  const sink = createMetricsSink({
    pushgatewayUrl: url,
    env: {},
    repository,
    warn: () => undefined,
    setSecret: () => undefined,
    now: () => T0,
  });
  sink.opened({ releaseId: `${repository}-1`, plan, version: '1', kind: 'run', startedAt: T0 }, h.state);
  sink.finished({ decision: 'paused', reasonCode: '', reason: '', state: h.state, at: T0 });
  await sink.flush(AbortSignal.timeout(5_000));
}

describe('review13: Pushgateway groups across repositories', () => {
  it('two repositories, one plan name: their release groups differ', async () => {
    const gw = await gateway();
    await pushFrom(gw.url, 'shop/checkout');
    await pushFrom(gw.url, 'shop/payments');
    expect(gw.paths).toHaveLength(4);
    expect(new Set(gw.paths).size).toBe(4);
  });
});

/**
 * `npm run demo:prometheus`: watch a real gate work. Starts Prometheus (scraping every second)
 * and the demo service, runs a short release over two regions against it, injects errors in
 * eu-west-1 in the middle of its bake, prints the progress lines and the verdict, and cleans
 * up (also on Ctrl-C). Options: --healthy (no fault: the release promotes), --error-rate 0.3.
 */
import { progressLine } from '../src/cli/simulate-format.js';
import type { HistoryEntry } from '../src/core/state.js';
import { pollUntil, promQuery, startPrometheus, type PrometheusServer } from '../test/support/prometheus.js';
import { demoPlanText, ERROR_RATIO_QUERY, planOf, runDemoRelease, verdictLines } from './release.js';
import { startDemoService, type DemoService } from './service.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const healthy = process.argv.includes('--healthy');
const rateArg = process.argv.indexOf('--error-rate');
const errorRate = rateArg >= 0 ? Number(process.argv[rateArg + 1]) : 0.5;

let demo: DemoService | undefined;
let prom: PrometheusServer | undefined;
async function cleanup(): Promise<void> {
  await prom?.stop();
  await demo?.stop();
}
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  demo = await startDemoService({ regions: ['eu-west-1', 'us-east-1'] });
  out(`demo service on ${demo.url} (load: 20 requests/s per region; faults: POST ${demo.url}/control/<region>?errorRate=0.5)`);
  out('starting Prometheus (waiting for the first scraped samples, ~6 s)...');
  prom = await startPrometheus({ targets: [`127.0.0.1:${demo.port}`] });
  await pollUntil(
    'a request rate',
    async () => ((await promQuery(prom!.url, 'sum(rate(demo_requests_total[5s])) > 0')).length > 0 ? true : undefined),
    20_000,
    200,
  );
  out(`Prometheus on ${prom.url} (pid ${prom.pid})`);
  out(`gate error-ratio: max 0.05, every 2s over a 5s window, query:\n  ${ERROR_RATIO_QUERY}`);
  out(healthy ? 'scenario: healthy (no fault injected)' : `scenario: errors (rate ${errorRate}) injected in eu-west-1 after its first good measurement`);
  out('');

  const plan = planOf(demoPlanText({ promUrl: prom.url }));
  const start = Date.now();
  let injected = false;
  const onTransition = (e: HistoryEntry) => {
    const line = progressLine(e, start, true);
    if (line) out(line);
    if (!healthy && !injected && e.kind === 'measurement' && e.region === 'eu-west-1' && e.reasonCode === 'within-threshold') {
      injected = true;
      demo!.setFault('eu-west-1', { errorRate });
      out(`>>> injected errors in eu-west-1 (errorRate ${errorRate})`);
    }
  };
  const result = await runDemoRelease({ plan, onTransition });
  out('');
  for (const line of verdictLines(result)) out(line);
  out(`took ${((Date.now() - start) / 1000).toFixed(1)} s`);
  process.exitCode = (healthy ? result.decision === 'promoted' : result.decision === 'rolled-back') ? 0 : 1;
} catch (err) {
  process.stderr.write(`demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

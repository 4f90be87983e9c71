/**
 * The semantic checks of SLO gates and the release freeze: an slo gate is judged by burn rate,
 * so it has no query or thresholds of its own; its objective, windows and factor must describe a
 * burn a measurement can actually exceed; its queries must read `{{ window }}` (the short, long
 * and period reads differ only by it); and the freeze must name an slo gate and regions the plan
 * deploys. Each check reads only parts whose shape is valid.
 */
import { formatDuration, parseDuration } from './duration.js';
import { formatPercent, parsePercent } from './percent.js';
import { templateRefs } from './template.js';
import type { Checked } from './semantic-context.js';

type GateEntry = NonNullable<NonNullable<Checked['plan']['gates']>[string]>;

/** Providers whose gates are queries: the slo reads are instant queries through them. */
const QUERY_PROVIDERS = new Set(['prometheus', 'datadog', 'synthetic']);

function readsWindow(text: string): boolean {
  return templateRefs(text).refs.some((ref) => ref.name === 'window');
}

/** Whether gate `name` is an slo gate: a plan check elsewhere skips the threshold and query rules for it. */
export function isSloGate(g: GateEntry | undefined): boolean {
  return g?.slo !== undefined;
}

export function checkSloGates(c: Checked): void {
  for (const [name, g] of Object.entries(c.plan.gates ?? {})) {
    if (g?.slo !== undefined) checkSloGate(c, name, g);
  }
  checkFreeze(c);
}

function checkSloGate({ plan, valid, r }: Checked, name: string, g: GateEntry): void {
  const path = ['gates', name, 'slo'];
  const slo = g.slo;
  if (!slo) return;
  const mixed = (['query', 'min', 'max', 'url', 'path', 'compare', 'minVolume'] as const).filter((k) => g[k] !== undefined);
  if (mixed.length > 0) {
    r.error(
      ['gates', name, mixed[0] ?? 'slo'],
      `an slo gate is judged by its burn rate (slo.good, slo.total, slo.objective), so it takes no ${mixed.join(', ')}; remove ${mixed.length > 1 ? 'them' : 'it'} or the slo block`,
      'key',
    );
  }
  const provider = g.provider !== undefined ? plan.providers?.[g.provider] : undefined;
  if (provider?.type !== undefined && !QUERY_PROVIDERS.has(provider.type)) {
    r.error(['gates', name, 'provider'], `an slo gate reads good and total events by query: use a prometheus or datadog provider, not ${provider.type}`);
  }
  // Datadog answers a window as time buckets, and a read without reduce keeps the newest bucket
  // only: good and total over 30d would be the last few hours. Summing the buckets counts the window.
  if (provider?.type === 'datadog' && g.reduce !== 'sum') {
    r.error(
      g.reduce === undefined ? ['gates', name] : ['gates', name, 'reduce'],
      `a datadog slo gate needs reduce: sum (its good and total queries as counts aggregated to one series, e.g. sum:requests.ok{region:{{ region }}}.as_count()): Datadog answers a window as time buckets, and without sum only the newest bucket would be counted`,
      g.reduce === undefined ? 'key' : 'value',
    );
  }
  for (const field of ['good', 'total'] as const) {
    const text = slo[field];
    if (text !== undefined && !readsWindow(text)) {
      r.error(
        [...path, field],
        `must read {{ window }} (e.g. sum(rate(http_requests_total[{{ window }}]))): it is read over the short and long windows and the freeze period, and without it every read is the same`,
      );
    }
  }
  if (g.onNoData === 'pass') {
    r.warn(['gates', name, 'onNoData'], `'pass' does not pass an slo gate: a window without events is no data and counts as inconclusive (core/slo-gate.ts)`);
  }
  const objective = slo.objective !== undefined ? parsePercent(slo.objective) : undefined;
  if (objective !== undefined && !(objective > 0 && objective < 1)) {
    r.error([...path, 'objective'], `must be a percent strictly between 0% and 100%, such as 99.9%; got ${slo.objective}`);
  }
  const br = slo.burnRate;
  if (br === undefined || valid.unknown([...path, 'burnRate'])) return;
  const short = parseDuration(br.short ?? '5m');
  const long = parseDuration(br.long ?? '1h');
  if (short !== undefined && short <= 0) r.error([...path, 'burnRate', 'short'], `must be longer than 0s, e.g. 5m`);
  if (short !== undefined && long !== undefined && short >= long) {
    r.error(
      [...path, 'burnRate', br.long !== undefined ? 'long' : 'short'],
      `the short window (${formatDuration(short)}) must be shorter than the long window (${formatDuration(long)}), e.g. short: 5m, long: 1h`,
    );
  }
  // Every event bad burns at 1/(1 - objective): a factor at or above that can never be exceeded.
  if (br.factor !== undefined && objective !== undefined && objective > 0 && objective < 1 && br.factor >= 1 / (1 - objective)) {
    r.error(
      [...path, 'burnRate', 'factor'],
      `${br.factor} can never be exceeded: with objective ${formatPercent(objective)} the fastest burn (every event bad) is ${Number((1 / (1 - objective)).toPrecision(6))}x`,
    );
  }
}

function checkFreeze({ plan, valid, r }: Checked): void {
  const f = plan.freeze;
  if (!f) return;
  if (f.slo !== undefined && !valid.unknown(['gates'])) {
    const gate = plan.gates?.[f.slo];
    const sloGates = Object.entries(plan.gates ?? {})
      .filter(([, g]) => g?.slo !== undefined)
      .map(([n]) => n);
    if (!gate?.slo && !valid.unknown(['gates', f.slo])) {
      r.error(
        ['freeze', 'slo'],
        `'${f.slo}' is not an slo gate; name a gate with an slo block (${sloGates.length ? `slo gates: ${sloGates.join(', ')}` : 'this plan declares none'})`,
      );
    }
  }
  const floor = f.floor !== undefined ? parsePercent(f.floor) : undefined;
  if (floor !== undefined && floor > 1) r.error(['freeze', 'floor'], `must be a percent from 0% to 100% of the error budget, such as 10%; got ${f.floor}`);
  const period = f.period !== undefined ? parseDuration(f.period) : undefined;
  if (period !== undefined && period <= 0) r.error(['freeze', 'period'], `must be longer than 0s: it is the SLO period, e.g. 30d`);
  if (f.regions !== undefined && !valid.unknown(['stages'])) {
    const known = new Set((plan.stages ?? []).flatMap((s) => s?.regions ?? []));
    f.regions.forEach((region, i) => {
      if (region !== undefined && !known.has(region)) r.error(['freeze', 'regions', i], `'${region}' is not a region of any stage`);
    });
  }
}

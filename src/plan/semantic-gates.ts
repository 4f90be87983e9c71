/**
 * The semantic checks of providers and gates: completeness per provider type, credentials
 * written in the plan, references from gates to providers, thresholds and limits, and whether a
 * gate's measurements fit in the bakes that use it. Each reads only parts whose shape is valid.
 */
import { formatDuration, parseDuration } from './duration.js';
import { closest } from './schema-walk.js';
import type { Checked } from './semantic-context.js';
import { isSloGate } from './semantic-slo.js';

/** Header names whose values are credentials. */
const SECRET_HEADER = /^(proxy-)?authorization$|^cookie$|token|secret|password|api[-_]?key|auth/i;

function isAbsoluteUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** The gates some stage or defaults.gates uses; undefined when a broken list leaves that unknown. */
function gatesUsed({ plan, valid }: Checked): Set<string> | undefined {
  const lists = [['defaults', 'gates'], ...(plan.stages ?? []).map((_, si) => ['stages', si, 'gates'])];
  if (valid.unknown(['stages']) || lists.some((p) => !valid.ok(p))) return undefined;
  const used = new Set<string>(plan.defaults?.gates?.filter((g) => g !== undefined) ?? []);
  for (const s of plan.stages ?? []) for (const g of s?.gates ?? []) if (g !== undefined) used.add(g);
  return used;
}

export function checkProviders({ plan, valid, r }: Checked): void {
  const gates = Object.entries(plan.gates ?? {});
  // A provider is "unused" only when every gate's provider is known.
  const allKnown = !valid.unknown(['gates']) && gates.every(([name, g]) => g?.provider !== undefined || !valid.unknown(['gates', name, 'provider']));
  const usedProviders = new Set(gates.map(([, g]) => g?.provider));
  for (const [name, p] of Object.entries(plan.providers ?? {})) {
    const path = ['providers', name];
    if (p?.type === undefined) continue;
    if (p.type === 'prometheus' || p.type === 'http-json') {
      if (p.url !== undefined && p.urlEnv !== undefined) r.error(path, `give either url or urlEnv, not both`, 'key');
      const urlKnown = !valid.unknown([...path, 'url']) && !valid.unknown([...path, 'urlEnv']);
      if (p.type === 'prometheus' && p.url === undefined && p.urlEnv === undefined && urlKnown) {
        r.error(
          path,
          `a prometheus provider needs url (e.g. https://prometheus.example.com) or urlEnv (the NAME of an environment variable holding it)`,
          'key',
        );
      }
      if (p.type === 'http-json' && p.url !== undefined && !isAbsoluteUrl(p.url)) {
        r.error([...path, 'url'], `must be an absolute http(s) URL such as https://metrics.example.com; got '${p.url}'`);
      }
    }
    for (const [header, value] of Object.entries(p.headers ?? {})) {
      // A credential written in the plan is committed to the repository and shows up in logs.
      if (typeof value === 'string' && SECRET_HEADER.test(header)) {
        r.error(
          [...path, 'headers', header],
          `looks like a credential written in the plan; write { env: NAME } and set NAME from a secret (the value is not shown here)`,
          'key',
        );
      }
    }
    if (allKnown && !usedProviders.has(name)) r.warn(path, `provider '${name}' is not used by any gate`, 'key');
  }
}

type GateEntry = NonNullable<NonNullable<Checked['plan']['gates']>[string]>;

/** What a gate's provider asks of it: a query, or a path and a url. */
function checkGateProvider(c: Checked, name: string, g: GateEntry): void {
  const { plan, valid, r } = c;
  const path = ['gates', name];
  if (g.provider === undefined || valid.unknown(['providers'])) return;
  const providers = plan.providers ?? {};
  if (!(g.provider in providers)) {
    const known = Object.keys(providers);
    const guess = closest(g.provider, known);
    r.error(
      [...path, 'provider'],
      `unknown provider '${g.provider}'${guess ? ` (did you mean '${guess}'?)` : ''}; ${known.length ? `declared providers: ${known.join(', ')}` : 'no providers are declared under providers'}`,
    );
    return;
  }
  // A declared provider whose own shape is broken: what it asks of its gates is not known.
  const provider = providers[g.provider];
  if (provider?.type === undefined) return;
  // An slo gate reads its own good/total queries (semantic-slo.ts).
  if (isSloGate(g)) return;
  if ((provider.type === 'prometheus' || provider.type === 'datadog') && g.query === undefined && !valid.unknown([...path, 'query'])) {
    r.error(
      path,
      `missing 'query': a ${provider.type} gate needs a query (${provider.type === 'prometheus' ? 'PromQL' : 'a Datadog metrics query'}) that returns one number`,
      'key',
    );
  } else if (provider.type === 'http-json') {
    if (g.path === undefined && !valid.unknown([...path, 'path']))
      r.error(path, `missing 'path': an http-json gate needs a JSONPath to the value, e.g. $.data.error_rate`, 'key');
    if (valid.unknown([...path, 'url']) || !valid.ok(['providers', g.provider])) return;
    const providerHasUrl = provider.url !== undefined || provider.urlEnv !== undefined;
    if (g.url === undefined && !providerHasUrl) {
      r.error(
        path,
        `missing 'url': an http-json gate needs a url (absolute, or relative to the provider's url/urlEnv, which provider '${g.provider}' does not set)`,
        'key',
      );
    } else if (g.url !== undefined && !providerHasUrl && !isAbsoluteUrl(g.url)) {
      r.error([...path, 'url'], `is relative but provider '${g.provider}' has no url or urlEnv; write an absolute http(s) URL`);
    }
  }
}

export function checkGates(c: Checked): void {
  const { plan, valid, r } = c;
  const used = gatesUsed(c);
  for (const [name, g] of Object.entries(plan.gates ?? {})) {
    if (g === undefined) continue;
    const path = ['gates', name];
    checkGateProvider(c, name, g);
    if (isSloGate(g)) {
      // Judged by burn rate: no threshold of its own (semantic-slo.ts).
    } else if (g.compare === undefined && g.min === undefined && g.max === undefined) {
      // A comparison gate is judged against its baseline (its bounds: semantic-compare.ts), not a fixed threshold.
      if (!valid.unknown([...path, 'min']) && !valid.unknown([...path, 'max']))
        r.error(path, `needs a threshold: min (fail below), max (fail above), or both`, 'key');
    } else if (g.min !== undefined && g.max !== undefined && g.min > g.max) {
      r.error([...path, 'min'], `min (${g.min}) is greater than max (${g.max}), so every measurement would fail`);
    }
    if (g.count !== undefined && g.failureLimit !== undefined && g.failureLimit >= g.count) {
      // Limits trip when exceeded; there are at most `count` failures, so a limit >= count never trips.
      r.error(
        [...path, 'failureLimit'],
        `${g.failureLimit} allows every one of the ${g.count} measurements (count) to fail, so this gate can never fail; use at most ${g.count - 1}`,
      );
    }
    if (g.onNoData === 'pass' && !isSloGate(g)) r.warn([...path, 'onNoData'], `'pass' lets a region be promoted when this gate's query returns no data at all`);
    if (g.body !== undefined && (g.method ?? 'GET') !== 'POST' && !valid.unknown([...path, 'method']))
      r.error([...path, 'body'], `a body is only sent with method: POST`);
    if (used && !used.has(name)) r.warn(path, `gate '${name}' is not used by any stage (list it in a stage's gates or defaults.gates)`, 'key');
  }
  checkGateFit(c);
}

/** A gate's measurements must fit in the shortest bake of every stage that uses it. */
function checkGateFit({ plan, valid, r }: Checked): void {
  // Which stages use a gate, and their bakes, come from every stage's gates and steps and the defaults: all must be whole.
  const lists = [
    ['defaults', 'gates'],
    ['defaults', 'steps'],
    ...(plan.stages ?? []).flatMap((_, si) => [
      ['stages', si, 'gates'],
      ['stages', si, 'steps'],
    ]),
  ];
  const stagesKnown = !valid.unknown(['stages']) && lists.every((p) => valid.ok(p));
  const defaultSteps = plan.defaults?.steps;
  const defaultGates = plan.defaults?.gates ?? [];
  for (const [name, g] of Object.entries(plan.gates ?? {})) {
    if (g === undefined || valid.unknown(['gates', name, 'interval'])) continue;
    const interval = parseDuration(g.interval ?? '1m') ?? 60_000;
    // A zero interval would measure again at the same instant forever (and a bake would need infinitely many measurements).
    if (interval <= 0) {
      r.error(['gates', name, 'interval'], `must be longer than 0s: the gate is measured once per interval, e.g. 30s or 1m`);
      continue;
    }
    // {{ window }} becomes a PromQL range such as [5m]: a zero range selects nothing (always no data).
    if (g.window !== undefined && parseDuration(g.window) === 0) {
      r.error(['gates', name, 'window'], `must be longer than 0s: it is the range the query looks back over, e.g. 5m (default: the interval)`);
    }
    if (!stagesKnown || !valid.ok(['gates', name])) continue;
    const delay = parseDuration(g.initialDelay ?? '0s') ?? 0;
    const count = g.count ?? 1;
    const needed = count * interval + delay;
    let shortest: { ms: number; stage: string; step: number } | undefined;
    for (const s of plan.stages ?? []) {
      if (s === undefined || !(s.gates ?? defaultGates).includes(name)) continue;
      (s.steps ?? defaultSteps ?? []).forEach((step, i) => {
        const bake = parseDuration(step?.bake ?? '0s') ?? 0;
        if (bake > 0 && (!shortest || bake < shortest.ms)) shortest = { ms: bake, stage: s.name ?? '?', step: i + 1 };
      });
    }
    if (!shortest || needed <= shortest.ms) continue;
    const how =
      g.count !== undefined
        ? `count ${count} x interval ${formatDuration(interval)}${delay ? ` + initialDelay ${formatDuration(delay)}` : ''} = ${formatDuration(needed)}`
        : `one interval (${formatDuration(interval)})${delay ? ` + initialDelay ${formatDuration(delay)}` : ''} = ${formatDuration(needed)}`;
    const field = g.count !== undefined ? 'count' : g.interval !== undefined ? 'interval' : undefined;
    const path = field ? ['gates', name, field] : ['gates', name];
    r.error(
      path,
      `${how} does not fit in the shortest bake that uses this gate (${formatDuration(shortest.ms)}, stage '${shortest.stage}' step ${shortest.step}); lower count/interval or lengthen the bake`,
      field ? 'value' : 'key',
    );
  }
}

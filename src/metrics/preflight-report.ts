/**
 * The pre-flight report (`plan` mode), without I/O: every gate query rendered for every
 * (stage, region, step), each distinct request run once through the metrics port, judged by
 * the core's own verdict function, plus the inputs each deploy would be dispatched with.
 * Nothing is dispatched.
 */
import { assessObservation } from '../core/verdict.js';
import { formatDuration } from '../plan/duration.js';
import { correlationId } from '../plan/ids.js';
import { contextValues, instantRange, renderTemplate, templateContext } from '../plan/template.js';
import type { Gate, Plan } from '../plan/types.js';
import type { MetricsPort } from '../driver/ports.js';
import type { Observation } from '../core/values.js';
import { unsafeTemplateValues, type UnsafeTemplateValue } from '../plan/escape.js';
import { oneLine } from '../report/untrusted.js';
import { messageOf } from '../report/message.js';
import { noun, plural } from '../plan/words.js';
import { freezeReads, sloReads, sloReadVerdict, type SloReadPlan } from './preflight-slo.js';
import { compareReads, plainGate, renderRead } from './preflight-compare.js';

export interface GateCheck {
  gate: string;
  provider: string;
  stage: string;
  region: string;
  step: number;
  traffic: number;
  /** The rendered query / URL (and body), as sent. */
  request: string;
  observation: Observation;
  /** What the core would make of this measurement today. */
  verdict: { phase: string; reasonCode: string; reason: string };
  /** A verdict can be reached (a value, or no data under onNoData pass/fail). */
  evaluable: boolean;
}

export interface DispatchPreview {
  stage: string;
  region: string;
  step: number;
  traffic: number;
  workflow: string;
  ref: string;
  inputs: Record<string, string>;
}

export interface PreflightReport {
  plan: string;
  version: string;
  releaseId: string;
  at: number;
  checks: GateCheck[];
  dispatches: DispatchPreview[];
  unsafe: UnsafeTemplateValue[];
  /** Every gate can be evaluated and no template value is unsafe. */
  ok: boolean;
}

export interface PreflightOptions {
  version: string;
  releaseId: string;
  ref: string;
  metrics: MetricsPort;
  at: number;
  /** Requests in flight at once (default 8): a pre-flight must not hammer the backend. */
  concurrency?: number;
}

/** Runs `tasks` with at most `limit` at once, keeping order. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

/** A check before it is run: `key` names its request (one per distinct key is sent); `read` a read judged alone (slo, freeze, a comparison's other reads). */
type Planned = Omit<GateCheck, 'observation' | 'verdict' | 'evaluable'> & { key: string; run: () => Promise<Observation>; read?: string; readCode?: string };

type Where = Pick<GateCheck, 'gate' | 'stage' | 'region' | 'step' | 'traffic'>;

/**
 * What names one request: the provider, the request as rendered and what else of the read gate
 * shapes the answer (its window, which Datadog reads as the range; its reducer; an http-json path
 * and method; whether it counts events, which Datadog sums over every bucket). Which check asks (a region's own gate, a baseline, a volume, an slo window) is not
 * part of it: the same request answers the same, so it is sent once and every check takes the answer.
 */
function readKey(provider: string, gate: Gate, request: string, counts = false): string {
  return [provider, gate.windowMs, gate.reduce ?? '', gate.path ?? '', gate.method, counts, request].join('\u0000');
}

function readCheck(where: Where & { provider: string }, read: SloReadPlan, o: { label?: string; readCode?: string; counts?: boolean } = {}): Planned {
  return {
    ...where,
    request: read.request,
    // An slo or freeze read counts events (sloReadRequest): not the same request as a plain read of that text.
    key: readKey(where.provider, read.gate, read.request, o.counts),
    run: read.run,
    read: o.label ?? read.what,
    ...(o.readCode !== undefined ? { readCode: o.readCode } : {}),
  };
}

/** The checks of one gate at one (stage, region, step): an slo gate's reads, or the gate's query and a comparison's other reads. */
function gateChecks(plan: Plan, o: PreflightOptions, w: Where): Planned[] {
  const gate = plan.gates[w.gate];
  const provider = gate ? plan.providers[gate.provider] : undefined;
  if (!gate || !provider) return [];
  const at = { ...w, provider: provider.name };
  if (gate.slo) {
    // An slo gate is four reads (good/total over its short and long windows), each a check.
    const base = templateContext(plan, o, w.stage, w.region, w.step, w.traffic);
    return sloReads({ ...gate, slo: gate.slo }, provider, base, [gate.slo.shortMs, gate.slo.longMs], o.metrics, o.at).map((r) =>
      readCheck(at, r, { counts: true }),
    );
  }
  const context = {
    ...templateContext(plan, o, w.stage, w.region, w.step, w.traffic, formatDuration(gate.windowMs)),
    range: instantRange(o.at, gate),
  };
  // A comparison's baseline and volume reads are checks of their own, not part of this one's request.
  const own = plainGate(gate);
  const request = renderRead(own, provider, context);
  const checks: Planned[] = [
    { ...at, request, key: readKey(provider.name, own, request), run: () => o.metrics.measure({ gate, provider, context, at: o.at }) },
  ];
  if (gate.compare)
    for (const r of compareReads({ ...gate, compare: gate.compare }, provider, context, o.metrics, o.at))
      checks.push(readCheck(at, r, { readCode: 'comparison-read' }));
  return checks;
}

/** Builds the report: renders, queries (once per distinct request), judges. */
export async function preflight(plan: Plan, o: PreflightOptions): Promise<PreflightReport> {
  const unsafe = unsafeTemplateValues(plan, o.version, o.releaseId);
  const planned: Planned[] = [];
  const dispatches: DispatchPreview[] = [];
  for (const stage of plan.stages) {
    for (const region of stage.regions) {
      stage.steps.forEach((step, index) => {
        const dctx = {
          ...templateContext(plan, o, stage.name, region, index, step.traffic),
          correlationId: correlationId(o.releaseId, region, 'deploy', index),
        };
        const values = contextValues(dctx);
        const inputs: Record<string, string> = {};
        for (const [k, v] of Object.entries(plan.deploy.inputs)) {
          try {
            inputs[k] = renderTemplate(v, values);
          } catch (err) {
            inputs[k] = `<error: ${messageOf(err)}>`;
          }
        }
        dispatches.push({
          stage: stage.name,
          region,
          step: index,
          traffic: step.traffic,
          workflow: plan.deploy.workflow,
          ref: plan.deploy.ref ?? o.ref,
          inputs,
        });
        for (const gateName of stage.gates)
          planned.push(...gateChecks(plan, o, { gate: gateName, stage: stage.name, region, step: index, traffic: step.traffic }));
      });
    }
  }
  // The freeze reads the budget over the SLO period before the release starts (labelled step 0 of the first stage).
  const firstTraffic = plan.stages[0]?.steps[0]?.traffic ?? 0;
  for (const f of freezeReads(plan, (st, region) => templateContext(plan, o, st, region, 0, firstTraffic), o.metrics, o.at)) {
    const where = {
      gate: `freeze:${plan.freeze?.slo ?? ''}`,
      provider: plan.gates[plan.freeze?.slo ?? '']?.provider ?? '',
      stage: f.stage,
      region: f.region,
      step: 0,
      traffic: firstTraffic,
    };
    for (const read of f.reads) planned.push(readCheck(where, read, { label: `freeze ${read.what}`, counts: true }));
  }
  // One request per distinct key (readKey): steps, baselines and gates that render the same read share it.
  const firstByKey = new Map<string, number>();
  planned.forEach((p, i) => firstByKey.has(p.key) || firstByKey.set(p.key, i));
  const unique = [...firstByKey.values()];
  const answers = await pool(
    unique.map((i) => (planned[i] as (typeof planned)[number]).run),
    o.concurrency ?? 8,
  );
  const byKey = new Map(unique.map((i, n) => [(planned[i] as (typeof planned)[number]).key, answers[n] as Observation]));
  const checks: GateCheck[] = planned.map(({ key, run: _run, read, readCode, ...p }) => {
    const observation = byKey.get(key) as Observation;
    if (read !== undefined) {
      const { evaluable, ...verdict } = sloReadVerdict(read, observation, readCode);
      return { ...p, observation, verdict, evaluable };
    }
    const gate = plan.gates[p.gate];
    const v = !gate
      ? { phase: 'error', reasonCode: 'no-gate', reason: 'gate not in plan' }
      : gate.compare && observation.kind !== 'error'
        ? // A comparison has no threshold for one value: it is judged against its baseline over a bake.
          {
            phase: 'look',
            reasonCode: 'comparison',
            reason: `compared with ${'region' in gate.compare.baseline ? `baseline ${gate.compare.baseline.region}` : 'its baselineQuery'} over the bake, not judged on one value`,
          }
        : assessObservation(observation, gate);
    const evaluable =
      observation.kind === 'value'
        ? Number.isFinite(observation.value)
        : observation.kind === 'no-data' && (gate?.onNoData === 'pass' || gate?.onNoData === 'fail');
    return { ...p, observation, verdict: { phase: v.phase, reasonCode: v.reasonCode, reason: v.reason }, evaluable };
  });
  return {
    plan: plan.file,
    version: o.version,
    releaseId: o.releaseId,
    at: o.at,
    checks,
    dispatches,
    unsafe,
    ok: unsafe.length === 0 && checks.every((c) => c.evaluable),
  };
}

/** A backend's answer on one line: its text (errors, series labels) is the backend's, not ours. */
function obsText(o: Observation): string {
  if (o.kind === 'value') return `value ${o.value}${o.detail ? ` (${oneLine(o.detail)})` : ''}`;
  if (o.kind === 'no-data') return `no data: ${oneLine(o.detail)}`;
  return `error: ${oneLine(o.message)}`;
}

/** The report for people: one block per gate check, then the dispatches, then the bottom line. Steps print 1-based, as everywhere else. */
export function formatPreflight(r: PreflightReport): string {
  const lines: string[] = [
    `pre-flight of ${r.plan} for version ${r.version} (release ${r.releaseId}) at ${new Date(r.at).toISOString()}; nothing is dispatched`,
    '',
  ];
  lines.push('GATES');
  for (const c of r.checks) {
    lines.push(`${c.evaluable ? 'ok  ' : 'FAIL'} ${c.gate} @ ${c.stage}/${c.region} step ${c.step + 1} (${c.traffic}%) [${c.provider}]`);
    // A query may span lines (a YAML block scalar): each shows indented, none as written raw.
    lines.push(`     request: ${c.request.split('\n').map(oneLine).join('\n              ')}`);
    lines.push(`     answer:  ${obsText(c.observation)}`);
    lines.push(`     today:   ${c.verdict.phase}: ${oneLine(c.verdict.reason)}`);
  }
  if (r.checks.length === 0) lines.push('(no gates are used by any stage)');
  if (r.unsafe.length) {
    lines.push('', 'UNSAFE TEMPLATE VALUES');
    for (const u of r.unsafe) lines.push(`FAIL ${u.gate}.${u.field} @ ${u.stage}/${u.region} step ${u.step + 1}: ${oneLine(u.message)}`);
  }
  lines.push('', 'DISPATCHES (what each deploy would receive)');
  for (const d of r.dispatches) lines.push(`${d.stage}/${d.region} step ${d.step + 1} (${d.traffic}%): ${d.workflow}@${d.ref} ${JSON.stringify(d.inputs)}`);
  const bad = r.checks.filter((c) => !c.evaluable).length;
  // One cause (an unset URL variable, a refused connection) usually fails every check of a
  // provider: say each distinct answer once, with how many checks it failed, where to start.
  const causes = new Map<string, { count: number; first: GateCheck }>();
  for (const c of r.checks) {
    if (c.evaluable) continue;
    const key = `[${c.provider}] ${obsText(c.observation)}`;
    const seen = causes.get(key);
    if (seen) seen.count += 1;
    else causes.set(key, { count: 1, first: c });
  }
  if (causes.size > 0) {
    lines.push('', 'WHY (each distinct answer once)');
    for (const [key, { count, first }] of causes)
      lines.push(`${String(count).padStart(4)} ${noun(count, 'check')}: ${key} (first: ${first.gate} @ ${first.stage}/${first.region} step ${first.step + 1})`);
  }
  lines.push(
    '',
    r.ok
      ? `ready: all ${plural(r.checks.length, 'gate check')} can be evaluated`
      : `NOT READY: ${bad} of ${plural(r.checks.length, 'gate check')} cannot be evaluated${r.unsafe.length ? `, ${plural(r.unsafe.length, 'unsafe template value')}` : ''}`,
  );
  if (!r.ok && r.checks.some((c) => c.observation.kind === 'no-data' && c.request.includes(r.version))) {
    lines.push(
      `note: queries that filter on the version (${r.version}) have no data before it is deployed; pass --version of a release that is live to check them`,
    );
  }
  return lines.join('\n');
}

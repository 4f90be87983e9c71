/** Shared by the report tests: simulated release states, and Mermaid's own parser on the gantt blocks we write. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mermaid from 'mermaid';
import { simulateCommand } from '../src/cli/simulate.js';
import type { State } from '../src/core/state.js';
import { loadPlanFile } from '../src/plan/load.js';
import type { Plan } from '../src/plan/types.js';

/** The final (or paused) state of a simulated release of `plan` with these simulate arguments. */
export async function simulatedState(plan: string, ...args: string[]): Promise<State> {
  let out = '';
  await simulateCommand([plan, '--json', ...args], { out: (s) => (out += s), err: () => undefined });
  return (JSON.parse(out) as { state: State }).state;
}

/** The body of the first ```mermaid block of a summary. */
export function mermaidBlock(md: string): string | undefined {
  const m = /```mermaid\n([\s\S]*?)\n```/.exec(md);
  return m?.[1];
}

export interface ParsedTask {
  name: string;
  section: string;
  start: number;
  end: number;
  crit: boolean;
  milestone: boolean;
}

/** Mermaid's placeholders for entity codes (`#58;` while parsing) back to the characters they stand for. */
function decode(text: string): string {
  return text.replace(/\uFB02\u00B0\u00B0(\d+)\u00B6\u00DF/g, (_m, n: string) => String.fromCodePoint(Number(n)));
}

interface GanttTask {
  task: string;
  section: string;
  startTime: Date;
  endTime: Date;
  crit?: boolean;
  milestone?: boolean;
}

/**
 * Parses a gantt block with Mermaid (`parse` checks the grammar, `getTasks` compiles every task's
 * dates, which throws on a bad one) and returns its tasks. It also fails when Mermaid reads fewer
 * or more tasks than the block has task lines: a name that swallowed its data or split in two.
 */
export async function parseGantt(body: string): Promise<ParsedTask[]> {
  await mermaid.parse(body);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(body);
  const db = diagram.db as unknown as { getTasks(): GanttTask[]; clear?: () => void };
  const tasks = db.getTasks();
  const lines = body.split('\n').filter((l) => /^\s+\S.*:\s*(done|active|milestone|crit)/.test(l)).length;
  if (tasks.length !== lines) throw new Error(`Mermaid read ${tasks.length} tasks from ${lines} task lines`);
  return tasks.map((t) => ({
    name: decode(t.task).trim(),
    section: decode(t.section).trim(),
    start: t.startTime.getTime(),
    end: t.endTime.getTime(),
    crit: t.crit === true,
    milestone: t.milestone === true,
  }));
}

/** A plan of one stage with these regions, three gates each, a failure budget that lets every failure through. */
function bigPlanYaml(regions: string[]): string {
  return `name: big
deploy:
  workflow: deploy.yml
  inputs: { region: "{{ region }}" }
rollback:
  workflow: rollback.yml
  scope: region
  inputs: { region: "{{ region }}" }
providers:
  synth: { type: synthetic, baseline: 0.002 }
gates:
  errors: { provider: synth, query: 'errors{region="{{ region }}"}', max: 0.01, interval: 1m, count: 3 }
  latency: { provider: synth, query: 'latency{region="{{ region }}"}', max: 0.3, interval: 1m, count: 3 }
  saturation: { provider: synth, query: 'saturation{region="{{ region }}"}', max: 0.8, interval: 1m, count: 3 }
defaults:
  steps: [{ traffic: 10, bake: 5m }, { traffic: 100, bake: 5m }]
  gates: [errors, latency, saturation]
stages:
  - name: everywhere
    regions: [${regions.join(', ')}]
    maxParallel: 50
    failureBudget: ${regions.length}
`;
}

/**
 * A simulated release of `n` regions (`region-000`, ...) in one stage, three gates each, every
 * tenth region failing at its first step and rolled back: the core decided it all.
 */
export async function bigRelease(n: number): Promise<{ state: State; plan: Plan }> {
  const regions = Array.from({ length: n }, (_, i) => `region-${String(i).padStart(3, '0')}`);
  const file = join(mkdtempSync(join(tmpdir(), 'report-big-')), 'plan.yml');
  writeFileSync(file, bigPlanYaml(regions));
  const failing = regions.filter((_r, i) => i % 10 === 3).flatMap((r) => ['--scenario', `regression=${r}@1`]);
  const plan = loadPlanFile(file, { workflowsDir: false }).plan;
  if (!plan) throw new Error('the big plan does not load');
  return { state: await simulatedState(file, ...failing), plan };
}

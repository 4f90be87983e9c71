/**
 * Property tests: generated valid plans are accepted; generated plans mutated at the object
 * level (deleted keys, wrong types, unknown keys) and at the text level (cut, inserted or
 * swapped characters) never make validation throw, and every diagnostic has a position.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadPlanText } from '../src/plan/load.js';

const regionName = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const ident = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const durationText = fc.integer({ min: 1, max: 90 }).map((m) => `${m}m`);

/** A plan that satisfies the schema and every semantic check. */
const validPlan = fc
  .record({
    name: ident,
    regions: fc.uniqueArray(regionName, { minLength: 1, maxLength: 12 }),
    stageCount: fc.integer({ min: 1, max: 4 }),
    traffic: fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
    bakes: fc.array(durationText, { minLength: 4, maxLength: 4 }),
    gateNames: fc.uniqueArray(ident, { minLength: 0, maxLength: 3 }),
    thresholds: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }),
    approval: fc.boolean(),
    inputs: fc.dictionary(
      fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/),
      fc.constantFrom('{{ region }}', '{{ version }}', 'x', '{{ step.traffic }}', '{{ vars.team }}'),
      { maxKeys: 6 },
    ),
  })
  .map((g) => {
    const traffic = [...g.traffic].sort((a, b) => a - b);
    const steps = traffic.map((t, i) => ({ traffic: t, bake: g.bakes[i] ?? '5m' }));
    const stageCount = Math.min(g.stageCount, g.regions.length);
    const stages = Array.from({ length: stageCount }, (_, i) => ({
      name: `s${i}`,
      regions: g.regions.filter((_, j) => j % stageCount === i),
      ...(i > 0 && g.approval ? { approval: true } : {}),
    }));
    const gates = Object.fromEntries(
      g.gateNames.map((name, i) => [name, { provider: 'prom', query: `up{region="{{ region }}"}[{{ window }}]`, max: g.thresholds[i] ?? 1 }]),
    );
    return {
      name: g.name,
      variables: { team: 'ops' },
      deploy: { workflow: 'deploy.yml', inputs: g.inputs },
      providers: { prom: { type: 'prometheus', url: 'https://prom.example.com' } },
      gates,
      defaults: { steps, gates: g.gateNames },
      stages,
    } as Record<string, unknown>;
  });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 200 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('10m', '0s', 'US', '{{ nope }}', '{{', 'prometheus', 'http-json', '', ' ', '-1', 'true'),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Every path to a value in a JSON object (maps and lists). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

type Mutation = { kind: 'delete' | 'set' | 'add-key'; pick: number; value: Json; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'set', 'add-key'),
  pick: fc.nat(),
  value: junk,
  key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('count', 'interval', 'min', 'max', 'steps', 'gates', 'regions', 'approval', 'workflow', 'type')),
});

function applyMutation(root: Record<string, unknown>, m: Mutation): void {
  const all = paths(root).filter((p) => p.length > 0);
  const path = all[m.pick % all.length];
  if (!path) return;
  let parent: unknown = root;
  for (const seg of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[seg];
  const last = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, unknown>;
  if (m.kind === 'delete') {
    if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
    else delete container[last];
  } else if (m.kind === 'set') {
    container[last] = m.value;
  } else {
    const target = container[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[m.key] = m.value;
    else container[last] = { [m.key]: m.value };
  }
}

type TextEdit = { at: number; cut: number; insert: string };
const textEdit: fc.Arbitrary<TextEdit> = fc.record({
  at: fc.nat(),
  cut: fc.integer({ min: 0, max: 6 }),
  insert: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom(':', '- ', '\n', '  ', '{{', '}}', '&a ', '*a', '[', '"', '#', '\t', '? ')),
});

function applyTextEdit(text: string, e: TextEdit): string {
  const at = text.length ? e.at % text.length : 0;
  return text.slice(0, at) + e.insert + text.slice(at + e.cut);
}

function checkInvariants(text: string): void {
  const result = loadPlanText(text, 'plan.yml', { workflowsDir: false });
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const d of result.diagnostics) {
    expect(d.file).toBe('plan.yml');
    // A position inside the file (or just past its end, for "unexpected end of input").
    expect(d.line).toBeLessThanOrEqual(lineCount + 1);
    expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
    expect(Number.isInteger(d.col) && d.col >= 1).toBe(true);
    expect(d.message.length).toBeGreaterThan(0);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  // A plan comes back exactly when there is no error.
  expect(result.plan !== undefined).toBe(errors === 0);
}

describe('plan validation properties', () => {
  it('accepts every generated valid plan (2,000 runs)', () => {
    fc.assert(
      fc.property(validPlan, (plan) => {
        const result = loadPlanText(stringify(plan), 'plan.yml', { workflowsDir: false });
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.plan?.stages.flatMap((s) => s.regions).sort()).toEqual((plan.stages as { regions: string[] }[]).flatMap((s) => s.regions).sort());
      }),
      { numRuns: 2_000 },
    );
  });

  it('never throws on mutated plans, and positions every diagnostic (10,000 runs)', () => {
    fc.assert(
      fc.property(validPlan, fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.array(textEdit, { maxLength: 3 }), (plan, mutations, edits) => {
        for (const m of mutations) applyMutation(plan, m);
        let text = stringify(plan);
        for (const e of edits) text = applyTextEdit(text, e);
        checkInvariants(text);
      }),
      { numRuns: 10_000 },
    );
  });

  it('never throws on arbitrary text (2,000 runs)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => checkInvariants(text)),
      { numRuns: 2_000 },
    );
  });
});

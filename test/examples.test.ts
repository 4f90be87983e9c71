/** Every example plan is valid, checked against the example workflows (declared inputs and all). */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPlanFile } from '../src/plan/load.js';
import { readWorkflow } from '../src/plan/workflows.js';

const dir = fileURLToPath(new URL('../workflows-examples/', import.meta.url));
const files = readdirSync(dir);
const plans = files.filter((f) => f.endsWith('release-plan.yml'));

describe('workflows-examples', () => {
  it('has the example files the README points at', () => {
    for (const f of ['release-plan.yml', 'minimal-release-plan.yml', 'deploy.yml', 'rollback.yml', 'release.yml', 'validate-plan.yml'])
      expect(files).toContain(f);
  });

  it.each(plans)('%s is valid against the example workflows, without warnings', (file) => {
    const result = loadPlanFile(`${dir}${file}`, { workflowsDir: dir });
    expect(result.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`)).toEqual([]);
    expect(result.plan).toBeDefined();
  });

  it('the minimal plan is short: one deploy workflow, one gate, two stages, at most 25 lines', () => {
    const text = readFileSync(`${dir}minimal-release-plan.yml`, 'utf8');
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(25);
    const plan = loadPlanFile(`${dir}minimal-release-plan.yml`, { workflowsDir: dir }).plan;
    expect(Object.keys(plan?.gates ?? {})).toHaveLength(1);
    expect(plan?.stages).toHaveLength(2);
  });

  it('the full plan uses every feature', () => {
    const plan = loadPlanFile(`${dir}release-plan.yml`, { workflowsDir: dir }).plan;
    if (!plan) throw new Error('release-plan.yml is invalid');
    expect(plan.stages.length).toBeGreaterThanOrEqual(3);
    expect(new Set(Object.values(plan.providers).map((p) => p.type))).toEqual(new Set(['prometheus', 'datadog', 'http-json']));
    expect(plan.stages.some((s) => s.approval)).toBe(true);
    expect(plan.stages.some((s) => s.failureBudget > 0)).toBe(true);
    expect(plan.stages.some((s) => s.maxParallel > 1 && s.maxParallel < s.regions.length)).toBe(true);
    expect(plan.rollback).toBeDefined();
    const gateKeys = new Set(Object.values(plan.gates).flatMap((g) => Object.keys(g)));
    for (const k of ['query', 'url', 'method', 'body', 'path', 'reduce', 'min', 'max', 'count']) expect(gateKeys).toContain(k);
    const raw = parse(readFileSync(`${dir}release-plan.yml`, 'utf8')) as { gates: Record<string, Record<string, unknown>> };
    const written = new Set(Object.values(raw.gates).flatMap((g) => Object.keys(g)));
    for (const k of ['interval', 'window', 'initialDelay', 'failureLimit', 'inconclusiveLimit', 'consecutiveErrorLimit', 'onNoData'])
      expect(written).toContain(k);
  });

  it('deploy.yml and rollback.yml show the correlation input in run-name', () => {
    for (const f of ['deploy.yml', 'rollback.yml']) {
      const text = readFileSync(`${dir}${f}`, 'utf8');
      expect(readWorkflow(text)).toMatchObject({ ok: true, dispatchable: true });
      expect((parse(text) as { 'run-name': string })['run-name']).toContain('inputs.correlation_id');
    }
  });

  it('release.yml grants what the action needs and no more', () => {
    const wf = parse(readFileSync(`${dir}release.yml`, 'utf8')) as { permissions: Record<string, string> };
    expect(wf.permissions).toEqual({ actions: 'write', deployments: 'write', checks: 'write', contents: 'read' });
  });

  it('validate-plan.yml runs the action in validate mode on pull requests', () => {
    const wf = parse(readFileSync(`${dir}validate-plan.yml`, 'utf8')) as {
      on: Record<string, unknown>;
      jobs: Record<string, { steps: { with?: Record<string, string> }[] }>;
    };
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    expect(steps.some((s) => s.with?.mode === 'validate')).toBe(true);
  });
});

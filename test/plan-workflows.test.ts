/** The plan checked against the workflow files it dispatches. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlanFile, loadPlanText } from '../src/plan/load.js';
import { readWorkflow } from '../src/plan/workflows.js';
import { findWorkflowsDir, workflowsFoundNote } from '../src/plan/workflows-folder.js';
import { BASE_PLAN, edit, NO_CORRELATION_WARNING } from './fixtures/base-plan.js';

const root = mkdtempSync(join(tmpdir(), 'pr-workflows-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function dirWith(files: Record<string, string>): string {
  const dir = join(root, `case-${n++}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const DEPLOY = `on:
  workflow_dispatch:
    inputs:
      region: { required: true }
      mode: { type: choice, options: [fast, safe], default: safe }
      dry: { type: boolean, default: false }
jobs: {}
`;

function errors(text: string, dir: string) {
  return loadPlanText(text, 'plan.yml', { workflowsDir: dir })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => [d.line, d.col, d.message]);
}

describe('workflow file checks', () => {
  it('accepts a workflow that declares every input sent', () => {
    expect(errors(BASE_PLAN, dirWith({ 'deploy.yml': DEPLOY }))).toEqual([]);
  });

  it('reports a missing workflow file at deploy.workflow', () => {
    const dir = dirWith({});
    expect(errors(BASE_PLAN, dir)).toEqual([[3, 13, `deploy.workflow: workflow 'deploy.yml' not found in ${dir}`]]);
  });

  it('reports a workflow without workflow_dispatch', () => {
    const dir = dirWith({ 'deploy.yml': 'on: [push]\njobs: {}\n' });
    expect(errors(BASE_PLAN, dir)).toEqual([
      [
        3,
        13,
        "deploy.workflow: deploy.yml has no 'on: workflow_dispatch' trigger, so it cannot be dispatched; add workflow_dispatch with the inputs the plan sends",
      ],
    ]);
  });

  it('accepts on: workflow_dispatch as a string and as a list', () => {
    expect(readWorkflow('on: workflow_dispatch\n')).toEqual({ ok: true, dispatchable: true, inputs: {} });
    expect(readWorkflow('on: [push, workflow_dispatch]\n')).toEqual({ ok: true, dispatchable: true, inputs: {} });
    expect(readWorkflow('true:\n  workflow_dispatch:\n')).toMatchObject({ ok: true, dispatchable: true });
  });

  it('reports an input the workflow does not declare, at the input key', () => {
    const text = edit(['    region: "{{ region }}"\n', '    region: "{{ region }}"\n    color: blue\n']);
    expect(errors(text, dirWith({ 'deploy.yml': DEPLOY }))).toEqual([
      [
        6,
        5,
        "deploy.inputs.color: input 'color' is not declared in deploy.yml under on.workflow_dispatch.inputs (GitHub answers 422 'Unexpected inputs'); declared: region, mode, dry",
      ],
    ]);
  });

  it('reports a required input the plan does not send, at deploy.inputs', () => {
    const text = edit(['    region: "{{ region }}"\n', '    mode: fast\n']);
    expect(errors(text, dirWith({ 'deploy.yml': DEPLOY }))).toEqual([
      [4, 3, "deploy.inputs: deploy.yml requires input 'region' (required: true, no default) but the plan does not send it"],
    ]);
  });

  it('checks literal values against choice and boolean inputs', () => {
    const text = edit(['    region: "{{ region }}"\n', '    region: "{{ region }}"\n    mode: turbo\n    dry: maybe\n']);
    expect(errors(text, dirWith({ 'deploy.yml': DEPLOY }))).toEqual([
      [6, 11, "deploy.inputs.mode: 'turbo' is not one of the options deploy.yml declares for 'mode': fast, safe"],
      [7, 10, "deploy.inputs.dry: deploy.yml declares 'dry' as boolean; send true or false, not 'maybe'"],
    ]);
  });

  it('counts the correlation input as sent', () => {
    const text = edit(['  workflow: deploy.yml\n', '  workflow: deploy.yml\n  correlationInput: corr\n']);
    expect(errors(text, dirWith({ 'deploy.yml': DEPLOY }))).toEqual([
      [
        4,
        21,
        "deploy.correlationInput: input 'corr' is not declared in deploy.yml under on.workflow_dispatch.inputs (GitHub answers 422 'Unexpected inputs'); declared: region, mode, dry",
      ],
    ]);
  });

  it('checks the rollback workflow too', () => {
    const text = edit(['name: app\n', 'name: app\nrollback:\n  workflow: rollback.yml\n  inputs: { region: "{{ region }}" }\n']);
    expect(errors(text, dirWith({ 'deploy.yml': DEPLOY, 'rollback.yml': 'on:\n  workflow_dispatch:\njobs: {}\n' }))).toEqual([
      [
        4,
        13,
        "rollback.inputs.region: input 'region' is not declared in rollback.yml under on.workflow_dispatch.inputs (GitHub answers 422 'Unexpected inputs'); it declares no inputs",
      ],
    ]);
  });

  it('finds .github/workflows next to the plan, and stops at the repository root', () => {
    const repo = join(root, 'repo');
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
    mkdirSync(join(repo, '.git'), { recursive: true });
    writeFileSync(join(repo, '.github', 'release-plan.yml'), BASE_PLAN);
    expect(findWorkflowsDir(join(repo, '.github', 'release-plan.yml'))).toBe(join(repo, '.github', 'workflows'));
    const result = loadPlanFile(join(repo, '.github', 'release-plan.yml'));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      NO_CORRELATION_WARNING,
      `deploy.workflow: workflow 'deploy.yml' not found in ${join(repo, '.github', 'workflows')}`,
    ]);
    expect(loadPlanFile(join(repo, '.github', 'release-plan.yml'), { workflowsDir: false }).plan).toBeDefined();

    const bare = join(root, 'bare');
    mkdirSync(join(bare, '.git'), { recursive: true });
    writeFileSync(join(bare, 'plan.yml'), BASE_PLAN);
    expect(findWorkflowsDir(join(bare, 'plan.yml'))).toBeUndefined();
  });

  it("checks against the plan's own folder when it holds a workflow the plan names, before any .github/workflows above", () => {
    const repo = join(root, 'repo-beside');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(repo, '.github', 'workflows', 'ci.yml'), 'on: push\njobs: {}\n');
    const plans = join(repo, 'plans');
    mkdirSync(plans);
    writeFileSync(join(plans, 'plan.yml'), BASE_PLAN);
    writeFileSync(join(plans, 'deploy.yml'), DEPLOY);
    const result = loadPlanFile(join(plans, 'plan.yml'));
    expect(result.workflows).toEqual({ checked: true, dir: plans, found: 'beside-plan' });
    expect(result.plan).toBeDefined();
    expect(workflowsFoundNote(result.workflows, repo)).toBe(
      "the workflow inputs were checked against the workflow files in plans (the plan's own folder, which holds a workflow it names)",
    );
    // What is checked is the file beside the plan: one that does not take an input sent is an error.
    writeFileSync(join(plans, 'deploy.yml'), 'on:\n  workflow_dispatch:\n    inputs: { other: {} }\njobs: {}\n');
    expect(loadPlanFile(join(plans, 'plan.yml')).diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringContaining("input 'region' is not declared in deploy.yml"),
    );
  });

  it('a file beside the plan named like its workflow but not a workflow is not taken: the .github/workflows above is, and said', () => {
    const repo = join(root, 'repo-compose');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(repo, 'plan.yml'), BASE_PLAN);
    writeFileSync(join(repo, 'deploy.yml'), 'services:\n  web:\n    image: nginx\n');
    const result = loadPlanFile(join(repo, 'plan.yml'));
    expect(result.workflows).toEqual({ checked: true, dir: join(repo, '.github', 'workflows'), found: 'above-plan' });
    expect(workflowsFoundNote(result.workflows, repo)).toBe(
      'the workflow inputs were checked against the workflow files in .github/workflows (the nearest .github/workflows above the plan)',
    );
    // A folder given is the one the person named: nothing to say.
    expect(workflowsFoundNote(loadPlanFile(join(repo, 'plan.yml'), { workflowsDir: repo }).workflows)).toBeUndefined();
  });

  it('a missing plan file is a diagnostic, not a throw', () => {
    const result = loadPlanFile(join(root, 'nope.yml'));
    expect(result.diagnostics).toEqual([
      { file: join(root, 'nope.yml'), line: 1, col: 1, message: 'cannot read the release plan: file not found', severity: 'error' },
    ]);
  });
});

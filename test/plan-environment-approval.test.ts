/**
 * A stage approved by GitHub Environment reviewers, in the plan: `approval: { environment }` with
 * the default approval workflow, people lists refused alongside it (at the field), the
 * environment's name checked, and the approval workflow's declared inputs held to what the
 * dispatch sends (as deploy's are).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlanFile, loadPlanText } from '../src/plan/load.js';
import { edit } from './fixtures/base-plan.js';

const STAGE_LINE = '    gates: [errors]\n';
const withApproval = (lines: string) => edit([STAGE_LINE, `${STAGE_LINE}${lines}`]);

function load(text: string, workflowsDir?: string) {
  const result = loadPlanText(text, 'plan.yml', workflowsDir !== undefined ? { workflowsDir } : {});
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.line, d.col, d.message]);
  return { plan: result.plan, errors };
}

describe('approval.environment in the plan', () => {
  it('resolves with the default approval workflow and the stage timeout', () => {
    const { plan, errors } = load(withApproval('    approval: { environment: release-approval, timeout: 2h }\n'));
    expect(errors).toEqual([]);
    expect(plan?.stages[0]?.approval).toEqual({
      timeoutMs: 2 * 3_600_000,
      users: [],
      teams: [],
      environment: { name: 'release-approval', workflow: 'approve.yml' },
    });
  });

  it('takes another approval workflow', () => {
    const { plan } = load(withApproval('    approval: { environment: prod gate, workflow: gate.yml }\n'));
    expect(plan?.stages[0]?.approval?.environment).toEqual({ name: 'prod gate', workflow: 'gate.yml' });
  });

  const refused: Array<{ name: string; lines: string; error: [number, number, RegExp] }> = [
    {
      name: 'users with environment',
      lines: '    approval:\n      environment: release-approval\n      users: [alice]\n',
      error: [
        22,
        7,
        /^stages\[0\]\.approval\.users: cannot be combined with approval\.environment: the required reviewers of GitHub environment 'release-approval' decide/,
      ],
    },
    {
      name: 'teams with environment',
      lines: '    approval:\n      environment: release-approval\n      teams: [my-org/ops]\n',
      error: [22, 7, /^stages\[0\]\.approval\.teams: cannot be combined with approval\.environment/],
    },
    {
      name: 'a workflow without an environment',
      lines: '    approval:\n      workflow: approve.yml\n',
      error: [21, 7, /^stages\[0\]\.approval\.workflow: names the approval workflow of an environment approval, but approval\.environment is not set/],
    },
    {
      name: 'an environment name with a template',
      lines: '    approval: { environment: "prod-{{ region }}" }\n',
      error: [20, 30, /approval\.environment must be the name of a GitHub environment.*no \{\{ \}\}/],
    },
    {
      name: 'an empty environment name',
      lines: '    approval: { environment: "" }\n',
      error: [20, 30, /approval\.environment must be the name of a GitHub environment/],
    },
    {
      name: 'an approval workflow that is not a file name',
      lines: '    approval: { environment: release-approval, workflow: ../approve.yml }\n',
      error: [20, 58, /must be a workflow file name in \.github\/workflows/],
    },
  ];
  it.each(refused)('refuses $name, at the field', ({ lines, error }) => {
    const { plan, errors } = load(withApproval(lines));
    expect(plan).toBeUndefined();
    expect(errors).toHaveLength(1);
    const [line, col, message] = errors[0] ?? [];
    expect([line, col]).toEqual([error[0], error[1]]);
    expect(String(message)).toMatch(error[2]);
  });
});

const root = mkdtempSync(join(tmpdir(), 'pr-approve-wf-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function dirWith(files: Record<string, string>): string {
  const dir = join(root, `case-${n++}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const DEPLOY = 'on:\n  workflow_dispatch:\n    inputs:\n      region: { required: true }\n      correlation_id: {}\njobs: {}\n';
const approve = (inputs: string) => `on:\n  workflow_dispatch:\n    inputs:\n${inputs}jobs: {}\n`;
const ALL = '      environment: { required: true }\n      release_id: {}\n      stage: {}\n';

describe('the approval workflow file', () => {
  const correlated = (lines: string) =>
    withApproval(lines).replace('    region: "{{ region }}"\n', '    region: "{{ region }}"\n  correlationInput: correlation_id\n');
  const cases: Array<{ name: string; files: Record<string, string>; plan?: string; errors: Array<[number, number, string]> }> = [
    { name: 'declares every input sent', files: { 'approve.yml': approve(`${ALL}      correlation_id: {}\n`) }, errors: [] },
    { name: 'missing', files: {}, errors: [[21, 30, "stages[0].approval.environment: workflow 'approve.yml' not found in DIR"]] },
    {
      name: 'lacks the correlation input the deploy sends',
      files: { 'approve.yml': approve(ALL) },
      errors: [
        [
          21,
          17,
          "stages[0].approval.environment: input 'correlation_id' is not declared in approve.yml under on.workflow_dispatch.inputs (GitHub answers 422 'Unexpected inputs'); declared: environment, release_id, stage",
        ],
      ],
    },
    {
      name: 'requires an input nobody sends',
      files: { 'approve.yml': approve(`${ALL}      correlation_id: {}\n      ticket: { required: true }\n`) },
      errors: [[21, 17, "stages[0].approval.environment: approve.yml requires input 'ticket' (required: true, no default) but the plan does not send it"]],
    },
    {
      name: 'offers environments to choose that do not include the plan’s',
      files: {
        'approve.yml': approve(`      environment: { type: choice, options: [staging] }\n      release_id: {}\n      stage: {}\n      correlation_id: {}\n`),
      },
      errors: [[21, 30, "stages[0].approval.environment: 'release-approval' is not one of the options approve.yml declares for 'environment': staging"]],
    },
    {
      name: 'named by approval.workflow: reported there',
      files: {},
      plan: correlated('    approval: { environment: release-approval, workflow: gate.yml }\n'),
      errors: [[21, 58, "stages[0].approval.workflow: workflow 'gate.yml' not found in DIR"]],
    },
  ];
  it.each(cases)('$name', ({ files, plan, errors }) => {
    const dir = dirWith({ 'deploy.yml': DEPLOY, ...files });
    const text = plan ?? correlated('    approval: { environment: release-approval }\n');
    expect(load(text, dir).errors).toEqual(errors.map(([l, c, m]) => [l, c, m.replace('DIR', dir)]));
  });

  it('the example plan and workflows check out together', () => {
    const result = loadPlanFile('workflows-examples/release-plan.yml', { workflowsDir: 'workflows-examples' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.plan?.stages.some((s) => s.approval?.environment?.workflow === 'approve.yml')).toBe(true);
    expect(readFileSync('workflows-examples/approve.yml', 'utf8')).toMatch(/environment: \$\{\{ inputs\.environment \}\}/);
  });
});

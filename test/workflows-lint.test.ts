/**
 * actionlint over every workflow of the repository: its own (.github/workflows/, every file in
 * the folder, whoever adds one) and the examples users copy (workflows-examples/, told from the
 * release plans beside them by content). Zero findings; and a planted broken workflow is found,
 * so this test can fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionlintFiles, actionlintText, formatFinding } from './support/actionlint.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(join(repo, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** What a YAML file of workflows-examples/ is: a workflow has `jobs`, a release plan `stages`. */
function kindOf(file: string): 'workflow' | 'plan' | 'unknown' {
  const doc = parse(readFileSync(join(repo, file), 'utf8')) as Record<string, unknown> | null;
  if (doc && typeof doc === 'object' && 'jobs' in doc) return 'workflow';
  if (doc && typeof doc === 'object' && 'stages' in doc && 'deploy' in doc) return 'plan';
  return 'unknown';
}

const own = yamlFiles('.github/workflows');
const examples = yamlFiles('workflows-examples');
const exampleWorkflows = examples.filter((f) => kindOf(f) === 'workflow');

describe('actionlint', () => {
  it('finds the workflows: every file of .github/workflows, and each example told apart from the plans', () => {
    expect(own).toEqual(expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/check-dist.yml']));
    // A file that is neither (a workflow that lost its jobs:) would otherwise escape the lint unseen.
    expect(examples.filter((f) => kindOf(f) === 'unknown')).toEqual([]);
    expect(exampleWorkflows).toEqual(expect.arrayContaining(['workflows-examples/deploy.yml', 'workflows-examples/release.yml']));
    expect(examples.filter((f) => kindOf(f) === 'plan')).toEqual(expect.arrayContaining(['workflows-examples/release-plan.yml']));
  });

  it('has no findings in any of them', async () => {
    const findings = await actionlintFiles([...own, ...exampleWorkflows].map((f) => join(repo, f)));
    expect(findings.map((f) => formatFinding({ ...f, file: f.file.slice(repo.length) }))).toEqual([]);
  });

  it('reports a broken workflow: an unknown expression context, a job without runs-on, an empty choice option', async () => {
    const broken = [
      'on:',
      '  workflow_dispatch:',
      '    inputs:',
      '      command: { type: choice, options: ["", approve] }',
      'jobs:',
      '  test:',
      '    steps:',
      '      - run: echo "${{ input.version }}"',
      '',
    ].join('\n');
    const findings = await actionlintText(broken, 'broken.yml');
    expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['expression', 'syntax-check']));
    expect(findings.some((f) => f.message.includes('runs-on'))).toBe(true);
    expect(findings.some((f) => f.message.includes('string should not be empty'))).toBe(true);
    expect(findings.every((f) => f.file === 'broken.yml' && f.line > 0)).toBe(true);
  });

  // The release workflow pins a full commit SHA (the safest pin, as the README tells users), with
  // the tag it stands for in a comment; everywhere else the major tag.
  it('pins actions/checkout at its current major (v7, or a full SHA marked # v7.x.y) everywhere', () => {
    const lines = [...own, ...exampleWorkflows].flatMap((f) =>
      readFileSync(join(repo, f), 'utf8')
        .split('\n')
        .filter((l) => l.includes('actions/checkout@'))
        .map((l) => `${f}: ${l.trim()}`),
    );
    expect(lines.length).toBeGreaterThan(0);
    const current = /actions\/checkout@(v7(\s|$)|[0-9a-f]{40} # v7\.\d+\.\d+$)/;
    expect(lines.filter((l) => !current.test(l.split(': ').slice(1).join(': ')))).toEqual([]);
  });
});

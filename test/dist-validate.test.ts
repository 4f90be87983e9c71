/**
 * End to end: the committed bundle run the way the runner runs it (INPUT_* variables,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, workflow commands on stdout).
 * Needs dist/ built (`npm run build`). PROGRESSIVE_RELEASE_DIST points it at another build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testNode } from './support/node-binary.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const entry = process.env.PROGRESSIVE_RELEASE_DIST ? join(process.env.PROGRESSIVE_RELEASE_DIST, 'index.js') : join(repo, 'dist', 'index.js');
const work = mkdtempSync(join(tmpdir(), 'pr-dist-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter`, value lines, delimiter). */
function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? '');
    out[m[1] ?? ''] = value.join('\n');
  }
  return out;
}

interface Annotation {
  level: string;
  props: Record<string, string>;
  message: string;
}

function annotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning)( [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    const props = Object.fromEntries(
      (m[2] ?? '')
        .trim()
        .split(',')
        .filter(Boolean)
        .map((kv) => kv.split('=') as [string, string]),
    );
    out.push({ level: m[1] ?? '', props, message: m[3] ?? '' });
  }
  return out;
}

function runAction(inputs: Record<string, string>) {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\``);
  const output = join(work, `output-${Math.random().toString(36).slice(2)}`);
  const summary = `${output}-summary`;
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: work };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(testNode(), [entry], { cwd: work, env, encoding: 'utf8', timeout: 30_000 });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: parseOutputFile(readFileSync(output, 'utf8')),
    summary: readFileSync(summary, 'utf8'),
  };
}

// Inputs as the runner passes them: action.yml defaults included.
const DEFAULTS = { plan: '.github/release-plan.yml', token: 'ghs_example', mode: 'run' };

describe('node dist/index.js', () => {
  cpSync(join(repo, 'workflows-examples'), join(work, 'examples'), { recursive: true });
  writeFileSync(
    join(work, 'bad-plan.yml'),
    readFileSync(join(repo, 'workflows-examples', 'minimal-release-plan.yml'), 'utf8')
      .replace('workflow: deploy.yml', 'workflow: deploy.yml\n  timeout: soon')
      .replace('[us-east-1]', '[us-east-1, Bad_Region]'),
  );

  it('validate: an invalid plan fails the step with ::error annotations on the plan lines', () => {
    const r = runAction({ ...DEFAULTS, mode: 'validate', plan: 'bad-plan.yml', 'workflows-dir': 'examples' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=bad-plan\.yml,line=5,col=12,endColumn=16::deploy\.timeout: /m);
    const errors = annotations(r.stdout).filter((a) => a.level === 'error');
    expect(errors.map((a) => [a.props.file, a.props.line, a.props.col])).toEqual([
      ['bad-plan.yml', '5', '12'],
      ['bad-plan.yml', '24', '42'], // the minimal plan's correlationInput line moved the stages down one
      [undefined, undefined, undefined], // the step's own failure (core.setFailed)
    ]);
    expect(errors[0]?.message).toBe(
      'deploy.timeout: deploy.timeout must be a duration such as 30s, 10m, 2h or 1h30m; got the string %27soon%27'.replace(/%27/g, "'"),
    );
    expect(errors[1]?.message).toContain('stages[0].regions[1]: region names must match');
    expect(errors[2]?.message).toBe('release plan bad-plan.yml has 2 errors');
    expect(r.outputs.decision).toBe('invalid');
    expect(r.outputs['reason-code']).toBe('plan-invalid');
    expect(r.outputs['release-id']).toBe('');
    const result = JSON.parse(r.outputs.result ?? '') as { schemaVersion: number; mode: string; errors: number; diagnostics: { line: number; col: number }[] };
    expect(result).toMatchObject({ schemaVersion: 1, mode: 'validate', decision: 'invalid', errors: 2 });
    expect(result.diagnostics.map((d) => [d.line, d.col])).toEqual([
      [5, 12],
      [24, 42],
    ]);
    expect(r.summary).toContain(':x: invalid (2 errors)');
  });

  it('validate: a valid plan passes, with the release id when a version is given', () => {
    const r = runAction({ ...DEFAULTS, mode: 'validate', plan: 'examples/minimal-release-plan.yml', 'workflows-dir': 'examples', version: 'v1.2.3' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(annotations(r.stdout)).toEqual([]);
    expect(r.outputs).toMatchObject({ decision: 'valid', 'reason-code': 'plan-valid', 'release-id': 'web-v1.2.3' });
    expect(r.summary).toContain(':white_check_mark: valid');
    // The token reaches stdout only in the command that masks it.
    expect(r.stdout.split('\n').filter((l) => l.includes('ghs_example'))).toEqual(['::add-mask::ghs_example']);
  });

  it('validate: a deploy input the workflow does not declare is reported at the plan line', () => {
    writeFileSync(
      join(work, 'extra-input.yml'),
      readFileSync(join(repo, 'workflows-examples', 'minimal-release-plan.yml'), 'utf8').replace(
        '    traffic: "{{ step.traffic }}"\n',
        '    traffic: "{{ step.traffic }}"\n    color: blue\n',
      ),
    );
    const r = runAction({ ...DEFAULTS, mode: 'validate', plan: 'extra-input.yml', 'workflows-dir': 'examples' });
    expect(r.status).toBe(1);
    const first = annotations(r.stdout)[0];
    expect(first?.props).toMatchObject({ file: 'extra-input.yml', line: '9', col: '5' });
    expect(first?.message).toContain("input 'color' is not declared in deploy.yml");
  });

  it('bad input fails with a message naming the input, and decision=error', () => {
    const r = runAction({ ...DEFAULTS, mode: 'deploy' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::Invalid mode 'deploy'. Expected one of: run, reconcile, validate, plan.");
    expect(r.outputs).toMatchObject({ decision: 'error', 'reason-code': 'bad-input' });
  });
});

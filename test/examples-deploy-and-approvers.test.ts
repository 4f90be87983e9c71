/**
 * The example deploy/rollback workflows check out their own commit and deploy the version (never
 * `ref: inputs.version`, which fails or misleads when the version is an image tag), and the team
 * approvers variant of release.yml feeds the action an org-token minted by a GitHub App with only
 * Members: read.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const dir = fileURLToPath(new URL('../workflows-examples/', import.meta.url));

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
interface Workflow {
  'run-name': string;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}
const read = (f: string) => parse(readFileSync(`${dir}${f}`, 'utf8')) as Workflow;
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps);

describe('deploy.yml and rollback.yml', () => {
  it.each(['deploy.yml', 'rollback.yml'])('%s checks out its own commit, not a version', (file) => {
    const checkouts = steps(read(file)).filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts).toHaveLength(1);
    // No ref: github.sha, the commit of the ref the release dispatched the run on.
    expect(checkouts[0]?.with?.ref).toBeUndefined();
  });

  it('deploy.yml hands the version to the deploy step', () => {
    const deploy = steps(read('deploy.yml')).find((s) => s.run !== undefined) as Step & { env?: Record<string, string> };
    expect(deploy.env?.VERSION).toBe('${{ inputs.version }}');
  });
});

describe('release-team-approvers.yml', () => {
  const wf = read('release-team-approvers.yml');
  const all = steps(wf);

  it('mints the org-token with a GitHub App, Members: read only, for the organisation', () => {
    const mint = all.find((s) => s.uses?.startsWith('actions/create-github-app-token@'));
    expect(mint?.uses).toBe('actions/create-github-app-token@v3');
    expect(mint?.with).toMatchObject({ 'permission-members': 'read', owner: '${{ github.repository_owner }}' });
    expect(Object.keys(mint?.with ?? {}).filter((k) => k.startsWith('permission-'))).toEqual(['permission-members']);
    const action = all.find((s) => s.uses?.startsWith('progressive-release/'));
    expect(action?.with?.['org-token']).toBe(`\${{ steps.${mint?.id ?? '?'}.outputs.token }}`);
    // The release's own writes stay on GITHUB_TOKEN.
    expect(action?.with?.token).toBeUndefined();
  });

  it('otherwise is release.yml: the same permissions and command title', () => {
    const release = read('release.yml');
    expect(wf.permissions).toEqual(release.permissions);
    const form = /format\('progressive-release [^)]*\)/;
    expect(wf['run-name'].match(form)?.[0]).toBe(release['run-name'].match(form)?.[0]);
  });
});

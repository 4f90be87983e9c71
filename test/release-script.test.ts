/**
 * scripts/release.mjs: its checks as tables, then the script itself in a temp git repository with
 * a bare remote: every refusal leaves no tag, a good run tags vX.Y.Z and moves vX, and the next
 * release moves vX again (locally and on the remote). The temp repository's build script is a
 * stand-in (it copies src/ into the output folder), so the freshness check is exercised without
 * bundling the project.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  changelogSection,
  checkBranch,
  checkChangelog,
  checkCleanTree,
  checkDistFresh,
  checkVersion,
  checkVersionFiles,
  latestReleaseTag,
  releaseInfoVersion,
} from '../scripts/release-checks.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'pr-release-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('release checks', () => {
  it.each([
    ['1.0.0', [], []],
    ['1.2.0', ['v1', 'v1.0.0', 'v1.1.3'], []],
    ['1.10.0', ['v1.9.0', 'v1.2.0'], []], // numeric, not text order
    ['2.0.0', ['v1.9.9', 'nightly', 'v3-rc'], []],
    ['v1.2.0', [], ["'v1.2.0' is not a release version"]],
    ['1.2', [], ["'1.2' is not a release version"]],
    ['1.2.0-rc.1', [], ["'1.2.0-rc.1' is not a release version"]],
    ['01.2.0', [], ["'01.2.0' is not a release version"]],
    ['1.1.0', ['v1.1.0'], ['tag v1.1.0 already exists', '1.1.0 is not above the latest release v1.1.0']],
    ['1.0.9', ['v1.1.0'], ['1.0.9 is not above the latest release v1.1.0']],
    ['1.9.0', ['v1.10.0'], ['1.9.0 is not above the latest release v1.10.0']],
  ])('version %s with tags %j', (version, tags, expected) => {
    const problems = checkVersion(version, tags);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problems[i]).toContain(start));
  });

  it('latestReleaseTag ignores the major tag and other names', () => {
    expect(latestReleaseTag(['v1', 'v1.2.3', 'v1.10.0', 'v1.9.9', 'release-7'])).toBe('v1.10.0');
    expect(latestReleaseTag(['v1', 'main'])).toBeUndefined();
  });

  it.each([
    ['', 0],
    ['\n', 0],
    [' M src/a.ts', 1],
    ['?? notes.txt\nM  dist/index.js', 1],
  ])('clean tree: %j gives %i problem(s)', (porcelain, count) => {
    const problems = checkCleanTree(porcelain);
    expect(problems).toHaveLength(count);
    if (count) expect(problems[0]).toContain(porcelain.split('\n')[0]);
  });

  it.each([
    ['main', 'main', ''],
    ['feature', 'main', "HEAD is on branch 'feature', not on the default branch 'main'"],
    ['HEAD', 'main', 'HEAD is on a detached HEAD'],
    ['main', 'trunk', "not on the default branch 'trunk'"],
  ])('branch %s (default %s)', (branch, dflt, expected) => {
    const problems = checkBranch(branch, dflt);
    if (expected) expect(problems[0]).toContain(expected);
    else expect(problems).toEqual([]);
  });

  const files = (pkg: string, lock: string, lockRoot: string, info: string) => ({
    packageJson: JSON.stringify({ name: 'x', version: pkg }),
    packageLock: JSON.stringify({ version: lock, packages: { '': { version: lockRoot } } }),
    releaseInfo: `/** doc */\nexport const VERSION = '${info}';\nexport const MAJOR_TAG = 'v1';\n`,
  });
  it.each([
    [files('1.2.0', '1.2.0', '1.2.0', '1.2.0'), []],
    [files('1.1.0', '1.2.0', '1.2.0', '1.2.0'), ['package.json "version" is \'1.1.0\'']],
    [files('1.2.0', '1.1.0', '1.1.0', '1.2.0'), ['package-lock.json "version" is', 'package-lock.json packages[""].version is']],
    [files('1.2.0', '1.2.0', '1.2.0', '1.0.0'), ["src/plan/release-info.ts VERSION is '1.0.0', not '1.2.0'"]],
    [{ ...files('1.2.0', '1.2.0', '1.2.0', '1.2.0'), releaseInfo: 'export const VERSION = version;\n' }, ['src/plan/release-info.ts VERSION is missing']],
  ])('version files %#', (given, expected) => {
    const problems = checkVersionFiles('1.2.0', given);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problems[i]).toContain(start));
  });

  it('reads VERSION from the real release-info.ts', () => {
    expect(releaseInfoVersion(readFileSync(join(repo, 'src/plan/release-info.ts'), 'utf8'))).toMatch(/^\d+\.\d+\.\d+$/);
  });

  const changelog = (heading: string, body = '### Fixed\n\n- a fix\n') =>
    `# Changelog\n\n## [Unreleased]\n\n${heading}\n\n${body}\n## [1.0.0] - 2026-12-02\n\n- first\n\n[1.0.0]: https://x/1\n`;
  it.each([
    [changelog('## [1.1.0] - 2026-12-24'), ''],
    [changelog('## [1.1.0]'), "no '## [1.1.0] - YYYY-MM-DD' section"],
    [changelog('## [1.1.0] - 2026-13-01'), "dated '2026-13-01'"],
    [changelog('## [1.1.0] - 24/12/2026'), "dated '24/12/2026'"],
    [changelog('## [1.1.0] - 2026-12-24', ''), 'section for 1.1.0 is empty'],
    [changelog('## [1.1.01] - 2026-12-24'), "no '## [1.1.0] - YYYY-MM-DD' section"],
    [changelog('## [1x1x0] - 2026-12-24'), "no '## [1.1.0] - YYYY-MM-DD' section"], // dots are not wildcards
  ])('changelog %#', (text, expected) => {
    const problems = checkChangelog('1.1.0', text);
    if (expected) expect(problems[0]).toContain(expected);
    else expect(problems).toEqual([]);
  });

  it('changelogSection is the text of one version, without the next section or the links', () => {
    expect(changelogSection('1.1.0', changelog('## [1.1.0] - 2026-12-24'))).toBe('### Fixed\n\n- a fix\n');
    expect(changelogSection('1.0.0', changelog('## [1.1.0] - 2026-12-24'))).toBe('- first\n');
    expect(changelogSection('1.0.0', readFileSync(join(repo, 'CHANGELOG.md'), 'utf8'))).toContain('### Added');
  });

  it('dist freshness: a missing, an extra and a differing file are each named', () => {
    const [a, b] = [join(tmp, 'fresh-a'), join(tmp, 'fresh-b')];
    for (const dir of [a, b]) mkdirSync(join(dir, 'cli'), { recursive: true });
    for (const dir of [a, b]) writeFileSync(join(dir, 'cli', 'index.js'), 'same\n');
    writeFileSync(join(a, 'index.js'), 'x\n');
    writeFileSync(join(b, 'index.js'), 'x\n');
    expect(checkDistFresh(a, b)).toEqual([]);
    writeFileSync(join(b, 'index.js'), 'y\n');
    writeFileSync(join(b, 'chunk-new.js'), '1\n');
    writeFileSync(join(a, 'chunk-old.js'), '1\n');
    const [problem] = checkDistFresh(a, b);
    expect(problem).toContain('missing in dist/: chunk-new.js');
    expect(problem).toContain('not produced by the build: dist/chunk-old.js');
    expect(problem).toContain('differs: dist/index.js');
    expect(problem).not.toContain('cli/index.js');
  });
});

describe('node scripts/release.mjs, in a git repository with a remote', () => {
  const work = join(tmp, 'work');
  const remote = join(tmp, 'remote.git');
  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();
  const write = (file: string, text: string) => {
    mkdirSync(join(work, file, '..'), { recursive: true });
    writeFileSync(join(work, file), text);
  };
  const release = (...args: string[]) => spawnSync(process.execPath, ['scripts/release.mjs', ...args], { cwd: work, env: gitEnv, encoding: 'utf8' });
  const tags = (cwd = work) => git(cwd, 'tag', '--list').split('\n').filter(Boolean).sort();
  /** The commit a tag names, locally or on the remote. */
  const tagged = (tag: string, cwd = work) => git(cwd, 'rev-parse', `${tag}^{commit}`);

  /** Writes the files one version needs and commits them (dist as the stand-in build makes it); no date: no CHANGELOG section. */
  function setVersion(version: string, changelogDate = '2026-12-02') {
    write('package.json', `${JSON.stringify({ name: 'p', version }, null, 2)}\n`);
    write('package-lock.json', `${JSON.stringify({ name: 'p', version, lockfileVersion: 3, packages: { '': { name: 'p', version } } }, null, 2)}\n`);
    write('src/plan/release-info.ts', `export const VERSION = '${version}';\n`);
    write('src/main.js', `console.log('${version}');\n`);
    const section = changelogDate ? `## [${version}] - ${changelogDate}\n\n- version ${version}\n\n` : '';
    write('CHANGELOG.md', `# Changelog\n\n## [Unreleased]\n\n${section}`);
    rmSync(join(work, 'dist'), { recursive: true, force: true });
    cpSync(join(work, 'src'), join(work, 'dist'), { recursive: true });
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', `version ${version}`);
  }

  beforeEach(() => {
    for (const dir of [work, remote]) rmSync(dir, { recursive: true, force: true });
    git(tmp, 'init', '-q', '--bare', '-b', 'main', remote);
    git(tmp, 'init', '-q', '-b', 'main', work);
    git(work, 'remote', 'add', 'origin', remote);
    mkdirSync(join(work, 'scripts'));
    for (const f of ['release.mjs', 'release-checks.mjs']) cpSync(join(repo, 'scripts', f), join(work, 'scripts', f));
    // The stand-in build: dist/ is a copy of src/ (the real one bundles with esbuild).
    write(
      'scripts/build.mjs',
      "import { cpSync, rmSync } from 'node:fs';\nconst out = process.argv[2];\nrmSync(out, { recursive: true, force: true });\ncpSync('src', out, { recursive: true });\n",
    );
    setVersion('1.0.0');
    git(work, 'push', '-q', 'origin', 'main');
  });

  it('a good run tags vX.Y.Z and vX at HEAD and pushes both; the next release moves vX', () => {
    const first = release('1.0.0', '--push');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const c1 = git(work, 'rev-parse', 'HEAD');
    expect(tags()).toEqual(['v1', 'v1.0.0']);
    expect([tagged('v1.0.0'), tagged('v1')]).toEqual([c1, c1]);
    expect(git(work, 'cat-file', '-t', 'v1.0.0')).toBe('tag'); // annotated
    expect([tagged('v1.0.0', remote), tagged('v1', remote)]).toEqual([c1, c1]);

    setVersion('1.1.0', '2026-12-20');
    git(work, 'push', '-q', 'origin', 'main');
    const second = release('1.1.0', '--push');
    expect(second.status).toBe(0);
    const c2 = git(work, 'rev-parse', 'HEAD');
    expect(c2).not.toBe(c1);
    expect(tags()).toEqual(['v1', 'v1.0.0', 'v1.1.0']);
    expect([tagged('v1.0.0'), tagged('v1.1.0'), tagged('v1')]).toEqual([c1, c2, c2]);
    // The remote's v1 moved too (a forced push), and v1.0.0 stayed where it was.
    expect([tagged('v1.0.0', remote), tagged('v1.1.0', remote), tagged('v1', remote)]).toEqual([c1, c2, c2]);
  });

  it('without --push it tags locally and prints the push commands', () => {
    const r = release('1.0.0');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('git push origin v1.0.0\n');
    expect(r.stdout).toContain('git push --force origin v1\n');
    expect(tags()).toEqual(['v1', 'v1.0.0']);
    expect(tags(remote)).toEqual([]);
  });

  it.each([
    ['a dirty tree', () => write('notes.txt', 'x'), '1.0.0', 'the working tree is not clean'],
    ['a topic branch', () => git(work, 'checkout', '-qb', 'topic'), '1.0.0', "HEAD is on branch 'topic'"],
    ['a version that is not semver', () => undefined, '1.0', "'1.0' is not a release version"],
    ['a version the files do not say', () => undefined, '1.0.1', "package.json \"version\" is '1.0.0', not '1.0.1'"],
    ['no CHANGELOG section', () => setVersion('1.0.0', ''), '1.0.0', "CHANGELOG.md has no '## [1.0.0] - YYYY-MM-DD' section"],
    [
      'a stale dist',
      () => {
        write('dist/main.js', "console.log('old');\n");
        git(work, 'commit', '-qam', 'stale dist');
      },
      '1.0.0',
      'differs: dist/main.js',
    ],
    [
      'a dist file the build does not produce',
      () => {
        write('dist/chunk-OLD.js', '\n');
        git(work, 'add', '-A');
        git(work, 'commit', '-qm', 'left-over chunk');
      },
      '1.0.0',
      'not produced by the build: dist/chunk-OLD.js',
    ],
  ])('refuses %s and tags nothing', (_what, arrange, version, expected) => {
    arrange();
    const r = release(version, '--push');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`release ${version} refused; nothing was tagged`);
    expect(r.stderr).toContain(expected);
    expect(tags()).toEqual([]);
    expect(tags(remote)).toEqual([]);
  });

  it('refuses a version already tagged, or not above the latest, and moves no tag', () => {
    expect(release('1.0.0').status).toBe(0);
    const before = [tagged('v1.0.0'), tagged('v1')];
    setVersion('1.0.0', '2026-12-03'); // a new commit that says 1.0.0 again
    const again = release('1.0.0');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('tag v1.0.0 already exists');
    setVersion('0.9.0');
    const lower = release('0.9.0');
    expect(lower.stderr).toContain('0.9.0 is not above the latest release v1.0.0');
    expect(tags()).toEqual(['v1', 'v1.0.0']);
    expect([tagged('v1.0.0'), tagged('v1')]).toEqual(before);
  });

  it('bad usage exits 2 with the usage line', () => {
    for (const args of [[], ['1.0.0', '1.1.0'], ['--force']]) {
      const r = release(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('usage: node scripts/release.mjs X.Y.Z [--push]');
    }
    expect(tags()).toEqual([]);
  });
});

describe('.github/workflows/release.yml', () => {
  interface Step {
    uses?: string;
    run?: string;
    env?: Record<string, string>;
  }
  const workflow = parse(readFileSync(join(repo, '.github/workflows/release.yml'), 'utf8')) as {
    on: { workflow_dispatch: { inputs: Record<string, unknown> } };
    permissions: Record<string, string>;
    concurrency: { group: string };
    jobs: Record<string, { steps: Step[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

  it('is dispatched with a version, writes contents only, one release at a time', () => {
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(['version']);
    expect(workflow.permissions).toEqual({ contents: 'write' });
    expect(workflow.concurrency.group).toBe('release');
  });

  it('runs the release script with --push and never puts an expression into a script', () => {
    const runs = steps.filter((s) => s.run !== undefined);
    expect(runs.some((s) => s.run?.includes('node scripts/release.mjs "$VERSION" --push') && s.env?.VERSION === '${{ inputs.version }}')).toBe(true);
    expect(runs.some((s) => s.run?.includes('gh release create') && s.env?.GH_TOKEN !== undefined)).toBe(true);
    expect(runs.filter((s) => s.run?.includes('${{'))).toEqual([]);
  });

  it('pins every action to a full commit SHA', () => {
    const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.map((u) => u.split('@')[0])).toEqual(['actions/checkout', 'actions/setup-node']);
    for (const u of uses) expect(u).toMatch(/@[0-9a-f]{40}$/);
  });
});

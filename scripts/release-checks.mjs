/**
 * The checks scripts/release.mjs makes before it tags a release, as functions of what it read
 * (git's answers, file texts, two folders), so test/release-script.test.ts can table them. Each
 * returns the problems it found as sentences that name what is wrong and how to fix it; an empty
 * list is a pass. Node built-ins only: the release job runs these before anything else is trusted.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A release version: plain `X.Y.Z` (no `v`, no pre-release or build part), as semver.org writes the numbers. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** `[major, minor, patch]` of a plain X.Y.Z version, or undefined. */
export function parseVersion(text) {
  const m = SEMVER.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Negative, zero or positive as version a is lower than, equal to or higher than b (both valid). */
export function compareVersions(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** The highest `vX.Y.Z` among tag names (others, such as the major tag `v1`, are ignored), or undefined. */
export function latestReleaseTag(tags) {
  const versions = tags.filter((t) => t.startsWith('v') && parseVersion(t.slice(1))).map((t) => t.slice(1));
  versions.sort(compareVersions);
  return versions.length ? `v${versions[versions.length - 1]}` : undefined;
}

/** The version is X.Y.Z, its tag does not exist yet, and it is above the latest release tag. */
export function checkVersion(version, tags) {
  if (!parseVersion(version)) return [`'${version}' is not a release version: give X.Y.Z, such as 1.2.0 (no 'v', no pre-release suffix)`];
  const problems = [];
  if (tags.includes(`v${version}`)) problems.push(`tag v${version} already exists: a released version is never tagged again; release the next version`);
  const latest = latestReleaseTag(tags);
  if (latest && compareVersions(version, latest.slice(1)) <= 0) problems.push(`${version} is not above the latest release ${latest}: give a higher version`);
  return problems;
}

/** The tree has no change, staged or not, and no untracked file (`git status --porcelain` is empty). */
export function checkCleanTree(porcelain) {
  const lines = porcelain.split('\n').filter((l) => l.trim() !== '');
  if (!lines.length) return [];
  const shown = lines.slice(0, 5).map((l) => `  ${l}`);
  if (lines.length > 5) shown.push(`  ... and ${lines.length - 5} more`);
  return [`the working tree is not clean (commit or stash first; the tag must name exactly what was checked):\n${shown.join('\n')}`];
}

/** HEAD is the default branch (a release is cut from what was merged, not from a topic branch). */
export function checkBranch(branch, defaultBranch) {
  if (branch === defaultBranch) return [];
  const where = branch === 'HEAD' ? 'a detached HEAD' : `branch '${branch}'`;
  return [`HEAD is on ${where}, not on the default branch '${defaultBranch}': check out ${defaultBranch} (up to date) and release from there`];
}

/** What `export const VERSION = '…'` in src/plan/release-info.ts says, or undefined. */
export function releaseInfoVersion(text) {
  return /^export const VERSION = '([^']*)';$/m.exec(text)?.[1];
}

/** package.json, package-lock.json (top and root package) and src/plan/release-info.ts all say `version`. */
export function checkVersionFiles(version, { packageJson, packageLock, releaseInfo }) {
  const said = [
    ['package.json "version"', JSON.parse(packageJson).version],
    ['package-lock.json "version"', JSON.parse(packageLock).version],
    ['package-lock.json packages[""].version', JSON.parse(packageLock).packages?.['']?.version],
    ['src/plan/release-info.ts VERSION', releaseInfoVersion(releaseInfo)],
  ];
  return said
    .filter(([, v]) => v !== version)
    .map(
      ([where, v]) =>
        `${where} is ${v === undefined ? 'missing' : `'${v}'`}, not '${version}': set it (npm version ${version} --no-git-tag-version, and VERSION by hand), commit, and run again`,
    );
}

/** A real calendar date written YYYY-MM-DD. */
function isDate(text) {
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** CHANGELOG.md has a `## [X.Y.Z] - YYYY-MM-DD` section (Keep a Changelog's form) for this version. */
export function checkChangelog(version, changelog) {
  const heading = new RegExp(`^## \\[${escape(version)}\\] - (\\S+)\\s*$`, 'm').exec(changelog);
  if (!heading) return [`CHANGELOG.md has no '## [${version}] - YYYY-MM-DD' section: move the Unreleased entries under it and commit`];
  if (!isDate(heading[1])) return [`CHANGELOG.md's section for ${version} is dated '${heading[1]}', not a YYYY-MM-DD date`];
  if (!changelogSection(version, changelog).trim()) return [`CHANGELOG.md's section for ${version} is empty: say what changed`];
  return [];
}

/** The text under `## [X.Y.Z] - date`, up to the next `## ` heading or the link definitions (the release notes). */
export function changelogSection(version, changelog) {
  const lines = changelog.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## [${version}] `));
  if (start < 0) return '';
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith('## ') || /^\[[^\]]+\]: /.test(l));
  return `${(end < 0 ? rest : rest.slice(0, end)).join('\n').trim()}\n`;
}

/** Every file under `root`, relative to it, sorted. */
function filesUnder(root, dir = root) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(root, join(dir, name)) : [relative(root, join(dir, name))]))
    .sort();
}

/** How the committed folder differs from a fresh build of it, byte for byte: one line per file. */
export function checkDistFresh(committedDir, freshDir) {
  const committed = filesUnder(committedDir);
  const fresh = filesUnder(freshDir);
  const differences = [
    ...fresh.filter((f) => !committed.includes(f)).map((f) => `missing in dist/: ${f}`),
    ...committed.filter((f) => !fresh.includes(f)).map((f) => `not produced by the build: dist/${f}`),
    ...fresh
      .filter((f) => committed.includes(f) && !readFileSync(join(freshDir, f)).equals(readFileSync(join(committedDir, f))))
      .map((f) => `differs: dist/${f}`),
  ];
  if (!differences.length) return [];
  return [`dist/ is not what the sources build (run \`npm run build\` and commit dist/):\n${differences.map((d) => `  ${d}`).join('\n')}`];
}

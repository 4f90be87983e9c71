// Types of release-checks.mjs (plain JS so the release job needs nothing but node), for the tests.
export type Version = [major: number, minor: number, patch: number];
export function parseVersion(text: string): Version | undefined;
export function compareVersions(a: string, b: string): number;
export function latestReleaseTag(tags: readonly string[]): string | undefined;
export function checkVersion(version: string, tags: readonly string[]): string[];
export function checkCleanTree(porcelain: string): string[];
export function checkBranch(branch: string, defaultBranch: string): string[];
export function releaseInfoVersion(text: string): string | undefined;
export function checkVersionFiles(version: string, files: { packageJson: string; packageLock: string; releaseInfo: string }): string[];
export function checkChangelog(version: string, changelog: string): string[];
export function changelogSection(version: string, changelog: string): string;
export function checkDistFresh(committedDir: string, freshDir: string): string[];

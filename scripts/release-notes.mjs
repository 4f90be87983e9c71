#!/usr/bin/env node
/**
 * Prints CHANGELOG.md's section for a version, the body of its GitHub Release:
 * `node scripts/release-notes.mjs X.Y.Z > notes.md` (.github/workflows/release.yml). Exits 1 when
 * there is no such section (scripts/release.mjs refuses such a version before this runs).
 */
import { readFileSync } from 'node:fs';
import { changelogSection } from './release-checks.mjs';

const version = process.argv[2] ?? '';
const notes = changelogSection(version, readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8'));
if (!notes.trim()) {
  process.stderr.write(`CHANGELOG.md has no section for '${version}'\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(notes);
}

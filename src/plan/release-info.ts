/**
 * The one writer of what this release of the action is called and where it lives: the CLI's
 * `--version`, the `$schema` URL users copy into their plans, and the release script all read it
 * here, so a version bump is one edit (package.json's `version` must match: test/release-info).
 */

/** This release (semver, as package.json and the `vX.Y.Z` tag). */
export const VERSION = '1.0.0';

/** The GitHub repository the action is published from (`owner/name`). */
export const REPOSITORY = 'progressive-release/progressive-release';

/** The moving major tag users pin (`v1`), as GitHub recommends for actions. */
export const MAJOR_TAG = `v${VERSION.split('.')[0]}`;

/** The JSON Schema of the plan at the major tag: works from any repository (editors fetch it). */
export const SCHEMA_URL = `https://raw.githubusercontent.com/${REPOSITORY}/${MAJOR_TAG}/schema/release-plan.schema.json`;

/**
 * The Node binary that tests spawn the shipped bundles with. The test command runs vitest on the
 * machine's Node, and runs the bundle end-to-end tests again with PR_TEST_NODE pointing at the
 * runtime the action declares (node24) and the CLI tests at the oldest Node that package.json's
 * `engines` promises; every spawn of `dist/` goes through here so that one variable moves them all.
 */
export function testNode(): string {
  return process.env.PR_TEST_NODE || process.execPath;
}

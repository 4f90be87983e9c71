/** Entry point of the CLI bundle (dist/cli/index.js), run by bin/progressive-release.js. */
import { runCli } from './cli/run.js';

process.exitCode = await runCli(process.argv.slice(2));

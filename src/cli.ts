/** Entry point of the CLI bundle (dist/cli/index.js), run by bin/progressive-release.js. */
import { endQuietlyOnBrokenPipe } from './cli/broken-pipe.js';
import { runCli } from './cli/run.js';

// Installed before anything is written: the first write may already find the reader gone.
endQuietlyOnBrokenPipe(process.stdout);
endQuietlyOnBrokenPipe(process.stderr);
process.exitCode = await runCli(process.argv.slice(2));

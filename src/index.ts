/** Entry point of dist/index.js: the runner executes this file. */
import { run } from './main.js';

await run();

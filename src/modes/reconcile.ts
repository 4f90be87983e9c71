/**
 * Mode 'reconcile': the same entry as mode 'run' (src/modes/run.ts); runMode reads the mode from
 * the settings and advances, saves and exits instead of looping until the end.
 */
export { execute } from './run.js';

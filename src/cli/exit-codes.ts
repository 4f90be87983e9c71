/**
 * The one writer of the CLI's exit statuses and of the table that documents them (the top-level
 * help prints EXIT_STATUS_HELP; the README's table says the same). Bad usage is 2 in every
 * command, as POSIX tools use it, so a script can tell "you called me wrong" from any verdict;
 * simulate's decisions therefore start at 3, and "rolled back" (5) can never be a typo.
 */

/** Success: valid, ready, promoted, help printed. */
export const EXIT_OK = 0;

/** What the command found is not good: validate's problems, plan's not ready, an invalid plan, an unexpected error. */
export const EXIT_PROBLEMS = 1;

/** A mistake in how the command was called (no or unknown command, unknown option, missing value), in every command. */
export const BAD_USAGE = 2;

/** simulate's answer for each decision of the release (`continue` cannot end a simulation; counted as failed). */
export const SIMULATE_EXIT_CODES = {
  promoted: EXIT_OK,
  'invalid-plan': EXIT_PROBLEMS,
  usage: BAD_USAGE,
  paused: 3,
  failed: 4,
  continue: 4,
  'rolled-back': 5,
} as const;

export const EXIT_STATUS_HELP = `Exit status (every command: ${BAD_USAGE} bad usage; no or unknown command: ${BAD_USAGE}):
  validate  ${EXIT_OK} valid, ${EXIT_PROBLEMS} problems found
  plan      ${EXIT_OK} every gate can be evaluated, ${EXIT_PROBLEMS} not ready or invalid plan
  simulate  ${EXIT_OK} promoted, ${EXIT_PROBLEMS} invalid plan, ${SIMULATE_EXIT_CODES.paused} paused (a person decides), ${SIMULATE_EXIT_CODES.failed} failed (a rollback failed, or none to run), ${SIMULATE_EXIT_CODES['rolled-back']} rolled back
  schema    ${EXIT_OK}`;

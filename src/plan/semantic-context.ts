/** What every semantic check reads: the valid parts of the plan, where it is broken, and where to report. */
import type { Reporter } from './reporter.js';
import type { PartialPlan, Validity } from './salvage.js';

export interface Checked {
  plan: PartialPlan;
  valid: Validity;
  r: Reporter;
}

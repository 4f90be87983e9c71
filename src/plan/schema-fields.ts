/**
 * The building blocks of the plan's schema (schema.ts): described copies, the name and duration
 * fields with the messages people read, and the name patterns. A module of its own so the gate
 * judges' blocks (schema-judges.ts) and the plan's shape (schema.ts) share them without a cycle.
 */
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { DURATION_PATTERN } from './duration.js';

// Messages for issues our own messages do not cover (issues.ts words most of them itself); the
// classic API loads this locale at import, zod/mini leaves it to the caller. Imported by name:
// `z.locales.en` would bundle every locale.
z.config(en());

/** Region names go into PromQL label values, URLs and environment names, so the pattern is strict. */
export const REGION_PATTERN = '^[a-z][a-z0-9-]{0,62}$';
/** Names of gates, providers, stages and variables: identifiers that read well in YAML and logs. */
export const NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';
/** Environment variable names, for secrets that never appear in the file. */
export const ENV_NAME_PATTERN = '^[A-Z_][A-Z0-9_]*$';

/**
 * A copy of `schema` carrying a description (what the classic API's `.describe()` does): the
 * description goes into the JSON Schema and into "missing required key" messages. A copy, because
 * shared schemas (workflowFile, envName) are described differently where they are used.
 */
export function describe<T extends z.ZodMiniType>(schema: T, description: string): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { description });
  return copy;
}

export const optional = z.optional;
export const str = (check: z.core.$ZodCheck<string>) => z.string().check(check);
export const nonEmpty = () => str(z.minLength(1));
export const posInt = () => z.number().check(z.int(), z.positive());
export const nonNegInt = () => z.number().check(z.int(), z.nonnegative());

/**
 * A duration is text with a unit. A bare number (`interval: 90`) is the commonest slip, and
 * "expected a string" would not say what is missing, so the wrong type names the unit.
 */
/** What a duration field says about a wrong value; `forms` for a field that takes a duration among other forms. */
export function durationMessage(what: string, input: unknown, forms = 'a duration'): string {
  if (typeof input !== 'number') return `${what} must be ${forms} such as 30s, 10m, 2h or 1h30m`;
  const like = Number.isInteger(input) && input >= 0 ? `${input}s or ${input}m` : '90s or 10m';
  return `${what} must be ${forms} with a unit, such as ${like} (a number alone has none)`;
}
export const duration = (what: string) =>
  z
    .string({ error: (issue) => durationMessage(what, issue.input) })
    .check(z.regex(new RegExp(DURATION_PATTERN), { message: durationMessage(what, undefined) }));
export const name = (what: string) =>
  str(
    z.regex(new RegExp(NAME_PATTERN), {
      message: `${what} must start with a letter and contain only letters, digits, '-' and '_' (at most 64 characters)`,
    }),
  );

/**
 * The one argument parser of the command line. Every command declares its options and whether it
 * takes a plan file; node:util parseArgs splits the words and this module holds every rule about
 * them, so a flag reads the same in every command:
 *  - a string option takes `--flag VALUE` or `--flag=VALUE`; a following word that looks like an
 *    option is no value (`--workflows --json` is a mistake, not a folder called --json), and a
 *    value that starts with '-' goes after '=';
 *  - a switch takes no value (`--json=1` is refused, not read as true or as a file);
 *  - `--` ends the options (a plan file may start with a dash after it);
 *  - `--help`/`-h` anywhere before `--` asks for the command's help, whatever else is wrong.
 * parseArgs runs non-strict, with tokens, so the messages here name the flag and the expected form
 * in the CLI's own words rather than Node's.
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** A string option that may be repeated (every value kept, in order). */
  multiple?: boolean;
  /** What a string option's value is, said when it is missing: "a folder, e.g. --workflows .github/workflows". */
  expects?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** The parsed options: switches as booleans, repeated options as lists, the rest as the last value given. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]: O[K]['type'] extends 'boolean' ? boolean : O[K]['multiple'] extends true ? string[] : string | undefined;
};

export interface CommandSpec<O extends OptionSpecs> {
  name: string;
  options: O;
  /** Whether the command takes the path of a release plan (every command but schema does). */
  takesPlan: boolean;
}

export type ParsedArgs<O extends OptionSpecs> =
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string }
  /** `plan` is '' for a command that takes none. */
  | { kind: 'args'; plan: string; values: OptionValues<O> };

const HELP_FLAGS: ReadonlySet<string> = new Set(['--help', '-h']);

/** parseArgs' own rule for a value that could be an option: a dash and more ('-' alone is a value: a plan path like any other; no command reads stdin). */
function looksLikeOption(value: string): boolean {
  return value.length > 1 && value.startsWith('-');
}

/** Reads `argv` (the words after the command's name) against the command's options. */
export function parseCommandArgs<O extends OptionSpecs>(spec: CommandSpec<O>, argv: string[]): ParsedArgs<O> {
  const end = argv.indexOf('--');
  if ((end < 0 ? argv : argv.slice(0, end)).some((a) => HELP_FLAGS.has(a))) return { kind: 'help' };
  const config = Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.multiple ? { multiple: true } : {}) }]));
  const { tokens } = parseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, boolean | string | string[] | undefined> = {};
  for (const [name, o] of Object.entries(spec.options)) values[name] = o.type === 'boolean' ? false : o.multiple ? [] : undefined;
  let plan: string | undefined;
  const fail = (message: string): ParsedArgs<O> => ({ kind: 'usage-error', message });
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      if (!spec.takesPlan) return fail(`${spec.name} takes no plan file; got '${t.value}'`);
      if (plan !== undefined) return fail(`${spec.name} takes one plan file; got '${plan}' and '${t.value}'`);
      plan = t.value;
      continue;
    }
    // Options are long only: a short one (`-x`) is unknown, as is a name the command does not have.
    const o = t.rawName.startsWith('--') && Object.hasOwn(spec.options, t.name) ? spec.options[t.name] : undefined;
    if (!o) return fail(`unknown option '${t.rawName}' for ${spec.name}`);
    if (o.type === 'boolean') {
      if (t.value !== undefined) return fail(`${t.rawName} takes no value; got '${t.rawName}=${t.value}'`);
      values[t.name] = true;
      continue;
    }
    const needs = `${t.rawName} needs ${o.expects ?? 'a value'}`;
    if (!t.value) return fail(needs);
    if (!t.inlineValue && looksLikeOption(t.value))
      return fail(`${needs}; '${t.value}' is an option (a value that starts with '-' goes after '=': ${t.rawName}=${t.value})`);
    const seen = values[t.name];
    values[t.name] = o.multiple ? [...(Array.isArray(seen) ? seen : []), t.value] : t.value;
  }
  if (spec.takesPlan && plan === undefined)
    return fail(`missing <plan>: ${spec.name} needs the path of a release plan, e.g. progressive-release ${spec.name} .github/release-plan.yml`);
  return { kind: 'args', plan: plan ?? '', values: values as OptionValues<O> };
}

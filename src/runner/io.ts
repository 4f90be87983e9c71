/**
 * The runner's side of the action: inputs, outputs, log lines and their groups, annotations, masks,
 * the job summary and the step's failure — the part of `@actions/core` the action uses, with the same
 * wire format.
 *
 * Why not `@actions/core` itself: it is a module graph, not a file. Its index imports the OIDC
 * client, which imports @actions/http-client, which imports undici and tunnel at load time; in
 * the bundle that is about 1 MB evaluated before the first line of ours runs. Measured with
 * bench/cold-start.ts (Node 20, median of 15 alternating runs): importing `@actions/core` costs
 * about 70 ms of a cold start the issue caps at 60 ms over bare node, and the action uses none of
 * what brings that weight (getIDToken, exec, platform details). What follows is its documented
 * command format (https://docs.github.com/actions/reference/workflow-commands-for-github-actions)
 * and its escaping rules (@actions/core 3.0.1, lib/command.js, file-command.js, utils.js,
 * summary.js), copied rule for rule; test/runner-io.test.ts compares the two byte for byte.
 * One deliberate difference: `info` will not write a line the runner would read as a command
 * (core writes any text as it is; see src/report/untrusted.ts).
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { access, appendFile, constants, writeFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import { guardLog, oneLine } from '../report/untrusted.js';
import { parseRunnerEnv } from './env.js';

/** Where an annotation points (the same shape as `@actions/core`'s AnnotationProperties). */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

type CommandProperties = Record<string, string | number | undefined>;

/** `@actions/core` toCommandValue: strings as they are, nothing as '', the rest as JSON. */
function toCommandValue(input: unknown): string {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string' || input instanceof String) return String(input);
  return JSON.stringify(input);
}

function escapeData(s: unknown): string {
  return toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: unknown): string {
  return toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::name key=value,key=value::message`; properties that are empty, 0 or undefined are left out (as core does). */
export function commandLine(command: string, properties: CommandProperties, message: unknown): string {
  let line = `::${command}`;
  const entries = Object.entries(properties);
  if (entries.length > 0) {
    line += ' ';
    let first = true;
    for (const [key, val] of entries) {
      if (!val) continue;
      if (!first) line += ',';
      first = false;
      line += `${key}=${escapeProperty(val)}`;
    }
  }
  return `${line}::${escapeData(message)}`;
}

function issueCommand(command: string, properties: CommandProperties, message: unknown): void {
  process.stdout.write(commandLine(command, properties, message) + EOL);
}

function toCommandProperties(p: AnnotationProperties): CommandProperties {
  if (!Object.keys(p).length) return {};
  return { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn };
}

/**
 * The raw value of an input (`INPUT_<NAME>`, spaces as `_`, upper case), '' when unset.
 * Unlike core.getInput it does not trim: action-io's parseSettings trims ASCII whitespace, the
 * documented rule for every input.
 */
export function getInput(name: string): string {
  return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
}

/**
 * Lines in the log. Only the command writers below may start a runner command: every line
 * written here goes through guardLog, so no text in it (a backend's answer, a run title) can
 * become `::add-mask::`, `::stop-commands::` or an annotation (src/report/untrusted.ts).
 */
export function info(message: string): void {
  process.stdout.write(guardLog(message).split('\n').join(EOL) + EOL);
}

/** One line in the log: line breaks in the message are shown as `\n`, never started. */
export function logLine(message: string): void {
  info(oneLine(message));
}

/** A line in the log shown only with step debug logging on. */
export function debug(message: string): void {
  issueCommand('debug', {}, message);
}

/** An error annotation (on a file line when `properties` say where). */
export function error(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}

/** A warning annotation. */
export function warning(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}

/** Opens a foldable group of log lines (`::group::name`); groups do not nest, the next one closes it in the viewer. */
export function startGroup(name: string): void {
  issueCommand('group', {}, name);
}

/** Closes the group opened last (`::endgroup::`). */
export function endGroup(): void {
  issueCommand('endgroup', {}, '');
}

/** Masks `secret` in the rest of the job's log. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret);
}

/** The `name<<delimiter` block of the GITHUB_OUTPUT file format, with a fresh random delimiter. */
export function keyValueMessage(key: string, value: unknown): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  const converted = toCommandValue(value);
  if (key.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (converted.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  return `${key}<<${delimiter}${EOL}${converted}${EOL}${delimiter}`;
}

/** Sets a step output: appended to $GITHUB_OUTPUT, or the old `::set-output` command without it. */
export function setOutput(name: string, value: unknown): void {
  // Read at each call, as core does (tests point it at a file of their own).
  const file = parseRunnerEnv().outputFile;
  if (file) {
    if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
    appendFileSync(file, `${keyValueMessage(name, value)}${EOL}`, { encoding: 'utf8' });
    return;
  }
  process.stdout.write(EOL);
  issueCommand('set-output', { name }, toCommandValue(value));
}

/** Fails the step (exit code 1 when the process ends) with an error annotation saying why. */
export function setFailed(message: string | Error): void {
  process.exitCode = 1;
  error(message);
}

/**
 * Appends markdown to the job summary ($GITHUB_STEP_SUMMARY), with core.summary's checks and
 * messages: the variable must be set and the file readable and writable.
 */
export async function appendSummary(markdown: string, options: { overwrite?: boolean } = {}): Promise<void> {
  const file = parseRunnerEnv().stepSummary;
  if (!file) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
  try {
    await access(file, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
  }
  await (options.overwrite ? writeFile : appendFile)(file, markdown, { encoding: 'utf8' });
}

/**
 * The builder subset of core.summary the action uses (`summary.addRaw(text, true).write()`),
 * so callers written against `@actions/core` keep their shape.
 */
class Summary {
  private buffer = '';
  /** Adds text, and a line end when `addEOL`. */
  addRaw(text: string, addEOL = false): this {
    this.buffer += text;
    if (addEOL) this.buffer += EOL;
    return this;
  }
  /** Appends the buffer to the summary file and empties it. */
  async write(options: { overwrite?: boolean } = {}): Promise<this> {
    await appendSummary(this.buffer, options);
    this.buffer = '';
    return this;
  }
}

export const summary = new Summary();

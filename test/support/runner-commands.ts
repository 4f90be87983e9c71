/**
 * The workflow commands the GitHub Actions runner would find in a step's stdout, read the way
 * actions/runner reads them (src/Runner.Common/ActionCommand.cs TryParseV2 and TryParse,
 * src/Runner.Worker/ActionCommandManager.cs): lines end at LF, CR or CRLF; `::name ...::data`
 * after leading white space (.NET TrimStart), or the old `##[name ...]data` anywhere in a line;
 * only registered command names count. `stop-commands` is not honoured here: every command the
 * runner could see is reported, which is stricter than the runner.
 */

const REGISTERED = new Set([
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
]);

export interface RunnerCommand {
  command: string;
  data: string;
  form: 'v2' | 'v1';
  line: string;
}

/** .NET's char.IsWhiteSpace for TrimStart. */
const LEADING_WHITE = /^[\s\u0085]+/;

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function parseV2(line: string): RunnerCommand | undefined {
  const message = line.replace(LEADING_WHITE, '');
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (!REGISTERED.has(name)) return undefined;
  return { command: name, data: unescapeData(message.slice(end + 2)), form: 'v2', line };
}

function parseV1(line: string): RunnerCommand | undefined {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return undefined;
  const rb = line.indexOf(']', prefix);
  if (rb < 0) return undefined;
  const info = line.slice(prefix + 3, rb);
  const space = info.indexOf(' ');
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (!REGISTERED.has(name)) return undefined;
  return { command: name, data: line.slice(rb + 1), form: 'v1', line };
}

/** Every command the runner would parse in `stdout`, in order. */
export function runnerCommands(stdout: string): RunnerCommand[] {
  const out: RunnerCommand[] = [];
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const c = parseV2(line) ?? parseV1(line);
    if (c) out.push(c);
  }
  return out;
}

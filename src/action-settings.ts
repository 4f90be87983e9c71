/**
 * Reading the action's inputs into Settings: every input checked once at the edge, and bad input
 * refused with a message that names the input and the expected form. The registry the inputs
 * follow (names, descriptions, defaults) and the Settings type are in src/action-io.ts.
 */
import { LOG_FORMATS, MODES, INPUTS, type InputName, type InputSpec, type Mode, type Settings } from './action-io.js';
import { parseDuration } from './plan/duration.js';
import { parseReleaseId, reasonProblem } from './plan/ids.js';
import { NAME_PATTERN, REGION_PATTERN } from './plan/schema.js';

/** The longest wait-for-people: a job on a GitHub-hosted runner ends after 6 hours. */
const WAIT_FOR_PEOPLE_MAX_MS = 6 * 3_600_000;

/** Bad input: the message names the input and the expected form. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Reads one raw input (core.getInput in the action, a plain map in tests). */
export type InputReader = (name: InputName) => string;

/**
 * Parses the raw inputs into Settings. Values are trimmed of ASCII whitespace only (a YAML
 * block scalar leaves a trailing newline; other whitespace may be meaningful in a ref).
 */
export function parseSettings(read: InputReader): Settings {
  const get = (name: InputName): string | undefined => {
    const value = read(name).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    return value === '' ? undefined : value;
  };
  const defaultOf = (name: InputName): string => ('default' in INPUTS[name] ? ((INPUTS[name] as InputSpec).default ?? '') : '');

  const modeText = get('mode') ?? defaultOf('mode');
  if (!(MODES as readonly string[]).includes(modeText)) {
    throw new SettingsError(`Invalid mode '${modeText}'. Expected one of: ${MODES.join(', ')}.`);
  }
  const mode = modeText as Mode;

  const plan = get('plan') ?? defaultOf('plan');
  if (!/\.ya?ml$/i.test(plan)) {
    throw new SettingsError(`Invalid plan '${plan}'. Expected the path of a YAML file, such as .github/release-plan.yml.`);
  }

  const token = get('token') ?? '';
  const waitText = get('wait-for-people') ?? defaultOf('wait-for-people');
  const waitForPeopleMs = waitText === '0' ? 0 : parseDuration(waitText);
  if (waitForPeopleMs === undefined || waitForPeopleMs > WAIT_FOR_PEOPLE_MAX_MS)
    throw new SettingsError(`Invalid wait-for-people '${waitText.slice(0, 40)}'. Expected a duration of at most 6h such as 30m, 2h or 0s (do not wait).`);
  const logText = get('log-format') ?? defaultOf('log-format');
  if (!(LOG_FORMATS as readonly string[]).includes(logText))
    throw new SettingsError(`Invalid log-format '${logText.slice(0, 40)}'. Expected one of: ${LOG_FORMATS.join(', ')}.`);
  const settings: Settings = {
    plan,
    token,
    mode,
    ...(logText === 'json' ? { logFormat: 'json' as const } : {}),
    ...(waitForPeopleMs > 0 ? { waitForPeopleMs } : {}),
  };
  const pushgateway = get('pushgateway-url');
  if (pushgateway !== undefined) settings.pushgatewayUrl = pushgatewayUrlOf(pushgateway);
  const metricsFile = get('metrics-file');
  if (metricsFile !== undefined) {
    if (/[\u0000-\u001f]/.test(metricsFile)) throw new SettingsError(`Invalid metrics-file. Expected a file path such as release-metrics.prom.`);
    settings.metricsFile = metricsFile;
  }

  const version = get('version');
  if (version !== undefined) {
    if (version.length > 200 || /[\u0000-\u001f]/.test(version)) {
      throw new SettingsError(`Invalid version '${version.slice(0, 40)}'. Expected a tag, SHA or version of at most 200 printable characters.`);
    }
    settings.version = version;
  }
  const command = get('command');
  if (command !== undefined) {
    if (!/^[a-z][a-z-]*(:[0-9a-f]{6,64})?$/.test(command))
      throw new SettingsError(`Invalid command '${command}'. Expected a command word such as approve, abort or resume.`);
    settings.command = command;
  }
  const release = get('release');
  if (release !== undefined) {
    const read = parseReleaseId(release);
    if (!read.ok) throw new SettingsError(read.message);
    settings.release = release;
  }
  const ref = get('ref');
  if (ref !== undefined) settings.ref = ref;
  const sha = get('sha');
  if (sha !== undefined) {
    if (!/^[0-9a-f]{40}$/.test(sha))
      throw new SettingsError(`Invalid sha '${sha.slice(0, 60)}'. Expected the full 40-character commit SHA of the release (lower-case hex).`);
    settings.sha = sha;
  }
  const workflowsDir = get('workflows-dir');
  if (workflowsDir !== undefined) settings.workflowsDir = workflowsDir;
  const stage = get('stage');
  if (stage !== undefined) {
    if (!new RegExp(NAME_PATTERN).test(stage))
      throw new SettingsError(`Invalid stage '${stage.slice(0, 70)}'. Expected a stage name of the plan, such as europe.`);
    settings.stage = stage;
  }
  const region = get('region');
  if (region !== undefined) {
    if (!new RegExp(REGION_PATTERN).test(region))
      throw new SettingsError(`Invalid region '${region.slice(0, 70)}'. Expected a region name of the plan, such as eu-west-1.`);
    settings.region = region;
  }
  const reason = get('reason');
  if (reason !== undefined) {
    const problem = reasonProblem(reason);
    if (problem !== undefined) throw new SettingsError(`Invalid reason. Expected ${problem}.`);
    settings.reason = reason;
  }
  const orgToken = get('org-token');
  if (orgToken !== undefined) settings.orgToken = orgToken;
  if (settings.command === undefined) {
    for (const [name, value] of [
      ['stage', stage],
      ['region', region],
      ['reason', reason],
    ] as const)
      if (value !== undefined) throw new SettingsError(`Input '${name}' is given without 'command'. Expected it only with a command such as approve.`);
  }

  if (settings.command !== undefined && settings.release === undefined) {
    throw new SettingsError(`Input 'release' is required with command '${settings.command}'. Expected the release id the command applies to.`);
  }
  if (mode === 'run' && settings.command === undefined && settings.version === undefined) {
    throw new SettingsError(`Input 'version' is required in mode 'run'. Expected what is being released, such as v1.4.2 or a commit SHA.`);
  }
  if ((mode === 'run' || mode === 'reconcile') && token === '') {
    throw new SettingsError(`Input 'token' is empty. Expected a GitHub token (the default is \${{ github.token }}).`);
  }
  return settings;
}

/**
 * An http(s) URL with no credentials, query or fragment: credentials come from the environment
 * (masked), and a query is where a hosted gateway's token would otherwise go (the group path is
 * appended to the URL, so a query would also send the push elsewhere).
 */
function pushgatewayUrlOf(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SettingsError(`Invalid pushgateway-url. Expected an http(s) URL such as https://pushgateway.example.com:9091.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SettingsError(
      `Invalid pushgateway-url: protocol '${url.protocol.slice(0, 20)}'. Expected an http(s) URL such as https://pushgateway.example.com:9091.`,
    );
  if (url.username !== '' || url.password !== '')
    throw new SettingsError(
      `Invalid pushgateway-url: it carries credentials, which would be logged. Expected the URL alone, with PUSHGATEWAY_TOKEN or PUSHGATEWAY_USERNAME and PUSHGATEWAY_PASSWORD in the environment.`,
    );
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(text))
    throw new SettingsError(
      `Invalid pushgateway-url: it has a query string or fragment, which could carry a token and would be logged. Expected the gateway's URL alone, such as https://pushgateway.example.com:9091 (a path prefix is fine), with PUSHGATEWAY_TOKEN or PUSHGATEWAY_USERNAME and PUSHGATEWAY_PASSWORD in the environment.`,
    );
  return url.toString().replace(/\/+$/, '');
}

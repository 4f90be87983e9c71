import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  NAME_PATTERN,
  REGION_PATTERN,
  debug,
  getInput,
  parseRunnerEnv,
  setFailed,
  setOutput,
  setSecret
} from "./chunk-plan-release-info.js";
import {
  messageOf
} from "./chunk-report-message.js";
import {
  parseDuration,
  parseReleaseId,
  reasonProblem
} from "./chunk-plan-duration.js";
import "./chunk-report-untrusted.js";
import "./chunk-runtime.js";

// src/action-io.ts
var MODES = ["run", "reconcile", "validate", "plan"];
var INPUTS = {
  plan: {
    description: "Path of the release plan, relative to the repository root.",
    required: false,
    default: ".github/release-plan.yml"
  },
  version: {
    description: "What is being released (a tag, a SHA, an image version). Passed to the deploy workflow as {{ version }} and part of the release id. Required by mode run unless a command is given.",
    required: false
  },
  token: {
    description: "GitHub token used to dispatch workflows, create deployments, keep the check-run ledger and read the commands given (runs of the release workflow). Team approvers are checked with org-token.",
    required: false,
    default: "${{ github.token }}"
  },
  mode: {
    description: "What to do: 'run' (drive the release in this job until it ends), 'reconcile' (advance what needs no waiting, save state and exit), 'validate' (check the plan and annotate errors), 'plan' (check metric queries against the providers without deploying).",
    required: false,
    default: "run"
  },
  command: {
    description: "Operator command for an existing release (needs 'release'): approve or reject what waits for a person (a stage, or a region held by an inconclusive gate; 'stage'/'region' say which), promote (approve everything that waits), pause, resume, abort (stop and roll back every touched region), retry (run a failed region's step again), rollback (roll back a release that finished promoted), adopt-plan (or adopt-plan:<digest>: take a plan changed since the release started), override-freeze (start a stage the release freeze holds for a spent or unreadable error budget; recorded with who and when). Who may give it: the plan's approvals. The run that gives it drives the release on, or hands it to the run that holds it.",
    required: false
  },
  release: {
    description: "Release id a command applies to (the release-id output of the run that started it).",
    required: false
  },
  stage: {
    description: "Stage a command applies to (approve, reject): refused unless that stage is the one waiting.",
    required: false
  },
  region: {
    description: "Region a command applies to (approve or reject a region held by an inconclusive gate; retry a failed region).",
    required: false
  },
  reason: {
    description: "Why, in a sentence: recorded with the command in the ledger and shown in the summaries.",
    required: false
  },
  "wait-for-people": {
    description: "How long mode run waits in the job when the release needs a person (a duration such as 30m; at most 6h). Default 0: save, exit with decision 'paused', and let the command run carry the release on (no runner minutes spent waiting).",
    required: false,
    default: "0s"
  },
  "org-token": {
    description: "Token that may read the organisation's team membership (a GitHub App or PAT token with members: read), for approvers named by team. Without it a rule that only names teams refuses the person, saying why.",
    required: false
  },
  "log-format": {
    description: "How the release's log lines are written: 'human' (one sentence per event) or 'json' (one JSON object per line: time, release id, stage, region, step, event, reason code, reason and the numbers, for Loki or ELK).",
    required: false,
    default: "human"
  },
  "pushgateway-url": {
    description: "Prometheus Pushgateway the release's own metrics are pushed to when each invocation ends, and every minute while it runs: the release's series in a group per repository and plan (rebuilt from the ledger, so a reconcile's push replaces the one before with a superset), this job's GitHub requests in a group per repository, plan and invocation kind (run, reconcile, command:<name>); no ids in any label. The URL has no credentials, query string or fragment (a token there would be logged): credentials come from the environment, PUSHGATEWAY_TOKEN (bearer) or PUSHGATEWAY_USERNAME and PUSHGATEWAY_PASSWORD (basic). A failed push warns and never fails the release.",
    required: false
  },
  "metrics-file": {
    description: "File the release's own metrics are written to in the Prometheus text format (e.g. to upload as an artifact); written when the invocation ends.",
    required: false
  },
  ref: {
    description: "Git ref the deploy and rollback workflows are dispatched on when the plan does not name one. Default: the ref that triggered this workflow.",
    required: false
  },
  sha: {
    description: "Commit the release is recorded on (its check-run ledger). Default: GITHUB_SHA. A reconcile started by schedule or workflow_run runs on the newest commit, so pass the released commit there.",
    required: false
  },
  "workflows-dir": {
    description: "Folder with the deploy and rollback workflow files, checked against the inputs the plan sends. Default: .github/workflows of the repository, when it exists.",
    required: false
  }
};
var LOG_FORMATS = ["human", "json"];
var ModeNotAvailable = class extends Error {
  constructor(mode, what) {
    super(`${what ?? `mode '${mode}'`} is not available yet`);
    this.name = "ModeNotAvailable";
  }
};
var RESULT_SCHEMA_VERSION = 1;
function outputsOf(mode, outcome) {
  const result = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    mode,
    decision: outcome.decision,
    reasonCode: outcome.reasonCode,
    ...outcome.releaseId !== void 0 ? { releaseId: outcome.releaseId } : {},
    ...outcome.details
  };
  return {
    decision: outcome.decision,
    "reason-code": outcome.reasonCode,
    "release-id": outcome.releaseId ?? "",
    result: JSON.stringify(result)
  };
}

// src/action-settings.ts
var WAIT_FOR_PEOPLE_MAX_MS = 6 * 36e5;
var SettingsError = class extends Error {
  name = "SettingsError";
};
function parseSettings(read) {
  const get = (name) => {
    const value = read(name).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
    return value === "" ? void 0 : value;
  };
  const defaultOf = (name) => "default" in INPUTS[name] ? INPUTS[name].default ?? "" : "";
  const modeText = get("mode") ?? defaultOf("mode");
  if (!MODES.includes(modeText)) {
    throw new SettingsError(`Invalid mode '${modeText}'. Expected one of: ${MODES.join(", ")}.`);
  }
  const mode = modeText;
  const plan = get("plan") ?? defaultOf("plan");
  if (!/\.ya?ml$/i.test(plan)) {
    throw new SettingsError(`Invalid plan '${plan}'. Expected the path of a YAML file, such as .github/release-plan.yml.`);
  }
  const token = get("token") ?? "";
  const waitText = get("wait-for-people") ?? defaultOf("wait-for-people");
  const waitForPeopleMs = waitText === "0" ? 0 : parseDuration(waitText);
  if (waitForPeopleMs === void 0 || waitForPeopleMs > WAIT_FOR_PEOPLE_MAX_MS)
    throw new SettingsError(`Invalid wait-for-people '${waitText.slice(0, 40)}'. Expected a duration of at most 6h such as 30m, 2h or 0s (do not wait).`);
  const logText = get("log-format") ?? defaultOf("log-format");
  if (!LOG_FORMATS.includes(logText))
    throw new SettingsError(`Invalid log-format '${logText.slice(0, 40)}'. Expected one of: ${LOG_FORMATS.join(", ")}.`);
  const settings = {
    plan,
    token,
    mode,
    ...logText === "json" ? { logFormat: "json" } : {},
    ...waitForPeopleMs > 0 ? { waitForPeopleMs } : {}
  };
  const pushgateway = get("pushgateway-url");
  if (pushgateway !== void 0) settings.pushgatewayUrl = pushgatewayUrlOf(pushgateway);
  const metricsFile = get("metrics-file");
  if (metricsFile !== void 0) {
    if (/[\u0000-\u001f]/.test(metricsFile)) throw new SettingsError(`Invalid metrics-file. Expected a file path such as release-metrics.prom.`);
    settings.metricsFile = metricsFile;
  }
  const version = get("version");
  if (version !== void 0) {
    if (version.length > 200 || /[\u0000-\u001f]/.test(version)) {
      throw new SettingsError(`Invalid version '${version.slice(0, 40)}'. Expected a tag, SHA or version of at most 200 printable characters.`);
    }
    settings.version = version;
  }
  const command = get("command");
  if (command !== void 0) {
    if (!/^[a-z][a-z-]*(:[0-9a-f]{6,64})?$/.test(command))
      throw new SettingsError(`Invalid command '${command}'. Expected a command word such as approve, abort or resume.`);
    settings.command = command;
  }
  const release = get("release");
  if (release !== void 0) {
    const read2 = parseReleaseId(release);
    if (!read2.ok) throw new SettingsError(read2.message);
    settings.release = release;
  }
  const ref = get("ref");
  if (ref !== void 0) settings.ref = ref;
  const sha = get("sha");
  if (sha !== void 0) {
    if (!/^[0-9a-f]{40}$/.test(sha))
      throw new SettingsError(`Invalid sha '${sha.slice(0, 60)}'. Expected the full 40-character commit SHA of the release (lower-case hex).`);
    settings.sha = sha;
  }
  const workflowsDir = get("workflows-dir");
  if (workflowsDir !== void 0) settings.workflowsDir = workflowsDir;
  const stage = get("stage");
  if (stage !== void 0) {
    if (!new RegExp(NAME_PATTERN).test(stage))
      throw new SettingsError(`Invalid stage '${stage.slice(0, 70)}'. Expected a stage name of the plan, such as europe.`);
    settings.stage = stage;
  }
  const region = get("region");
  if (region !== void 0) {
    if (!new RegExp(REGION_PATTERN).test(region))
      throw new SettingsError(`Invalid region '${region.slice(0, 70)}'. Expected a region name of the plan, such as eu-west-1.`);
    settings.region = region;
  }
  const reason = get("reason");
  if (reason !== void 0) {
    const problem = reasonProblem(reason);
    if (problem !== void 0) throw new SettingsError(`Invalid reason. Expected ${problem}.`);
    settings.reason = reason;
  }
  const orgToken = get("org-token");
  if (orgToken !== void 0) settings.orgToken = orgToken;
  if (settings.command === void 0) {
    for (const [name, value] of [
      ["stage", stage],
      ["region", region],
      ["reason", reason]
    ])
      if (value !== void 0) throw new SettingsError(`Input '${name}' is given without 'command'. Expected it only with a command such as approve.`);
  }
  if (settings.command !== void 0 && settings.release === void 0) {
    throw new SettingsError(`Input 'release' is required with command '${settings.command}'. Expected the release id the command applies to.`);
  }
  if (mode === "run" && settings.command === void 0 && settings.version === void 0) {
    throw new SettingsError(`Input 'version' is required in mode 'run'. Expected what is being released, such as v1.4.2 or a commit SHA.`);
  }
  if ((mode === "run" || mode === "reconcile") && token === "") {
    throw new SettingsError(`Input 'token' is empty. Expected a GitHub token (the default is \${{ github.token }}).`);
  }
  return settings;
}
function pushgatewayUrlOf(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new SettingsError(`Invalid pushgateway-url. Expected an http(s) URL such as https://pushgateway.example.com:9091.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new SettingsError(
      `Invalid pushgateway-url: protocol '${url.protocol.slice(0, 20)}'. Expected an http(s) URL such as https://pushgateway.example.com:9091.`
    );
  if (url.username !== "" || url.password !== "")
    throw new SettingsError(
      `Invalid pushgateway-url: it carries credentials, which would be logged. Expected the URL alone, with PUSHGATEWAY_TOKEN or PUSHGATEWAY_USERNAME and PUSHGATEWAY_PASSWORD in the environment.`
    );
  if (url.search !== "" || url.hash !== "" || /[?#]/.test(text))
    throw new SettingsError(
      `Invalid pushgateway-url: it has a query string or fragment, which could carry a token and would be logged. Expected the gateway's URL alone, such as https://pushgateway.example.com:9091 (a path prefix is fine), with PUSHGATEWAY_TOKEN or PUSHGATEWAY_USERNAME and PUSHGATEWAY_PASSWORD in the environment.`
    );
  return url.toString().replace(/\/+$/, "");
}

// src/main.ts
var MODE_MODULES = {
  run: () => import("./chunk-modes-run.js"),
  reconcile: () => import("./chunk-modes-reconcile.js"),
  validate: () => import("./chunk-modes-validate.js"),
  plan: () => import("./chunk-modes-plan.js")
};
function publish(mode, outcome) {
  const outputs = outputsOf(mode, outcome);
  for (const name of Object.keys(outputs)) setOutput(name, outputs[name]);
}
async function run() {
  let mode = "unknown";
  try {
    const settings = parseSettings((name) => getInput(name));
    if (settings.token) setSecret(settings.token);
    if (settings.orgToken) setSecret(settings.orgToken);
    mode = settings.mode;
    const { execute } = await MODE_MODULES[settings.mode]();
    const outcome = await execute(settings, parseRunnerEnv());
    publish(mode, outcome);
    if (outcome.failed !== void 0) setFailed(outcome.failed);
  } catch (err) {
    const reasonCode = err instanceof SettingsError ? "bad-input" : err instanceof ModeNotAvailable ? "mode-not-available" : "internal-error";
    const message = messageOf(err);
    setFailed(message);
    try {
      publish(mode, { decision: "error", reasonCode, details: { error: message } });
    } catch (publishErr) {
      debug(`could not write outputs: ${String(publishErr)}`);
    }
    if (reasonCode === "internal-error" && err instanceof Error && err.stack) debug(err.stack);
  }
}

// src/index.ts
await run();

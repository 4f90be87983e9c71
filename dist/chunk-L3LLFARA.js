import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  parseReleaseId
} from "./chunk-H3ZSEARF.js";

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
    description: "GitHub token used to dispatch workflows, create deployments and keep the check-run ledger. Team approvers need a GitHub App or PAT token that can read team membership.",
    required: false,
    default: "${{ github.token }}"
  },
  mode: {
    description: "What to do: 'run' (drive the release in this job until it ends), 'reconcile' (advance what needs no waiting, save state and exit), 'validate' (check the plan and annotate errors), 'plan' (check metric queries against the providers without deploying).",
    required: false,
    default: "run"
  },
  command: {
    description: "Operator command for an existing release. Needs 'release'. Available: adopt-plan (or adopt-plan:<digest>, the digest the plan-changed reason names): take a plan changed since the release started, if it keeps what already happened. Not available yet (refused): approve, reject, abort, pause, resume and promote.",
    required: false
  },
  release: {
    description: "Release id a command applies to (the release-id output of the run that started it).",
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
  const settings = { plan, token, mode };
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

export {
  SettingsError,
  parseSettings,
  ModeNotAvailable,
  outputsOf
};

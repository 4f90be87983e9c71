import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 3078:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   GN: () => (/* binding */ SettingsError),
/* harmony export */   M2: () => (/* binding */ ModeNotAvailable),
/* harmony export */   P$: () => (/* binding */ parseSettings),
/* harmony export */   Yz: () => (/* binding */ outputsOf)
/* harmony export */ });
/* unused harmony exports MODES, INPUTS, OUTPUTS, RESULT_SCHEMA_VERSION */
/**
 * Every input and output of the action, in one typed registry. `action.yml`, the README tables
 * and the settings parser all follow it, and test/action-contract.test.ts holds action.yml to it
 * in both directions, so a key cannot be added, renamed or documented in one place only.
 */
const MODES = ['run', 'reconcile', 'validate', 'plan'];
const INPUTS = {
    plan: {
        description: 'Path of the release plan, relative to the repository root.',
        required: false,
        default: '.github/release-plan.yml',
    },
    version: {
        description: 'What is being released (a tag, a SHA, an image version). Passed to the deploy workflow as {{ version }} and part of the release id. Required by mode run unless a command is given.',
        required: false,
    },
    token: {
        description: 'GitHub token used to dispatch workflows, create deployments and keep the check-run ledger. Team approvers need a GitHub App or PAT token that can read team membership.',
        required: false,
        default: '${{ github.token }}',
    },
    mode: {
        description: "What to do: 'run' (drive the release in this job until it ends), 'reconcile' (advance what needs no waiting, save state and exit), 'validate' (check the plan and annotate errors), 'plan' (check metric queries against the providers without deploying).",
        required: false,
        default: 'run',
    },
    command: {
        description: "Operator command for an existing release: approve, reject, abort, pause, resume or promote. Needs 'release'. Not available yet: the action refuses commands until they are built.",
        required: false,
    },
    release: {
        description: 'Release id a command applies to (the release-id output of the run that started it).',
        required: false,
    },
    ref: {
        description: 'Git ref the deploy and rollback workflows are dispatched on when the plan does not name one. Default: the ref that triggered this workflow.',
        required: false,
    },
    sha: {
        description: "Commit the release is recorded on (its check-run ledger). Default: GITHUB_SHA. A reconcile started by schedule or workflow_run runs on the newest commit, so pass the released commit there.",
        required: false,
    },
    'workflows-dir': {
        description: 'Folder with the deploy and rollback workflow files, checked against the inputs the plan sends. Default: .github/workflows of the repository, when it exists.',
        required: false,
    },
};
const OUTPUTS = {
    decision: {
        description: "The outcome in one word: for validate 'valid' or 'invalid'; for run and reconcile e.g. 'promoted', 'rolled-back', 'continue', 'paused'; 'error' when the action could not do its job.",
    },
    'reason-code': {
        description: "Why, as a stable machine-readable code (e.g. 'plan-invalid', 'gate-failed', 'bad-input').",
    },
    'release-id': {
        description: 'The release id (plan name and sanitized version), present in every record the release leaves.',
    },
    result: {
        description: 'The full verdict as versioned JSON ({"schemaVersion": 1, "mode": ..., "decision": ..., "reasonCode": ..., ...}).',
    },
};
/** Bad input: the message names the input and the expected form. */
class SettingsError extends Error {
    name = 'SettingsError';
}
/**
 * Parses the raw inputs into Settings. Values are trimmed of ASCII whitespace only (a YAML
 * block scalar leaves a trailing newline; other whitespace may be meaningful in a ref).
 */
function parseSettings(read) {
    const get = (name) => {
        const value = read(name).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
        return value === '' ? undefined : value;
    };
    const defaultOf = (name) => ('default' in INPUTS[name] ? INPUTS[name].default ?? '' : '');
    const modeText = get('mode') ?? defaultOf('mode');
    if (!MODES.includes(modeText)) {
        throw new SettingsError(`Invalid mode '${modeText}'. Expected one of: ${MODES.join(', ')}.`);
    }
    const mode = modeText;
    const plan = get('plan') ?? defaultOf('plan');
    if (!/\.ya?ml$/i.test(plan)) {
        throw new SettingsError(`Invalid plan '${plan}'. Expected the path of a YAML file, such as .github/release-plan.yml.`);
    }
    const token = get('token') ?? '';
    const settings = { plan, token, mode };
    const version = get('version');
    if (version !== undefined) {
        if (version.length > 200 || /[\u0000-\u001f]/.test(version)) {
            throw new SettingsError(`Invalid version '${version.slice(0, 40)}'. Expected a tag, SHA or version of at most 200 printable characters.`);
        }
        settings.version = version;
    }
    const command = get('command');
    if (command !== undefined) {
        if (!/^[a-z][a-z-]*$/.test(command))
            throw new SettingsError(`Invalid command '${command}'. Expected a command word such as approve, abort or resume.`);
        settings.command = command;
    }
    const release = get('release');
    if (release !== undefined) {
        if (!/^[A-Za-z0-9._-]{1,200}$/.test(release))
            throw new SettingsError(`Invalid release '${release}'. Expected a release id such as shop-1.4.2 (letters, digits, '.', '_' and '-').`);
        settings.release = release;
    }
    const ref = get('ref');
    if (ref !== undefined)
        settings.ref = ref;
    const sha = get('sha');
    if (sha !== undefined) {
        if (!/^[0-9a-f]{40}$/.test(sha))
            throw new SettingsError(`Invalid sha '${sha.slice(0, 60)}'. Expected the full 40-character commit SHA of the release (lower-case hex).`);
        settings.sha = sha;
    }
    const workflowsDir = get('workflows-dir');
    if (workflowsDir !== undefined)
        settings.workflowsDir = workflowsDir;
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
/** Thrown by modes that are not built yet; main.ts reports it as a failure, never silently. */
class ModeNotAvailable extends Error {
    constructor(mode, what) {
        super(`${what ?? `mode '${mode}'`} is not available yet`);
        this.name = 'ModeNotAvailable';
    }
}
const RESULT_SCHEMA_VERSION = 1;
/** The outputs for an outcome, keyed by the registry's names. */
function outputsOf(mode, outcome) {
    const result = {
        schemaVersion: RESULT_SCHEMA_VERSION,
        mode,
        decision: outcome.decision,
        reasonCode: outcome.reasonCode,
        ...(outcome.releaseId !== undefined ? { releaseId: outcome.releaseId } : {}),
        ...outcome.details,
    };
    return {
        decision: outcome.decision,
        'reason-code': outcome.reasonCode,
        'release-id': outcome.releaseId ?? '',
        result: JSON.stringify(result),
    };
}


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1730);
/** Entry point of dist/index.js: the runner executes this file. */

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 1730:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _runner_io_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5416);
/* harmony import */ var _action_io_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3078);
/**
 * The action: read the inputs once, pick the mode, run it, publish the verdict as outputs.
 * Modes are loaded lazily so a validate run never loads Octokit or the metrics clients
 * (cold start is part of every job), and runner I/O goes through src/runner/io.ts rather than
 * `@actions/core` (which loads undici at import; see that file and docs/benchmarks.md).
 */


const MODE_MODULES = {
    run: () => Promise.all(/* import() */[__nccwpck_require__.e(366), __nccwpck_require__.e(229), __nccwpck_require__.e(339), __nccwpck_require__.e(404), __nccwpck_require__.e(934), __nccwpck_require__.e(356), __nccwpck_require__.e(21)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4021)),
    reconcile: () => Promise.all(/* import() */[__nccwpck_require__.e(366), __nccwpck_require__.e(229), __nccwpck_require__.e(339), __nccwpck_require__.e(404), __nccwpck_require__.e(934), __nccwpck_require__.e(356), __nccwpck_require__.e(452)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7452)),
    validate: () => Promise.all(/* import() */[__nccwpck_require__.e(366), __nccwpck_require__.e(404), __nccwpck_require__.e(444)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1444)),
    plan: () => Promise.all(/* import() */[__nccwpck_require__.e(366), __nccwpck_require__.e(229), __nccwpck_require__.e(421), __nccwpck_require__.e(404), __nccwpck_require__.e(934), __nccwpck_require__.e(797)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3797)),
};
function publish(mode, outcome) {
    const outputs = (0,_action_io_js__WEBPACK_IMPORTED_MODULE_1__/* .outputsOf */ .Yz)(mode, outcome);
    for (const name of Object.keys(outputs))
        _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, outputs[name]);
}
/** Runs the action; never throws (every failure ends in core.setFailed with a reason). */
async function run() {
    let mode = 'unknown';
    try {
        const settings = (0,_action_io_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSettings */ .P$)((name) => _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name));
        if (settings.token)
            _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(settings.token);
        mode = settings.mode;
        const { execute } = await MODE_MODULES[settings.mode]();
        const outcome = await execute(settings);
        publish(mode, outcome);
        if (outcome.failed !== undefined)
            _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(outcome.failed);
    }
    catch (err) {
        const reasonCode = err instanceof _action_io_js__WEBPACK_IMPORTED_MODULE_1__/* .SettingsError */ .GN ? 'bad-input' : err instanceof _action_io_js__WEBPACK_IMPORTED_MODULE_1__/* .ModeNotAvailable */ .M2 ? 'mode-not-available' : 'internal-error';
        const message = err instanceof Error ? err.message : String(err);
        _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(message);
        try {
            publish(mode, { decision: 'error', reasonCode, details: { error: message } });
        }
        catch (publishErr) {
            // The outputs file may be what failed; the step has already failed with the first reason.
            _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`could not write outputs: ${String(publishErr)}`);
        }
        if (reasonCode === 'internal-error' && err instanceof Error && err.stack)
            _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(err.stack);
    }
}


/***/ }),

/***/ 5416:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  fe: () => (/* binding */ appendSummary),
  Yz: () => (/* binding */ debug),
  z3: () => (/* binding */ error),
  V4: () => (/* binding */ getInput),
  pq: () => (/* binding */ info),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ setSecret),
  z: () => (/* binding */ summary),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: commandLine, keyValueMessage

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/runner/io.ts
/**
 * The runner's side of the action: inputs, outputs, log lines, annotations, masks, the job
 * summary and the step's failure — the part of `@actions/core` the action uses, with the same
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
 */




/** `@actions/core` toCommandValue: strings as they are, nothing as '', the rest as JSON. */
function toCommandValue(input) {
    if (input === null || input === undefined)
        return '';
    if (typeof input === 'string' || input instanceof String)
        return String(input);
    return JSON.stringify(input);
}
function escapeData(s) {
    return toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/** `::name key=value,key=value::message`; properties that are empty, 0 or undefined are left out (as core does). */
function commandLine(command, properties, message) {
    let line = `::${command}`;
    const entries = Object.entries(properties);
    if (entries.length > 0) {
        line += ' ';
        let first = true;
        for (const [key, val] of entries) {
            if (!val)
                continue;
            if (!first)
                line += ',';
            first = false;
            line += `${key}=${escapeProperty(val)}`;
        }
    }
    return `${line}::${escapeData(message)}`;
}
function issueCommand(command, properties, message) {
    process.stdout.write(commandLine(command, properties, message) + external_node_os_namespaceObject.EOL);
}
function toCommandProperties(p) {
    if (!Object.keys(p).length)
        return {};
    return { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn };
}
/**
 * The raw value of an input (`INPUT_<NAME>`, spaces as `_`, upper case), '' when unset.
 * Unlike core.getInput it does not trim: action-io's parseSettings trims ASCII whitespace, the
 * documented rule for every input.
 */
function getInput(name) {
    return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
}
/** A line in the log. */
function info(message) {
    process.stdout.write(message + external_node_os_namespaceObject.EOL);
}
/** A line in the log shown only with step debug logging on. */
function debug(message) {
    issueCommand('debug', {}, message);
}
/** An error annotation (on a file line when `properties` say where). */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/** A warning annotation. */
function warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/** Masks `secret` in the rest of the job's log. */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
/** The `name<<delimiter` block of the GITHUB_OUTPUT file format, with a fresh random delimiter. */
function keyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    const converted = toCommandValue(value);
    if (key.includes(delimiter))
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    if (converted.includes(delimiter))
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    return `${key}<<${delimiter}${external_node_os_namespaceObject.EOL}${converted}${external_node_os_namespaceObject.EOL}${delimiter}`;
}
/** Sets a step output: appended to $GITHUB_OUTPUT, or the old `::set-output` command without it. */
function setOutput(name, value) {
    const file = process.env.GITHUB_OUTPUT || '';
    if (file) {
        if (!(0,external_node_fs_.existsSync)(file))
            throw new Error(`Missing file at path: ${file}`);
        (0,external_node_fs_.appendFileSync)(file, `${keyValueMessage(name, value)}${external_node_os_namespaceObject.EOL}`, { encoding: 'utf8' });
        return;
    }
    process.stdout.write(external_node_os_namespaceObject.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
/** Fails the step (exit code 1 when the process ends) with an error annotation saying why. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/**
 * Appends markdown to the job summary ($GITHUB_STEP_SUMMARY), with core.summary's checks and
 * messages: the variable must be set and the file readable and writable.
 */
async function appendSummary(markdown, options = {}) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    try {
        await (0,promises_namespaceObject.access)(file, promises_namespaceObject.constants.R_OK | promises_namespaceObject.constants.W_OK);
    }
    catch {
        throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
    }
    await (options.overwrite ? promises_namespaceObject.writeFile : promises_namespaceObject.appendFile)(file, markdown, { encoding: 'utf8' });
}
/**
 * The builder subset of core.summary the action uses (`summary.addRaw(text, true).write()`),
 * so callers written against `@actions/core` keep their shape.
 */
class Summary {
    buffer = '';
    /** Adds text, and a line end when `addEOL`. */
    addRaw(text, addEOL = false) {
        this.buffer += text;
        if (addEOL)
            this.buffer += external_node_os_namespaceObject.EOL;
        return this;
    }
    /** Appends the buffer to the summary file and empties it. */
    async write(options = {}) {
        await appendSummary(this.buffer, options);
        this.buffer = '';
        return this;
    }
}
const summary = new Summary();


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 9154:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("vm");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

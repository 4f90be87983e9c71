import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  ModeNotAvailable,
  SettingsError,
  outputsOf,
  parseSettings
} from "./chunk-L3LLFARA.js";
import {
  messageOf
} from "./chunk-ST2M5XAG.js";
import {
  debug,
  getInput,
  parseRunnerEnv,
  setFailed,
  setOutput,
  setSecret
} from "./chunk-K5GMJYRL.js";
import "./chunk-H3ZSEARF.js";

// src/main.ts
var MODE_MODULES = {
  run: () => import("./chunk-GUYJX74E.js"),
  reconcile: () => import("./chunk-QAHWED5R.js"),
  validate: () => import("./chunk-GK5O4KZ3.js"),
  plan: () => import("./chunk-4AP7K2AJ.js")
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

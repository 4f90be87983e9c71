import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  ModeNotAvailable,
  SettingsError,
  outputsOf,
  parseSettings
} from "./chunk-O76JCA6C.js";
import {
  debug,
  getInput,
  setFailed,
  setOutput,
  setSecret
} from "./chunk-UBLJND4N.js";
import "./chunk-EE4O4GVB.js";

// src/main.ts
var MODE_MODULES = {
  run: () => import("./chunk-W4G7MN3A.js"),
  reconcile: () => import("./chunk-IFXKYCOL.js"),
  validate: () => import("./chunk-GHYS3UFC.js"),
  plan: () => import("./chunk-XAIIPTPU.js")
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
    const outcome = await execute(settings);
    publish(mode, outcome);
    if (outcome.failed !== void 0) setFailed(outcome.failed);
  } catch (err) {
    const reasonCode = err instanceof SettingsError ? "bad-input" : err instanceof ModeNotAvailable ? "mode-not-available" : "internal-error";
    const message = err instanceof Error ? err.message : String(err);
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

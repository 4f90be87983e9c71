import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execAsync
} from "./chunk-opentelemetry-resources-execasync.js";
import {
  diag
} from "./chunk-opentelemetry-api-context.js";
import "./chunk-runtime.js";

// node_modules/@opentelemetry/resources/dist/detectors/platform/node/machine-id/getMachineId-darwin.mjs
async function getMachineId() {
  try {
    const idLine = (await execAsync('ioreg -rd1 -c "IOPlatformExpertDevice"')).stdout.split("\n").find((line) => line.includes("IOPlatformUUID"));
    if (!idLine) return;
    const parts = idLine.split('" = "');
    if (parts.length === 2) return parts[1].slice(0, -1);
  } catch (e) {
    diag.debug(`error reading machine id: ${e}`);
  }
}
export {
  getMachineId
};

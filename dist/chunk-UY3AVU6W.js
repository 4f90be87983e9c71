import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  diag
} from "./chunk-MF7KQGBL.js";
import "./chunk-EE4O4GVB.js";

// node_modules/@opentelemetry/resources/dist/detectors/platform/node/machine-id/getMachineId-unsupported.mjs
async function getMachineId() {
  diag.debug("could not read machine-id: unsupported platform");
}
export {
  getMachineId
};

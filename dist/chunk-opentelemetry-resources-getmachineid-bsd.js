import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execAsync
} from "./chunk-opentelemetry-resources-execasync.js";
import {
  diag
} from "./chunk-opentelemetry-api-context.js";
import "./chunk-runtime.js";

// node_modules/@opentelemetry/resources/dist/detectors/platform/node/machine-id/getMachineId-bsd.mjs
import { promises } from "fs";
async function getMachineId() {
  try {
    return (await promises.readFile("/etc/hostid", { encoding: "utf8" })).trim();
  } catch (e) {
    diag.debug(`error reading machine id: ${e}`);
  }
  try {
    return (await execAsync("kenv -q smbios.system.uuid")).stdout.trim();
  } catch (e) {
    diag.debug(`error reading machine id: ${e}`);
  }
}
export {
  getMachineId
};

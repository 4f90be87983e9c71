import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execAsync
} from "./chunk-opentelemetry-resources-execasync.js";
import {
  diag
} from "./chunk-opentelemetry-api-context.js";
import "./chunk-runtime.js";

// node_modules/@opentelemetry/resources/dist/detectors/platform/node/machine-id/getMachineId-win.mjs
import * as process from "process";
async function getMachineId() {
  const args = "QUERY HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography /v MachineGuid";
  let command = "%windir%\\System32\\REG.exe";
  if (process.arch === "ia32" && "PROCESSOR_ARCHITEW6432" in process.env) command = "%windir%\\sysnative\\cmd.exe /c " + command;
  try {
    const parts = (await execAsync(`${command} ${args}`)).stdout.split("REG_SZ");
    if (parts.length === 2) return parts[1].trim();
  } catch (e) {
    diag.debug(`error reading machine id: ${e}`);
  }
}
export {
  getMachineId
};

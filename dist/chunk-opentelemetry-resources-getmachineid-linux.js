import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  diag
} from "./chunk-opentelemetry-api-context.js";
import "./chunk-runtime.js";

// node_modules/@opentelemetry/resources/dist/detectors/platform/node/machine-id/getMachineId-linux.mjs
import { promises } from "fs";
async function getMachineId() {
  for (const path of ["/etc/machine-id", "/var/lib/dbus/machine-id"]) try {
    return (await promises.readFile(path, { encoding: "utf8" })).trim();
  } catch (e) {
    diag.debug(`error reading machine id: ${e}`);
  }
}
export {
  getMachineId
};

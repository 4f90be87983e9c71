import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-cli-args.js";

// src/cli/workflows-option.ts
var WORKFLOWS_OPTIONS = {
  workflows: { type: "string", expects: "a folder, e.g. --workflows .github/workflows" },
  "no-workflows": { type: "boolean" }
};
function workflowsLoadOptions(values) {
  if (values.workflows !== void 0 && values["no-workflows"]) throw new UsageError("--workflows and --no-workflows exclude each other; give one");
  if (values["no-workflows"]) return { workflowsDir: false };
  return values.workflows !== void 0 ? { workflowsDir: values.workflows } : {};
}

export {
  WORKFLOWS_OPTIONS,
  workflowsLoadOptions
};

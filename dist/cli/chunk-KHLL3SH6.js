import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);

// src/report/text.ts
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function planSize(plan) {
  const regions = plan.stages.reduce((n, s) => n + s.regions.length, 0);
  return `${plural(plan.stages.length, "stage")}, ${plural(regions, "region")}, ${plural(Object.keys(plan.gates).length, "gate")}`;
}

export {
  plural,
  planSize
};

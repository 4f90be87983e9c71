import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);

// src/plan/repo-path.ts
import { isAbsolute, relative, resolve, sep } from "node:path";
function annotationPath(file, workspace) {
  if (workspace) {
    const rel = relative(resolve(workspace), resolve(file));
    if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
  }
  return file.replace(/^\.\//, "");
}

export {
  annotationPath
};

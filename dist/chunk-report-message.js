import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);

// src/report/message.ts
function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}

export {
  messageOf
};

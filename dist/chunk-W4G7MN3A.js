import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-DUD4BAJ4.js";
import "./chunk-O76JCA6C.js";
import "./chunk-I3ALBG3Z.js";
import "./chunk-GFAH4WAE.js";
import "./chunk-ZUDVBQ6V.js";
import "./chunk-JB732FG7.js";
import "./chunk-UBLJND4N.js";
import "./chunk-CWSFPMD7.js";
import "./chunk-EE4O4GVB.js";
export {
  execute
};

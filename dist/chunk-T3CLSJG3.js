import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-RRTLWDDL.js";
import "./chunk-O76JCA6C.js";
import "./chunk-I3ALBG3Z.js";
import "./chunk-AWA4G3NM.js";
import "./chunk-ZUDVBQ6V.js";
import "./chunk-KI6C5EP6.js";
import "./chunk-UBLJND4N.js";
import "./chunk-WE6J2DTS.js";
import "./chunk-EE4O4GVB.js";
export {
  execute
};

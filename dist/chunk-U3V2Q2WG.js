import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-V6WL4JUC.js";
import "./chunk-O76JCA6C.js";
import "./chunk-I3ALBG3Z.js";
import "./chunk-P7RKBDZ5.js";
import "./chunk-ZUDVBQ6V.js";
import "./chunk-4XGFWZ4H.js";
import "./chunk-KIKDKXHY.js";
import "./chunk-WE6J2DTS.js";
import "./chunk-EE4O4GVB.js";
export {
  execute
};

import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-6U7UQZYA.js";
import "./chunk-O76JCA6C.js";
import "./chunk-I3ALBG3Z.js";
import "./chunk-MSLCXWPF.js";
import "./chunk-ZUDVBQ6V.js";
import "./chunk-MVZXOU6O.js";
import "./chunk-KIKDKXHY.js";
import "./chunk-WE6J2DTS.js";
import "./chunk-EE4O4GVB.js";
export {
  execute
};

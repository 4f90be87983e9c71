import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  assessGate,
  assessObservation,
  countVerdict,
  createMetricsPort,
  gateTarget,
  measureSlo,
  newCounters,
  readEvents
} from "./chunk-core-verdict.js";
import {
  annotationPath
} from "./chunk-plan-repo-path.js";
import {
  approvalInputs,
  loadPlanFile
} from "./chunk-plan-approval-workflow.js";
import {
  NAME_PATTERN,
  REGION_PATTERN,
  RunnerEnvError,
  _enum,
  _gte,
  _lte,
  array,
  boolean,
  endGroup,
  literal,
  logLine,
  looseObject,
  nullable,
  number,
  optional,
  parseRunnerEnv,
  record,
  requireRunnerValue,
  runUrl,
  runnerValueProblem,
  setSecret,
  startGroup,
  string,
  summary,
  tuple,
  warning
} from "./chunk-plan-release-info.js";
import {
  contextValues,
  formatPercent,
  renderTemplate,
  templateContext
} from "./chunk-plan-compare.js";
import {
  messageOf
} from "./chunk-report-message.js";
import {
  RELEASE_ID_SHOWN_MAX,
  approvalCorrelationId,
  checkRunName,
  commandRunKey,
  correlationId,
  deploymentKey,
  formatDuration,
  isReleaseId,
  parseCheckRunName,
  parseCommandTitle,
  parseCorrelationId,
  releaseIdOf,
  titleCarries
} from "./chunk-plan-duration.js";
import {
  NOT_DISPATCHED,
  SCHEMA_VERSION,
  STATUS_DESCRIPTION_MAX,
  TABLE_HEAD,
  describeOutlineChanges,
  durationText,
  initialState,
  isActivePhase,
  isInStep,
  judgedBurn,
  num,
  numsAgainst,
  planDigest,
  planOutline,
  planPin,
  regionRows,
  shortDigest,
  sinceText,
  widen
} from "./chunk-core-state.js";
import {
  fanOut
} from "./chunk-driver-telemetry.js";
import {
  CHECK_RUN_TEXT_BYTES,
  JOB_SUMMARY_BYTES,
  fitSummary,
  noun,
  plural,
  truncate
} from "./chunk-plan-words.js";
import {
  markdownCode,
  markdownText,
  mermaidText,
  oneLine,
  safeLinkTarget
} from "./chunk-report-untrusted.js";
import {
  __commonJS,
  __toESM
} from "./chunk-runtime.js";

// node_modules/bottleneck/light.js
var require_light = __commonJS({
  "node_modules/bottleneck/light.js"(exports, module) {
    (function(global2, factory) {
      typeof exports === "object" && typeof module !== "undefined" ? module.exports = factory() : typeof define === "function" && define.amd ? define(factory) : global2.Bottleneck = factory();
    })(exports, (function() {
      "use strict";
      var commonjsGlobal = typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : typeof global !== "undefined" ? global : typeof self !== "undefined" ? self : {};
      function getCjsExportFromNamespace(n) {
        return n && n["default"] || n;
      }
      var load = function(received, defaults, onto = {}) {
        var k, ref, v;
        for (k in defaults) {
          v = defaults[k];
          onto[k] = (ref = received[k]) != null ? ref : v;
        }
        return onto;
      };
      var overwrite = function(received, defaults, onto = {}) {
        var k, v;
        for (k in received) {
          v = received[k];
          if (defaults[k] !== void 0) {
            onto[k] = v;
          }
        }
        return onto;
      };
      var parser = {
        load,
        overwrite
      };
      var DLList;
      DLList = class DLList {
        constructor(incr, decr) {
          this.incr = incr;
          this.decr = decr;
          this._first = null;
          this._last = null;
          this.length = 0;
        }
        push(value) {
          var node;
          this.length++;
          if (typeof this.incr === "function") {
            this.incr();
          }
          node = {
            value,
            prev: this._last,
            next: null
          };
          if (this._last != null) {
            this._last.next = node;
            this._last = node;
          } else {
            this._first = this._last = node;
          }
          return void 0;
        }
        shift() {
          var value;
          if (this._first == null) {
            return;
          } else {
            this.length--;
            if (typeof this.decr === "function") {
              this.decr();
            }
          }
          value = this._first.value;
          if ((this._first = this._first.next) != null) {
            this._first.prev = null;
          } else {
            this._last = null;
          }
          return value;
        }
        first() {
          if (this._first != null) {
            return this._first.value;
          }
        }
        getArray() {
          var node, ref, results;
          node = this._first;
          results = [];
          while (node != null) {
            results.push((ref = node, node = node.next, ref.value));
          }
          return results;
        }
        forEachShift(cb) {
          var node;
          node = this.shift();
          while (node != null) {
            cb(node), node = this.shift();
          }
          return void 0;
        }
        debug() {
          var node, ref, ref1, ref2, results;
          node = this._first;
          results = [];
          while (node != null) {
            results.push((ref = node, node = node.next, {
              value: ref.value,
              prev: (ref1 = ref.prev) != null ? ref1.value : void 0,
              next: (ref2 = ref.next) != null ? ref2.value : void 0
            }));
          }
          return results;
        }
      };
      var DLList_1 = DLList;
      var Events;
      Events = class Events {
        constructor(instance) {
          this.instance = instance;
          this._events = {};
          if (this.instance.on != null || this.instance.once != null || this.instance.removeAllListeners != null) {
            throw new Error("An Emitter already exists for this object");
          }
          this.instance.on = (name, cb) => {
            return this._addListener(name, "many", cb);
          };
          this.instance.once = (name, cb) => {
            return this._addListener(name, "once", cb);
          };
          this.instance.removeAllListeners = (name = null) => {
            if (name != null) {
              return delete this._events[name];
            } else {
              return this._events = {};
            }
          };
        }
        _addListener(name, status, cb) {
          var base;
          if ((base = this._events)[name] == null) {
            base[name] = [];
          }
          this._events[name].push({ cb, status });
          return this.instance;
        }
        listenerCount(name) {
          if (this._events[name] != null) {
            return this._events[name].length;
          } else {
            return 0;
          }
        }
        async trigger(name, ...args) {
          var e, promises;
          try {
            if (name !== "debug") {
              this.trigger("debug", `Event triggered: ${name}`, args);
            }
            if (this._events[name] == null) {
              return;
            }
            this._events[name] = this._events[name].filter(function(listener) {
              return listener.status !== "none";
            });
            promises = this._events[name].map(async (listener) => {
              var e2, returned;
              if (listener.status === "none") {
                return;
              }
              if (listener.status === "once") {
                listener.status = "none";
              }
              try {
                returned = typeof listener.cb === "function" ? listener.cb(...args) : void 0;
                if (typeof (returned != null ? returned.then : void 0) === "function") {
                  return await returned;
                } else {
                  return returned;
                }
              } catch (error) {
                e2 = error;
                {
                  this.trigger("error", e2);
                }
                return null;
              }
            });
            return (await Promise.all(promises)).find(function(x) {
              return x != null;
            });
          } catch (error) {
            e = error;
            {
              this.trigger("error", e);
            }
            return null;
          }
        }
      };
      var Events_1 = Events;
      var DLList$1, Events$1, Queues;
      DLList$1 = DLList_1;
      Events$1 = Events_1;
      Queues = class Queues {
        constructor(num_priorities) {
          var i;
          this.Events = new Events$1(this);
          this._length = 0;
          this._lists = (function() {
            var j, ref, results;
            results = [];
            for (i = j = 1, ref = num_priorities; 1 <= ref ? j <= ref : j >= ref; i = 1 <= ref ? ++j : --j) {
              results.push(new DLList$1((() => {
                return this.incr();
              }), (() => {
                return this.decr();
              })));
            }
            return results;
          }).call(this);
        }
        incr() {
          if (this._length++ === 0) {
            return this.Events.trigger("leftzero");
          }
        }
        decr() {
          if (--this._length === 0) {
            return this.Events.trigger("zero");
          }
        }
        push(job) {
          return this._lists[job.options.priority].push(job);
        }
        queued(priority) {
          if (priority != null) {
            return this._lists[priority].length;
          } else {
            return this._length;
          }
        }
        shiftAll(fn) {
          return this._lists.forEach(function(list) {
            return list.forEachShift(fn);
          });
        }
        getFirst(arr = this._lists) {
          var j, len, list;
          for (j = 0, len = arr.length; j < len; j++) {
            list = arr[j];
            if (list.length > 0) {
              return list;
            }
          }
          return [];
        }
        shiftLastFrom(priority) {
          return this.getFirst(this._lists.slice(priority).reverse()).shift();
        }
      };
      var Queues_1 = Queues;
      var BottleneckError;
      BottleneckError = class BottleneckError extends Error {
      };
      var BottleneckError_1 = BottleneckError;
      var BottleneckError$1, DEFAULT_PRIORITY, Job, NUM_PRIORITIES, parser$1;
      NUM_PRIORITIES = 10;
      DEFAULT_PRIORITY = 5;
      parser$1 = parser;
      BottleneckError$1 = BottleneckError_1;
      Job = class Job {
        constructor(task, args, options, jobDefaults, rejectOnDrop, Events2, _states, Promise2) {
          this.task = task;
          this.args = args;
          this.rejectOnDrop = rejectOnDrop;
          this.Events = Events2;
          this._states = _states;
          this.Promise = Promise2;
          this.options = parser$1.load(options, jobDefaults);
          this.options.priority = this._sanitizePriority(this.options.priority);
          if (this.options.id === jobDefaults.id) {
            this.options.id = `${this.options.id}-${this._randomIndex()}`;
          }
          this.promise = new this.Promise((_resolve, _reject) => {
            this._resolve = _resolve;
            this._reject = _reject;
          });
          this.retryCount = 0;
        }
        _sanitizePriority(priority) {
          var sProperty;
          sProperty = ~~priority !== priority ? DEFAULT_PRIORITY : priority;
          if (sProperty < 0) {
            return 0;
          } else if (sProperty > NUM_PRIORITIES - 1) {
            return NUM_PRIORITIES - 1;
          } else {
            return sProperty;
          }
        }
        _randomIndex() {
          return Math.random().toString(36).slice(2);
        }
        doDrop({ error, message = "This job has been dropped by Bottleneck" } = {}) {
          if (this._states.remove(this.options.id)) {
            if (this.rejectOnDrop) {
              this._reject(error != null ? error : new BottleneckError$1(message));
            }
            this.Events.trigger("dropped", { args: this.args, options: this.options, task: this.task, promise: this.promise });
            return true;
          } else {
            return false;
          }
        }
        _assertStatus(expected) {
          var status;
          status = this._states.jobStatus(this.options.id);
          if (!(status === expected || expected === "DONE" && status === null)) {
            throw new BottleneckError$1(`Invalid job status ${status}, expected ${expected}. Please open an issue at https://github.com/SGrondin/bottleneck/issues`);
          }
        }
        doReceive() {
          this._states.start(this.options.id);
          return this.Events.trigger("received", { args: this.args, options: this.options });
        }
        doQueue(reachedHWM, blocked) {
          this._assertStatus("RECEIVED");
          this._states.next(this.options.id);
          return this.Events.trigger("queued", { args: this.args, options: this.options, reachedHWM, blocked });
        }
        doRun() {
          if (this.retryCount === 0) {
            this._assertStatus("QUEUED");
            this._states.next(this.options.id);
          } else {
            this._assertStatus("EXECUTING");
          }
          return this.Events.trigger("scheduled", { args: this.args, options: this.options });
        }
        async doExecute(chained, clearGlobalState, run, free) {
          var error, eventInfo, passed;
          if (this.retryCount === 0) {
            this._assertStatus("RUNNING");
            this._states.next(this.options.id);
          } else {
            this._assertStatus("EXECUTING");
          }
          eventInfo = { args: this.args, options: this.options, retryCount: this.retryCount };
          this.Events.trigger("executing", eventInfo);
          try {
            passed = await (chained != null ? chained.schedule(this.options, this.task, ...this.args) : this.task(...this.args));
            if (clearGlobalState()) {
              this.doDone(eventInfo);
              await free(this.options, eventInfo);
              this._assertStatus("DONE");
              return this._resolve(passed);
            }
          } catch (error1) {
            error = error1;
            return this._onFailure(error, eventInfo, clearGlobalState, run, free);
          }
        }
        doExpire(clearGlobalState, run, free) {
          var error, eventInfo;
          if (this._states.jobStatus(this.options.id === "RUNNING")) {
            this._states.next(this.options.id);
          }
          this._assertStatus("EXECUTING");
          eventInfo = { args: this.args, options: this.options, retryCount: this.retryCount };
          error = new BottleneckError$1(`This job timed out after ${this.options.expiration} ms.`);
          return this._onFailure(error, eventInfo, clearGlobalState, run, free);
        }
        async _onFailure(error, eventInfo, clearGlobalState, run, free) {
          var retry2, retryAfter;
          if (clearGlobalState()) {
            retry2 = await this.Events.trigger("failed", error, eventInfo);
            if (retry2 != null) {
              retryAfter = ~~retry2;
              this.Events.trigger("retry", `Retrying ${this.options.id} after ${retryAfter} ms`, eventInfo);
              this.retryCount++;
              return run(retryAfter);
            } else {
              this.doDone(eventInfo);
              await free(this.options, eventInfo);
              this._assertStatus("DONE");
              return this._reject(error);
            }
          }
        }
        doDone(eventInfo) {
          this._assertStatus("EXECUTING");
          this._states.next(this.options.id);
          return this.Events.trigger("done", eventInfo);
        }
      };
      var Job_1 = Job;
      var BottleneckError$2, LocalDatastore, parser$2;
      parser$2 = parser;
      BottleneckError$2 = BottleneckError_1;
      LocalDatastore = class LocalDatastore {
        constructor(instance, storeOptions, storeInstanceOptions) {
          this.instance = instance;
          this.storeOptions = storeOptions;
          this.clientId = this.instance._randomIndex();
          parser$2.load(storeInstanceOptions, storeInstanceOptions, this);
          this._nextRequest = this._lastReservoirRefresh = this._lastReservoirIncrease = Date.now();
          this._running = 0;
          this._done = 0;
          this._unblockTime = 0;
          this.ready = this.Promise.resolve();
          this.clients = {};
          this._startHeartbeat();
        }
        _startHeartbeat() {
          var base;
          if (this.heartbeat == null && (this.storeOptions.reservoirRefreshInterval != null && this.storeOptions.reservoirRefreshAmount != null || this.storeOptions.reservoirIncreaseInterval != null && this.storeOptions.reservoirIncreaseAmount != null)) {
            return typeof (base = this.heartbeat = setInterval(() => {
              var amount, incr, maximum, now, reservoir;
              now = Date.now();
              if (this.storeOptions.reservoirRefreshInterval != null && now >= this._lastReservoirRefresh + this.storeOptions.reservoirRefreshInterval) {
                this._lastReservoirRefresh = now;
                this.storeOptions.reservoir = this.storeOptions.reservoirRefreshAmount;
                this.instance._drainAll(this.computeCapacity());
              }
              if (this.storeOptions.reservoirIncreaseInterval != null && now >= this._lastReservoirIncrease + this.storeOptions.reservoirIncreaseInterval) {
                ({
                  reservoirIncreaseAmount: amount,
                  reservoirIncreaseMaximum: maximum,
                  reservoir
                } = this.storeOptions);
                this._lastReservoirIncrease = now;
                incr = maximum != null ? Math.min(amount, maximum - reservoir) : amount;
                if (incr > 0) {
                  this.storeOptions.reservoir += incr;
                  return this.instance._drainAll(this.computeCapacity());
                }
              }
            }, this.heartbeatInterval)).unref === "function" ? base.unref() : void 0;
          } else {
            return clearInterval(this.heartbeat);
          }
        }
        async __publish__(message) {
          await this.yieldLoop();
          return this.instance.Events.trigger("message", message.toString());
        }
        async __disconnect__(flush) {
          await this.yieldLoop();
          clearInterval(this.heartbeat);
          return this.Promise.resolve();
        }
        yieldLoop(t = 0) {
          return new this.Promise(function(resolve2, reject) {
            return setTimeout(resolve2, t);
          });
        }
        computePenalty() {
          var ref;
          return (ref = this.storeOptions.penalty) != null ? ref : 15 * this.storeOptions.minTime || 5e3;
        }
        async __updateSettings__(options) {
          await this.yieldLoop();
          parser$2.overwrite(options, options, this.storeOptions);
          this._startHeartbeat();
          this.instance._drainAll(this.computeCapacity());
          return true;
        }
        async __running__() {
          await this.yieldLoop();
          return this._running;
        }
        async __queued__() {
          await this.yieldLoop();
          return this.instance.queued();
        }
        async __done__() {
          await this.yieldLoop();
          return this._done;
        }
        async __groupCheck__(time) {
          await this.yieldLoop();
          return this._nextRequest + this.timeout < time;
        }
        computeCapacity() {
          var maxConcurrent, reservoir;
          ({ maxConcurrent, reservoir } = this.storeOptions);
          if (maxConcurrent != null && reservoir != null) {
            return Math.min(maxConcurrent - this._running, reservoir);
          } else if (maxConcurrent != null) {
            return maxConcurrent - this._running;
          } else if (reservoir != null) {
            return reservoir;
          } else {
            return null;
          }
        }
        conditionsCheck(weight) {
          var capacity;
          capacity = this.computeCapacity();
          return capacity == null || weight <= capacity;
        }
        async __incrementReservoir__(incr) {
          var reservoir;
          await this.yieldLoop();
          reservoir = this.storeOptions.reservoir += incr;
          this.instance._drainAll(this.computeCapacity());
          return reservoir;
        }
        async __currentReservoir__() {
          await this.yieldLoop();
          return this.storeOptions.reservoir;
        }
        isBlocked(now) {
          return this._unblockTime >= now;
        }
        check(weight, now) {
          return this.conditionsCheck(weight) && this._nextRequest - now <= 0;
        }
        async __check__(weight) {
          var now;
          await this.yieldLoop();
          now = Date.now();
          return this.check(weight, now);
        }
        async __register__(index, weight, expiration) {
          var now, wait;
          await this.yieldLoop();
          now = Date.now();
          if (this.conditionsCheck(weight)) {
            this._running += weight;
            if (this.storeOptions.reservoir != null) {
              this.storeOptions.reservoir -= weight;
            }
            wait = Math.max(this._nextRequest - now, 0);
            this._nextRequest = now + wait + this.storeOptions.minTime;
            return {
              success: true,
              wait,
              reservoir: this.storeOptions.reservoir
            };
          } else {
            return {
              success: false
            };
          }
        }
        strategyIsBlock() {
          return this.storeOptions.strategy === 3;
        }
        async __submit__(queueLength, weight) {
          var blocked, now, reachedHWM;
          await this.yieldLoop();
          if (this.storeOptions.maxConcurrent != null && weight > this.storeOptions.maxConcurrent) {
            throw new BottleneckError$2(`Impossible to add a job having a weight of ${weight} to a limiter having a maxConcurrent setting of ${this.storeOptions.maxConcurrent}`);
          }
          now = Date.now();
          reachedHWM = this.storeOptions.highWater != null && queueLength === this.storeOptions.highWater && !this.check(weight, now);
          blocked = this.strategyIsBlock() && (reachedHWM || this.isBlocked(now));
          if (blocked) {
            this._unblockTime = now + this.computePenalty();
            this._nextRequest = this._unblockTime + this.storeOptions.minTime;
            this.instance._dropAllQueued();
          }
          return {
            reachedHWM,
            blocked,
            strategy: this.storeOptions.strategy
          };
        }
        async __free__(index, weight) {
          await this.yieldLoop();
          this._running -= weight;
          this._done += weight;
          this.instance._drainAll(this.computeCapacity());
          return {
            running: this._running
          };
        }
      };
      var LocalDatastore_1 = LocalDatastore;
      var BottleneckError$3, States;
      BottleneckError$3 = BottleneckError_1;
      States = class States {
        constructor(status1) {
          this.status = status1;
          this._jobs = {};
          this.counts = this.status.map(function() {
            return 0;
          });
        }
        next(id) {
          var current, next;
          current = this._jobs[id];
          next = current + 1;
          if (current != null && next < this.status.length) {
            this.counts[current]--;
            this.counts[next]++;
            return this._jobs[id]++;
          } else if (current != null) {
            this.counts[current]--;
            return delete this._jobs[id];
          }
        }
        start(id) {
          var initial;
          initial = 0;
          this._jobs[id] = initial;
          return this.counts[initial]++;
        }
        remove(id) {
          var current;
          current = this._jobs[id];
          if (current != null) {
            this.counts[current]--;
            delete this._jobs[id];
          }
          return current != null;
        }
        jobStatus(id) {
          var ref;
          return (ref = this.status[this._jobs[id]]) != null ? ref : null;
        }
        statusJobs(status) {
          var k, pos, ref, results, v;
          if (status != null) {
            pos = this.status.indexOf(status);
            if (pos < 0) {
              throw new BottleneckError$3(`status must be one of ${this.status.join(", ")}`);
            }
            ref = this._jobs;
            results = [];
            for (k in ref) {
              v = ref[k];
              if (v === pos) {
                results.push(k);
              }
            }
            return results;
          } else {
            return Object.keys(this._jobs);
          }
        }
        statusCounts() {
          return this.counts.reduce(((acc, v, i) => {
            acc[this.status[i]] = v;
            return acc;
          }), {});
        }
      };
      var States_1 = States;
      var DLList$2, Sync;
      DLList$2 = DLList_1;
      Sync = class Sync {
        constructor(name, Promise2) {
          this.schedule = this.schedule.bind(this);
          this.name = name;
          this.Promise = Promise2;
          this._running = 0;
          this._queue = new DLList$2();
        }
        isEmpty() {
          return this._queue.length === 0;
        }
        async _tryToRun() {
          var args, cb, error, reject, resolve2, returned, task;
          if (this._running < 1 && this._queue.length > 0) {
            this._running++;
            ({ task, args, resolve: resolve2, reject } = this._queue.shift());
            cb = await (async function() {
              try {
                returned = await task(...args);
                return function() {
                  return resolve2(returned);
                };
              } catch (error1) {
                error = error1;
                return function() {
                  return reject(error);
                };
              }
            })();
            this._running--;
            this._tryToRun();
            return cb();
          }
        }
        schedule(task, ...args) {
          var promise, reject, resolve2;
          resolve2 = reject = null;
          promise = new this.Promise(function(_resolve, _reject) {
            resolve2 = _resolve;
            return reject = _reject;
          });
          this._queue.push({ task, args, resolve: resolve2, reject });
          this._tryToRun();
          return promise;
        }
      };
      var Sync_1 = Sync;
      var version = "2.19.5";
      var version$1 = {
        version
      };
      var version$2 = /* @__PURE__ */ Object.freeze({
        version,
        default: version$1
      });
      var require$$2 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$3 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$4 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var Events$2, Group, IORedisConnection$1, RedisConnection$1, Scripts$1, parser$3;
      parser$3 = parser;
      Events$2 = Events_1;
      RedisConnection$1 = require$$2;
      IORedisConnection$1 = require$$3;
      Scripts$1 = require$$4;
      Group = (function() {
        class Group2 {
          constructor(limiterOptions = {}) {
            this.deleteKey = this.deleteKey.bind(this);
            this.limiterOptions = limiterOptions;
            parser$3.load(this.limiterOptions, this.defaults, this);
            this.Events = new Events$2(this);
            this.instances = {};
            this.Bottleneck = Bottleneck_1;
            this._startAutoCleanup();
            this.sharedConnection = this.connection != null;
            if (this.connection == null) {
              if (this.limiterOptions.datastore === "redis") {
                this.connection = new RedisConnection$1(Object.assign({}, this.limiterOptions, { Events: this.Events }));
              } else if (this.limiterOptions.datastore === "ioredis") {
                this.connection = new IORedisConnection$1(Object.assign({}, this.limiterOptions, { Events: this.Events }));
              }
            }
          }
          key(key = "") {
            var ref;
            return (ref = this.instances[key]) != null ? ref : (() => {
              var limiter;
              limiter = this.instances[key] = new this.Bottleneck(Object.assign(this.limiterOptions, {
                id: `${this.id}-${key}`,
                timeout: this.timeout,
                connection: this.connection
              }));
              this.Events.trigger("created", limiter, key);
              return limiter;
            })();
          }
          async deleteKey(key = "") {
            var deleted, instance;
            instance = this.instances[key];
            if (this.connection) {
              deleted = await this.connection.__runCommand__(["del", ...Scripts$1.allKeys(`${this.id}-${key}`)]);
            }
            if (instance != null) {
              delete this.instances[key];
              await instance.disconnect();
            }
            return instance != null || deleted > 0;
          }
          limiters() {
            var k, ref, results, v;
            ref = this.instances;
            results = [];
            for (k in ref) {
              v = ref[k];
              results.push({
                key: k,
                limiter: v
              });
            }
            return results;
          }
          keys() {
            return Object.keys(this.instances);
          }
          async clusterKeys() {
            var cursor, end, found, i, k, keys, len, next, start;
            if (this.connection == null) {
              return this.Promise.resolve(this.keys());
            }
            keys = [];
            cursor = null;
            start = `b_${this.id}-`.length;
            end = "_settings".length;
            while (cursor !== 0) {
              [next, found] = await this.connection.__runCommand__(["scan", cursor != null ? cursor : 0, "match", `b_${this.id}-*_settings`, "count", 1e4]);
              cursor = ~~next;
              for (i = 0, len = found.length; i < len; i++) {
                k = found[i];
                keys.push(k.slice(start, -end));
              }
            }
            return keys;
          }
          _startAutoCleanup() {
            var base;
            clearInterval(this.interval);
            return typeof (base = this.interval = setInterval(async () => {
              var e, k, ref, results, time, v;
              time = Date.now();
              ref = this.instances;
              results = [];
              for (k in ref) {
                v = ref[k];
                try {
                  if (await v._store.__groupCheck__(time)) {
                    results.push(this.deleteKey(k));
                  } else {
                    results.push(void 0);
                  }
                } catch (error) {
                  e = error;
                  results.push(v.Events.trigger("error", e));
                }
              }
              return results;
            }, this.timeout / 2)).unref === "function" ? base.unref() : void 0;
          }
          updateSettings(options = {}) {
            parser$3.overwrite(options, this.defaults, this);
            parser$3.overwrite(options, options, this.limiterOptions);
            if (options.timeout != null) {
              return this._startAutoCleanup();
            }
          }
          disconnect(flush = true) {
            var ref;
            if (!this.sharedConnection) {
              return (ref = this.connection) != null ? ref.disconnect(flush) : void 0;
            }
          }
        }
        Group2.prototype.defaults = {
          timeout: 1e3 * 60 * 5,
          connection: null,
          Promise,
          id: "group-key"
        };
        return Group2;
      }).call(commonjsGlobal);
      var Group_1 = Group;
      var Batcher, Events$3, parser$4;
      parser$4 = parser;
      Events$3 = Events_1;
      Batcher = (function() {
        class Batcher2 {
          constructor(options = {}) {
            this.options = options;
            parser$4.load(this.options, this.defaults, this);
            this.Events = new Events$3(this);
            this._arr = [];
            this._resetPromise();
            this._lastFlush = Date.now();
          }
          _resetPromise() {
            return this._promise = new this.Promise((res, rej) => {
              return this._resolve = res;
            });
          }
          _flush() {
            clearTimeout(this._timeout);
            this._lastFlush = Date.now();
            this._resolve();
            this.Events.trigger("batch", this._arr);
            this._arr = [];
            return this._resetPromise();
          }
          add(data) {
            var ret;
            this._arr.push(data);
            ret = this._promise;
            if (this._arr.length === this.maxSize) {
              this._flush();
            } else if (this.maxTime != null && this._arr.length === 1) {
              this._timeout = setTimeout(() => {
                return this._flush();
              }, this.maxTime);
            }
            return ret;
          }
        }
        Batcher2.prototype.defaults = {
          maxTime: null,
          maxSize: null,
          Promise
        };
        return Batcher2;
      }).call(commonjsGlobal);
      var Batcher_1 = Batcher;
      var require$$4$1 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$8 = getCjsExportFromNamespace(version$2);
      var Bottleneck3, DEFAULT_PRIORITY$1, Events$4, Job$1, LocalDatastore$1, NUM_PRIORITIES$1, Queues$1, RedisDatastore$1, States$1, Sync$1, parser$5, splice = [].splice;
      NUM_PRIORITIES$1 = 10;
      DEFAULT_PRIORITY$1 = 5;
      parser$5 = parser;
      Queues$1 = Queues_1;
      Job$1 = Job_1;
      LocalDatastore$1 = LocalDatastore_1;
      RedisDatastore$1 = require$$4$1;
      Events$4 = Events_1;
      States$1 = States_1;
      Sync$1 = Sync_1;
      Bottleneck3 = (function() {
        class Bottleneck4 {
          constructor(options = {}, ...invalid) {
            var storeInstanceOptions, storeOptions;
            this._addToQueue = this._addToQueue.bind(this);
            this._validateOptions(options, invalid);
            parser$5.load(options, this.instanceDefaults, this);
            this._queues = new Queues$1(NUM_PRIORITIES$1);
            this._scheduled = {};
            this._states = new States$1(["RECEIVED", "QUEUED", "RUNNING", "EXECUTING"].concat(this.trackDoneStatus ? ["DONE"] : []));
            this._limiter = null;
            this.Events = new Events$4(this);
            this._submitLock = new Sync$1("submit", this.Promise);
            this._registerLock = new Sync$1("register", this.Promise);
            storeOptions = parser$5.load(options, this.storeDefaults, {});
            this._store = (function() {
              if (this.datastore === "redis" || this.datastore === "ioredis" || this.connection != null) {
                storeInstanceOptions = parser$5.load(options, this.redisStoreDefaults, {});
                return new RedisDatastore$1(this, storeOptions, storeInstanceOptions);
              } else if (this.datastore === "local") {
                storeInstanceOptions = parser$5.load(options, this.localStoreDefaults, {});
                return new LocalDatastore$1(this, storeOptions, storeInstanceOptions);
              } else {
                throw new Bottleneck4.prototype.BottleneckError(`Invalid datastore type: ${this.datastore}`);
              }
            }).call(this);
            this._queues.on("leftzero", () => {
              var ref;
              return (ref = this._store.heartbeat) != null ? typeof ref.ref === "function" ? ref.ref() : void 0 : void 0;
            });
            this._queues.on("zero", () => {
              var ref;
              return (ref = this._store.heartbeat) != null ? typeof ref.unref === "function" ? ref.unref() : void 0 : void 0;
            });
          }
          _validateOptions(options, invalid) {
            if (!(options != null && typeof options === "object" && invalid.length === 0)) {
              throw new Bottleneck4.prototype.BottleneckError("Bottleneck v2 takes a single object argument. Refer to https://github.com/SGrondin/bottleneck#upgrading-to-v2 if you're upgrading from Bottleneck v1.");
            }
          }
          ready() {
            return this._store.ready;
          }
          clients() {
            return this._store.clients;
          }
          channel() {
            return `b_${this.id}`;
          }
          channel_client() {
            return `b_${this.id}_${this._store.clientId}`;
          }
          publish(message) {
            return this._store.__publish__(message);
          }
          disconnect(flush = true) {
            return this._store.__disconnect__(flush);
          }
          chain(_limiter) {
            this._limiter = _limiter;
            return this;
          }
          queued(priority) {
            return this._queues.queued(priority);
          }
          clusterQueued() {
            return this._store.__queued__();
          }
          empty() {
            return this.queued() === 0 && this._submitLock.isEmpty();
          }
          running() {
            return this._store.__running__();
          }
          done() {
            return this._store.__done__();
          }
          jobStatus(id) {
            return this._states.jobStatus(id);
          }
          jobs(status) {
            return this._states.statusJobs(status);
          }
          counts() {
            return this._states.statusCounts();
          }
          _randomIndex() {
            return Math.random().toString(36).slice(2);
          }
          check(weight = 1) {
            return this._store.__check__(weight);
          }
          _clearGlobalState(index) {
            if (this._scheduled[index] != null) {
              clearTimeout(this._scheduled[index].expiration);
              delete this._scheduled[index];
              return true;
            } else {
              return false;
            }
          }
          async _free(index, job, options, eventInfo) {
            var e, running;
            try {
              ({ running } = await this._store.__free__(index, options.weight));
              this.Events.trigger("debug", `Freed ${options.id}`, eventInfo);
              if (running === 0 && this.empty()) {
                return this.Events.trigger("idle");
              }
            } catch (error1) {
              e = error1;
              return this.Events.trigger("error", e);
            }
          }
          _run(index, job, wait) {
            var clearGlobalState, free, run;
            job.doRun();
            clearGlobalState = this._clearGlobalState.bind(this, index);
            run = this._run.bind(this, index, job);
            free = this._free.bind(this, index, job);
            return this._scheduled[index] = {
              timeout: setTimeout(() => {
                return job.doExecute(this._limiter, clearGlobalState, run, free);
              }, wait),
              expiration: job.options.expiration != null ? setTimeout(function() {
                return job.doExpire(clearGlobalState, run, free);
              }, wait + job.options.expiration) : void 0,
              job
            };
          }
          _drainOne(capacity) {
            return this._registerLock.schedule(() => {
              var args, index, next, options, queue;
              if (this.queued() === 0) {
                return this.Promise.resolve(null);
              }
              queue = this._queues.getFirst();
              ({ options, args } = next = queue.first());
              if (capacity != null && options.weight > capacity) {
                return this.Promise.resolve(null);
              }
              this.Events.trigger("debug", `Draining ${options.id}`, { args, options });
              index = this._randomIndex();
              return this._store.__register__(index, options.weight, options.expiration).then(({ success, wait, reservoir }) => {
                var empty;
                this.Events.trigger("debug", `Drained ${options.id}`, { success, args, options });
                if (success) {
                  queue.shift();
                  empty = this.empty();
                  if (empty) {
                    this.Events.trigger("empty");
                  }
                  if (reservoir === 0) {
                    this.Events.trigger("depleted", empty);
                  }
                  this._run(index, next, wait);
                  return this.Promise.resolve(options.weight);
                } else {
                  return this.Promise.resolve(null);
                }
              });
            });
          }
          _drainAll(capacity, total = 0) {
            return this._drainOne(capacity).then((drained) => {
              var newCapacity;
              if (drained != null) {
                newCapacity = capacity != null ? capacity - drained : capacity;
                return this._drainAll(newCapacity, total + drained);
              } else {
                return this.Promise.resolve(total);
              }
            }).catch((e) => {
              return this.Events.trigger("error", e);
            });
          }
          _dropAllQueued(message) {
            return this._queues.shiftAll(function(job) {
              return job.doDrop({ message });
            });
          }
          stop(options = {}) {
            var done, waitForExecuting;
            options = parser$5.load(options, this.stopDefaults);
            waitForExecuting = (at) => {
              var finished2;
              finished2 = () => {
                var counts;
                counts = this._states.counts;
                return counts[0] + counts[1] + counts[2] + counts[3] === at;
              };
              return new this.Promise((resolve2, reject) => {
                if (finished2()) {
                  return resolve2();
                } else {
                  return this.on("done", () => {
                    if (finished2()) {
                      this.removeAllListeners("done");
                      return resolve2();
                    }
                  });
                }
              });
            };
            done = options.dropWaitingJobs ? (this._run = function(index, next) {
              return next.doDrop({
                message: options.dropErrorMessage
              });
            }, this._drainOne = () => {
              return this.Promise.resolve(null);
            }, this._registerLock.schedule(() => {
              return this._submitLock.schedule(() => {
                var k, ref, v;
                ref = this._scheduled;
                for (k in ref) {
                  v = ref[k];
                  if (this.jobStatus(v.job.options.id) === "RUNNING") {
                    clearTimeout(v.timeout);
                    clearTimeout(v.expiration);
                    v.job.doDrop({
                      message: options.dropErrorMessage
                    });
                  }
                }
                this._dropAllQueued(options.dropErrorMessage);
                return waitForExecuting(0);
              });
            })) : this.schedule({
              priority: NUM_PRIORITIES$1 - 1,
              weight: 0
            }, () => {
              return waitForExecuting(1);
            });
            this._receive = function(job) {
              return job._reject(new Bottleneck4.prototype.BottleneckError(options.enqueueErrorMessage));
            };
            this.stop = () => {
              return this.Promise.reject(new Bottleneck4.prototype.BottleneckError("stop() has already been called"));
            };
            return done;
          }
          async _addToQueue(job) {
            var args, blocked, error, options, reachedHWM, shifted, strategy;
            ({ args, options } = job);
            try {
              ({ reachedHWM, blocked, strategy } = await this._store.__submit__(this.queued(), options.weight));
            } catch (error1) {
              error = error1;
              this.Events.trigger("debug", `Could not queue ${options.id}`, { args, options, error });
              job.doDrop({ error });
              return false;
            }
            if (blocked) {
              job.doDrop();
              return true;
            } else if (reachedHWM) {
              shifted = strategy === Bottleneck4.prototype.strategy.LEAK ? this._queues.shiftLastFrom(options.priority) : strategy === Bottleneck4.prototype.strategy.OVERFLOW_PRIORITY ? this._queues.shiftLastFrom(options.priority + 1) : strategy === Bottleneck4.prototype.strategy.OVERFLOW ? job : void 0;
              if (shifted != null) {
                shifted.doDrop();
              }
              if (shifted == null || strategy === Bottleneck4.prototype.strategy.OVERFLOW) {
                if (shifted == null) {
                  job.doDrop();
                }
                return reachedHWM;
              }
            }
            job.doQueue(reachedHWM, blocked);
            this._queues.push(job);
            await this._drainAll();
            return reachedHWM;
          }
          _receive(job) {
            if (this._states.jobStatus(job.options.id) != null) {
              job._reject(new Bottleneck4.prototype.BottleneckError(`A job with the same id already exists (id=${job.options.id})`));
              return false;
            } else {
              job.doReceive();
              return this._submitLock.schedule(this._addToQueue, job);
            }
          }
          submit(...args) {
            var cb, fn, job, options, ref, ref1, task;
            if (typeof args[0] === "function") {
              ref = args, [fn, ...args] = ref, [cb] = splice.call(args, -1);
              options = parser$5.load({}, this.jobDefaults);
            } else {
              ref1 = args, [options, fn, ...args] = ref1, [cb] = splice.call(args, -1);
              options = parser$5.load(options, this.jobDefaults);
            }
            task = (...args2) => {
              return new this.Promise(function(resolve2, reject) {
                return fn(...args2, function(...args3) {
                  return (args3[0] != null ? reject : resolve2)(args3);
                });
              });
            };
            job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
            job.promise.then(function(args2) {
              return typeof cb === "function" ? cb(...args2) : void 0;
            }).catch(function(args2) {
              if (Array.isArray(args2)) {
                return typeof cb === "function" ? cb(...args2) : void 0;
              } else {
                return typeof cb === "function" ? cb(args2) : void 0;
              }
            });
            return this._receive(job);
          }
          schedule(...args) {
            var job, options, task;
            if (typeof args[0] === "function") {
              [task, ...args] = args;
              options = {};
            } else {
              [options, task, ...args] = args;
            }
            job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
            this._receive(job);
            return job.promise;
          }
          wrap(fn) {
            var schedule, wrapped;
            schedule = this.schedule.bind(this);
            wrapped = function(...args) {
              return schedule(fn.bind(this), ...args);
            };
            wrapped.withOptions = function(options, ...args) {
              return schedule(options, fn, ...args);
            };
            return wrapped;
          }
          async updateSettings(options = {}) {
            await this._store.__updateSettings__(parser$5.overwrite(options, this.storeDefaults));
            parser$5.overwrite(options, this.instanceDefaults, this);
            return this;
          }
          currentReservoir() {
            return this._store.__currentReservoir__();
          }
          incrementReservoir(incr = 0) {
            return this._store.__incrementReservoir__(incr);
          }
        }
        Bottleneck4.default = Bottleneck4;
        Bottleneck4.Events = Events$4;
        Bottleneck4.version = Bottleneck4.prototype.version = require$$8.version;
        Bottleneck4.strategy = Bottleneck4.prototype.strategy = {
          LEAK: 1,
          OVERFLOW: 2,
          OVERFLOW_PRIORITY: 4,
          BLOCK: 3
        };
        Bottleneck4.BottleneckError = Bottleneck4.prototype.BottleneckError = BottleneckError_1;
        Bottleneck4.Group = Bottleneck4.prototype.Group = Group_1;
        Bottleneck4.RedisConnection = Bottleneck4.prototype.RedisConnection = require$$2;
        Bottleneck4.IORedisConnection = Bottleneck4.prototype.IORedisConnection = require$$3;
        Bottleneck4.Batcher = Bottleneck4.prototype.Batcher = Batcher_1;
        Bottleneck4.prototype.jobDefaults = {
          priority: DEFAULT_PRIORITY$1,
          weight: 1,
          expiration: null,
          id: "<no-id>"
        };
        Bottleneck4.prototype.storeDefaults = {
          maxConcurrent: null,
          minTime: 0,
          highWater: null,
          strategy: Bottleneck4.prototype.strategy.LEAK,
          penalty: null,
          reservoir: null,
          reservoirRefreshInterval: null,
          reservoirRefreshAmount: null,
          reservoirIncreaseInterval: null,
          reservoirIncreaseAmount: null,
          reservoirIncreaseMaximum: null
        };
        Bottleneck4.prototype.localStoreDefaults = {
          Promise,
          timeout: null,
          heartbeatInterval: 250
        };
        Bottleneck4.prototype.redisStoreDefaults = {
          Promise,
          timeout: null,
          heartbeatInterval: 5e3,
          clientTimeout: 1e4,
          Redis: null,
          clientOptions: {},
          clusterNodes: null,
          clearDatastore: false,
          connection: null
        };
        Bottleneck4.prototype.instanceDefaults = {
          datastore: "local",
          connection: null,
          id: "<no-id>",
          rejectOnDrop: true,
          trackDoneStatus: false,
          Promise
        };
        Bottleneck4.prototype.stopDefaults = {
          enqueueErrorMessage: "This limiter has been stopped and cannot accept new jobs.",
          dropWaitingJobs: true,
          dropErrorMessage: "This limiter has been stopped."
        };
        return Bottleneck4;
      }).call(commonjsGlobal);
      var Bottleneck_1 = Bottleneck3;
      var lib = Bottleneck_1;
      return lib;
    }));
  }
});

// src/driver/ports.ts
var TeamsUnreadableError = class extends Error {
  name = "TeamsUnreadableError";
};
var FatalPortError = class extends Error {
  constructor(reasonCode, message, details = {}) {
    super(message);
    this.reasonCode = reasonCode;
    this.details = details;
  }
  reasonCode;
  details;
  name = "FatalPortError";
};

// src/github/errors.ts
var NEEDED_FOR = {
  "actions: write": "dispatch and cancel the deploy and rollback workflows",
  "deployments: write": "create the deployments and their statuses",
  "checks: write": "create and update the check run that holds the release ledger",
  "contents: read": "read the repository"
};
function permissionFor(route2) {
  const path = route2.replace(/^[A-Z]+\s+/, "");
  if (/\/actions\//.test(path)) return "actions: write";
  if (/\/deployments(\/|$|\?)/.test(path)) return "deployments: write";
  if (/\/check-runs(\/|$|\?)/.test(path)) return "checks: write";
  return "contents: read";
}
var MissingPermissionError = class extends FatalPortError {
  constructor(permission, route2) {
    super(
      "missing-permission",
      `the workflow's token lacks \`${permission}\`, which progressive-release needs to ${NEEDED_FOR[permission]} (GitHub answered 403 "Resource not accessible by integration" to ${route2}): add \`${permission}\` to the \`permissions:\` block of the job that runs progressive-release (or of its workflow)`,
      { permission }
    );
    this.permission = permission;
    this.route = route2;
  }
  permission;
  route;
  name = "MissingPermissionError";
  status = 403;
};
var BadCredentialsError = class extends FatalPortError {
  constructor(baseUrl) {
    super(
      "bad-credentials",
      `GitHub at ${baseUrl} refused the token (401 Bad credentials): input 'token' is wrong, expired or revoked, or made for another GitHub host. Pass \`\${{ github.token }}\` (the default) or a valid token for that host`
    );
    this.baseUrl = baseUrl;
  }
  baseUrl;
  name = "BadCredentialsError";
  status = 401;
};
var GitHubBadAnswerError = class extends Error {
  constructor(httpStatus, contentType, route2, baseUrl) {
    super(`the answer to ${route2} from ${baseUrl} is not an answer of the GitHub API (HTTP ${httpStatus}, ${contentType || "no content type"})`);
    this.httpStatus = httpStatus;
    this.contentType = contentType;
  }
  httpStatus;
  contentType;
  name = "GitHubBadAnswerError";
  reasonCode = "github-bad-answer";
  /** What a person can do about it. */
  advice = "Check that GITHUB_API_URL is the API (https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server) and not a proxy or web page; if it is, GitHub may be having an outage (https://www.githubstatus.com): start the release again later";
};
var LedgerUnreadableError = class extends Error {
  constructor(reasonCode, message) {
    super(message);
    this.reasonCode = reasonCode;
  }
  reasonCode;
  name = "LedgerUnreadableError";
};
function ledgerUnreadable(place, reasonCode, problem) {
  const where = `the ledger of release ${place.releaseId} (check run ${place.checkRunId} "${place.checkRunName}" on commit ${place.headSha.slice(0, 12)})`;
  const todo = reasonCode === "ledger-version-unsupported" ? "It was written by another version of progressive-release: run the version that wrote it (pin it in the workflow), or upgrade this one" : "Its output.text was edited or damaged: restore it from a copy, or check what the release deployed (its Deployments) and release under another 'version' or 'release' id";
  return new LedgerUnreadableError(reasonCode, `${where} cannot be read: ${problem}. Nothing was done. ${todo}`);
}
function headerOf(headers, name) {
  const v = headers?.[name];
  return typeof v === "string" ? v : "";
}
function isPage(contentType, data) {
  if (contentType !== "" && !/json/i.test(contentType)) return true;
  return typeof data === "string" && data.trim().startsWith("<");
}
function checkedRequest(raw, baseUrl) {
  return async (route2, params) => {
    let res;
    try {
      res = await raw(route2, params);
    } catch (err) {
      throw classifyHttp(err, route2, baseUrl);
    }
    const type = headerOf(res.headers, "content-type");
    if (isPage(type, res.data)) throw new GitHubBadAnswerError(res.status, type.split(";")[0] ?? type, route2, baseUrl);
    return res;
  };
}
function classifyHttp(err, route2, baseUrl) {
  const e = err;
  const status = typeof e?.status === "number" ? e.status : void 0;
  const message = typeof e?.message === "string" ? e.message : "";
  if (status === 403 && /Resource not accessible by/i.test(message)) return new MissingPermissionError(permissionFor(route2), route2);
  if (status === 401) return new BadCredentialsError(baseUrl);
  if (status !== void 0 && status >= 400) {
    const type = headerOf(e?.response?.headers, "content-type");
    if (isPage(type, e?.response?.data)) {
      const bad = new GitHubBadAnswerError(status, type.split(";")[0] ?? type, route2, baseUrl);
      return status >= 500 ? Object.assign(bad, { status }) : bad;
    }
  }
  return err;
}
function connectionFailure(err) {
  for (let e = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    const code = typeof e.code === "string" ? e.code : "";
    if (e.name === "TimeoutError" || e.name === "AbortError" || code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return "no answer in time";
    if (code === "ECONNREFUSED") return "connection refused (ECONNREFUSED)";
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `host name not found (${code})`;
    if (code === "ECONNRESET" || code === "EPIPE" || code.startsWith("UND_ERR_") || code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "CERT_HAS_EXPIRED" || /^ERR_TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code))
      return `connection failed (${code})`;
  }
  return void 0;
}
function describeFailure(err, baseUrl) {
  for (let e = err, depth = 0; e !== void 0 && e !== null && depth < 5; e = e.cause, depth++) {
    if (e instanceof FatalPortError)
      return { reasonCode: e.reasonCode, message: `${e.message}. Nothing was dispatched; start the release again once that is done`, details: e.details };
    if (e instanceof GitHubBadAnswerError) return { reasonCode: e.reasonCode, message: `${e.message}. Nothing was dispatched. ${e.advice}`, details: {} };
    if (e instanceof LedgerUnreadableError) return { reasonCode: e.reasonCode, message: e.message, details: {} };
    const o = e;
    const status = typeof o.status === "number" ? o.status : void 0;
    const where = o.request?.method && o.request.url ? `${o.request.method} ${o.request.url.replace(/\?.*$/, "")}` : `the API at ${baseUrl}`;
    const connection = connectionFailure(e);
    if (connection !== void 0 && (status === void 0 || status === 500) && o.response === void 0) {
      return {
        reasonCode: "github-unreachable",
        message: `GitHub's API at ${baseUrl} could not be reached for ${where}: ${connection}. Nothing was dispatched. Check GITHUB_API_URL and the runner's network (proxy, firewall, DNS), then start the release again`,
        details: {}
      };
    }
    if (status !== void 0 && status >= 500 && o.response !== void 0) {
      return {
        reasonCode: "github-unreachable",
        message: `GitHub's API at ${baseUrl} answered ${status} to ${where}, also when asked again. Nothing was dispatched. GitHub may be having an outage (https://www.githubstatus.com): start the release again later`,
        details: {}
      };
    }
  }
  return void 0;
}

// src/report/approval-line.ts
function environmentApprovalLine(state, plan, runStatus) {
  const st = state.stages[state.stage];
  const env = plan.stages[state.stage]?.approval?.environment;
  const run = st?.approvalRun;
  if (!st || !env || !run || run.done || st.phase !== "awaiting-approval") return void 0;
  const label = run.runId !== void 0 ? `approval run #${run.runId}` : `approval run (${env.workflow}, dispatching)`;
  const href = safeLinkTarget(run.htmlUrl);
  const live = run.runId !== void 0 ? runStatus(run.runId) : void 0;
  const linked = href ? `[${markdownText(label)}](${href})` : markdownText(label);
  return `Stage ${markdownText(st.name)} waits for the required reviewers of GitHub environment ${markdownText(env.name)}: ${linked}${live ? markdownText(` (${live})`) : ""}`;
}

// src/report/when.ts
function utcMinute(ms) {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return "?";
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
var SPAN_UNITS = [
  ["d", 864e5],
  ["h", 36e5],
  ["m", 6e4]
];
function spanInWords(ms) {
  if (!Number.isFinite(ms)) return "?";
  if (ms < 6e4) return "less than a minute";
  let rest = Math.floor(ms / 6e4) * 6e4;
  const parts = [];
  for (const [unit, size] of SPAN_UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.join(" ");
}
function deadlineText(deadline, now) {
  const left = deadline - now;
  const when2 = utcMinute(deadline);
  if (!Number.isFinite(left)) return `until ${when2}`;
  return left > 0 ? `until ${when2} (in ${spanInWords(left)})` : `until ${when2} (passed ${spanInWords(-left)} ago)`;
}

// src/report/headline.ts
var QUOTE_CHARS = 100;
var DETAILS_CHARS = 600;
function firstFailure(state, facts) {
  let first;
  for (const [region, r] of facts.regions) {
    const failed = state.regions[region]?.failure;
    if (!failed || !r.failure) continue;
    if (!first || r.failure.at < first.entry.at) first = { region, entry: r.failure };
  }
  if (!first) return void 0;
  const gates = facts.regions.get(first.region)?.gates;
  const gate2 = gates ? [...gates.values()].find((g) => g.status === "failed")?.verdict : void 0;
  return gate2 ? { ...first, gate: gate2 } : first;
}
function failureSentence(state, facts) {
  const f = firstFailure(state, facts);
  if (!f) return void 0;
  const n = f.gate?.numbers;
  if (f.gate?.gate !== void 0 && n?.value !== void 0 && n.threshold !== void 0) {
    const sign = n.max !== void 0 && n.threshold === n.max ? ">" : n.min !== void 0 && n.threshold === n.min ? "<" : "vs";
    const [value, limit] = numsAgainst(n.value, n.threshold);
    return `${markdownText(f.region)} gate ${markdownText(f.gate.gate)} failed (${value} ${sign} ${limit})`;
  }
  if (f.gate?.gate !== void 0 && f.gate.reasonCode === "comparison-failed" && n?.ratio !== void 0 && n.tolerance !== void 0) {
    const p = n.p !== void 0 ? `, p=${num(n.p, 2)}` : "";
    const sign = n.ratio >= 1 ? ">" : "<";
    return `${markdownText(f.region)} gate ${markdownText(f.gate.gate)} failed (${num(n.ratio, 3)}x baseline ${sign} ${num(n.tolerance, 3)}x${p})`;
  }
  return `${markdownText(f.region)} failed: ${markdownText(truncate(f.entry.reason, QUOTE_CHARS))}`;
}
var DECISION_WORDS = {
  promoted: "promoted",
  "rolled-back": "rolled back",
  paused: "paused",
  failed: "failed"
};
function regionCount(state) {
  return Object.keys(state.regions).length;
}
function sentence(state, facts) {
  const failure = failureSentence(state, facts);
  const outcome = state.outcome;
  if (outcome) {
    const rolledBack = state.counts["rolled-back"];
    if (outcome.decision === "promoted") {
      if (rolledBack === 0 || !failure) return `promoted to ${state.counts.promoted} of ${plural(regionCount(state), "region")}`;
      return `promoted to ${state.counts.promoted} of ${plural(regionCount(state), "region")}; ${plural(rolledBack, "region")} rolled back within the failure budget: ${failure}`;
    }
    const why = failure ?? markdownText(truncate(outcome.reason, QUOTE_CHARS));
    const stuck = Object.values(state.regions).filter((r) => r.rollbackFailed);
    const first = stuck[0];
    if (first)
      return `${DECISION_WORDS[outcome.decision]}: rollback failed in ${markdownText(first.name)}${stuck.length > 1 ? ` and ${stuck.length - 1} more` : ""} after ${why}`;
    return `${DECISION_WORDS[outcome.decision]}: ${why}`;
  }
  if (state.pause) return `paused: ${markdownText(truncate(state.pause.reason, QUOTE_CHARS))}`;
  const stage2 = state.stages[state.stage];
  const where = stage2 ? `, stage ${markdownText(stage2.name)}` : "";
  return `${state.status}${where}: ${state.counts.promoted} of ${plural(regionCount(state), "region")} promoted${failure ? `; ${failure}` : ""}`;
}
function headline(state, facts) {
  return `### Release ${markdownCode(state.releaseId)}: ${sentence(state, facts)}`;
}
function detailsLine(state) {
  const parts = [];
  const why = state.outcome ?? state.pause;
  if (why) parts.push(`${markdownText(truncate(why.reason, DETAILS_CHARS))} (${markdownCode(why.reasonCode)})`);
  if (state.startedAt !== void 0) {
    parts.push(`started ${utcMinute(state.startedAt)}${state.initiator !== void 0 ? ` by ${markdownText(state.initiator)}` : ""}`);
    const end = state.outcome?.at ?? state.now;
    parts.push(`${state.outcome ? "took" : "running for"} ${durationText(end - state.startedAt)}`);
  }
  parts.push(`version ${markdownCode(state.version)}, plan ${markdownCode(state.planName)}`);
  return parts.join(" \xB7 ");
}

// src/report/history-facts.ts
var VERDICT_KINDS = /* @__PURE__ */ new Set([
  "gate-passed",
  "gate-failed",
  "gate-inconclusive",
  "run-finished",
  "run-timeout",
  "dispatch-failed",
  "region-promoted",
  "region-failed",
  "region-rolled-back",
  "rollback-failed",
  "release-stopped",
  "release-paused",
  "release-finished",
  // The release freeze (core/freeze.ts): the error budget read, and what it let start or held.
  "release-frozen",
  "freeze-lifted",
  "freeze-override-read"
]);
var FREEZE_KINDS = /* @__PURE__ */ new Set(["release-frozen", "freeze-lifted", "freeze-override-read"]);
var CAUSE_KINDS = /* @__PURE__ */ new Set(["region-failed", "rollback-dispatched"]);
var RELEASE_POINTS = /* @__PURE__ */ new Set(["release-stopped", "release-halted", "release-paused", "release-finished"]);
function regionOf(facts, name) {
  let r = facts.regions.get(name);
  if (!r) facts.regions.set(name, r = { gates: /* @__PURE__ */ new Map(), bars: [] });
  return r;
}
function stageOf(facts, name) {
  let s = facts.stages.get(name);
  if (!s) facts.stages.set(name, s = { failed: false, waits: [] });
  return s;
}
function close(r, at, crit = false) {
  const open3 = r.bars[r.bars.length - 1];
  if (open3 && open3.end === void 0 && !open3.milestone) {
    open3.end = at;
    if (crit) open3.crit = true;
  }
}
function open(r, label, at, crit = false) {
  close(r, at);
  r.bars.push({ label, start: at, crit, milestone: false });
}
function point(bars2, label, at, crit) {
  bars2.push({ label, start: at, end: at, crit, milestone: true });
}
function gate(r, h) {
  if (h.gate === void 0) return;
  const step = h.step ?? 0;
  let g = r.gates.get(h.gate);
  if (!g || g.step !== step || h.kind === "measurement" && g.status !== "measuring") r.gates.set(h.gate, g = { step, missing: 0, status: "measuring" });
  if (h.kind === "measurement" && (h.reasonCode.startsWith("comparison-") || h.numbers?.canaryN !== void 0)) {
    if (h.numbers) g.compared = h.numbers;
    if (h.reasonCode === "comparison-step-missing") g.missing++;
    return;
  }
  if (h.kind === "measurement") {
    const v = h.numbers?.value ?? judgedBurn(h.numbers);
    if (v !== void 0 && Number.isFinite(v)) g.range = widen(g.range, v);
    else g.missing++;
    return;
  }
  g.status = h.kind === "gate-passed" ? "passed" : h.kind === "gate-failed" ? "failed" : "inconclusive";
  g.verdict = h;
}
function bars(r, h) {
  const step = `step ${(h.step ?? 0) + 1}`;
  const traffic = h.numbers?.traffic !== void 0 ? ` ${h.numbers.traffic}%` : "";
  if (h.kind === "step-started") open(r, `${step} deploy${traffic}`, h.at);
  else if (h.kind === "bake-started") open(r, `${step} bake${traffic}`, h.at);
  else if (h.kind === "step-passed" || h.kind === "region-promoted" || h.kind === "region-skipped") close(r, h.at);
  else if (h.kind === "region-awaiting-approval") open(r, `${step} waits for a person`, h.at);
  else if (h.kind === "region-approved") close(r, h.at);
  else if (h.kind === "region-failed") {
    close(r, h.at, true);
    point(r.bars, `${step} failed`, h.at, true);
  } else if (h.kind === "rollback-dispatched") open(r, "rollback", h.at, true);
  else if (h.kind === "region-rolled-back") {
    close(r, h.at);
    point(r.bars, "rolled back", h.at, true);
  } else if (h.kind === "rollback-failed") {
    close(r, h.at, true);
    point(r.bars, "ROLLBACK FAILED", h.at, true);
  }
}
function stage(facts, h) {
  if (h.stage === void 0 || h.region !== void 0) return;
  const s = stageOf(facts, h.stage);
  if (h.kind === "stage-awaiting-approval") s.waits.push({ label: "waits for approval", start: h.at, crit: false, milestone: false });
  else if (h.kind === "stage-approved") {
    const w = s.waits[s.waits.length - 1];
    if (w && w.end === void 0) w.end = h.at;
  } else if (h.kind === "stage-started") s.start ??= h.at;
  else if (h.kind === "stage-completed") s.end = h.at;
}
function historyFacts(state) {
  const facts = { regions: /* @__PURE__ */ new Map(), stages: /* @__PURE__ */ new Map(), release: [], compacted: false };
  for (const h of state.history) {
    facts.start ??= h.at;
    if (h.kind === "history-compacted") facts.compacted = true;
    if (RELEASE_POINTS.has(h.kind)) point(facts.release, h.kind.replace("release-", ""), h.at, h.kind !== "release-paused" && h.kind !== "release-finished");
    stage(facts, h);
    if (h.region === void 0 || FREEZE_KINDS.has(h.kind)) continue;
    const r = regionOf(facts, h.region);
    if (VERDICT_KINDS.has(h.kind)) r.latest = h;
    if (CAUSE_KINDS.has(h.kind)) r.cause = h;
    if (h.kind === "region-failed") r.failure = h;
    if (h.kind === "measurement" || h.kind === "gate-passed" || h.kind === "gate-failed" || h.kind === "gate-inconclusive") gate(r, h);
    bars(r, h);
    if (h.kind === "region-failed" && h.stage !== void 0) stageOf(facts, h.stage).failed = true;
  }
  return facts;
}

// src/report/timeline.ts
var MAX_REGION_BARS = 150;
var MARKS_PER_STAGE = 10;
var TEXT_TIMELINE_LINES = 40;
var DAY_MS = 864e5;
function line(t, id, now, finished2) {
  const going = t.bar.end === void 0 && !finished2;
  const tags = [t.bar.milestone ? "milestone" : going ? "active" : "done", ...t.bar.crit ? ["crit"] : []];
  const end = t.bar.milestone ? "0ms" : String(Math.max(t.bar.end ?? now, t.bar.start));
  return `  ${mermaidText(t.name)} :${tags.join(", ")}, b${id}, ${t.bar.start}, ${end}`;
}
var isTime = (t) => typeof t === "number" && Number.isSafeInteger(t);
function drawable(t) {
  return isTime(t.bar.start) && (t.bar.end === void 0 || isTime(t.bar.end));
}
function perRegion(plan, facts) {
  return plan.stages.map((stage2) => {
    const s = facts.stages.get(stage2.name);
    const tasks = (s?.waits ?? []).map((bar) => ({ name: `${stage2.name} ${bar.label}`, bar }));
    for (const region of stage2.regions) for (const bar of facts.regions.get(region)?.bars ?? []) tasks.push({ name: `${region} ${bar.label}`, bar });
    return { section: stage2.name, tasks };
  });
}
function perStage(plan, facts) {
  return plan.stages.map((stage2) => {
    const s = facts.stages.get(stage2.name);
    const tasks = (s?.waits ?? []).map((bar) => ({ name: bar.label, bar }));
    if (s?.start !== void 0) {
      const bar = { label: "", start: s.start, crit: s.failed, milestone: false, ...s.end !== void 0 ? { end: s.end } : {} };
      tasks.push({ name: `${stage2.regions.length} regions`, bar });
    }
    const marks = stage2.regions.flatMap(
      (region) => (facts.regions.get(region)?.bars ?? []).filter((b) => b.milestone).map((bar) => ({ name: `${region} ${bar.label}`, bar }))
    );
    tasks.push(...marks.slice(0, MARKS_PER_STAGE));
    const more = marks.slice(MARKS_PER_STAGE);
    const last = more[more.length - 1];
    if (last) tasks.push({ name: `${more.length} more marks`, bar: { ...last.bar, label: "" } });
    return { section: stage2.name, tasks };
  });
}
function regionBars(facts) {
  let n = 0;
  for (const r of facts.regions.values()) n += r.bars.length;
  return n;
}
function ganttBlock(state, plan, facts, perStageOnly = false) {
  if (facts.start === void 0) return void 0;
  const sections = perStageOnly || regionBars(facts) > MAX_REGION_BARS ? perStage(plan, facts) : perRegion(plan, facts);
  let id = 0;
  const body = [];
  for (const { section, tasks } of sections) {
    if (tasks.length === 0) continue;
    body.push(`  section ${mermaidText(section)}`);
    for (const t of tasks.filter(drawable)) body.push(line(t, ++id, state.now, state.outcome !== void 0));
  }
  if (facts.release.length > 0) {
    body.push("  section release");
    for (const t of facts.release.map((bar) => ({ name: bar.label, bar })).filter(drawable)) body.push(line(t, ++id, state.now, state.outcome !== void 0));
  }
  if (body.length === 0) return void 0;
  if (!isTime(state.now)) return void 0;
  const axis = state.now - facts.start > DAY_MS ? "%m-%d %H:%M" : "%H:%M";
  return ["```mermaid", "gantt", "  dateFormat x", `  axisFormat ${axis}`, "  todayMarker off", ...body, "```"].join("\n");
}
function stageItems(state, plan, facts, start) {
  const now = state.now;
  const ended = state.outcome?.at;
  const items = [];
  for (const stage2 of plan.stages) {
    const s = facts.stages.get(stage2.name);
    if (!s) continue;
    const name = markdownText(stage2.name);
    for (const w of s.waits) {
      const waited = w.end !== void 0 ? `waited ${durationText(w.end - w.start)} for approval` : ended !== void 0 ? `waited ${durationText((state.stop?.at ?? ended) - w.start)} for approval, not given` : `waits for approval (${durationText(now - w.start)} so far)`;
      items.push({ at: w.start, text: `\u270B stage **${name}** ${waited}` });
    }
    if (s.start === void 0) continue;
    const end = s.end !== void 0 ? `done at ${sinceText(s.end, start)} (${durationText(s.end - s.start)})` : ended !== void 0 ? `stopped at ${sinceText(ended, start)} (${durationText(ended - s.start)})` : `running (${durationText(now - s.start)} so far)`;
    items.push({ at: s.start, text: `${s.failed ? "\u274C" : "\u25B6\uFE0F"} stage **${name}** started, ${end}` });
  }
  return items;
}
function regionItems(facts) {
  const items = [];
  for (const [region, r] of facts.regions) {
    for (const bar of r.bars) {
      if (!bar.milestone) continue;
      const failure = r.failure ?? r.cause;
      const why = bar.label.endsWith("failed") && failure ? `: ${markdownText(truncate(failure.reason, 200))}` : "";
      items.push({ at: bar.start, text: `${bar.label === "rolled back" ? "\u21A9\uFE0F" : "\u274C"} **${markdownText(region)}** ${markdownText(bar.label)}${why}` });
    }
  }
  return items;
}
function textTimeline(state, plan, facts, lines = TEXT_TIMELINE_LINES) {
  const start = facts.start;
  if (start === void 0) return void 0;
  const release = facts.release.map((b) => ({ at: b.start, text: `\u{1F3C1} release ${markdownText(b.label)}` }));
  const items = [...stageItems(state, plan, facts, start), ...regionItems(facts), ...release].sort((a, b) => a.at - b.at);
  const text = items.map((i) => `- ${sinceText(i.at, start)} ${i.text}`);
  if (text.length <= lines) return text.join("\n");
  const half = Math.floor(lines / 2);
  return [
    ...text.slice(0, half),
    `- \u2026 ${text.length - 2 * half} more (the job summary's picture and the ledger's history have them)`,
    ...text.slice(-half)
  ].join("\n");
}

// src/report/commands.ts
var COMMAND_ROWS = 20;
var CELL_CHARS = 300;
var OLDER_KINDS = {
  "stage-approved": "approve",
  "region-approved": "approve",
  "release-held": "pause",
  "release-continued": "resume"
};
var instant = (h) => `${h.at}|${h.by ?? ""}`;
function commandEntries(state) {
  const given = /* @__PURE__ */ new Set();
  for (const h of state.history) if (h.kind === "command" || h.kind === "command-refused") given.add(instant(h));
  return state.history.filter((h) => {
    if (h.kind === "command" || h.kind === "command-refused") return true;
    if (h.by === void 0) return false;
    if (OLDER_KINDS[h.kind] !== void 0) return !given.has(instant(h));
    return h.kind === "ignored" && /^(approval|command) ignored/.test(h.reason);
  });
}
function target(h) {
  const parts = [h.stage !== void 0 ? `stage ${markdownCode(h.stage)}` : "", h.region !== void 0 ? `region ${markdownCode(h.region)}` : ""];
  return parts.filter(Boolean).join(", ");
}
function whatCell(h) {
  const name = h.kind === "command" ? h.reasonCode : OLDER_KINDS[h.kind];
  const where = target(h);
  if (name === void 0) return where || "\u2013";
  return where ? `${markdownCode(name)} (${where})` : markdownCode(name);
}
function resultCell(h) {
  const why = markdownText(truncate(h.reason, CELL_CHARS));
  const accepted2 = h.kind === "command" || OLDER_KINDS[h.kind] !== void 0;
  return accepted2 ? `\u2705 accepted: ${why}` : `\u26D4 refused (${markdownCode(h.reasonCode)}): ${why}`;
}
function runCell(h, runUrl2) {
  const id = h.numbers?.runId;
  if (id === void 0 || !Number.isSafeInteger(id)) return "\u2013";
  const href = safeLinkTarget(runUrl2?.(id));
  return href ? `[run ${id}](${href})` : `run ${id}`;
}
function commandRow(h, runUrl2) {
  return `| ${utcMinute(h.at)} | ${markdownText(h.by ?? "?")} | ${whatCell(h)} | ${resultCell(h)} | ${runCell(h, runUrl2)} |`;
}
var HEAD = ["| When (UTC) | Who | What | Result | Run |", "| --- | --- | --- | --- | --- |"];
function leftOut(n) {
  return `_${n.toLocaleString("en-US")} earlier ${n === 1 ? "entry" : "entries"} left out; the release's history in its ledger has them._`;
}
function commandsTable(state, opts = {}) {
  const entries = commandEntries(state);
  if (entries.length === 0) return void 0;
  const picked = entries.slice(-(opts.rows ?? COMMAND_ROWS)).map((h) => commandRow(h, opts.runUrl));
  const maxBytes = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  let bytes2 = Buffer.byteLength([leftOut(entries.length), "", ...HEAD].join("\n"), "utf8");
  const kept = [];
  for (let i = picked.length - 1; i >= 0; i--) {
    const row = picked[i] ?? "";
    const cost = Buffer.byteLength(row, "utf8") + 1;
    if (bytes2 + cost > maxBytes) break;
    kept.unshift(row);
    bytes2 += cost;
  }
  const left = entries.length - kept.length;
  return [...left > 0 ? [leftOut(left), ""] : [], ...HEAD, ...kept].join("\n");
}

// src/core/decide-context.ts
function log(ctx, entry2) {
  ctx.s.history.push({ at: ctx.at, ...entry2 });
}
function setPhase(ctx, r, phase) {
  const was = isActivePhase(r.phase);
  const will = isActivePhase(phase);
  ctx.s.counts[r.phase] -= 1;
  ctx.s.counts[phase] += 1;
  r.phase = phase;
  ctx.dirty.add(r.name);
  if (was && !will) delete ctx.s.active[r.name];
  else if (!was && will) ctx.s.active[r.name] = true;
}
function stageOf2(ctx, r) {
  const stage2 = ctx.plan.stages[r.stage];
  if (!stage2) throw new Error(`internal: region ${r.name} names stage #${r.stage}, which the plan does not have`);
  return stage2;
}
function trafficOf(ctx, r) {
  return stageOf2(ctx, r).steps[r.step]?.traffic ?? 0;
}
function ignore(ctx, event, why) {
  const entry2 = { kind: "ignored", reasonCode: "event-ignored", reason: `${event.type} ignored: ${why}` };
  if ("region" in event && typeof event.region === "string") entry2.region = event.region;
  if ("step" in event && typeof event.step === "number") entry2.step = event.step;
  if ("by" in event && typeof event.by === "string") entry2.by = event.by;
  log(ctx, entry2);
}

// src/core/ledger-text.ts
var SAFE_NAME = new RegExp(NAME_PATTERN);
var MAX_DATE_MS = 864e13;
function shownName(value) {
  if (typeof value === "number") return String(value);
  const text = String(value);
  if (SAFE_NAME.test(text)) return text;
  const cut = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return JSON.stringify(cut).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// src/core/command-record.ts
function commandOf(ev) {
  return ev.type === "approval" ? ev.decision : ev.name;
}
var LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}(\[bot\])?$/;
function login(by) {
  return LOGIN.test(by) ? by : shownName(by);
}
function who(ev) {
  const again = ev.origin?.triggeredBy;
  return again !== void 0 && again !== ev.by ? `${login(ev.by)} (re-run by ${login(again)})` : login(ev.by);
}
var PERSON_TEXT_MAX = 200;
var UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;
function personLine(text) {
  const line2 = text.replace(UNPRINTABLE, " ").trim();
  return line2.length > PERSON_TEXT_MAX ? `${line2.slice(0, PERSON_TEXT_MAX)}...` : line2;
}
function because(ev) {
  const text = ev.type === "command" ? ev.reason : ev.comment;
  const line2 = text !== void 0 ? personLine(text) : "";
  return line2 !== "" ? ` (reason: ${JSON.stringify(line2)})` : "";
}
function digestText(digest) {
  return /^(sha256:)?[0-9a-f]{1,64}$/.test(digest) ? digest : shownName(digest);
}
function asked(ev, target2) {
  const name = commandOf(ev);
  const region = target2.region ?? (ev.region !== void 0 ? shownName(ev.region) : void 0);
  const stage2 = target2.stage ?? (ev.stage !== void 0 ? shownName(ev.stage) : void 0);
  const on = region !== void 0 ? ` region ${region}` : stage2 !== void 0 ? ` stage ${stage2}` : "";
  switch (name) {
    case "abort":
    case "pause":
    case "resume":
      return `${name} the release`;
    case "rollback":
      return "roll back the release";
    case "adopt-plan":
      return ev.type === "command" && ev.digest !== void 0 ? `adopt plan ${digestText(ev.digest)}` : "adopt the changed plan";
    case "promote":
      return "promote (approve everything that waits for a person)";
    default:
      return `${name}${on}`;
  }
}
function entry(ev, kind, reasonCode, reason, target2) {
  return {
    kind,
    by: ev.by,
    ...target2.stage !== void 0 ? { stage: target2.stage } : {},
    ...target2.region !== void 0 ? { region: target2.region } : {},
    reasonCode,
    reason,
    ...ev.origin !== void 0 ? { numbers: { runId: ev.origin.runId } } : {}
  };
}
function accepted(ctx, ev, reasonCode, done, target2 = {}) {
  log(ctx, entry(ev, "command", reasonCode, `${who(ev)} ${done}${because(ev)}`, target2));
}
function refused(ctx, ev, reasonCode, why, target2 = {}) {
  log(ctx, entry(ev, "command-refused", reasonCode, `${who(ev)} asked to ${asked(ev, target2)}${because(ev)}; refused: ${why}`, target2));
}
function when(at) {
  return Number.isFinite(at) && Math.abs(at) <= MAX_DATE_MS ? new Date(at).toISOString() : String(at);
}

// src/core/stats/burn-rate.ts
function burnRate(counts, objective) {
  if (!(counts.total > 0)) return NaN;
  const bad = Math.max(0, counts.total - counts.good);
  return bad / counts.total / (1 - objective);
}
function budgetRemaining(counts, objective) {
  if (!(counts.total > 0)) return NaN;
  const bad = Math.max(0, counts.total - counts.good);
  return 1 - bad / ((1 - objective) * counts.total);
}

// src/core/slo-gate.ts
function formatBurn(rate) {
  return `${rate >= 10 ? rate.toFixed(1) : Number(rate.toPrecision(2))}x`;
}
function countsOf(reads, window2) {
  const read = (o, what) => {
    if (o.kind === "error") return { error: `${what} over ${window2}: ${o.message}` };
    if (o.kind === "no-data") return { noData: `${what} over ${window2}: ${o.detail}` };
    return Number.isFinite(o.value) ? o.value : { noData: `${what} over ${window2} is ${String(o.value)}` };
  };
  const good = read(reads.good, "good events");
  const total = read(reads.total, "total events");
  for (const r of [good, total]) if (typeof r === "object" && "error" in r) return r;
  for (const r of [good, total]) if (typeof r === "object") return r;
  if (typeof total !== "number" || typeof good !== "number") return { noData: `no events over ${window2}` };
  if (!(total > 0)) return { noData: `no events over ${window2} (total ${total})` };
  if (good < 0 || good > total) {
    return {
      error: `good events ${good} and total events ${total} over ${window2} do not fit (good must be from 0 to total): check that slo.good and slo.total count the same events`
    };
  }
  return { counts: { good, total } };
}
function windowBurn(reads, windowMs, objective) {
  const c = countsOf(reads, formatDuration(windowMs));
  if (!("counts" in c)) return c;
  return { rate: burnRate(c.counts, objective) };
}
function assessSlo(obs, gate2) {
  const slo = gate2.slo;
  const numbers = { factor: slo.factor, objective: slo.objective };
  if (obs.kind !== "slo") {
    return { phase: "error", reasonCode: "metric-error", reason: `slo gate ${gate2.name} was answered with one value, not its good/total reads`, numbers };
  }
  const short = windowBurn(obs.short, slo.shortMs, slo.objective);
  const long = windowBurn(obs.long, slo.longMs, slo.objective);
  const errors = [short, long].flatMap((w) => "error" in w ? [w.error] : []);
  if (errors.length > 0) return { phase: "error", reasonCode: "metric-error", reason: `metric backend error: ${errors.join("; ")}`, numbers };
  if (!("rate" in short) || !("rate" in long)) {
    const detail = [short, long].flatMap((w) => "noData" in w ? [w.noData] : []).join("; ");
    const policy = gate2.onNoData === "pass" ? { ...gate2, onNoData: "inconclusive" } : gate2;
    const v = assessObservation({ kind: "no-data", detail }, policy);
    const note = gate2.onNoData === "pass" ? " (onNoData: pass does not pass an slo gate without events)" : "";
    return { ...v, reason: `${v.reason}${note}`, numbers: { ...v.numbers, ...numbers } };
  }
  const both = short.rate > slo.factor && long.rate > slo.factor;
  const measured = { ...numbers, burnRateShort: short.rate, burnRateLong: long.rate };
  const rates = `burn rate ${formatBurn(short.rate)} over ${formatDuration(slo.shortMs)} and ${formatBurn(long.rate)} over ${formatDuration(slo.longMs)}`;
  const objective = `(objective ${formatPercent(slo.objective)})`;
  if (both) {
    return {
      phase: "failed",
      reasonCode: "burn-rate-above-factor",
      reason: `${rates}, both above ${formatBurn(slo.factor)} ${objective}`,
      numbers: { ...measured, threshold: slo.factor }
    };
  }
  const which = short.rate > slo.factor ? "only the short window" : long.rate > slo.factor ? "only the long window" : "neither";
  return {
    phase: "successful",
    reasonCode: "burn-rate-within-factor",
    reason: `${rates}: ${which} above ${formatBurn(slo.factor)} ${objective}`,
    numbers: measured
  };
}

// src/core/freeze.ts
function sloOf(ctx, f) {
  const gate2 = ctx.plan.gates[f.slo];
  return gate2?.slo ? { ...gate2, slo: gate2.slo } : void 0;
}
function freezeRegions(ctx, f, index) {
  return f.regions ?? ctx.plan.stages[index]?.regions ?? [];
}
function frozenBefore(ctx, index) {
  const { s, plan } = ctx;
  const f = plan.freeze;
  if (!f || index > 0 && !f.beforeEachStage || s.freezeCleared?.includes(index)) return false;
  if (s.freeze?.stage === index) return true;
  askBudget(ctx, index);
  return true;
}
function askBudget(ctx, index) {
  const f = ctx.plan.freeze;
  const stage2 = ctx.plan.stages[index];
  if (!f || !stage2) return;
  const prev = ctx.s.freeze?.stage === index ? ctx.s.freeze : void 0;
  ctx.s.freeze = {
    stage: index,
    phase: "reading",
    at: ctx.at,
    ...prev?.reasonCode !== void 0 ? { reasonCode: prev.reasonCode } : {},
    ...prev?.reason !== void 0 ? { reason: prev.reason } : {},
    ...figureOf(prev ?? {}),
    ...prev?.retries !== void 0 ? { retries: prev.retries } : {},
    ...prev?.heldSince !== void 0 ? { heldSince: prev.heldSince } : {}
  };
  ctx.fx.push({ type: "read-budget", stage: stage2.name, regions: freezeRegions(ctx, f, index), at: ctx.at });
}
function resumeFreeze(ctx) {
  const fr = ctx.s.freeze;
  if (fr && !ctx.s.stop) askBudget(ctx, fr.stage);
  const f = ctx.plan.freeze;
  for (const o of ctx.s.freezeOverrides ?? []) {
    const index = ctx.plan.stages.findIndex((st) => st.name === o.stage);
    if (o.readAt === void 0 || !f || index < 0) continue;
    o.readAt = ctx.at;
    ctx.fx.push({ type: "read-budget", stage: o.stage, regions: freezeRegions(ctx, f, index), at: ctx.at });
  }
}
function judgeBudget(ev, objective, window2, regions) {
  let worst;
  for (const region of regions) {
    const read = ev.reads.find((x) => x.region === region);
    if (!read) return { why: `no answer for ${region}`, region };
    const c = countsOf(read, window2);
    if ("error" in c) return { why: `${region}: ${c.error}`, region };
    if ("noData" in c) return { why: `${region}: ${c.noData}`, region };
    const remaining = budgetRemaining(c.counts, objective);
    if (!worst || remaining < worst.remaining) worst = { remaining, region };
  }
  return worst ?? { why: "no region to read" };
}
function figureOf(x) {
  return { ...x.budgetRemaining !== void 0 ? { budgetRemaining: x.budgetRemaining } : {}, ...x.region !== void 0 ? { region: x.region } : {} };
}
function judgeRead(ctx, f, index, ev) {
  const gate2 = f ? sloOf(ctx, f) : void 0;
  if (!f || !gate2) {
    const why = f ? `freeze.slo '${f.slo}' is not an slo gate of the plan` : "the plan has no freeze now";
    const against = f ? ` against the floor ${formatPercent(f.floor)}` : "";
    return { reasonCode: "error-budget-unknown", reason: `${why}, so the error budget cannot be judged${against}`, numbers: f ? { floor: f.floor } : {} };
  }
  const period = formatDuration(f.periodMs);
  const judged = judgeBudget(ev, gate2.slo.objective, period, freezeRegions(ctx, f, index));
  const numbers = { floor: f.floor, objective: gate2.slo.objective };
  const what = `the error budget of ${f.slo} over ${period} (objective ${formatPercent(gate2.slo.objective)})`;
  const floor = formatPercent(f.floor);
  if ("why" in judged) {
    const reason = `${what} could not be read against the floor ${floor} (${judged.why}); missing data is never a pass`;
    return { reasonCode: "error-budget-unknown", reason, numbers, ...figureOf(judged) };
  }
  const below = judged.remaining < f.floor;
  const left = `${formatPercent(Math.max(judged.remaining, -99.99))} left in ${judged.region}`;
  return {
    reasonCode: below ? "error-budget-exhausted" : "error-budget-ok",
    reason: `${what}: ${left}, ${below ? "below" : "at or above"} the floor ${floor}`,
    numbers: { ...numbers, budgetRemaining: judged.remaining },
    ...figureOf({ budgetRemaining: judged.remaining, region: judged.region })
  };
}
function onBudgetRead(ctx, ev, enter) {
  const { s, plan } = ctx;
  const fr = s.freeze;
  const f = plan.freeze;
  const stage2 = fr ? plan.stages[fr.stage] : void 0;
  if (!fr || !f || !stage2 || fr.phase !== "reading" || ev.stage !== stage2.name || !(ev.at >= fr.at)) return onOverrideRead(ctx, ev);
  if (s.stop) return false;
  const v = judgeRead(ctx, f, fr.stage, ev);
  if (v.reasonCode !== "error-budget-ok") {
    hold(ctx, v);
    return true;
  }
  s.freeze = void 0;
  (s.freezeCleared ??= []).push(fr.stage);
  log(ctx, { kind: "freeze-lifted", stage: stage2.name, ...regionField(v), reasonCode: "error-budget-ok", reason: v.reason, numbers: v.numbers });
  enter(fr.stage);
  return true;
}
var regionField = (v) => v.region !== void 0 ? { region: v.region } : {};
function onOverrideRead(ctx, ev) {
  const index = ctx.plan.stages.findIndex((st) => st.name === ev.stage);
  const stage2 = ctx.plan.stages[index];
  const o = ctx.s.freezeOverrides?.find((x) => x.readAt !== void 0 && x.stage === ev.stage && ev.at >= x.readAt);
  if (!o || !stage2) return false;
  const v = judgeRead(ctx, ctx.plan.freeze, index, ev);
  delete o.readAt;
  delete o.budgetRemaining;
  delete o.region;
  Object.assign(o, { reasonCode: v.reasonCode, ...figureOf(v) });
  log(ctx, {
    kind: "freeze-override-read",
    stage: stage2.name,
    ...regionField(v),
    by: o.by,
    reasonCode: v.reasonCode,
    reason: `the budget read in flight when ${login(o.by)} overrode the freeze came back: ${v.reason}; the override stands (stage ${stage2.name} started with it and is not held again)`,
    numbers: v.numbers
  });
  return true;
}
var FREEZE_RETRY = { firstMs: 6e4, maxMs: 15 * 6e4 };
function retryDelay(code, retries) {
  if (code !== "error-budget-unknown") return FREEZE_RETRY.maxMs;
  return Math.min(FREEZE_RETRY.maxMs, FREEZE_RETRY.firstMs * 2 ** Math.min(retries, 10));
}
function hold(ctx, v) {
  const fr = ctx.s.freeze;
  const stage2 = fr ? ctx.plan.stages[fr.stage] : void 0;
  if (!fr || !stage2) return;
  const retries = fr.retries ?? 0;
  const delay = retryDelay(v.reasonCode, retries);
  const unknown = v.reasonCode === "error-budget-unknown" ? ", so the release holds" : "";
  const text = `${v.reason}${unknown}; stage ${stage2.name} does not start until the budget recovers (read again in ${formatDuration(delay)}, and on resume) or a person gives override-freeze`;
  ctx.s.freeze = {
    stage: fr.stage,
    phase: "held",
    at: fr.at,
    reasonCode: v.reasonCode,
    reason: text,
    ...figureOf(v),
    retryAt: ctx.at + delay,
    retries: retries + 1,
    heldSince: fr.heldSince ?? ctx.at
  };
  log(ctx, { kind: "release-frozen", stage: stage2.name, ...regionField(v), reasonCode: v.reasonCode, reason: text, numbers: v.numbers });
  if (retries === 0 || fr.reasonCode !== v.reasonCode) ctx.fx.push({ type: "report", headline: `release frozen: ${v.reasonCode}` });
}
function freezeWakeAt(s) {
  if (s.status !== "paused" || s.stop !== void 0 || s.planChanged !== void 0) return void 0;
  return s.freeze?.phase === "held" ? s.freeze.retryAt : void 0;
}
function retryFreeze(ctx) {
  const fr = ctx.s.freeze;
  if (fr?.phase !== "held" || fr.retryAt === void 0 || fr.retryAt > ctx.at || ctx.s.stop) return;
  askBudget(ctx, fr.stage);
}
function freezeHolds(fr) {
  return fr?.phase === "held" || fr?.phase === "reading" && fr.retries !== void 0;
}
function freezePause(s) {
  const fr = s.freeze;
  return freezeHolds(fr) && fr?.reasonCode && fr.reason ? { reasonCode: fr.reasonCode, reason: fr.reason } : void 0;
}
function onOverrideFreeze(ctx, ev, enter) {
  const fr = ctx.s.freeze;
  const stage2 = fr ? ctx.plan.stages[fr.stage] : void 0;
  if (!fr || !stage2) {
    refused(ctx, ev, "not-frozen", "the release is not held by the freeze");
    return;
  }
  const reading = fr.phase === "reading";
  ctx.s.freeze = void 0;
  (ctx.s.freezeCleared ??= []).push(fr.stage);
  (ctx.s.freezeOverrides ??= []).push({
    by: ev.by,
    at: ctx.at,
    stage: stage2.name,
    ...fr.reasonCode ? { reasonCode: fr.reasonCode } : {},
    ...figureOf(fr),
    ...reading ? { readAt: fr.at } : {}
  });
  const code = fr.reasonCode ? ` (${fr.reasonCode})` : reading ? " (its error budget still being read)" : "";
  accepted(ctx, ev, "override-freeze", `overrode the freeze of stage ${stage2.name}${code}: it starts`);
  const held = fr.reason !== void 0 ? `; it held: ${fr.reason}` : "";
  const pending = reading ? "; the error budget was being read: its answer is recorded against this override when it comes" : "";
  const floor = ctx.plan.freeze ? { floor: ctx.plan.freeze.floor } : {};
  log(ctx, {
    kind: "freeze-lifted",
    stage: stage2.name,
    ...regionField(fr),
    by: ev.by,
    reasonCode: "freeze-overridden",
    reason: `${who(ev)} overrode the freeze${because(ev)}${held}${pending}`,
    numbers: { ...floor, ...fr.budgetRemaining !== void 0 ? { budgetRemaining: fr.budgetRemaining } : {} }
  });
  enter(fr.stage);
}

// src/report/waiting.ts
var DEFAULT_PEOPLE = { workflowFile: "release.yml" };
var REGIONS_LISTED = 5;
var REASON_CHARS = 300;
function heldRegions(state) {
  const held = [];
  for (const name of Object.keys(state.active)) {
    const r = state.regions[name];
    if (r?.phase === "awaiting-approval") held.push(r);
  }
  return held;
}
function regionWait(state, r) {
  const gates = Object.entries(r.bake?.gates ?? {}).filter(([, c]) => c.status === "inconclusive").map(([g]) => g);
  const stage2 = state.stages[r.stage]?.name;
  return {
    kind: "region",
    region: r.name,
    ...stage2 !== void 0 ? { stage: stage2 } : {},
    step: r.step,
    gates,
    reason: r.approval?.reason ?? "held",
    since: r.approval?.requestedAt ?? state.now,
    deadline: r.approval?.deadline ?? state.now
  };
}
function whatWaits(state) {
  if (state.status === "finished" || state.status === "pending") return [];
  const waits = [];
  const pc = state.planChanged;
  if (pc) waits.push({ kind: "plan", reasonCode: pc.reasonCode, digest: pc.digest, reason: pc.reason, since: pc.at });
  if (state.stop) return waits;
  const fr = state.freeze;
  const frozen = freezePause(state);
  const stage2 = fr ? state.stages[fr.stage]?.name : void 0;
  if (fr && frozen && stage2 !== void 0) waits.push({ kind: "freeze", stage: stage2, ...frozen, since: fr.heldSince ?? fr.at });
  const st = state.stages[state.stage];
  if (st?.phase === "awaiting-approval")
    waits.push({ kind: "stage", stage: st.name, since: st.approval?.requestedAt ?? state.now, deadline: st.approval?.deadline ?? state.now });
  for (const r of heldRegions(state)) waits.push(regionWait(state, r));
  if (state.hold) waits.push({ kind: "hold", by: state.hold.by, reason: state.hold.reason, since: state.hold.at });
  if (waits.length === 0 && state.status === "paused") waits.push({ kind: "paused", reason: state.pause?.reason ?? "waiting for a person" });
  return waits;
}
var MARKDOWN = { text: markdownText, name: markdownCode };
var PLAIN = { text: oneLine, name: oneLine };
function reasonOf(w, reason) {
  return w.text(truncate(reason, REASON_CHARS));
}
function describeWait(wait, now, w = MARKDOWN) {
  switch (wait.kind) {
    case "plan":
      return `The release is held for its plan since ${utcMinute(wait.since)}: ${reasonOf(w, wait.reason)}`;
    case "stage":
      return `Stage ${w.name(wait.stage)} waits for an approval since ${utcMinute(wait.since)}, ${deadlineText(wait.deadline, now)}; then the release stops (approval-timeout).`;
    case "region": {
      const gates = wait.gates.length ? ` by gate ${wait.gates.map(w.name).join(", ")}` : "";
      const where = wait.stage !== void 0 ? ` (stage ${w.name(wait.stage)}, step ${wait.step + 1})` : "";
      return `Region ${w.name(wait.region)}${where} is held${gates} since ${utcMinute(wait.since)}: ${reasonOf(w, wait.reason)}; ${deadlineText(wait.deadline, now)}, then the region fails (approval-timeout).`;
    }
    case "hold":
      return `Paused by ${w.text(wait.by)} since ${utcMinute(wait.since)}: ${reasonOf(w, wait.reason)}; no new step or region starts until resume.`;
    case "paused":
      return `The release is paused: ${reasonOf(w, wait.reason)}`;
    case "freeze":
      return `Stage ${w.name(wait.stage)} is held by the release freeze (${w.text(wait.reasonCode)}) since ${utcMinute(wait.since)}: ${reasonOf(w, wait.reason)}.`;
  }
}
var STAGE_NAME = new RegExp(NAME_PATTERN);
var REGION_NAME = new RegExp(REGION_PATTERN);
var WORKFLOW_FILE = /^[A-Za-z0-9._-]{1,100}\.ya?ml$/;
var DIGEST = /^(sha256:)?[0-9a-f]{64}$/;
function commandsFor(waits) {
  const out = [];
  const held = waits.filter((x) => x.kind === "region");
  for (const wait of waits) {
    if (wait.kind === "plan" && wait.reasonCode === "plan-changed")
      out.push({ command: DIGEST.test(wait.digest) ? `adopt-plan:${shortDigest(wait.digest)}` : "adopt-plan" });
    else if (wait.kind === "stage") out.push({ command: "approve", stage: wait.stage }, { command: "reject", stage: wait.stage });
    else if (wait.kind === "hold") out.push({ command: "resume" });
    else if (wait.kind === "freeze") out.push({ command: "override-freeze" });
  }
  const first = held[0];
  if (first?.kind === "region") out.push({ command: "approve", region: first.region }, { command: "reject", region: first.region });
  if (held.length > 1) out.push({ command: "promote" });
  out.push({ command: "abort" });
  return out;
}
function arg(field, value) {
  if (value === void 0) return "";
  const ok = field === "stage" ? STAGE_NAME.test(value) : REGION_NAME.test(value);
  return ` -f ${field}=${ok ? value : `<${field}>`}`;
}
function ghCommand(people, releaseId, c) {
  const file = WORKFLOW_FILE.test(people.workflowFile) ? people.workflowFile : "<release workflow>";
  const release = isReleaseId(releaseId) ? releaseId : "<release id>";
  return `gh workflow run ${file} -f command=${c.command} -f release=${release}${arg("stage", c.stage)}${arg("region", c.region)}`;
}
function route(people, releaseId, c, markdown) {
  const file = WORKFLOW_FILE.test(people.workflowFile) ? people.workflowFile : "the release workflow";
  const href = markdown ? safeLinkTarget(people.workflowUrl) : void 0;
  const workflow = href ? `[${file}](${href})` : file;
  const fields = [`command: ${c.command}`, `release: ${isReleaseId(releaseId) ? releaseId : "<release id>"}`];
  if (c.stage !== void 0) fields.push(`stage: ${STAGE_NAME.test(c.stage) ? c.stage : "<stage>"}`);
  if (c.region !== void 0) fields.push(`region: ${REGION_NAME.test(c.region) ? c.region : "<region>"}`);
  return `Actions tab \u2192 ${workflow} \u2192 Run workflow \u2192 ${fields.join(", ")}`;
}
function codeLine(text) {
  return /^[A-Za-z0-9 ._:=<>/-]+$/.test(text) ? `\`${text}\`` : markdownText(text);
}
function whoMayApprove(state, plan, waits, w) {
  const wait = waits.find((x) => x.kind === "stage" || x.kind === "region" || x.kind === "freeze");
  if (!wait) return void 0;
  const stage2 = plan.stages.find((s) => s.name === wait.stage);
  const { approvals } = plan;
  const users = stage2?.approval?.users.length ? stage2.approval.users : approvals.users;
  const teams = stage2?.approval?.teams.length ? stage2.approval.teams : approvals.teams;
  const people = [...users.map(w.name), ...teams.map((t) => `a member of team ${w.name(t)}`)];
  const who2 = people.length ? `${people.join(", ")}, with` : "anyone with";
  const self2 = !approvals.allowSelfApproval && state.initiator !== void 0 ? `; not ${w.text(state.initiator)}, who started the release` : "";
  return `Who may approve: ${who2} ${approvals.minPermission} permission or more${self2}.`;
}
function waitingBlock(state, plan, people = DEFAULT_PEOPLE) {
  const waits = whatWaits(state);
  if (waits.length === 0) return void 0;
  const held = waits.filter((x) => x.kind === "region");
  const lines = [`### \u270B Release ${markdownCode(state.releaseId)} waits for a person`, ""];
  let regions = 0;
  for (const wait of waits) if (wait.kind !== "region" || regions++ < REGIONS_LISTED) lines.push(`- ${describeWait(wait, state.now)}`);
  if (held.length > REGIONS_LISTED) lines.push(`- \u2026 and ${(held.length - REGIONS_LISTED).toLocaleString("en-US")} more regions held (the table lists them)`);
  const who2 = whoMayApprove(state, plan, waits, MARKDOWN);
  if (who2) lines.push("", who2);
  const commands = commandsFor(waits);
  lines.push("", "To go on, give one of these commands (each is a run of the release workflow):", "");
  for (const c of commands) lines.push(`- ${c.command.split(":")[0]}: ${codeLine(ghCommand(people, state.releaseId, c))}`);
  if (held.length > 1) lines.push("- the other held regions: the same lines with their own `-f region=`");
  const first = commands[0];
  if (first) lines.push("", `Or in the browser: ${route(people, state.releaseId, first, true)}.`);
  lines.push("Add `-f reason=...` to say why: the release history keeps it with your name.");
  return lines.join("\n");
}
function waitingNotice(state, _plan, people = DEFAULT_PEOPLE) {
  const waits = whatWaits(state);
  if (waits.length === 0) return void 0;
  const [first, ...more] = waits;
  const what = first ? describeWait(first, state.now, PLAIN).replace(/\.$/, "") : "";
  const others = more.length ? ` (and ${more.length} more waiting)` : "";
  const [go, alt] = commandsFor(waits);
  const alternative = alt && alt.command !== "abort" ? `, or ${alt.command}` : "";
  const how = go ? ` To go on: ${ghCommand(people, state.releaseId, go)}${alternative} (or ${route(people, state.releaseId, go, false)}).` : "";
  return `Release ${oneLine(state.releaseId)} waits for a person: ${what}${others}.${how}`;
}

// src/report/summary.ts
var PROBLEM_KINDS = /* @__PURE__ */ new Set([
  "gate-failed",
  "gate-inconclusive",
  "run-timeout",
  "dispatch-failed",
  "region-failed",
  "rollback-failed",
  "release-stopped",
  "release-halted",
  "release-frozen"
]);
function rowsWithin(rows, budget) {
  const cost = (r) => Buffer.byteLength(r.text, "utf8") + 1;
  let total = rows.reduce((n, r) => n + cost(r), 0);
  const out = new Set(rows);
  const dropOrder = [...rows.filter((r) => r.phase === "pending").reverse(), ...rows.filter((r) => r.phase !== "pending").reverse()];
  for (const r of dropOrder) {
    if (total <= budget) break;
    out.delete(r);
    total -= cost(r);
  }
  return rows.filter((r) => out.has(r));
}
function leftOutNote(left, pending, all, maxBytes, elsewhere) {
  const which = left > 0 && pending === left ? ", all pending" : pending > 0 ? `, ${pending.toLocaleString("en-US")} of them pending` : "";
  return `_Rows for ${left.toLocaleString("en-US")} of ${all.toLocaleString("en-US")} regions left out${which}, to fit the limit of ${maxBytes.toLocaleString("en-US")} bytes: ${elsewhere}._`;
}
function entryTime(ms, start) {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return "?";
  const clock = `${d.toISOString().slice(11, 19)} UTC`;
  return start !== void 0 && ms >= start ? `${sinceText(ms, start)} (${clock})` : clock;
}
var REASON_CHARS2 = 1e3;
function verdictLine(h, start, chars = REASON_CHARS2) {
  const where = [h.region, h.step !== void 0 ? `step ${h.step + 1}` : void 0, h.gate].filter(Boolean).join(", ");
  return `- ${entryTime(h.at, start)} **${h.kind}**${where ? ` (${markdownText(where)})` : ""}: ${markdownText(truncate(h.reason, chars))} ${markdownCode(h.reasonCode)}`;
}
function verdictLines(picked, start, n, chars) {
  if (picked.length === 0) return "_No verdicts yet._";
  return picked.slice(-n).reverse().map((h) => verdictLine(h, start, chars)).join("\n");
}
function problemLines(picked, start, n, chars) {
  if (picked.length === 0) return void 0;
  const lines = picked.slice(0, n).map((h) => verdictLine(h, start, chars));
  if (picked.length > n) lines.push(`- \u2026 and ${picked.length - n} more (the check run's state has them all)`);
  return lines.join("\n");
}
var LEVELS = [
  { compact: false, timelineLines: TEXT_TIMELINE_LINES, problems: 20, verdicts: Number.POSITIVE_INFINITY, reasonChars: REASON_CHARS2 },
  { compact: true, timelineLines: TEXT_TIMELINE_LINES / 2, problems: 10, verdicts: 5, reasonChars: 200 },
  { compact: true, timelineLines: 10, problems: 5, verdicts: 3, reasonChars: 100 },
  { compact: true, brief: true, timelineLines: 10, problems: 5, verdicts: 3, reasonChars: 100 }
];
var COMMANDS_SHARE = 4;
function timelineSection(state, plan, facts, form, level) {
  if (form === "mermaid") return ganttBlock(state, plan, facts, level.compact);
  return textTimeline(state, plan, facts, level.timelineLines);
}
function releaseSummary(state, plan, opts = {}) {
  const maxBytes = opts.maxBytes ?? CHECK_RUN_TEXT_BYTES;
  const people = opts.people ?? DEFAULT_PEOPLE;
  const facts = historyFacts(state);
  const runStatus = opts.runStatus ?? (() => void 0);
  const wrongEntries = state.history.filter((h) => PROBLEM_KINDS.has(h.kind));
  const verdictEntries = state.history.filter((h) => VERDICT_KINDS.has(h.kind));
  const waiting = waitingBlock(state, plan, people);
  const commands = commandsTable(state, {
    ...people.runUrl ? { runUrl: people.runUrl } : {},
    rows: opts.commands ?? 20,
    maxBytes: Math.floor(maxBytes / COMMANDS_SHARE)
  });
  const approvalRun = environmentApprovalLine(state, plan, runStatus);
  const compacted = facts.compacted ? ["", "_Gate ranges cover the measurements the ledger kept (older ones were left out to fit its size; the job logs have them)._"] : [];
  const before = [
    ...waiting ? [waiting, ""] : [],
    headline(state, facts),
    "",
    detailsLine(state),
    ...approvalRun ? ["", approvalRun] : [],
    "",
    ...TABLE_HEAD
  ];
  const after = (level) => {
    const timeline = timelineSection(state, plan, facts, opts.timeline ?? "text", level);
    const wrong = problemLines(wrongEntries, state.startedAt, level.problems, level.reasonChars);
    return [
      ...compacted,
      ...wrong ? ["", "#### What went wrong", "", wrong] : [],
      ...timeline ? ["", "#### Timeline", "", timeline] : [],
      ...commands ? ["", "#### Approvals and commands", "", commands] : [],
      "",
      "#### Latest verdicts",
      "",
      verdictLines(verdictEntries, state.startedAt, Math.min(opts.verdicts ?? 10, level.verdicts), level.reasonChars)
    ];
  };
  let rows = [];
  let last = LEVELS[0];
  for (const level of LEVELS) {
    if (level.compact !== last.compact || level.brief !== last.brief || rows.length === 0)
      rows = regionRows(state, plan, facts, { runStatus, compact: level.compact, ...level.brief ? { brief: level.brief } : {} });
    last = level;
    const whole = [...before, ...rows.map((r) => r.text), ...after(level)].join("\n");
    if (Buffer.byteLength(whole, "utf8") <= maxBytes) return whole;
  }
  const elsewhere = opts.elsewhere ?? "the job summary of the run driving the release has the full table";
  const longest = leftOutNote(rows.length, Math.max(rows.length - 1, 1), rows.length, maxBytes, elsewhere);
  const fixed = Buffer.byteLength([...before, "", longest, ...after(last)].join("\n"), "utf8");
  const kept = new Set(rowsWithin(rows, maxBytes - fixed));
  const left = rows.filter((r) => !kept.has(r));
  const note = leftOutNote(left.length, left.filter((r) => r.phase === "pending").length, rows.length, maxBytes, elsewhere);
  return fitSummary([...before, ...rows.filter((r) => kept.has(r)).map((r) => r.text), "", note, ...after(last)].join("\n"), maxBytes);
}

// src/core/effects.ts
var SAVE_FIRST = /* @__PURE__ */ new Set([
  "dispatch-deploy",
  "dispatch-rollback",
  "dispatch-approval",
  "create-deployment",
  "cancel-run",
  "cancel-approval-run",
  "request-approval",
  "finish"
]);
var IRREVERSIBLE_TYPES = /* @__PURE__ */ new Set(["dispatch-deploy", "dispatch-rollback", "dispatch-approval", "create-deployment"]);
function needsSavedState(effect) {
  return SAVE_FIRST.has(effect.type);
}
function isIrreversible(effect) {
  return IRREVERSIBLE_TYPES.has(effect.type);
}
function barredAfterHalt(effect) {
  return isIrreversible(effect) || effect.type === "cancel-run" || effect.type === "cancel-approval-run";
}
var CANCEL_REASON = {
  "late-run": "no longer wanted",
  "duplicate-run": "duplicate run for one step",
  "timed-out": "timed out",
  "region-failed": "region failed",
  "release-stopped": "release stopped"
};
function cancelEffect(region, kind, runId, cause) {
  return { type: "cancel-run", region, kind, runId, reason: CANCEL_REASON[cause], cause };
}

// src/core/approval-run.ts
function environmentOf(ctx, index) {
  return ctx.plan.stages[index]?.approval?.environment;
}
function openApprovalRun(st) {
  const run = st?.approvalRun;
  return run && !run.done ? run : void 0;
}
function approvalRunInFlight(s) {
  const st = s.stages[s.stage];
  const run = openApprovalRun(st);
  return st && run?.runId !== void 0 ? { stage: st.name, runId: run.runId } : void 0;
}
function approvalDispatchEffect(stage2, environment, run) {
  return { type: "dispatch-approval", stage: stage2, environment, correlationId: run.correlationId };
}
function askEnvironmentReviewers(ctx, index, wait) {
  const st = ctx.s.stages[index];
  const env = environmentOf(ctx, index);
  if (!st || !env) return;
  st.phase = "awaiting-approval";
  st.approval = { requestedAt: wait.requestedAt, deadline: wait.deadline };
  log(ctx, {
    kind: "stage-awaiting-approval",
    stage: st.name,
    reasonCode: "environment-approval-required",
    reason: `stage ${st.name} waits for the required reviewers of GitHub environment '${env.name}': they approve or reject it in the run of ${env.workflow} ("Review deployments")`
  });
  if (st.approvalRun) return;
  const run = { correlationId: approvalCorrelationId(ctx.s.releaseId, st.name), dispatchedAt: ctx.at, done: false };
  st.approvalRun = run;
  ctx.fx.push(approvalDispatchEffect(st.name, env.name, run));
}
function closeApprovalRun(ctx, st, why) {
  const run = openApprovalRun(st);
  if (!run) return "";
  run.done = true;
  if (run.runId === void 0) return `; its approval run was not started yet (${why})`;
  ctx.fx.push({ type: "cancel-approval-run", stage: st.name, runId: run.runId, reason: why });
  log(ctx, {
    kind: "run-finished",
    stage: st.name,
    reasonCode: "approval-run-cancelled",
    reason: `approval run ${run.runId} of stage ${st.name} is cancelled: ${why}`,
    numbers: { runId: run.runId }
  });
  return `; approval run ${run.runId} cancelled (${why})`;
}
function settleApprovalRun(ctx) {
  const st = ctx.s.stages[ctx.s.stage];
  if (st && st.phase !== "awaiting-approval" && openApprovalRun(st)) closeApprovalRun(ctx, st, `the stage is ${st.phase}`);
}

// src/core/deployment-records.ts
function stepLabel(ctx, r, step = r.step) {
  const steps = stageOf2(ctx, r).steps;
  return `step ${step + 1}/${steps.length} at ${steps[step]?.traffic ?? 0}%`;
}
var statusKey = (x) => `${x.state}@${x.step}`;
function deploymentStatus(ctx, r, state, description, opts = {}) {
  const step = opts.step ?? r.step;
  const want = { state, step, description: description.slice(0, STATUS_DESCRIPTION_MAX) };
  const runUrl2 = opts.runUrl ?? [...r.runs].reverse().find((x) => x.kind === "deploy" && x.step === step)?.htmlUrl;
  if (runUrl2 !== void 0) want.runUrl = runUrl2;
  const confirmed = r.deploymentStatus?.confirmed;
  if (confirmed !== void 0) want.confirmed = confirmed;
  r.deploymentStatus = want;
  emitStatus(ctx, r, want);
}
function emitStatus(ctx, r, want) {
  const id = r.deploymentId;
  if (id === void 0) return;
  const effect = {
    type: "set-deployment-status",
    region: r.name,
    step: want.step,
    deploymentId: id,
    state: want.state,
    description: want.description
  };
  if (want.runUrl !== void 0) effect.runUrl = want.runUrl;
  ctx.fx.push(effect);
}
function onDeploymentCreated(ctx, r, ev) {
  if (r.deploymentId !== void 0) return false;
  r.deploymentId = ev.deploymentId;
  const want = r.deploymentStatus;
  if (want === void 0 || want.state !== "queued")
    emitStatus(ctx, r, { state: "queued", step: 0, description: `${stepLabel(ctx, r, 0)}: deploy run requested` });
  if (want !== void 0) emitStatus(ctx, r, want);
  return true;
}
function onDeploymentStatusSet(r, ev) {
  if (r.deploymentId !== ev.deploymentId) return false;
  const want = r.deploymentStatus;
  if (want) want.confirmed = statusKey(ev);
  else r.deploymentStatus = { state: ev.state, step: ev.step, description: "", confirmed: statusKey(ev) };
  return true;
}
function repairDeployments(ctx, r) {
  const dispatched = r.runs.some((run) => run.kind === "deploy" && run.conclusion !== NOT_DISPATCHED);
  if (!dispatched && r.deploymentId === void 0) return;
  if (r.deploymentId === void 0) {
    ctx.fx.push({ type: "create-deployment", region: r.name, stage: stageOf2(ctx, r).name, key: deploymentKey(ctx.s.releaseId, r.name) });
    return;
  }
  const want = r.deploymentStatus;
  if (want && want.confirmed !== statusKey(want)) emitStatus(ctx, r, want);
}

// src/core/record-keeping.ts
function openRun(r) {
  const last = r.runs[r.runs.length - 1];
  return last && !last.done ? last : void 0;
}
function attemptOf(x) {
  return x.attempt ?? 0;
}
function addRun(ctx, r, kind, step, timeoutMs) {
  const attempt = attemptOf(r);
  const run = {
    kind,
    step,
    ...attempt > 0 ? { attempt } : {},
    correlationId: correlationId(ctx.s.releaseId, r.name, kind, step, attempt),
    dispatchedAt: ctx.at,
    deadline: ctx.at + timeoutMs,
    done: false
  };
  r.runs.push(run);
  return run;
}
function dispatchEffect(ctx, r, run) {
  const attempt = attemptOf(run);
  return {
    type: run.kind === "deploy" ? "dispatch-deploy" : "dispatch-rollback",
    region: r.name,
    stage: stageOf2(ctx, r).name,
    step: run.step,
    ...attempt > 0 ? { attempt } : {},
    traffic: trafficOf(ctx, r),
    correlationId: run.correlationId
  };
}
function stopRegionWork(ctx, r, cause) {
  const run = openRun(r);
  if (run) {
    run.done = true;
    if (run.runId !== void 0) ctx.fx.push(cancelEffect(r.name, run.kind, run.runId, cause));
  }
  r.bake = void 0;
  r.approval = void 0;
}
function finish(ctx, decision, reasonCode, reason) {
  const { s } = ctx;
  s.status = "finished";
  s.pause = void 0;
  s.outcome = { decision, reasonCode, reason, at: ctx.at };
  log(ctx, { kind: "release-finished", reasonCode, reason: `${decision}: ${reason}` });
  ctx.fx.push({ type: "report", headline: `release ${decision}` });
  ctx.fx.push({ type: "finish", decision, reasonCode, reason });
}

// src/core/rollback.ts
function onRegionFailed(ctx, r) {
  const { s, plan } = ctx;
  if (s.stop) {
    if (plan.rollback && !r.rollbackDispatched && !s.stop.queue.includes(r.name)) enqueueNewestFirst(ctx, r.name);
    processStop(ctx);
    return;
  }
  const stage2 = stageOf2(ctx, r);
  const failed = s.stages[r.stage]?.failed ?? 0;
  if (failed > stage2.failureBudget) {
    stopRelease(
      ctx,
      r.failure?.reasonCode ?? "region-failed",
      `stage ${stage2.name}: ${plural(failed, "failed region")} ${failed === 1 ? "exceeds" : "exceed"} failureBudget ${stage2.failureBudget} (last: ${r.name}: ${r.failure?.reason ?? "failed"})`
    );
    return;
  }
  if (plan.rollback) dispatchRollback(ctx, r);
  ctx.transitions.regionSettled(ctx, r);
}
function enqueueNewestFirst(ctx, name) {
  const stop = ctx.s.stop;
  if (!stop) return;
  stop.queue.push(name);
  const seq = (n) => ctx.s.regions[n]?.touchedSeq ?? 0;
  stop.queue.sort((a, b) => seq(b) - seq(a));
}
function stopRelease(ctx, reasonCode, reason, scopeOverride) {
  const { s, plan } = ctx;
  if (s.stop || s.status === "finished") return;
  const scope = scopeOverride ?? plan.rollback?.scope ?? "touched";
  s.status = "stopping";
  s.pause = void 0;
  s.stop = { reasonCode, reason, at: ctx.at, queue: [] };
  log(ctx, { kind: "release-stopped", reasonCode, reason: `${reason}; rollback scope: ${plan.rollback ? scope : "none configured"}` });
  ctx.fx.push({ type: "report", headline: `release stopped: ${reasonCode}` });
  for (const st of s.stages) if (st.phase === "pending" || st.phase === "awaiting-approval" || st.phase === "running") st.phase = "stopped";
  const queue = [];
  for (const stage2 of plan.stages) {
    for (const name of stage2.regions) {
      const r = s.regions[name];
      if (!r) continue;
      if (r.phase === "pending") {
        const retried = attemptOf(r) > 0;
        r.skippedReason = `${retried ? "retry never started" : "never started"}: the release stopped (${reasonCode})`;
        setPhase(ctx, r, "skipped");
        log(ctx, {
          kind: "region-skipped",
          stage: stage2.name,
          region: r.name,
          reasonCode: retried ? "retry-not-started" : "never-started",
          reason: r.skippedReason
        });
        continue;
      }
      if (isInStep(r.phase)) haltInFlight(ctx, r, scope);
      const wanted = scope === "touched" ? r.touchedSeq !== void 0 : r.failure !== void 0;
      if (wanted && !r.rollbackDispatched && r.phase !== "skipped") queue.push(r);
    }
  }
  if (!plan.rollback) {
    finish(ctx, "failed", "no-rollback-workflow", `${reason}; no rollback workflow is configured, nothing was rolled back`);
    return;
  }
  queue.sort((a, b) => (b.touchedSeq ?? 0) - (a.touchedSeq ?? 0));
  s.stop.queue = queue.map((r) => r.name);
  processStop(ctx);
}
function haltInFlight(ctx, r, scope) {
  stopRegionWork(ctx, r, "release-stopped");
  if (scope === "touched" && ctx.plan.rollback) {
    setPhase(ctx, r, "rolling-back");
    return;
  }
  r.skippedReason = `halted at step ${r.step + 1} (${trafficOf(ctx, r)}%) when the release stopped; not rolled back (${ctx.plan.rollback ? "rollback.scope: region" : "no rollback workflow"})`;
  setPhase(ctx, r, "skipped");
  log(ctx, { kind: "region-skipped", stage: stageOf2(ctx, r).name, region: r.name, step: r.step, reasonCode: "halted", reason: r.skippedReason });
}
function processStop(ctx) {
  const { s } = ctx;
  const stop = s.stop;
  if (!stop || s.status === "finished") return;
  if (stop.queue.length > 0 && s.counts["rolling-back"] > 0 && Object.values(s.regions).some((r) => r.phase === "rolling-back" && r.rollbackDispatched)) return;
  const next = stop.queue.shift();
  if (next !== void 0) {
    const r = s.regions[next];
    if (r) {
      dispatchRollback(ctx, r);
      return;
    }
  }
  if (s.counts["rolling-back"] > 0) return;
  const failedRollbacks = Object.values(s.regions).filter((r) => r.rollbackFailed);
  if (failedRollbacks.length > 0) {
    finish(
      ctx,
      "failed",
      "rollback-failed",
      `${stop.reason}; rollback FAILED for ${failedRollbacks.map((r) => r.name).join(", ")}: these regions need a person now`
    );
    return;
  }
  finish(ctx, "rolled-back", stop.reasonCode === ROLLED_BACK_BY_COMMAND ? "rollback-command" : stop.reasonCode, stop.reason);
}
var ROLLED_BACK_BY_COMMAND = "rolled-back-by-command";
function rollBackPromoted(ctx, reason) {
  const { s } = ctx;
  const queue = Object.values(s.regions).filter((r) => r.touchedSeq !== void 0 && r.phase === "promoted" && !r.rollbackDispatched).sort((a, b) => (b.touchedSeq ?? 0) - (a.touchedSeq ?? 0)).map((r) => r.name);
  s.status = "stopping";
  s.pause = void 0;
  delete s.outcome;
  s.stop = { reasonCode: ROLLED_BACK_BY_COMMAND, reason, at: ctx.at, queue };
  const which = queue.length > 0 ? `rolling back ${plural(queue.length, "region")}, newest first: ${queue.join(", ")}` : "no promoted region is left to roll back";
  log(ctx, { kind: "release-stopped", reasonCode: ROLLED_BACK_BY_COMMAND, reason: `${reason}; ${which}` });
  ctx.fx.push({ type: "report", headline: `release reopened to roll back: ${ROLLED_BACK_BY_COMMAND}` });
  processStop(ctx);
}
function dispatchRollback(ctx, r) {
  const rb = ctx.plan.rollback;
  if (!rb || r.rollbackDispatched) return;
  r.rollbackDispatched = true;
  setPhase(ctx, r, "rolling-back");
  const run = addRun(ctx, r, "rollback", r.step, rb.timeoutMs);
  const stage2 = stageOf2(ctx, r);
  log(ctx, {
    kind: "rollback-dispatched",
    stage: stage2.name,
    region: r.name,
    step: r.step,
    reasonCode: "rollback-dispatched",
    reason: r.failure ? `rolling back: ${r.failure.reason}` : `rolling back: the release stopped (${ctx.s.stop?.reasonCode ?? "stopped"})`
  });
  ctx.fx.push(dispatchEffect(ctx, r, run));
}
function onRollbackFinished(ctx, r, ok, reason) {
  if (r.phase !== "rolling-back") return;
  const stage2 = stageOf2(ctx, r);
  r.finishedAt = ctx.at;
  if (ok) {
    setPhase(ctx, r, "rolled-back");
    log(ctx, { kind: "region-rolled-back", stage: stage2.name, region: r.name, step: r.step, reasonCode: "rolled-back", reason });
    const run = [...r.runs].reverse().find((x) => x.kind === "rollback");
    deploymentStatus(
      ctx,
      r,
      "inactive",
      `rolled back${run?.runId !== void 0 ? ` by run ${run.runId}` : ""}`,
      run?.htmlUrl !== void 0 ? { runUrl: run.htmlUrl } : {}
    );
  } else {
    r.rollbackFailed = true;
    setPhase(ctx, r, "failed");
    log(ctx, { kind: "rollback-failed", stage: stage2.name, region: r.name, step: r.step, reasonCode: "rollback-failed", reason: `ROLLBACK FAILED: ${reason}` });
    ctx.fx.push({ type: "report", headline: `rollback failed in ${r.name}` });
    if (!ctx.s.stop) {
      stopRelease(ctx, "rollback-failed", `rollback of ${r.name} failed: ${reason}`);
      return;
    }
  }
  ctx.transitions.regionSettled(ctx, r);
}

// src/core/regions.ts
function startStep(ctx, r, index) {
  const { s, plan, at } = ctx;
  const stage2 = stageOf2(ctx, r);
  const step = stage2.steps[index];
  if (!step) return;
  const attempt = attemptOf(r);
  const ofAttempt = r.runs.filter((run2) => run2.kind === "deploy" && attemptOf(run2) === attempt);
  if (ofAttempt.some((run2) => run2.step === index)) return;
  if (ofAttempt.length === 0) {
    r.startedAt = at;
    s.touchCount += 1;
    r.touchedSeq = s.touchCount;
  }
  r.step = index;
  r.bake = void 0;
  setPhase(ctx, r, "deploying");
  const run = addRun(ctx, r, "deploy", index, plan.deploy.timeoutMs);
  log(ctx, {
    kind: "step-started",
    stage: stage2.name,
    region: r.name,
    step: index,
    reasonCode: "step-started",
    reason: `deploying at ${step.traffic}% traffic`,
    numbers: { traffic: step.traffic }
  });
  if (r.deploymentId === void 0)
    ctx.fx.push({
      type: "create-deployment",
      region: r.name,
      stage: stage2.name,
      key: deploymentKey(ctx.s.releaseId, r.name),
      ...index > 0 ? { again: true } : {}
    });
  ctx.fx.push(dispatchEffect(ctx, r, run));
}
function onRunDispatched(ctx, r, ev) {
  const attempt = attemptOf(ev);
  const sameRun = (x) => x.kind === ev.kind && x.step === ev.step && attemptOf(x) === attempt;
  const run = r.runs.find((x) => sameRun(x) && x.runId === void 0);
  if (!run) {
    const other = r.runs.find((x) => sameRun(x) && x.runId !== void 0);
    if (!other || other.runId === ev.runId) return false;
    log(ctx, {
      kind: "run-dispatched",
      stage: stageOf2(ctx, r).name,
      region: r.name,
      step: ev.step,
      reasonCode: "duplicate-run-cancelled",
      reason: `${ev.kind} run ${ev.runId} is a second run for step ${ev.step + 1} (run ${other.runId} has it); cancelling it`,
      numbers: { runId: ev.runId }
    });
    ctx.fx.push(cancelEffect(r.name, ev.kind, ev.runId, "duplicate-run"));
    return true;
  }
  run.runId = ev.runId;
  if (ev.htmlUrl !== void 0) run.htmlUrl = ev.htmlUrl;
  if (run.done && ev.kind === "rollback") {
    log(ctx, {
      kind: "run-dispatched",
      stage: stageOf2(ctx, r).name,
      region: r.name,
      step: ev.step,
      reasonCode: "late-rollback-run",
      reason: `rollback run ${ev.runId} started after its dispatch was given up on; not cancelled (rolling back is the safe direction), its result is not watched: check it`,
      numbers: { runId: ev.runId }
    });
    return true;
  }
  if (run.done) {
    log(ctx, {
      kind: "run-dispatched",
      stage: stageOf2(ctx, r).name,
      region: r.name,
      step: ev.step,
      reasonCode: "late-run-cancelled",
      reason: `${ev.kind} run ${ev.runId} started after the region moved on; cancelling it`,
      numbers: { runId: ev.runId }
    });
    ctx.fx.push(cancelEffect(r.name, ev.kind, ev.runId, "late-run"));
    return true;
  }
  log(ctx, {
    kind: "run-dispatched",
    stage: stageOf2(ctx, r).name,
    region: r.name,
    step: ev.step,
    reasonCode: `${ev.kind}-dispatched`,
    reason: `${ev.kind} run ${ev.runId} started`,
    numbers: { runId: ev.runId }
  });
  if (ev.kind === "deploy" && r.phase === "deploying") deploymentStatus(ctx, r, "in_progress", `${stepLabel(ctx, r)}: deploy run ${ev.runId}`);
  return true;
}
function runCanBeFound(plan, kind) {
  return (kind === "deploy" ? plan.deploy : plan.rollback)?.correlationInput !== void 0;
}
function answerMustBeSaved(ctx, ev) {
  return ev.type === "run-dispatched" && !runCanBeFound(ctx.plan, ev.kind);
}
function dispatchInDoubt(ctx, r, run) {
  const spec = run.kind === "deploy" ? ctx.plan.deploy : ctx.plan.rollback;
  const since = new Date(run.dispatchedAt).toISOString();
  const check = `check the runs of ${spec?.workflow ?? `the ${run.kind} workflow`} started since ${since} for ${r.name}`;
  const reason = run.kind === "deploy" ? `DISPATCH IN DOUBT: the deploy of step ${run.step + 1} was requested by a driver that stopped before recording its run, and without deploy.correlationInput that run cannot be found, so it is not dispatched again; ${check} and cancel one still queued or in progress (it could deploy after the rollback)` : `DISPATCH IN DOUBT: the rollback was requested by a driver that stopped before recording its run, and without rollback.correlationInput that run cannot be found, so it is not dispatched again; ${check}: whether it ran and succeeded is unknown`;
  log(ctx, { kind: "dispatch-failed", stage: stageOf2(ctx, r).name, region: r.name, step: run.step, reasonCode: "dispatch-in-doubt", reason });
  if (run.done) return;
  run.done = true;
  if (run.kind === "deploy") regionFailed(ctx, r, "dispatch-in-doubt", reason);
  else ctx.transitions.onRollbackFinished(ctx, r, false, reason);
}
function onDispatchFailed(ctx, r, ev) {
  const run = r.runs.find((x) => x.kind === ev.kind && x.step === ev.step && attemptOf(x) === attemptOf(ev) && !x.done && x.runId === void 0);
  if (!run) return false;
  run.done = true;
  log(ctx, {
    kind: "dispatch-failed",
    stage: stageOf2(ctx, r).name,
    region: r.name,
    step: ev.step,
    reasonCode: `${ev.kind}-dispatch-failed`,
    reason: `could not dispatch the ${ev.kind} workflow: ${ev.message}`
  });
  if (ev.kind === "deploy") regionFailed(ctx, r, "dispatch-failed", `deploy dispatch failed: ${ev.message}`);
  else ctx.transitions.onRollbackFinished(ctx, r, false, `rollback dispatch failed: ${ev.message}`);
  return true;
}
function onRunFinished(ctx, r, ev) {
  const run = r.runs.find((x) => x.runId === ev.runId && x.kind === ev.kind && !x.done);
  if (!run) return false;
  run.done = true;
  run.conclusion = ev.conclusion;
  const ok = ev.conclusion === "success";
  log(ctx, {
    kind: "run-finished",
    stage: stageOf2(ctx, r).name,
    region: r.name,
    step: run.step,
    reasonCode: ok ? `${ev.kind}-succeeded` : `${ev.kind}-failed`,
    reason: `${ev.kind} run ${ev.runId} finished: ${ev.conclusion ?? "no conclusion"}`,
    numbers: { runId: ev.runId }
  });
  if (ev.kind === "rollback") {
    ctx.transitions.onRollbackFinished(
      ctx,
      r,
      ok,
      ok ? `rollback run ${ev.runId} succeeded` : `rollback run ${ev.runId} concluded ${ev.conclusion ?? "without a conclusion"}`
    );
    return true;
  }
  if (r.phase !== "deploying" || run.step !== r.step) return true;
  if (ok) ctx.transitions.startBake(ctx, r);
  else regionFailed(ctx, r, "deploy-failed", `deploy run ${ev.runId} concluded ${ev.conclusion ?? "without a conclusion"} at step ${r.step + 1}`);
  return true;
}
function checkRunDeadline(ctx, r) {
  const run = openRun(r);
  if (!run || ctx.at < run.deadline) return;
  run.done = true;
  run.conclusion = "timed_out";
  const limitMs = run.deadline - run.dispatchedAt;
  const reason = `${run.kind} run ${run.runId ?? "(not yet seen)"} did not finish within ${formatDuration(limitMs)}`;
  log(ctx, {
    kind: "run-timeout",
    stage: stageOf2(ctx, r).name,
    region: r.name,
    step: run.step,
    reasonCode: `${run.kind}-timeout`,
    reason,
    ...run.runId !== void 0 ? { numbers: { runId: run.runId } } : {}
  });
  if (run.runId !== void 0) ctx.fx.push(cancelEffect(r.name, run.kind, run.runId, "timed-out"));
  if (run.kind === "deploy") regionFailed(ctx, r, "deploy-timeout", reason);
  else ctx.transitions.onRollbackFinished(ctx, r, false, reason);
}
function stepPassed(ctx, r) {
  const stage2 = stageOf2(ctx, r);
  log(ctx, {
    kind: "step-passed",
    stage: stage2.name,
    region: r.name,
    step: r.step,
    reasonCode: "step-passed",
    reason: `step ${r.step + 1} at ${trafficOf(ctx, r)}% passed`,
    numbers: { traffic: trafficOf(ctx, r) }
  });
  if (r.step + 1 < stage2.steps.length) {
    startStep(ctx, r, r.step + 1);
    return;
  }
  r.bake = void 0;
  r.finishedAt = ctx.at;
  setPhase(ctx, r, "promoted");
  log(ctx, {
    kind: "region-promoted",
    stage: stage2.name,
    region: r.name,
    step: r.step,
    reasonCode: "region-promoted",
    reason: `all ${plural(stage2.steps.length, "step")} passed`
  });
  deploymentStatus(ctx, r, "success", `${ctx.s.version} at ${trafficOf(ctx, r)}%: all ${plural(stage2.steps.length, "step")} passed`);
  ctx.transitions.regionSettled(ctx, r);
}
function regionFailed(ctx, r, reasonCode, reason) {
  if (!isInStep(r.phase)) return;
  const stage2 = stageOf2(ctx, r);
  stopRegionWork(ctx, r, "region-failed");
  r.failure = { reasonCode, reason, at: ctx.at };
  r.finishedAt = ctx.at;
  setPhase(ctx, r, "failed");
  const st = ctx.s.stages[r.stage];
  if (st) st.failed += 1;
  log(ctx, {
    kind: "region-failed",
    stage: stage2.name,
    region: r.name,
    step: r.step,
    reasonCode,
    reason,
    numbers: { failed: st?.failed ?? 0, budget: stage2.failureBudget }
  });
  deploymentStatus(ctx, r, "failure", reason);
  ctx.transitions.onRegionFailed(ctx, r);
}

// src/core/stages.ts
function startRelease(ctx, by) {
  const { s } = ctx;
  s.status = "running";
  s.startedAt = ctx.at;
  if (by !== void 0) s.initiator = by;
  log(ctx, {
    kind: "release-started",
    reasonCode: "release-started",
    reason: `release ${s.releaseId} (version ${s.version}) started`,
    ...by !== void 0 ? { by } : {}
  });
  ctx.fx.push({ type: "report", headline: `release ${s.releaseId} started` });
  enterStage(ctx, 0);
}
function enterStage(ctx, index) {
  const { s, plan } = ctx;
  const stage2 = plan.stages[index];
  const st = s.stages[index];
  if (!stage2 || !st) return;
  s.stage = index;
  if (stage2.approval && st.approval?.decision !== "approve") {
    const deadline = ctx.at + stage2.approval.timeoutMs;
    if (stage2.approval.environment) {
      askEnvironmentReviewers(ctx, index, { requestedAt: ctx.at, deadline });
      return;
    }
    st.phase = "awaiting-approval";
    st.approval = { requestedAt: ctx.at, deadline };
    log(ctx, {
      kind: "stage-awaiting-approval",
      stage: stage2.name,
      reasonCode: "approval-required",
      reason: `stage ${stage2.name} needs an approval before it starts`
    });
    ctx.fx.push({ type: "request-approval", stage: stage2.name, reason: `stage ${stage2.name} is ready to start`, deadline });
    return;
  }
  startStage(ctx, index);
}
function startStage(ctx, index) {
  const stage2 = ctx.plan.stages[index];
  const st = ctx.s.stages[index];
  if (!stage2 || !st) return;
  if (frozenBefore(ctx, index)) {
    if (st.phase === "awaiting-approval") st.phase = "pending";
    return;
  }
  st.phase = "running";
  log(ctx, {
    kind: "stage-started",
    stage: stage2.name,
    reasonCode: "stage-started",
    reason: `${plural(stage2.regions.length, "region")}, up to ${stage2.maxParallel} at once, ${plural(stage2.steps.length, "step")}`
  });
  ctx.fx.push({ type: "report", headline: `stage ${stage2.name} started` });
  fillStage(ctx, index);
}
function fillStage(ctx, index) {
  const { s, plan } = ctx;
  const stage2 = plan.stages[index];
  const st = s.stages[index];
  if (!stage2 || !st || st.phase !== "running" || s.stop) return;
  const c = s.counts;
  let inFlight = c.deploying + c.baking + c["awaiting-approval"] + c["rolling-back"];
  const heldForPerson = c["awaiting-approval"] > 0;
  if (!s.hold && !heldForPerson) {
    while (inFlight < stage2.maxParallel && st.cursor < stage2.regions.length) {
      const r = s.regions[stage2.regions[st.cursor] ?? ""];
      st.cursor += 1;
      if (!r || r.phase !== "pending") continue;
      startStep(ctx, r, r.step);
      inFlight += 1;
    }
  }
  if (inFlight === 0 && st.cursor >= stage2.regions.length) completeStage(ctx, index);
}
function completeStage(ctx, index) {
  const { s, plan } = ctx;
  const stage2 = plan.stages[index];
  const st = s.stages[index];
  if (!stage2 || !st) return;
  st.phase = "done";
  log(ctx, {
    kind: "stage-completed",
    stage: stage2.name,
    reasonCode: "stage-completed",
    reason: `${plural(st.failed, "region")} failed, budget ${stage2.failureBudget}`,
    numbers: { failed: st.failed, budget: stage2.failureBudget }
  });
  if (index + 1 < plan.stages.length) enterStage(ctx, index + 1);
  else finishPromoted(ctx);
}
function finishPromoted(ctx) {
  const regions = Object.values(ctx.s.regions);
  const unrecovered = regions.filter((r) => r.failure && r.phase !== "rolled-back");
  const recovered = regions.filter((r) => r.failure && r.phase === "rolled-back");
  if (unrecovered.length > 0) {
    const code = ctx.plan.rollback ? "rollback-failed" : "no-rollback-workflow";
    const why = ctx.plan.rollback ? "rollback failed for" : "no rollback workflow configured; left failed:";
    finish(ctx, "failed", code, `${why} ${unrecovered.map((r) => r.name).join(", ")}`);
    return;
  }
  if (recovered.length > 0) {
    finish(
      ctx,
      "promoted",
      "promoted-within-budget",
      `promoted; ${plural(recovered.length, "region")} failed within the failure budget and were rolled back: ${recovered.map((r) => r.name).join(", ")}`
    );
    return;
  }
  finish(ctx, "promoted", "all-regions-promoted", `all ${plural(regions.length, "region")} promoted`);
}
function regionSettled(ctx, r) {
  if (ctx.s.stop) {
    processStop(ctx);
    return;
  }
  if (ctx.s.status === "finished") return;
  if (r.stage === ctx.s.stage) fillStage(ctx, r.stage);
}

// src/core/environment-approval.ts
function onApprovalRunEvent(ctx, ev) {
  const index = ctx.s.stages.findIndex((x) => x.name === ev.stage);
  const st = ctx.s.stages[index];
  if (!st?.approvalRun) return false;
  if (ev.type === "approval-run-dispatched") return onDispatched(ctx, st, ev);
  if (ev.type === "approval-dispatch-failed") return onDispatchFailed2(ctx, index, st, ev.message);
  return onFinished(ctx, index, st, ev);
}
function onDispatched(ctx, st, ev) {
  const run = st.approvalRun;
  if (!run) return false;
  const base = { kind: "run-dispatched", stage: st.name, numbers: { runId: ev.runId } };
  if (run.runId !== void 0) {
    if (run.runId === ev.runId) return false;
    log(ctx, {
      ...base,
      reasonCode: "duplicate-run-cancelled",
      reason: `approval run ${ev.runId} is a second run for stage ${st.name} (run ${run.runId} has it); cancelling it`
    });
    ctx.fx.push({ type: "cancel-approval-run", stage: st.name, runId: ev.runId, reason: "duplicate run for one stage approval" });
    return true;
  }
  run.runId = ev.runId;
  if (ev.htmlUrl !== void 0) run.htmlUrl = ev.htmlUrl;
  if (run.done) {
    log(ctx, {
      ...base,
      reasonCode: "late-run-cancelled",
      reason: `approval run ${ev.runId} started after stage ${st.name} stopped waiting for it; cancelling it`
    });
    ctx.fx.push({ type: "cancel-approval-run", stage: st.name, runId: ev.runId, reason: "no longer wanted" });
    return true;
  }
  log(ctx, {
    ...base,
    reasonCode: "approval-dispatched",
    reason: `approval run ${ev.runId} started: stage ${st.name} waits for the reviewers to approve it there`
  });
  return true;
}
function onDispatchFailed2(ctx, index, st, message) {
  const run = openApprovalRun(st);
  const env = environmentOf(ctx, index);
  if (!run || run.runId !== void 0) return false;
  run.done = true;
  const workflow = env?.workflow ?? "the approval workflow";
  log(ctx, { kind: "dispatch-failed", stage: st.name, reasonCode: "approval-dispatch-failed", reason: `could not dispatch ${workflow}: ${message}` });
  if (st.phase === "awaiting-approval")
    stopRelease(
      ctx,
      "approval-dispatch-failed",
      `stage ${st.name} could not ask the reviewers of GitHub environment '${env?.name ?? "?"}': ${workflow} could not be dispatched (${message})`
    );
  return true;
}
function onFinished(ctx, index, st, ev) {
  const run = openApprovalRun(st);
  if (!run || run.runId !== ev.runId) return false;
  run.done = true;
  run.conclusion = ev.conclusion;
  const ok = ev.conclusion === "success";
  const ended = ev.conclusion ?? "without a conclusion";
  log(ctx, {
    kind: "run-finished",
    stage: st.name,
    reasonCode: ok ? "approval-run-succeeded" : "approval-run-failed",
    reason: `approval run ${ev.runId} finished: ${ended}`,
    numbers: { runId: ev.runId }
  });
  if (st.phase !== "awaiting-approval") return true;
  const env = environmentOf(ctx, index)?.name ?? "?";
  const where = `in GitHub environment '${env}' (approval run ${ev.runId})`;
  if (ok) {
    const by2 = named(ev.reviews, "approved") ?? "environment reviewers";
    st.approval = { requestedAt: st.approval?.requestedAt ?? ctx.at, deadline: st.approval?.deadline ?? ctx.at, by: by2, at: ctx.at, decision: "approve" };
    const unnamed = ev.reviews === void 0 ? "; its reviews could not be read" : ev.reviews.length === 0 ? `; no reviewer is listed: check that '${env}' has required reviewers` : "";
    log(ctx, { kind: "stage-approved", stage: st.name, by: by2, reasonCode: "environment-approved", reason: `${by2} approved stage ${st.name} ${where}${unnamed}` });
    startStage(ctx, index);
    return true;
  }
  const rejection = [...ev.reviews ?? []].reverse().find((x) => x.state === "rejected");
  const by = rejection?.user ?? named(ev.reviews, "rejected");
  st.approval = {
    requestedAt: st.approval?.requestedAt ?? ctx.at,
    deadline: st.approval?.deadline ?? ctx.at,
    ...by !== void 0 ? { by } : {},
    at: ctx.at,
    decision: "reject"
  };
  if (rejection) {
    const comment = rejection.comment.trim();
    stopRelease(ctx, "approval-rejected", `${rejection.user} rejected stage ${st.name} ${where}${comment !== "" ? `: ${comment}` : ""}`, "touched");
  } else {
    const unread = ev.reviews === void 0 ? " (its reviews could not be read)" : "";
    stopRelease(
      ctx,
      "approval-run-failed",
      `the approval run of stage ${st.name} ended ${ended} ${where}; nobody is named as rejecting it${unread}`,
      "touched"
    );
  }
  return true;
}
function named(reviews, state) {
  const users = [...new Set((reviews ?? []).filter((x) => x.state === state).map((x) => x.user))];
  return users.length > 0 ? users.join(", ") : void 0;
}
function environmentApprovalRefusal(ctx) {
  const { s } = ctx;
  const st = s.stages[s.stage];
  const env = environmentOf(ctx, s.stage);
  if (!env || st?.phase !== "awaiting-approval") return void 0;
  const url = st.approvalRun?.htmlUrl;
  const where = url !== void 0 ? `in its approval run ${url}` : `in the run of ${env.workflow} once it starts`;
  return `stage ${st.name} is approved by the required reviewers of GitHub environment '${env.name}', ${where} ("Review deployments"), not by a command`;
}
function resumeEnvironmentApproval(ctx) {
  const { s, plan } = ctx;
  const st = s.stages[s.stage];
  const env = environmentOf(ctx, s.stage);
  if (!env || !st) return false;
  const run = st.approvalRun;
  if (!run) {
    askEnvironmentReviewers(ctx, s.stage, { requestedAt: st.approval?.requestedAt ?? ctx.at, deadline: st.approval?.deadline ?? ctx.at });
    return true;
  }
  if (run.done || run.runId !== void 0) return true;
  if (plan.deploy.correlationInput !== void 0) {
    ctx.fx.push(approvalDispatchEffect(st.name, env.name, run));
    return true;
  }
  run.done = true;
  const since = new Date(run.dispatchedAt).toISOString();
  const reason = `DISPATCH IN DOUBT: the approval run of stage ${st.name} was requested by a driver that stopped before recording it, and without deploy.correlationInput it cannot be found, so it is not dispatched again; check the runs of ${env.workflow} started since ${since} and cancel one still waiting`;
  log(ctx, { kind: "dispatch-failed", stage: st.name, reasonCode: "dispatch-in-doubt", reason });
  if (st.phase === "awaiting-approval") stopRelease(ctx, "dispatch-in-doubt", reason);
  return true;
}
function afterTheEndApproval(ctx, ev) {
  if (ev.type === "approval-run-dispatched" && onApprovalRunEvent(ctx, ev)) return;
  ignore(ctx, ev, `the release is finished (${ctx.s.outcome?.decision ?? "done"})`);
}

// src/core/stats/normal.ts
var ERX = 0.8450629115104675;
var EFX = 0.12837916709551256;
var PP = [EFX, -0.3250421072470015, -0.02848174957559851, -0.005770270296489442, -23763016656650163e-21];
var QQ = [1, 0.39791722395915535, 0.0650222499887673, 0.005081306281875766, 13249473800432164e-20, -3960228278775368e-21];
var PA = [
  -0.0023621185607526594,
  0.41485611868374833,
  -0.3722078760357013,
  0.31834661990116175,
  -0.11089469428239668,
  0.035478304325618236,
  -0.002166375594868791
];
var QA = [
  1,
  0.10642088040084423,
  0.540397917702171,
  0.07182865441419627,
  0.12617121980876164,
  0.01363708391202905,
  0.011984499846799107
];
var RA = [
  -0.009864944034847148,
  -0.6938585727071818,
  -10.558626225323291,
  -62.375332450326006,
  -162.39666946257347,
  -184.60509290671104,
  -81.2874355063066,
  -9.814329344169145
];
var SA = [
  1,
  19.651271667439257,
  137.65775414351904,
  434.56587747522923,
  645.3872717332679,
  429.00814002756783,
  108.63500554177944,
  6.570249770319282,
  -0.0604244152148581
];
var RB = [
  -0.0098649429247001,
  -0.799283237680523,
  -17.757954917754752,
  -160.63638485582192,
  -637.5664433683896,
  -1025.0951316110772,
  -483.5191916086514
];
var SB = [
  1,
  30.33806074348246,
  325.7925129965739,
  1536.729586084437,
  3199.8582195085955,
  2553.0504064331644,
  474.52854120695537,
  -22.44095244658582
];
function poly(c, x) {
  let y = 0;
  for (let i = c.length - 1; i >= 0; i--) y = y * x + c[i];
  return y;
}
var words = new DataView(new ArrayBuffer(8));
function highPart(x) {
  words.setFloat64(0, x);
  words.setUint32(4, 0);
  return words.getFloat64(0);
}
function erfc(x) {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -56) return 1 - x;
    const z2 = x * x;
    const y = poly(PP, z2) / poly(QQ, z2);
    return x < 0.25 ? 1 - (x + x * y) : 0.5 - (x * y + (x - 0.5));
  }
  if (ax < 1.25) {
    const s2 = ax - 1;
    const pq = poly(PA, s2) / poly(QA, s2);
    return x < 0 ? 1 + ERX + pq : 1 - ERX - pq;
  }
  if (ax >= 28 || x < -6) return x < 0 ? 2 : 0;
  const s = 1 / (ax * ax);
  const rs = ax < 1 / 0.35 ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
  const z = highPart(ax);
  const r = Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + rs);
  return x < 0 ? 2 - r / ax : r / ax;
}
function phi(z) {
  return 0.5 * erfc(-z / Math.SQRT2);
}
var SQRT_2PI = Math.sqrt(2 * Math.PI);

// src/core/stats/ranks.ts
function midRanks(values) {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array(values.length);
  const ties = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && order[end].v === order[start].v) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k].i] = rank;
    if (end - start > 1) ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}
function rankSumSigma(m, n, ties) {
  const big = m + n;
  const tieSum = ties.reduce((s, t) => s + t ** 3 - t, 0);
  return Math.sqrt(m * n / 12 * (big + 1 - tieSum / (big * (big - 1))));
}

// src/core/stats/mann-whitney.ts
var EXACT_BELOW = 50;
function mannWhitney(x, y, options = {}) {
  const alternative = options.alternative ?? "two-sided";
  const m = x.length;
  const n = y.length;
  const { ranks, ties } = midRanks([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < m; i++) r1 += ranks[i];
  const u1 = r1 - m * (m + 1) / 2;
  const u2 = m * n - u1;
  const base = { u1, u2, m, n };
  if (m === 0 || n === 0) return { ...base, p: NaN, method: "asymptotic" };
  const method = options.method ?? "auto";
  const exact = method === "exact" || method === "auto" && ties.length === 0 && m < EXACT_BELOW && n < EXACT_BELOW;
  if (exact) return { ...base, p: exactP(u1, m, n, alternative), method: "exact" };
  const { z, p } = asymptoticP(u1, m, n, ties, alternative, options.continuity ?? true);
  return { ...base, p, z, method: "asymptotic" };
}
function asymptoticP(u1, m, n, ties, alternative, continuity) {
  const mu = m * n / 2;
  const sigma = rankSumSigma(m, n, ties);
  if (!(sigma > 0)) return { z: NaN, p: NaN };
  const c = !continuity ? 0 : alternative === "greater" ? 0.5 : alternative === "less" ? -0.5 : 0.5 * Math.sign(u1 - mu);
  const z = (u1 - mu - c) / sigma;
  const p = alternative === "greater" ? phi(-z) : alternative === "less" ? phi(z) : Math.min(1, 2 * phi(-Math.abs(z)));
  return { z, p };
}
function exactP(u1, m, n, alternative) {
  const dist = exactDistribution(m, n);
  const atLeast = (u) => {
    let s = 0;
    for (let k = Math.ceil(u - 1e-9); k < dist.length; k++) s += dist[k];
    return s;
  };
  const atMost = (u) => {
    let s = 0;
    for (let k = 0; k <= Math.floor(u + 1e-9) && k < dist.length; k++) s += dist[k];
    return s;
  };
  if (alternative === "greater") return Math.min(1, atLeast(u1));
  if (alternative === "less") return Math.min(1, atMost(u1));
  return Math.min(1, 2 * atLeast(Math.max(u1, m * n - u1)));
}
function exactDistribution(m, n) {
  let prev = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const cur = [[1]];
    for (let j = 1; j <= n; j++) {
      const size = i * j + 1;
      const fromFirst = prev[j];
      const fromSecond = cur[j - 1];
      const d = new Array(size).fill(0);
      const a = i / (i + j);
      const b = j / (i + j);
      for (let u = 0; u < fromFirst.length; u++) d[u + j] += a * fromFirst[u];
      for (let u = 0; u < fromSecond.length; u++) d[u] += b * fromSecond[u];
      cur.push(d);
    }
    prev = cur;
  }
  return prev[n];
}

// src/core/judges/comparison.ts
function applyBound(baseline, b) {
  return baseline * b.factor + b.offset;
}
function mean(xs) {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : NaN;
}
function finite(xs) {
  return xs.filter((x) => Number.isFinite(x));
}
function sidesOf(b) {
  return ["max", "min"].filter((s) => b[s] !== void 0);
}
function sideP(canary, baseline, side, bound, worse) {
  const moved = baseline.map((b) => applyBound(b, bound));
  const greater = side === "max" === worse;
  const r = mannWhitney(canary, moved, { alternative: greater ? "greater" : "less" });
  return { p: r.p, u: r.u1 };
}
function samplesOf(canaryIn, baselineIn, s) {
  const canary = finite(canaryIn);
  const baseline = finite(baselineIn);
  const canaryMean = mean(canary);
  const baselineMean = mean(baseline);
  const ratio = baselineMean === 0 ? NaN : canaryMean / baselineMean;
  const numbers = { canaryMean, baselineMean, ratio, p: NaN, pPass: NaN, u: NaN, canaryN: canary.length, baselineN: baseline.length };
  if (canary.length < s.minSamples || baseline.length < s.minSamples) {
    const reason = `too few samples (canary ${canary.length}, baseline ${baseline.length}; at least ${s.minSamples} each)`;
    return { canary, baseline, numbers, tooFew: { outcome: "no-data", reason, numbers } };
  }
  return { canary, baseline, numbers };
}
function judgeComparison(canaryIn, baselineIn, s) {
  const { canary, baseline, numbers, tooFew } = samplesOf(canaryIn, baselineIn, s);
  if (tooFew) return tooFew;
  const sides = sidesOf(s.fail);
  const level = (1 - s.confidence) / sides.length;
  const pass = s.pass ?? s.fail;
  let worst;
  let pPass = 0;
  for (const side of sides) {
    const w = sideP(canary, baseline, side, s.fail[side], true);
    if (!worst || w.p < worst.p || Number.isNaN(worst.p)) worst = { side, ...w };
    pPass = Math.max(pPass, sideP(canary, baseline, side, pass[side] ?? s.fail[side], false).p);
  }
  if (!worst) return { outcome: "no-data", reason: "the gate has no bound to compare against", numbers };
  Object.assign(numbers, { p: worst.p, u: worst.u, pPass });
  if (Number.isNaN(worst.p)) return { outcome: "no-data", side: worst.side, reason: "no test: every value is tied", numbers };
  const outcome = worst.p < level ? "fail" : pPass < level ? "pass" : "inconclusive";
  return { outcome, side: worst.side, reason: describeComparison(outcome, worst.side, numbers, s), numbers };
}
function fmt(x) {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x);
}
function toleranceText(b) {
  if (!b) return "?";
  return b.offset === 0 ? `${fmt(b.factor)}x` : `${fmt(b.factor)}x ${b.offset < 0 ? "-" : "+"} ${fmt(Math.abs(b.offset))}`;
}
function comparisonHead(n, extra = "") {
  const ratio = Number.isNaN(n.ratio) ? "baseline 0" : `${fmt(n.ratio)}x`;
  return `canary ${fmt(n.canaryMean)} vs baseline ${fmt(n.baselineMean)} (${ratio}${extra}, n=${n.canaryN}/${n.baselineN})`;
}
function describeComparison(outcome, side, n, s) {
  const head = (extra) => comparisonHead(n, extra);
  const level = (1 - s.confidence) / sidesOf(s.fail).length;
  const p = (x) => `p=${fmt(x)} ${x < level ? "<" : "\u2265"} ${fmt(level)}`;
  const failB = toleranceText(s.fail[side]);
  const passB = toleranceText((s.pass ?? s.fail)[side] ?? s.fail[side]);
  const beyond = side === "max" ? "above" : "below";
  if (outcome === "fail") return `${head(`, ${p(n.p)}`)}: ${beyond} the ${failB} tolerance`;
  if (outcome === "pass") return `${head("")}: within the ${passB} tolerance (${p(n.pPass)})`;
  return `${head("")}: not shown ${beyond} ${failB} (${p(n.p)}) nor within ${passB} (${p(n.pPass)}): too little evidence either way`;
}
function judgeWindowAndRecentHalf(canary, baseline, s) {
  const half = { ...s, confidence: 1 - (1 - s.confidence) / 2 };
  const whole = judgeComparison(canary, baseline, half);
  const from = Math.floor(Math.min(canary.length, baseline.length) / 2);
  const recent = judgeComparison(canary.slice(from), baseline.slice(from), half);
  const ofRecent = (v) => ({ ...v, reason: `over the second half of the bake: ${v.reason}` });
  if (whole.outcome === "fail") return whole;
  if (recent.outcome === "fail") return ofRecent(recent);
  if (whole.outcome === "no-data") return whole;
  if (whole.outcome === "pass" && recent.outcome === "pass") return whole;
  if (recent.outcome === "pass") return { ...whole, outcome: "inconclusive" };
  return { ...ofRecent(recent), outcome: "inconclusive" };
}

// src/core/judges/ratio.ts
function judgeRatio(canaryIn, baselineIn, s) {
  const { canary, baseline, numbers, tooFew } = samplesOf(canaryIn, baselineIn, s);
  if (tooFew) return tooFew;
  const { canaryMean, baselineMean, ratio } = numbers;
  const head = `canary mean ${fmt(canaryMean)} vs baseline mean ${fmt(baselineMean)} (${Number.isNaN(ratio) ? "baseline 0" : `${fmt(ratio)}x`}, n=${canary.length}/${baseline.length})`;
  const pass = s.pass ?? s.fail;
  let within;
  let between;
  for (const side of sidesOf(s.fail)) {
    const limit = applyBound(baselineMean, s.fail[side]);
    const beyond = side === "max" ? canaryMean > limit : canaryMean < limit;
    if (beyond) return { outcome: "fail", side, reason: `${head}: ${side === "max" ? "above" : "below"} the tolerated ${fmt(limit)}`, numbers };
    const passLimit = applyBound(baselineMean, pass[side] ?? s.fail[side]);
    const inside = side === "max" ? canaryMean <= passLimit : canaryMean >= passLimit;
    if (!inside) between ??= { side, limit: passLimit };
    else within ??= { side, limit: passLimit };
  }
  if (between) {
    const word = between.side === "max" ? "above" : "below";
    return {
      outcome: "inconclusive",
      side: between.side,
      reason: `${head}: not above the fail bound but ${word} the pass bound ${fmt(between.limit)}: too little evidence either way`,
      numbers
    };
  }
  if (!within) return { outcome: "no-data", reason: "the gate has no bound to compare against", numbers };
  return { outcome: "pass", side: within.side, reason: `${head}: within the tolerated ${fmt(within.limit)}`, numbers };
}

// src/core/stats/confidence-sequence.ts
function normalMixtureBound(intrinsicTime, rho, alpha) {
  return Math.sqrt((intrinsicTime + rho) * (Math.log(1 + intrinsicTime / rho) + 2 * Math.log(1 / alpha)));
}
function bestRho(vOpt, alpha) {
  const l = 2 * Math.log(1 / alpha);
  return vOpt / (l + Math.log(1 + l));
}
function sequentialInterval(diffs, variance2, plannedN, alpha) {
  const n = diffs.length;
  let sum = 0;
  for (const d of diffs) sum += d;
  const mean2 = n ? sum / n : NaN;
  if (n === 0 || !(variance2 > 0)) return { n, mean: mean2, lower: -Infinity, upper: Infinity };
  const rho = bestRho(Math.max(plannedN, n) * variance2, alpha);
  const half = normalMixtureBound(n * variance2, rho, alpha) / n;
  return { n, mean: mean2, lower: mean2 - half, upper: mean2 + half };
}

// src/core/judges/sequential.ts
function sampleVariance(xs) {
  const n = xs.length;
  if (n < 2) return NaN;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let v = 0;
  for (const x of xs) v += (x - m) ** 2;
  return v / (n - 1);
}
function excesses(pairs, b, side) {
  return finite(pairs.map(({ canary, baseline }) => side === "max" ? canary - applyBound(baseline, b) : applyBound(baseline, b) - canary));
}
function variance(d, b) {
  const floor = (b.offset / 10) ** 2 || 1e-18;
  return d.length < 2 ? NaN : Math.max(sampleVariance(d), floor);
}
function shownWithin(pairs, s, alpha) {
  const passT = s.pass ?? s.fail;
  const d = excesses(pairs, passT, s.side);
  if (d.length < s.minSamples) return void 0;
  const v = variance(d, passT);
  const whole = sequentialInterval(d, v, s.plannedSamples, alpha / 2);
  if (!(whole.upper < 0)) return void 0;
  const half = Math.floor(d.length / 2);
  if (d.length - half >= s.minSamples && !(sequentialInterval(d.slice(half), v, s.plannedSamples - half, alpha / 2).upper < 0)) return void 0;
  return whole;
}
function lookSequential(pairs, s) {
  const alpha = 1 - s.confidence;
  const d = excesses(pairs, s.fail, s.side);
  const restarts = Math.max(1, Math.ceil(s.plannedSamples / s.restartEvery));
  const v = variance(d, s.fail);
  const whole = sequentialInterval(d, v, s.plannedSamples, alpha / restarts);
  const level = 1 - alpha / restarts;
  if (d.length < s.minSamples) return { decision: "continue", interval: whole, from: 0, confidence: level };
  for (let from = 0; from < restarts * s.restartEvery && d.length - from >= s.minSamples; from += s.restartEvery) {
    const i = from === 0 ? whole : sequentialInterval(d.slice(from), v, s.plannedSamples - from, alpha / restarts);
    if (i.lower > 0) return { decision: "fail", interval: i, from, confidence: level };
  }
  if (s.promoteEarly) {
    const pass = shownWithin(pairs, s, alpha);
    if (pass) return { decision: "pass", interval: pass, from: 0, confidence: 1 - alpha / 2 };
  }
  return { decision: "continue", interval: whole, from: 0, confidence: level };
}

// src/core/compare-pairs.ts
function pointsOf(s) {
  const out = /* @__PURE__ */ new Map();
  if (s?.kind === "series") {
    for (const p of s.points) if (Number.isFinite(p.value)) out.set(p.at, p.value);
  }
  return out;
}
function pairSeries(obs, minVolume, at) {
  const baseline = pointsOf(obs.baseline);
  const volumes = minVolume === void 0 ? [] : [pointsOf(obs.canaryVolume), ...obs.baselineVolume ? [pointsOf(obs.baselineVolume)] : []];
  const pairs = [];
  let quiet = 0;
  for (const [t, canary] of [...pointsOf(obs.canary)].sort((a, b) => a[0] - b[0])) {
    const b = baseline.get(t);
    if (b === void 0) continue;
    if (volumes.some((v) => !((v.get(t) ?? NaN) >= (minVolume ?? 0)))) {
      quiet += 1;
      continue;
    }
    pairs.push({ at: t, canary, baseline: b });
  }
  return { pairs, quiet, newest: pairs.length > 0 && pairs[pairs.length - 1].at === at };
}
function readError(obs) {
  if (obs.kind === "error") return obs.message;
  if (obs.kind !== "comparison") return `a comparison gate needs range reads, but an instant ${obs.kind} answer came`;
  const reads = [
    ["canary", obs.canary],
    ["baseline", obs.baseline],
    ["canary volume", obs.canaryVolume],
    ["baseline volume", obs.baselineVolume]
  ];
  for (const [what, s] of reads) if (s?.kind === "error") return `${what} read: ${s.message}`;
  return void 0;
}

// src/core/compare-gate.ts
function testConfidences(cmp, inconclusiveLimit) {
  const alpha = 1 - cmp.confidence;
  const sequential = cmp.sequential && cmp.judge === "mann-whitney";
  const end = (sequential ? alpha / 2 : alpha) / (1 + inconclusiveLimit);
  return { looks: 1 - alpha / 2, end: 1 - end };
}
function settingsOf(cmp, inconclusiveLimit) {
  const fail2 = { ...cmp.max ? { max: cmp.max } : {}, ...cmp.min ? { min: cmp.min } : {} };
  const pass = { ...cmp.max ? { max: cmp.passMax ?? cmp.max } : {}, ...cmp.min ? { min: cmp.passMin ?? cmp.min } : {} };
  return { fail: fail2, pass, confidence: testConfidences(cmp, inconclusiveLimit).end, minSamples: cmp.minSamples };
}
function numbersOf(n) {
  const out = {};
  for (const [k, v] of Object.entries(n)) if (v !== void 0 && Number.isFinite(v)) out[k] = v;
  return out;
}
function headOf(pairs) {
  const canaryMean = mean(pairs.map((p) => p.canary));
  const baselineMean = mean(pairs.map((p) => p.baseline));
  const n = { canaryMean, baselineMean, ratio: baselineMean === 0 ? NaN : canaryMean / baselineMean, canaryN: pairs.length, baselineN: pairs.length };
  return { text: comparisonHead(n), numbers: numbersOf(n) };
}
function mayPassEarly(cmp, gate2, look, target2) {
  if (!cmp.promoteEarly) return false;
  if (cmp.promoteEarlyAfterMs === void 0) return look * 3 >= target2;
  return gate2.initialDelayMs + look * gate2.intervalMs >= cmp.promoteEarlyAfterMs;
}
function sequentialLook(pairs, gate2, cmp, c, look) {
  const sides = ["max", "min"].filter((s) => cmp[s] !== void 0);
  const confidence = 1 - (1 - testConfidences(cmp, gate2.inconclusiveLimit).looks) / sides.length;
  const promoteEarly = mayPassEarly(cmp, gate2, look, c.target);
  let passes = 0;
  let first;
  for (const side of sides) {
    const bound = cmp[side];
    const pass = (side === "max" ? cmp.passMax : cmp.passMin) ?? bound;
    const l = lookSequential(pairs, {
      side,
      fail: bound,
      pass,
      confidence,
      minSamples: cmp.minSamples,
      plannedSamples: c.target,
      restartEvery: Math.max(1, Math.ceil(c.target / 6)),
      promoteEarly
    });
    if (l.decision === "fail") return { side, look: l, bound, pass };
    if (l.decision === "pass") passes += 1;
    first ??= { side, look: l, bound, pass };
  }
  return passes === sides.length ? first : void 0;
}
function sequentialVerdict(pairs, s, cmp, look, target2) {
  const head = headOf(pairs);
  const i = s.look.interval;
  const since = s.look.from > 0 ? `, over samples ${s.look.from + 1} to ${pairs.length}` : "";
  const interval = `${fmt(s.look.confidence * 100)}% always-valid interval of the excess ${fmt(i.lower)} to ${fmt(i.upper)}${since}`;
  const numbers = { ...head.numbers, ...numbersOf({ lower: i.lower, upper: i.upper, tolerance: (s.look.decision === "fail" ? s.bound : s.pass).factor }) };
  const beyond = s.side === "max" ? "above" : "below";
  if (s.look.decision === "fail")
    return {
      phase: "failed",
      reasonCode: "comparison-failed",
      reason: `${head.text}: ${beyond} the ${toleranceText(s.bound)} tolerance (${interval}); shown at look ${look} of ${target2}`,
      numbers
    };
  return {
    phase: "successful",
    reasonCode: "comparison-passed-early",
    reason: `${head.text}: within the ${toleranceText(s.pass)} tolerance (${interval}); passed early at look ${look} of ${target2} (promoteEarly${cmp.promoteEarlyAfterMs !== void 0 ? `: not before ${formatDuration(cmp.promoteEarlyAfterMs)}` : ""})`,
    numbers
  };
}
function noDataVerdict(gate2, c, detail, numbers) {
  switch (gate2.onNoData) {
    case "pass":
      return { phase: "successful", reasonCode: "no-data-pass", reason: `no data (${detail}); counted as success (onNoData: pass)`, numbers };
    case "fail":
      return { phase: "failed", reasonCode: "no-data-fail", reason: `no data (${detail}); counted as failure (onNoData: fail)`, numbers, noData: true };
    case "wait":
      if (c.noDataWaits < c.target)
        return { phase: "wait", reasonCode: "no-data-wait", reason: `no data (${detail}); measuring again (onNoData: wait)`, numbers, noData: true };
      return {
        phase: "inconclusive",
        reasonCode: "no-data-wait-exhausted",
        reason: `no data (${detail}); still no data after ${c.noDataWaits} waits: inconclusive`,
        numbers,
        noData: true
      };
    default:
      return { phase: "inconclusive", reasonCode: "no-data", reason: `no data (${detail}); inconclusive`, numbers, noData: true };
  }
}
function endVerdict(pairs, paired, gate2, cmp, c) {
  const canary = pairs.map((p) => p.canary);
  const baseline = pairs.map((p) => p.baseline);
  const s = settingsOf(cmp, gate2.inconclusiveLimit);
  const v = cmp.judge === "ratio" ? judgeRatio(canary, baseline, s) : judgeWindowAndRecentHalf(canary, baseline, s);
  const n = v.numbers;
  const side = v.side ?? (cmp.max ? "max" : "min");
  const numbers = numbersOf({
    canaryMean: n.canaryMean,
    baselineMean: n.baselineMean,
    ratio: n.ratio,
    p: v.outcome === "pass" ? n.pPass : n.p,
    u: n.u,
    canaryN: n.canaryN,
    baselineN: n.baselineN,
    tolerance: (v.outcome === "pass" ? side === "max" ? cmp.passMax : cmp.passMin : void 0)?.factor ?? cmp[side]?.factor
  });
  const quiet = paired.quiet > 0 ? `; ${plural(paired.quiet, "step")} below minVolume ${gate2.minVolume?.min ?? 0} left out` : "";
  switch (v.outcome) {
    case "fail":
      return { phase: "failed", reasonCode: "comparison-failed", reason: `${v.reason}${quiet}`, numbers };
    case "pass":
      return { phase: "successful", reasonCode: "comparison-passed", reason: `${v.reason}${quiet}`, numbers };
    case "inconclusive":
      return { phase: "inconclusive", reasonCode: "comparison-inconclusive", reason: `${v.reason}${quiet}`, numbers };
    default:
      return noDataVerdict(gate2, c, `${v.reason}${quiet}`, numbers);
  }
}
function lookVerdict(c, gate2, cmp, obs, at) {
  const error = readError(obs);
  if (error !== void 0 || obs.kind !== "comparison")
    return { phase: "error", reasonCode: "metric-error", reason: `metric backend error: ${error ?? "?"}`, numbers: {} };
  const paired = pairSeries(obs, gate2.minVolume?.min, at);
  const look = c.measurements + 1;
  const last = look >= c.target + c.inconclusive;
  if (cmp.sequential && cmp.judge === "mann-whitney" && paired.pairs.length >= cmp.minSamples) {
    const s = sequentialLook(paired.pairs, gate2, cmp, c, look);
    if (s) return sequentialVerdict(paired.pairs, s, cmp, look, c.target);
  }
  if (last) return endVerdict(paired.pairs, paired, gate2, cmp, c);
  const head = paired.pairs.length > 0 ? headOf(paired.pairs) : { text: "no paired samples yet", numbers: {} };
  const missing = !paired.newest && gate2.onNoData !== "pass";
  return {
    phase: "look",
    reasonCode: missing ? "comparison-step-missing" : "comparison-look",
    reason: `${head.text}${missing ? "; this step has no pair (missing, or below minVolume)" : ""}; not decided yet (${look} of ${c.target})`,
    numbers: head.numbers,
    ...missing ? { noData: true } : {}
  };
}
function assessLooks(c, gate2, v) {
  const noData = c.consecutiveNoData ?? 0;
  const numbers = {
    ...v.numbers,
    samples: c.measurements,
    errors: c.errors,
    consecutiveErrors: c.consecutiveErrors,
    ...noData > 0 ? { consecutiveNoData: noData } : {}
  };
  const limit = gate2.consecutiveErrorLimit;
  if (v.phase === "failed") return { status: "failed", reasonCode: v.reasonCode, reason: v.reason, numbers };
  if (c.consecutiveErrors > limit)
    return {
      status: "failed",
      reasonCode: "gate-errors",
      reason: `${c.consecutiveErrors} consecutive backend errors exceed consecutiveErrorLimit ${limit} (last: ${v.reason})`,
      numbers: { ...numbers, limit }
    };
  if (noData > limit)
    return {
      status: "failed",
      reasonCode: "gate-no-data",
      reason: `${noData} looks in a row without data (no pair at the step, or backend errors) exceed consecutiveErrorLimit ${limit} (last: ${v.reason})`,
      numbers: { ...numbers, limit }
    };
  if (v.phase === "successful") return { status: "passed", reasonCode: v.reasonCode, reason: v.reason, numbers };
  if (v.phase === "inconclusive" && c.inconclusive > gate2.inconclusiveLimit)
    return {
      status: "inconclusive",
      reasonCode: v.reasonCode,
      reason: `${v.reason}${c.inconclusive > 1 ? ` (${c.inconclusive} inconclusive ends exceed inconclusiveLimit ${gate2.inconclusiveLimit})` : ""}`,
      numbers: { ...numbers, limit: gate2.inconclusiveLimit }
    };
  return { status: "measuring", reasonCode: "gate-measuring", reason: `${c.measurements} of ${c.target} looks`, numbers };
}
function lookComparison(c, gate2, cmp, obs, at) {
  const verdict = lookVerdict(c, gate2, cmp, obs, at);
  const next = countVerdict(c, verdict);
  return { verdict, next, status: assessLooks(next, gate2, verdict) };
}

// src/core/gates.ts
function startBake(ctx, r) {
  const stage2 = stageOf2(ctx, r);
  const bakeMs = stage2.steps[r.step]?.bakeMs ?? 0;
  const gates = {};
  const described = [];
  for (const name of stage2.gates) {
    const gate2 = ctx.plan.gates[name];
    if (!gate2) continue;
    const target2 = gateTarget(gate2, bakeMs);
    if (target2 === 0) {
      described.push(`${name}: not measured (bake shorter than interval)`);
      continue;
    }
    gates[name] = newCounters(target2, ctx.at + gate2.initialDelayMs + gate2.intervalMs);
    described.push(`${name}: ${plural(target2, "measurement")}`);
  }
  r.bake = { startedAt: ctx.at, endsAt: ctx.at + bakeMs, gates };
  setPhase(ctx, r, "baking");
  log(ctx, {
    kind: "bake-started",
    stage: stage2.name,
    region: r.name,
    step: r.step,
    reasonCode: "bake-started",
    reason: `baking ${formatDuration(bakeMs)} at ${trafficOf(ctx, r)}%${described.length ? `; ${described.join(", ")}` : ""}`,
    numbers: { traffic: trafficOf(ctx, r) }
  });
  tickBake(ctx, r);
}
function tickBake(ctx, r) {
  if (!r.bake || r.phase !== "baking") return;
  queryDue(ctx, r);
  settleRound(ctx, r);
}
function tickHeld(ctx, r) {
  if (r.bake && r.phase === "awaiting-approval") queryDue(ctx, r);
}
function isMeasured(r, c) {
  if (r.phase === "baking") return c.status === "measuring";
  return r.phase === "awaiting-approval" && c.measureWhileHeld === true;
}
function measuresWhileHeld(r) {
  if (r.phase !== "awaiting-approval" || !r.bake) return false;
  for (const c of Object.values(r.bake.gates)) if (c.measureWhileHeld) return true;
  return false;
}
function queryDue(ctx, r) {
  const bake = r.bake;
  if (!bake) return;
  ctx.dirty.add(r.name);
  let due;
  for (const [name, c] of Object.entries(bake.gates)) {
    if (isMeasured(r, c) && !c.awaiting && c.nextAt <= ctx.at) {
      c.awaiting = true;
      due ??= /* @__PURE__ */ new Map();
      const list = due.get(c.nextAt);
      if (list) list.push(name);
      else due.set(c.nextAt, [name]);
    }
  }
  if (due) {
    const stage2 = stageOf2(ctx, r);
    for (const [at, gates] of [...due].sort((a, b) => a[0] - b[0])) {
      const ranged = gates.some((g) => ctx.plan.gates[g]?.compare !== void 0);
      ctx.fx.push({
        type: "query-metric",
        region: r.name,
        stage: stage2.name,
        step: r.step,
        traffic: trafficOf(ctx, r),
        gates,
        at,
        ...ranged ? { bakeStartedAt: bake.startedAt } : {}
      });
    }
  }
}
function maybeFinishBake(ctx, r) {
  const bake = r.bake;
  if (!bake || r.phase !== "baking" || ctx.s.hold || ctx.s.stop) return;
  const gates = Object.values(bake.gates);
  if (ctx.at < bake.endsAt && !gates.some((c) => c.passedEarly)) return;
  for (const c of gates) if (c.status !== "passed") return;
  stepPassed(ctx, r);
}
function heldWakeAt(r) {
  if (r.phase !== "awaiting-approval" || !r.bake) return void 0;
  let next;
  for (const c of Object.values(r.bake.gates)) {
    if (c.measureWhileHeld && !c.awaiting && (next === void 0 || c.nextAt < next)) next = c.nextAt;
  }
  return next;
}
function bakeWakeAt(r, held) {
  const bake = r.bake;
  if (!bake || r.phase !== "baking") return void 0;
  let next;
  let allPassed = true;
  for (const c of Object.values(bake.gates)) {
    if (c.status !== "passed") allPassed = false;
    if (c.status === "measuring" && !c.awaiting && (next === void 0 || c.nextAt < next)) next = c.nextAt;
  }
  if (allPassed && !held && (next === void 0 || bake.endsAt < next)) next = bake.endsAt;
  return next;
}
function noDataWaitExhausted(c, v) {
  if (v.phase !== "wait" || c.noDataWaits < c.target) return v;
  return { ...v, phase: "inconclusive", reasonCode: "no-data-wait-exhausted", reason: `${v.reason}; still no data after ${c.noDataWaits} waits: inconclusive` };
}
function judge(obs, gate2) {
  if (gate2.slo) return assessSlo(obs, { ...gate2, slo: gate2.slo });
  if (obs.kind === "slo")
    return { phase: "error", reasonCode: "metric-error", reason: `gate ${gate2.name} is not an slo gate but was answered with slo reads`, numbers: {} };
  return assessObservation(obs, gate2);
}
function judgeInstant(c, gate2, obs) {
  const observation = obs.kind === "comparison" ? { kind: "error", message: "a range read came for a gate without compare" } : obs;
  const verdict = noDataWaitExhausted(c, judge(observation, gate2));
  const next = countVerdict(c, verdict);
  const assessed = assessGate(next, gate2);
  const status = assessed.status === "failed" || assessed.status === "inconclusive" ? { ...assessed, reason: `${assessed.reason} (last: ${verdict.reason})`, numbers: { ...verdict.numbers, ...assessed.numbers } } : assessed;
  return { verdict, next, status };
}
function onMeasurement(ctx, r, ev) {
  const c = r.bake?.gates[ev.gate];
  const gate2 = ctx.plan.gates[ev.gate];
  if (!r.bake || !c || !gate2 || !isMeasured(r, c) || ev.step !== r.step || !c.awaiting) return false;
  if (!(ev.at >= c.nextAt)) return false;
  ctx.dirty.add(r.name);
  const held = r.phase === "awaiting-approval";
  const { verdict, next, status } = gate2.compare ? lookComparison(c, gate2, gate2.compare, ev.observation, ev.at) : judgeInstant(c, gate2, ev.observation);
  next.awaiting = false;
  next.nextAt = ev.at + gate2.intervalMs;
  const where = { stage: stageOf2(ctx, r).name, region: r.name, step: r.step, gate: ev.gate };
  const dataBack = held && status.status !== "failed" && verdict.phase !== "error" && !verdict.noData;
  const heldNote = !held ? "" : dataBack ? "; data is back: no longer measured while held, still waiting for a person" : "; measured while held for missing data";
  log(ctx, {
    kind: "measurement",
    ...where,
    reasonCode: verdict.phase === "wait" ? "no-data-wait" : verdict.reasonCode,
    reason: `${verdict.phase}: ${verdict.reason}${heldNote}`,
    numbers: { ...verdict.numbers, samples: next.measurements, ...next.consecutiveNoData ? { consecutiveNoData: next.consecutiveNoData } : {} }
  });
  if (dataBack) delete next.measureWhileHeld;
  else if (!held || status.status === "failed") applyGateStatus(ctx, where, next, status, verdict);
  r.bake.gates[ev.gate] = next;
  settleRound(ctx, r);
  return true;
}
function applyGateStatus(ctx, where, next, status, last) {
  next.status = status.status;
  if (status.status === "passed" && status.reasonCode === "comparison-passed-early") next.passedEarly = true;
  if (status.status === "passed") {
    log(ctx, { kind: "gate-passed", ...where, reasonCode: status.reasonCode, reason: status.reason, numbers: status.numbers });
    return;
  }
  if (status.status !== "failed" && status.status !== "inconclusive") return;
  next.verdict = { reasonCode: status.reasonCode, reason: status.reason };
  if (status.status === "inconclusive" && last.noData) next.measureWhileHeld = true;
  else delete next.measureWhileHeld;
  log(ctx, {
    kind: status.status === "failed" ? "gate-failed" : "gate-inconclusive",
    ...where,
    reasonCode: status.reasonCode,
    reason: status.reason,
    numbers: status.numbers
  });
}
function settleRound(ctx, r) {
  const bake = r.bake;
  if (!bake) return;
  for (const c of Object.values(bake.gates)) if (c.awaiting) return;
  const judged = stageOf2(ctx, r).gates.filter((g) => bake.gates[g]?.status === "failed" || r.phase === "baking" && bake.gates[g]?.status === "inconclusive");
  judged.sort((a, b) => Number(bake.gates[b]?.status === "failed") - Number(bake.gates[a]?.status === "failed"));
  const [first, ...others] = judged;
  const worst = first !== void 0 ? bake.gates[first] : void 0;
  if (first === void 0 || !worst) {
    maybeFinishBake(ctx, r);
    return;
  }
  const also = others.map((g) => `gate ${g} ${bake.gates[g]?.status ?? ""}: ${bake.gates[g]?.verdict?.reason ?? ""}`);
  const reasonCode = worst.verdict?.reasonCode ?? (worst.status === "failed" ? "gate-failed" : "gate-inconclusive");
  const reason = `gate ${first}: ${worst.verdict?.reason ?? worst.status}${also.length ? `; also ${also.join("; ")}` : ""}`;
  if (worst.status === "failed") regionFailed(ctx, r, reasonCode, reason);
  else awaitPerson(ctx, r, reasonCode, reason);
}
function awaitPerson(ctx, r, reasonCode, reason) {
  const deadline = ctx.at + ctx.plan.approvals.timeoutMs;
  r.approval = { requestedAt: ctx.at, deadline, reasonCode, reason };
  setPhase(ctx, r, "awaiting-approval");
  const stage2 = stageOf2(ctx, r);
  log(ctx, {
    kind: "region-awaiting-approval",
    stage: stage2.name,
    region: r.name,
    step: r.step,
    reasonCode,
    reason: `${reason}; waiting for a person to approve or reject`
  });
  ctx.fx.push({ type: "request-approval", stage: stage2.name, region: r.name, reason, deadline });
}
function resumeApprovedRegion(ctx, r) {
  r.approval = void 0;
  setPhase(ctx, r, "baking");
  for (const c of Object.values(r.bake?.gates ?? {})) {
    if (c.status === "inconclusive") c.status = "passed";
    delete c.measureWhileHeld;
    c.awaiting = false;
  }
  tickBake(ctx, r);
}

// src/core/approvals.ts
function heldRegions2(s) {
  const out = [];
  for (const name in s.active) {
    const r = s.regions[name];
    if (r?.phase === "awaiting-approval") out.push(r);
  }
  return out;
}
function whatWaits2(s) {
  const st = s.stages[s.stage];
  if (st?.phase === "awaiting-approval") return `stage ${st.name} waits for an approval`;
  const held = heldRegions2(s).map((r) => r.name);
  if (held.length === 1) return `region ${held[0] ?? ""} waits for a person`;
  if (held.length > 1) return `regions ${held.join(", ")} wait for a person`;
  return "nothing waits for a person";
}
function lastApproval(s, region) {
  for (let i = s.history.length - 1; i >= 0; i--) {
    const h = s.history[i];
    if (h?.region !== region) continue;
    if (h.kind === "region-approved") return { by: h.by ?? "someone", at: h.at };
    if (h.kind === "region-awaiting-approval") return void 0;
  }
  return void 0;
}
function regionTarget(ctx, name, decision) {
  const { s } = ctx;
  const r = Object.hasOwn(s.regions, name) ? s.regions[name] : void 0;
  if (!r) return { ok: false, code: "unknown-region", why: `this release has no region ${shownName(name)}`, target: {} };
  const target2 = { stage: s.stages[r.stage]?.name ?? "", region: r.name };
  if (r.phase === "awaiting-approval") return { ok: true, on: { kind: "region", r } };
  const before = decision === "approve" ? lastApproval(s, r.name) : void 0;
  if (before) return { ok: false, code: "already-approved", why: `region ${r.name} was approved by ${before.by} at ${when(before.at)}`, target: target2 };
  return { ok: false, code: "region-not-waiting", why: `region ${r.name} is ${r.phase}, not waiting for a person (${whatWaits2(s)})`, target: target2 };
}
function stageTarget(ctx, name, decision) {
  const { s } = ctx;
  const index = s.stages.findIndex((st2) => st2.name === name);
  const st = s.stages[index];
  if (!st) return { ok: false, code: "unknown-stage", why: `this release has no stage ${shownName(name)}`, target: {} };
  if (index === s.stage && st.phase === "awaiting-approval") {
    const environment = decision === "approve" ? environmentApprovalRefusal(ctx) : void 0;
    if (environment !== void 0) return { ok: false, code: "environment-approval", why: environment, target: { stage: st.name } };
    return { ok: true, on: { kind: "stage", index } };
  }
  const target2 = { stage: st.name };
  const a = st.approval;
  if (decision === "approve" && a?.decision === "approve")
    return { ok: false, code: "already-approved", why: `stage ${st.name} was approved by ${a.by ?? "someone"} at ${when(a.at ?? 0)}`, target: target2 };
  const after = a?.decision === "approve" ? `, approved by ${a.by ?? "someone"}; to stop the release use abort` : "";
  return { ok: false, code: "stage-not-waiting", why: `stage ${st.name} is ${st.phase}${after} (${whatWaits2(s)})`, target: target2 };
}
function resolve(ctx, ev, decision) {
  const { s } = ctx;
  if (ev.region !== void 0) return regionTarget(ctx, ev.region, decision);
  if (ev.stage !== void 0) return stageTarget(ctx, ev.stage, decision);
  const st = s.stages[s.stage];
  if (st?.phase === "awaiting-approval") return stageTarget(ctx, st.name, decision);
  const held = heldRegions2(s);
  if (held.length === 1 && held[0]) return { ok: true, on: { kind: "region", r: held[0] } };
  if (held.length > 1)
    return { ok: false, code: "ambiguous", why: `regions ${held.map((r) => r.name).join(", ")} wait for a person; name one (input region)`, target: {} };
  if (st && decision === "approve" && st.approval?.decision === "approve") return stageTarget(ctx, st.name, decision);
  return { ok: false, code: "nothing-waiting", why: whatWaits2(s), target: {} };
}
function onDecision(ctx, ev, decision) {
  const found = resolve(ctx, ev, decision);
  if (!found.ok) {
    refused(ctx, ev, found.code, found.why, found.target);
    return;
  }
  const { on } = found;
  const done = decision === "approve" ? "approved" : "rejected";
  if (on.kind === "region") {
    accepted(ctx, ev, decision, `${done} region ${on.r.name}`, { stage: ctx.s.stages[on.r.stage]?.name ?? "", region: on.r.name });
    decideRegion(ctx, ev, decision, on.r);
  } else {
    const name = ctx.s.stages[on.index]?.name ?? "";
    accepted(ctx, ev, decision, `${done} stage ${name}`, { stage: name });
    decideStage(ctx, ev, decision, on.index);
  }
}
function onPromote(ctx, ev) {
  const { s } = ctx;
  const st = s.stages[s.stage];
  const environment = environmentApprovalRefusal(ctx);
  const stage2 = st?.phase === "awaiting-approval" && environment === void 0 ? s.stage : void 0;
  const held = heldRegions2(s);
  if (stage2 === void 0 && held.length === 0 && environment !== void 0) {
    refused(ctx, ev, "environment-approval", environment, st ? { stage: st.name } : {});
    return;
  }
  if (stage2 === void 0 && held.length === 0) {
    refused(ctx, ev, "nothing-waiting", "nothing waits for a person (promote approves what waits; it does not lift a pause nor skip bakes, gates or steps)");
    return;
  }
  const what = [
    ...stage2 !== void 0 ? [`stage ${st?.name ?? ""}`] : [],
    ...held.length ? [`${noun(held.length, "region")} ${held.map((r) => r.name).join(", ")}`] : []
  ];
  const target2 = {
    ...st !== void 0 ? { stage: st.name } : {},
    ...held.length === 1 && held[0] ? { region: held[0].name } : {}
  };
  accepted(ctx, ev, "promote", `promoted: approved ${what.join(" and ")}`, target2);
  for (const r of held) if (r.phase === "awaiting-approval") decideRegion(ctx, ev, "approve", r);
  if (stage2 !== void 0 && s.stages[stage2]?.phase === "awaiting-approval") decideStage(ctx, ev, "approve", stage2);
}
function decideRegion(ctx, ev, decision, r) {
  const held = r.approval?.reason ?? "held";
  if (decision === "approve") {
    log(ctx, { kind: "region-approved", region: r.name, step: r.step, by: ev.by, reasonCode: "approved", reason: `${who(ev)} approved ${r.name} (${held})` });
    resumeApprovedRegion(ctx, r);
    fillStage(ctx, r.stage);
  } else {
    regionFailed(ctx, r, "approval-rejected", `${who(ev)} rejected ${r.name} (${held})${because(ev)}`);
  }
}
function decideStage(ctx, ev, decision, index) {
  const st = ctx.s.stages[index];
  if (!st) return;
  st.approval = { requestedAt: st.approval?.requestedAt ?? ctx.at, deadline: st.approval?.deadline ?? ctx.at, by: ev.by, at: ctx.at, decision };
  if (decision === "approve") {
    log(ctx, { kind: "stage-approved", stage: st.name, by: ev.by, reasonCode: "approved", reason: `${who(ev)} approved stage ${st.name}` });
    startStage(ctx, index);
  } else {
    stopRelease(ctx, "approval-rejected", `${who(ev)} rejected stage ${st.name}${because(ev)}`, "touched");
  }
}

// src/core/plan-pin.ts
function referenceOutline(s, plan, digest) {
  return s.pin && s.pin.digest !== digest ? s.pin.outline : planOutline(plan);
}
function stateMismatch(s, outline) {
  if (!readableOutline(outline) || s.pin !== void 0 && !PIN_DIGEST.test(String(s.pin.digest)))
    return ["its plan pin (state.pin) is not a digest and an outline of stages, regions and steps"];
  const out = [];
  const stages = Array.isArray(s.stages) ? s.stages : [];
  if (stages.length !== outline.stages.length) out.push(`the ledger has ${plural(stages.length, "stage")}, the plan ${outline.stages.length}`);
  stages.forEach((st, i) => {
    const want = outline.stages[i]?.name;
    if (want !== void 0 && st?.name !== want) out.push(`the ledger's stage ${i + 1} is ${shownName(st?.name)}, the plan's is ${want}`);
  });
  if (!Number.isInteger(s.stage) || s.stage < 0 || s.stage >= Math.max(1, outline.stages.length))
    out.push(`the ledger's current stage #${shownName(s.stage)} is not in the plan`);
  const where = /* @__PURE__ */ new Map();
  outline.stages.forEach((st, i) => st.regions.forEach((r) => where.set(r, i)));
  const regions = typeof s.regions === "object" && s.regions !== null ? s.regions : {};
  for (const [name, r] of Object.entries(regions)) {
    const stage2 = where.get(name);
    if (stage2 === void 0) {
      out.push(`the ledger names region ${shownName(name)}, which the plan lacks`);
      continue;
    }
    if (r?.name !== name || r.stage !== stage2) {
      out.push(`the ledger puts region ${name} in stage #${shownName(r?.stage)}, the plan in ${outline.stages[stage2]?.name ?? "?"}`);
      continue;
    }
    const steps = outline.stages[stage2]?.steps.length ?? 0;
    const named2 = [r.step, ...Array.isArray(r.runs) ? r.runs.map((run) => run?.step) : []];
    if (named2.some((step) => !Number.isInteger(step) || step < 0 || step >= steps)) {
      out.push(
        `the ledger names step ${shownName(Math.max(...named2.map(Number)) + 1)} of region ${name}; stage ${outline.stages[stage2]?.name ?? "?"} has ${steps}`
      );
      continue;
    }
    const gates = outline.stages[stage2]?.gates ?? [];
    const unknown = Object.keys(r.bake?.gates ?? {}).filter((g) => !gates.includes(g));
    if (unknown.length > 0)
      out.push(`the ledger measures ${noun(unknown.length, "gate")} ${unknown.map(shownName).join(", ")} in region ${name}, which its stage lacks`);
  }
  for (const name of where.keys()) if (!Object.hasOwn(regions, name)) out.push(`the ledger lacks region ${name} of the plan`);
  return out.slice(0, 5);
}
var PIN_DIGEST = /^sha256:[0-9a-f]{64}$/;
function readableOutline(o) {
  const isMap = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
  const names = (v) => Array.isArray(v) && v.every((x) => typeof x === "string" && SAFE_NAME.test(x));
  if (!o || !Array.isArray(o.stages) || !isMap(o.gates) || !isMap(o.parts)) return false;
  const bound = (v) => v === void 0 || typeof v === "number" && Number.isFinite(v);
  if (!Object.entries(o.gates).every(([g, b]) => SAFE_NAME.test(g) && isMap(b) && bound(b.min) && bound(b.max)))
    return false;
  return o.stages.every(
    (st) => typeof st?.name === "string" && SAFE_NAME.test(st.name) && names(st.regions) && names(st.gates) && Array.isArray(st.steps) && st.steps.every((t) => typeof t === "number" && Number.isFinite(t))
  );
}
function stateMismatchWith(s, plan, digest) {
  return stateMismatch(s, referenceOutline(s, plan, digest));
}
function touched(r) {
  return r.phase !== "pending";
}
function adoptionProblems(s, plan) {
  const out = [];
  const was = s.pin?.outline;
  if (!was) return ["the ledger was saved before plans were pinned: restore the plan the release started with"];
  if (s.freeze && !(plan.freeze && plan.gates[plan.freeze.slo]?.slo)) {
    const stage2 = was.stages[s.freeze.stage]?.name ?? `#${s.freeze.stage + 1}`;
    out.push(
      `the release freeze holds stage ${stage2}: a plan without the freeze (or its slo gate) cannot be adopted now; give override-freeze first, or adopt it once the stage has started`
    );
  }
  for (let i = 0; i <= s.stage && i < was.stages.length; i++) {
    const before = was.stages[i];
    const now = plan.stages[i];
    if (before && now?.name !== before.name)
      out.push(`stage ${before.name} (entered) must stay stage ${i + 1}${now ? `, the plan has ${now.name} there` : ""}`);
  }
  for (const r of Object.values(s.regions)) {
    if (!touched(r)) continue;
    const stage2 = plan.stages[r.stage];
    const before = was.stages[r.stage];
    if (!stage2 || !before || stage2.name !== before.name || !stage2.regions.includes(r.name)) {
      const now = plan.stages.find((st) => st.regions.includes(r.name));
      out.push(`region ${r.name} (${r.phase}) ${now ? `moved from stage ${before?.name ?? "?"} to ${now.name}` : "is no longer in the plan"}`);
      continue;
    }
    const dropped = Object.keys(r.bake?.gates ?? {}).filter((g) => !stage2.gates.includes(g));
    if (dropped.length > 0) {
      out.push(
        `region ${r.name} (${r.phase}) measures ${noun(dropped.length, "gate")} ${dropped.join(", ")} in this step, which stage ${stage2.name} no longer has: adopt it once the step is done`
      );
      continue;
    }
    if (r.phase === "promoted" && stage2.steps.length > r.step + 1) {
      out.push(
        `region ${r.name} was promoted after step ${r.step + 1} of stage ${stage2.name}; the plan now has ${stage2.steps.length} steps there, which it would never run`
      );
      continue;
    }
    const reached = Math.min(r.step, before.steps.length - 1);
    for (let i = 0; i <= reached; i++) {
      if (stage2.steps[i]?.traffic !== before.steps[i]) {
        out.push(
          `region ${r.name} reached step ${reached + 1} of stage ${stage2.name}; step ${i + 1} was ${before.steps[i]}%, the plan now says ${stage2.steps[i] ? `${stage2.steps[i]?.traffic}%` : "no such step"}`
        );
        break;
      }
    }
  }
  for (let i = 0; i < s.stage && i < plan.stages.length; i++) {
    const stage2 = plan.stages[i];
    const added = stage2?.regions.filter((r) => !Object.hasOwn(s.regions, r)) ?? [];
    if (stage2 && added.length > 0) out.push(`stage ${stage2.name} is done: ${noun(added.length, "region")} ${added.join(", ")} would never be deployed`);
  }
  return out;
}
function adopt(ctx) {
  const { s, plan } = ctx;
  const regions = {};
  plan.stages.forEach((stage2, index) => {
    for (const name of stage2.regions) {
      const r = Object.hasOwn(s.regions, name) ? s.regions[name] : void 0;
      if (r) {
        r.stage = index;
        regions[name] = r;
      } else {
        regions[name] = { name, stage: index, phase: "pending", step: 0, runs: [], rollbackDispatched: false, rollbackFailed: false };
        s.counts.pending += 1;
      }
    }
  });
  for (const name of Object.keys(s.regions)) if (!Object.hasOwn(regions, name)) s.counts.pending -= 1;
  s.regions = regions;
  s.stages = plan.stages.map((stage2, i) => {
    const kept = i <= s.stage ? s.stages[i] : void 0;
    if (!kept) return { name: stage2.name, phase: "pending", cursor: 0, failed: 0 };
    return i === s.stage ? { ...kept, cursor: 0 } : kept;
  });
  s.pin = planPin(plan);
}
function checkPlanOnResume(ctx) {
  const { s, plan } = ctx;
  const now = planPin(plan);
  const mismatch = stateMismatch(s, referenceOutline(s, plan, now.digest));
  if (mismatch.length > 0) {
    holdFor(
      ctx,
      "state-plan-mismatch",
      now.digest,
      `the ledger's state does not match ${s.pin && s.pin.digest !== now.digest ? "the plan it was started with" : "the plan"}: ${mismatch.join("; ")}; refusing to drive it (restore the ledger or start a new release)`
    );
    return false;
  }
  if (!s.pin) {
    s.pin = now;
    log(ctx, {
      kind: "plan-pinned",
      reasonCode: "plan-pinned",
      reason: `the ledger was saved before plans were pinned; it matches the plan's stages, regions and steps, so the release goes on pinned to plan ${shortDigest(now.digest)}`
    });
  }
  if (s.pin.digest === now.digest) {
    if (s.planChanged)
      log(ctx, {
        kind: "release-continued",
        reasonCode: "plan-restored",
        reason: `the plan is again the one the release was started with (${shortDigest(now.digest)})`
      });
    s.planChanged = void 0;
    return true;
  }
  const changes = describeOutlineChanges(s.pin.outline, now.outline);
  const what = changes.length > 0 ? changes.join("; ") : "the plan differs from the one the release was started with";
  holdFor(
    ctx,
    "plan-changed",
    now.digest,
    `plan changed since the release started (${shortDigest(s.pin.digest)} -> ${shortDigest(now.digest)}): ${what}; nothing is done until the plan is restored or a person adopts it (command adopt-plan:${shortDigest(now.digest)})`
  );
  return false;
}
function holdFor(ctx, reasonCode, digest, reason) {
  const { s } = ctx;
  const same = s.planChanged?.digest === digest && s.planChanged.reason === reason;
  s.planChanged = { reasonCode, digest, reason, at: ctx.at };
  if (!same) log(ctx, { kind: "plan-changed", reasonCode, reason });
  ctx.fx.push({ type: "save-state" });
}
function heldForPlan(s, event) {
  if (!s.planChanged) return false;
  return !(event.type === "resumed" || event.type === "cancelled" || event.type === "command" && event.name === "adopt-plan");
}
function onAdoptPlan(ctx, ev) {
  const { s, plan } = ctx;
  const held = s.planChanged;
  if (!held || held.reasonCode !== "plan-changed") {
    refuse(ctx, ev, held ? "the ledger does not match its plan; a changed plan cannot be adopted over it" : "the plan has not changed");
    return false;
  }
  const now = held.digest;
  if (ev.digest !== void 0 && !now.replace(/^sha256:/, "").startsWith(ev.digest.replace(/^sha256:/, ""))) {
    refuse(ctx, ev, `the plan is ${shortDigest(now)}, not the ${digestText(ev.digest)} given`);
    return false;
  }
  const problems = adoptionProblems(s, plan);
  if (problems.length > 0) {
    refuse(ctx, ev, problems.join("; "));
    return false;
  }
  const was = s.pin?.digest ?? "none";
  const changes = s.pin ? describeOutlineChanges(s.pin.outline, planOutline(plan)) : [];
  adopt(ctx);
  s.planChanged = void 0;
  accepted(ctx, ev, "plan-adopted", `adopted plan ${now} (was ${was})${changes.length ? `: ${changes.join("; ")}` : ""}`);
  return true;
}
function refuse(ctx, ev, why) {
  refused(ctx, ev, "adopt-plan-refused", why);
}
function sharedInFlight(other, plan, version) {
  if (other.status === "finished" || other.version !== version) return [];
  if (other.pin !== void 0 && other.pin.outline.parts.deploy !== planPin(plan).outline.parts.deploy) return [];
  const regions = new Set(plan.stages.flatMap((st) => st.regions));
  return Object.keys(other.regions).filter((r) => regions.has(r));
}

// src/core/timers.ts
function less(a, b) {
  return a[0] < b[0] || a[0] === b[0] && a[1] < b[1];
}
function pushTimer(heap, t) {
  heap.push(t);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = i - 1 >> 1;
    const p = heap[parent];
    if (!less(t, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = t;
}
function popTimer(heap) {
  const top = heap[0];
  const last = heap.pop();
  if (top === void 0 || last === void 0 || heap.length === 0) return top;
  let i = 0;
  for (; ; ) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    let best = last;
    const lt = heap[l];
    const rt = heap[r];
    if (lt && less(lt, best)) {
      m = l;
      best = lt;
    }
    if (rt && less(rt, best)) m = r;
    if (m === i) break;
    heap[i] = heap[m];
    i = m;
  }
  heap[i] = last;
  return top;
}
function peekTimer(heap) {
  return heap[0];
}

// src/core/ticks.ts
function tick(ctx) {
  const { s } = ctx;
  const st = s.stages[s.stage];
  if (st?.phase === "awaiting-approval" && st.approval && ctx.at >= st.approval.deadline) {
    const closed = closeApprovalRun(ctx, st, "timed out");
    stopRelease(ctx, "approval-timeout", `stage ${st.name} was not approved within ${formatDuration(st.approval.deadline - st.approval.requestedAt)}${closed}`);
    return;
  }
  for (let top = peekTimer(s.timers); top !== void 0 && top[0] <= ctx.at; top = peekTimer(s.timers)) {
    popTimer(s.timers);
    const r = s.regions[top[1]];
    if (!r || r.wakeAt !== top[0]) continue;
    r.wakeAt = void 0;
    ctx.dirty.add(r.name);
    if (s.status !== "finished") tickRegion(ctx, r);
  }
}
function tickRegion(ctx, r) {
  if (r.phase === "deploying" || r.phase === "rolling-back") checkRunDeadline(ctx, r);
  else if (r.phase === "baking") tickBake(ctx, r);
  else if (r.phase === "awaiting-approval" && r.approval && ctx.at >= r.approval.deadline) {
    regionFailed(ctx, r, "approval-timeout", `nobody decided on ${r.name} within ${formatDuration(ctx.plan.approvals.timeoutMs)} (${r.approval.reason})`);
  } else if (r.phase === "awaiting-approval") tickHeld(ctx, r);
}
function regionWakeAt(s, r) {
  if (r.phase === "deploying" || r.phase === "rolling-back") return openRun(r)?.deadline;
  if (r.phase === "baking") return bakeWakeAt(r, s.hold !== void 0 || s.stop !== void 0);
  if (r.phase === "awaiting-approval") {
    const measure = heldWakeAt(r);
    const deadline = r.approval?.deadline;
    return measure !== void 0 && (deadline === void 0 || measure < deadline) ? measure : deadline;
  }
  return void 0;
}
function reschedule(ctx) {
  const { s } = ctx;
  for (const name of ctx.dirty) {
    const r = s.regions[name];
    if (!r) continue;
    const wake = s.status === "finished" ? void 0 : regionWakeAt(s, r);
    if (wake === r.wakeAt) continue;
    r.wakeAt = wake;
    if (wake !== void 0) pushTimer(s.timers, [wake, name]);
  }
  for (let top = peekTimer(s.timers); top !== void 0; top = peekTimer(s.timers)) {
    if (s.regions[top[1]]?.wakeAt === top[0]) break;
    popTimer(s.timers);
  }
}

// src/core/resume.ts
function resume(ctx) {
  const { s } = ctx;
  repairAllDeployments(ctx);
  const unrecorded = [];
  for (const name of Object.keys(s.active)) {
    const r = s.regions[name];
    const run = r ? openRun(r) : void 0;
    if (r && run && run.runId === void 0 && (run.kind === "rollback" || r.phase === "deploying")) unrecorded.push([r, run]);
  }
  for (const [r, run] of unrecorded) {
    if (!runCanBeFound(ctx.plan, run.kind)) dispatchInDoubt(ctx, r, run);
    else if (!run.done) ctx.fx.push(dispatchEffect(ctx, r, run));
  }
  const st = s.stages[s.stage];
  if (st?.phase === "awaiting-approval" && st.approval && !resumeEnvironmentApproval(ctx))
    ctx.fx.push({ type: "request-approval", stage: st.name, reason: `stage ${st.name} is ready to start`, deadline: st.approval.deadline });
  for (const name of Object.keys(s.active)) {
    const r = s.regions[name];
    if (!r) continue;
    ctx.dirty.add(name);
    if (r.bake) for (const c of Object.values(r.bake.gates)) c.awaiting = false;
    if (r.phase === "awaiting-approval" && r.approval) {
      ctx.fx.push({ type: "request-approval", stage: stageOf2(ctx, r).name, region: r.name, reason: r.approval.reason, deadline: r.approval.deadline });
      tickHeld(ctx, r);
    } else tickRegion(ctx, r);
  }
  resumeFreeze(ctx);
}
function repairAllDeployments(ctx) {
  for (const name in ctx.s.regions) {
    const r = ctx.s.regions[name];
    if (r) repairDeployments(ctx, r);
  }
}

// src/core/retry.ts
function failedHere(ctx, r) {
  return r.stage === ctx.s.stage && r.failure !== void 0 && (r.phase === "failed" || r.phase === "rolled-back" || r.phase === "rolling-back");
}
function notRetryable(ctx, r) {
  const { s } = ctx;
  const st = s.stages[r.stage];
  const current = s.stages[s.stage];
  if (r.stage !== s.stage)
    return `region ${r.name} is in stage ${st?.name ?? "?"} (${st?.phase ?? "?"}); only a region of the current stage ${current?.name ?? "?"} is retried`;
  if (current?.phase !== "running") return `stage ${current?.name ?? "?"} is ${current?.phase ?? "?"}, not running`;
  if (r.phase === "rolling-back") return `region ${r.name} is still rolling back; retry it once its rollback has ended`;
  if (!failedHere(ctx, r)) return `region ${r.name} is ${r.phase}, not failed`;
  if (r.rollbackFailed) return `the rollback of region ${r.name} failed: a person must look at it first`;
  return void 0;
}
function onRetry(ctx, ev) {
  const { s } = ctx;
  const stageName = s.stages[s.stage]?.name ?? "?";
  let r;
  if (ev.region !== void 0) {
    r = Object.hasOwn(s.regions, ev.region) ? s.regions[ev.region] : void 0;
    if (!r) {
      refused(ctx, ev, "unknown-region", `this release has no region ${shownName(ev.region)}`);
      return;
    }
  } else {
    const failed = Object.values(s.regions).filter((x) => failedHere(ctx, x));
    if (failed.length !== 1) {
      const why2 = failed.length ? `regions ${failed.map((x) => x.name).join(", ")} of stage ${stageName} failed; name the one to retry (input region)` : `no region of stage ${stageName} has failed; name the region to retry (input region)`;
      refused(ctx, ev, "region-required", why2, { stage: stageName });
      return;
    }
    r = failed[0];
  }
  if (!r) return;
  const target2 = { stage: s.stages[r.stage]?.name ?? "?", region: r.name };
  const why = notRetryable(ctx, r);
  if (why !== void 0) {
    refused(ctx, ev, "not-retryable", why, target2);
    return;
  }
  const attempt = attemptOf(r) + 1;
  accepted(ctx, ev, "retry", `retried region ${r.name} from step ${r.step + 1} (attempt ${attempt + 1}; it failed: ${r.failure?.reason ?? "failed"})`, target2);
  restart(ctx, r, attempt);
}
function restart(ctx, r, attempt) {
  const st = ctx.s.stages[r.stage];
  if (st) st.failed = Math.max(0, st.failed - 1);
  r.attempt = attempt;
  delete r.failure;
  delete r.finishedAt;
  r.rollbackDispatched = false;
  r.rollbackFailed = false;
  r.bake = void 0;
  r.approval = void 0;
  setPhase(ctx, r, "pending");
  const index = ctx.plan.stages[r.stage]?.regions.indexOf(r.name) ?? -1;
  if (st && index >= 0) st.cursor = Math.min(st.cursor, index);
  fillStage(ctx, r.stage);
}

// src/core/commands.ts
function commandRunOf(ev) {
  if (ev.type !== "command" && ev.type !== "approval" || ev.origin === void 0) return void 0;
  return commandRunKey(ev.origin.runId, ev.origin.attempt);
}
function takenAlready(s, ev) {
  const key = commandRunOf(ev);
  return key !== void 0 && (s.commandRuns?.includes(key) ?? false);
}
function takesCommandRun(ev) {
  return commandRunOf(ev) !== void 0;
}
function onPersonEvent(ctx, ev) {
  const { s } = ctx;
  const key = commandRunOf(ev);
  if (key !== void 0) (s.commandRuns ??= []).push(key);
  if (s.status === "pending") {
    refused(ctx, ev, "release-not-started", "the release has not started");
    return;
  }
  if (ev.denied !== void 0) {
    refused(ctx, ev, ev.deniedCode ?? "permission-denied", `${login(ev.by)} may not: ${ev.denied}`);
    return;
  }
  const name = commandOf(ev);
  if (s.status === "finished") {
    if (name === "rollback") onRollback(ctx, ev);
    else refused(ctx, ev, "release-finished", finishedText(s));
    return;
  }
  if (s.planChanged) {
    underPlanHold(ctx, ev);
    return;
  }
  tick(ctx);
  if (finished(s)) {
    refused(ctx, ev, "release-finished", finishedText(s));
    return;
  }
  if (s.stop) {
    refused(ctx, ev, "release-stopping", `the release is stopping (${s.stop.reasonCode}: ${s.stop.reason})`);
    return;
  }
  onCommand(ctx, ev);
}
function finished(s) {
  return s.status === "finished";
}
function finishedText(s) {
  return `the release is finished (${s.outcome?.decision ?? "done"}: ${s.outcome?.reasonCode ?? "finished"})`;
}
function onCommand(ctx, ev) {
  const name = commandOf(ev);
  switch (name) {
    case "approve":
    case "reject":
      onDecision(ctx, ev, name);
      return;
    case "promote":
      onPromote(ctx, ev);
      return;
    case "retry":
      onRetry(ctx, ev);
      return;
    case "rollback":
      refused(ctx, ev, "release-running", `the release is still ${ctx.s.status}; to stop it and roll back what it touched, use abort`);
      return;
    case "adopt-plan":
      if (ev.type === "command") onAdoptPlan(ctx, ev);
      return;
    case "abort":
      accepted(ctx, ev, "abort", "aborted the release");
      stopRelease(ctx, "aborted", `aborted by ${who(ev)}${because(ev)}`, "touched");
      return;
    case "pause":
      pause(ctx, ev);
      return;
    case "resume":
      onResume(ctx, ev);
      return;
    case "override-freeze":
      onOverrideFreeze(ctx, ev, (index) => enterStage(ctx, index));
      return;
  }
}
function pause(ctx, ev) {
  const { s } = ctx;
  if (s.hold) {
    refused(ctx, ev, "already-paused", `the release was paused by ${login(s.hold.by)} at ${when(s.hold.at)} (${s.hold.reason})`);
    return;
  }
  const text = ev.type === "command" && ev.reason !== void 0 ? personLine(ev.reason) : "";
  s.hold = { by: ev.by, at: ctx.at, reason: text !== "" ? text : "paused by a person" };
  accepted(ctx, ev, "pause", "paused the release: no new step or region starts until resume");
  log(ctx, { kind: "release-held", by: ev.by, reasonCode: "held", reason: `${who(ev)} paused the release${because(ev)}; no new step or region starts` });
}
function onResume(ctx, ev) {
  const { s } = ctx;
  if (!s.hold) {
    const waits = s.status === "paused" && s.pause ? `; it waits for something else: ${s.pause.reason}` : "";
    refused(ctx, ev, "not-paused", `the release is not paused by a person${waits}`);
    return;
  }
  s.hold = void 0;
  accepted(ctx, ev, "resume", "resumed the release");
  log(ctx, { kind: "release-continued", by: ev.by, reasonCode: "resumed", reason: `${who(ev)} resumed the release${because(ev)}` });
  for (const name of Object.keys(s.active)) {
    const r = s.regions[name];
    if (r) tickBake(ctx, r);
  }
  fillStage(ctx, s.stage);
}
function underPlanHold(ctx, ev) {
  const { s } = ctx;
  const name = commandOf(ev);
  if (name === "adopt-plan") {
    if (ev.type === "command" && onAdoptPlan(ctx, ev)) goOn(ctx, true);
    return;
  }
  if (s.stop && (name === "abort" || name === "pause")) {
    refused(ctx, ev, "release-stopping", `the release is stopping (${s.stop.reasonCode}: ${s.stop.reason})`);
    return;
  }
  if (name === "pause") {
    pause(ctx, ev);
    return;
  }
  const held = `the release is held: ${s.planChanged?.reasonCode === "plan-changed" ? "its plan changed (adopt it with adopt-plan, or restore it)" : "its ledger does not match its plan"}`;
  if (name !== "abort") {
    refused(ctx, ev, "plan-held", `${held}; only adopt-plan, abort and pause are taken now`);
    return;
  }
  if (s.abortRequested) {
    refused(ctx, ev, "release-stopping", `${login(s.abortRequested.by)} aborted the release at ${when(s.abortRequested.at)} already`);
    return;
  }
  s.abortRequested = { by: ev.by, at: ctx.at, reason: `aborted by ${who(ev)}${because(ev)}` };
  accepted(ctx, ev, "abort", `aborted the release; ${held}, so it stops and rolls back once the plan is restored or adopted`);
}
function goOn(ctx, fill) {
  const { s } = ctx;
  resume(ctx);
  const abort = s.abortRequested;
  if (abort) {
    s.abortRequested = void 0;
    stopRelease(ctx, "aborted", abort.reason, "touched");
    return;
  }
  tick(ctx);
  if (fill) fillStage(ctx, s.stage);
}
function onRollback(ctx, ev) {
  const { s, plan } = ctx;
  const decision = s.outcome?.decision ?? "done";
  if (decision !== "promoted") {
    refused(
      ctx,
      ev,
      "not-promoted",
      `the release ended ${decision} (${s.outcome?.reasonCode ?? "finished"}); only a promoted release is rolled back by command`
    );
    return;
  }
  if (!plan.rollback) {
    refused(ctx, ev, "no-rollback-workflow", "the plan has no rollback workflow");
    return;
  }
  const digest = planPin(plan).digest;
  if (s.pin !== void 0 && s.pin.digest !== digest || stateMismatchWith(s, plan, digest).length > 0) {
    refused(ctx, ev, "plan-changed", "the plan is not the one the release ran under; restore that plan to roll the release back");
    return;
  }
  accepted(ctx, ev, "rollback", "rolled back the release: every region it promoted is rolled back, newest first");
  rollBackPromoted(ctx, `rolled back by ${who(ev)}${because(ev)}`);
}

// src/core/halt.ts
function haltRelease(ctx, reasonCode, reason) {
  const { s } = ctx;
  log(ctx, { kind: "release-halted", reasonCode, reason: `${reason}; nothing more is dispatched` });
  for (const st of s.stages) if (st.phase === "pending" || st.phase === "awaiting-approval" || st.phase === "running") st.phase = "stopped";
  const leftAsIs = [];
  for (const name in s.regions) {
    const r = s.regions[name];
    if (!r) continue;
    if (r.phase === "pending") {
      r.skippedReason = `never started: the release halted (${reasonCode})`;
      setPhase(ctx, r, "skipped");
      log(ctx, { kind: "region-skipped", stage: stageOf2(ctx, r).name, region: r.name, reasonCode: "never-started", reason: r.skippedReason });
      continue;
    }
    if (!isActivePhase(r.phase)) continue;
    if (haltRegion(ctx, r, reasonCode)) leftAsIs.push(r.name);
  }
  s.stop = void 0;
  const after = leftAsIs.length > 0 ? `; ${leftAsIs.join(", ")} had deploy or rollback runs and ${leftAsIs.length === 1 ? "is" : "are"} left as ${leftAsIs.length === 1 ? "it is" : "they are"}: check ${leftAsIs.length === 1 ? "it" : "them"}` : "; no region was deployed";
  finish(ctx, "failed", reasonCode, `${reason}${after}. This release is finished; once that is fixed, start a new one (another version or release id)`);
}
function haltRegion(ctx, r, reasonCode) {
  const run = openRun(r);
  let running;
  if (run) {
    run.done = true;
    if (run.runId === void 0) run.conclusion = NOT_DISPATCHED;
    else running = run.runId;
  }
  r.bake = void 0;
  r.approval = void 0;
  r.finishedAt = ctx.at;
  const stage2 = stageOf2(ctx, r).name;
  const deployed = r.runs.some((x) => x.runId !== void 0);
  if (!deployed) {
    r.skippedReason = `not deployed: the release halted (${reasonCode}) before its deploy run was dispatched`;
    setPhase(ctx, r, "skipped");
    log(ctx, { kind: "region-skipped", stage: stage2, region: r.name, step: r.step, reasonCode: "not-deployed", reason: r.skippedReason });
    deploymentStatus(ctx, r, "error", `not deployed: the release halted (${reasonCode})`);
    return false;
  }
  const reason = `halted at step ${r.step + 1} (${reasonCode})${running !== void 0 ? `; run ${running} was still going and is no longer watched` : ""}; left as it is`;
  r.failure = { reasonCode, reason, at: ctx.at };
  setPhase(ctx, r, "failed");
  log(ctx, {
    kind: "region-failed",
    stage: stage2,
    region: r.name,
    step: r.step,
    reasonCode,
    reason,
    ...running !== void 0 ? { numbers: { runId: running } } : {}
  });
  deploymentStatus(ctx, r, "failure", reason);
  return true;
}

// src/core/transitions.ts
var TRANSITIONS = Object.freeze({ startBake, onRegionFailed, onRollbackFinished, regionSettled });

// src/core/decide.ts
function advance(state, event, plan) {
  if (takenAlready(state, event)) return { state, effects: [] };
  const ctx = { plan, s: state, fx: [], at: Number.isFinite(event.at) ? event.at : state.now, dirty: /* @__PURE__ */ new Set(), transitions: TRANSITIONS };
  if (ctx.at > state.now) state.now = ctx.at;
  const before = state.history.length;
  apply(ctx, event);
  settleApprovalRun(ctx);
  let ignored = state.history.length > before;
  for (let i = before; i < state.history.length && ignored; i++) if (state.history[i]?.kind !== "ignored") ignored = false;
  if (ignored) return { state, effects: [] };
  updateStatus(ctx);
  reschedule(ctx);
  if ((event.type === "started" || event.type === "resumed" || event.type === "timer-fired") && state.status !== "finished") {
    const wake = nextWakeAt(state);
    if (wake !== void 0) ctx.fx.push({ type: "wait-until", at: wake, reason: "next deadline, measurement or end of bake" });
  }
  if (answerMustBeSaved(ctx, event) || takesCommandRun(event) || ctx.fx.some(needsSavedState)) ctx.fx.unshift({ type: "save-state" });
  return { state, effects: ctx.fx };
}
function apply(ctx, event) {
  const { s } = ctx;
  if (event.type === "started") {
    if (s.status !== "pending") ignore(ctx, event, "the release has already started");
    else startRelease(ctx, event.by);
    return;
  }
  if (event.type === "approval" || event.type === "command") {
    onPersonEvent(ctx, event);
    return;
  }
  if (s.status === "pending") {
    ignore(ctx, event, "the release has not started");
    return;
  }
  if (event.type === "deployment-status-set" || event.type === "deployment-created" && s.status === "finished") {
    const r = regionNamed(s, event.region);
    const fits = r !== void 0 && (event.type === "deployment-status-set" ? onDeploymentStatusSet(r, event) : onDeploymentCreated(ctx, r, event));
    if (!fits) ignore(ctx, event, `it does not match the deployment of ${event.region}`);
    return;
  }
  if (s.status === "finished" && event.type !== "cancelled") {
    afterTheEnd(ctx, event);
    return;
  }
  if (heldForPlan(s, event)) {
    ignore(
      ctx,
      event,
      `the release is held: ${s.planChanged?.reasonCode === "plan-changed" ? "its plan changed (adopt it or restore it)" : "its ledger does not match its plan"}`
    );
    return;
  }
  switch (event.type) {
    case "resumed":
    case "timer-fired":
    case "halted":
    case "cancelled":
      onReleaseEvent(ctx, event);
      return;
    case "approval-run-dispatched":
    case "approval-dispatch-failed":
    case "approval-run-finished":
      if (!onApprovalRunEvent(ctx, event)) ignore(ctx, event, `it does not match the approval run of stage ${String(event.stage)}`);
      return;
    case "budget-read":
      if (!onBudgetRead(ctx, event, (index) => enterStage(ctx, index))) ignore(ctx, event, "the release is not reading an error budget for that stage");
      return;
    default:
      onRegionEvent(ctx, event);
  }
}
function afterTheEnd(ctx, event) {
  const { s } = ctx;
  if (isStageRunEvent(event)) {
    afterTheEndApproval(ctx, event);
    return;
  }
  if (event.type === "resumed") {
    repairAllDeployments(ctx);
    return;
  }
  if (event.type === "run-dispatched") {
    const r = regionNamed(s, event.region);
    if (!r || !onRunDispatched(ctx, r, event)) ignore(ctx, event, `the release is finished (${s.outcome?.decision ?? "done"})`);
    return;
  }
  if (event.type === "budget-read" && onOverrideRead(ctx, event)) return;
  ignore(ctx, event, `the release is finished (${s.outcome?.decision ?? "done"})`);
}
function isStageRunEvent(event) {
  return event.type === "approval-run-dispatched" || event.type === "approval-dispatch-failed" || event.type === "approval-run-finished";
}
function onReleaseEvent(ctx, event) {
  switch (event.type) {
    case "resumed":
      if (!checkPlanOnResume(ctx)) return;
      log(ctx, { kind: "release-resumed", reasonCode: "resumed", reason: "state loaded; continuing without re-dispatching runs already recorded" });
      goOn(ctx, false);
      return;
    case "timer-fired":
      retryFreeze(ctx);
      tick(ctx);
      return;
    case "halted":
      haltRelease(ctx, event.reasonCode, event.reason);
      return;
    case "cancelled":
      log(ctx, {
        kind: "cancelled",
        reasonCode: "cancelled",
        reason: `the job was cancelled${event.reason ? `: ${event.reason}` : ""}; state saved, nothing decided`
      });
      ctx.fx.push({ type: "save-state" });
      return;
  }
}
function onRegionEvent(ctx, event) {
  const r = regionNamed(ctx.s, event.region);
  if (!r) {
    ignore(ctx, event, `unknown region '${String(event.region)}'`);
    return;
  }
  let fits = false;
  switch (event.type) {
    case "run-dispatched":
      fits = onRunDispatched(ctx, r, event);
      break;
    case "dispatch-failed":
      fits = onDispatchFailed(ctx, r, event);
      break;
    case "run-finished":
      fits = onRunFinished(ctx, r, event);
      break;
    case "deployment-created":
      fits = onDeploymentCreated(ctx, r, event);
      break;
    case "measurement":
      fits = onMeasurement(ctx, r, event);
      break;
  }
  if (!fits) ignore(ctx, event, `it does not match region ${r.name} (phase ${r.phase}, step ${r.step + 1})`);
}
function regionNamed(s, name) {
  return typeof name === "string" && Object.hasOwn(s.regions, name) ? s.regions[name] : void 0;
}
function updateStatus(ctx) {
  const { s } = ctx;
  if (s.status !== "running" && s.status !== "paused") return;
  const c = s.counts;
  let busy = c.deploying + c.baking + c["rolling-back"] > 0;
  let heldRegion;
  if (!busy || s.hold) {
    busy = false;
    for (const name in s.active) {
      const r = s.regions[name];
      if (!r) continue;
      if (r.phase === "awaiting-approval" && !measuresWhileHeld(r)) heldRegion ??= `${r.name}: ${r.approval?.reason ?? "held"}`;
      else if (!(r.phase === "baking" && s.hold && bakeWakeAt(r, true) === void 0)) {
        busy = true;
        break;
      }
    }
  }
  if (openApprovalRun(s.stages[s.stage])) busy = true;
  const st = s.stages[s.stage];
  let pause2;
  if (s.planChanged) {
    if (s.status === "running" || s.pause?.reasonCode !== s.planChanged.reasonCode) {
      s.status = "paused";
      s.pause = { reasonCode: s.planChanged.reasonCode, reason: s.planChanged.reason };
      ctx.fx.push({ type: "report", headline: `release paused: ${s.planChanged.reasonCode}` });
    }
    return;
  }
  if (s.status === "paused" && (s.pause?.reasonCode === "plan-changed" || s.pause?.reasonCode === "state-plan-mismatch")) {
    s.status = "running";
    s.pause = void 0;
  }
  if (!busy) {
    if (heldRegion) pause2 = { reasonCode: "awaiting-approval", reason: `waiting for a person: ${heldRegion}` };
    else if (st?.phase === "awaiting-approval") pause2 = { reasonCode: "stage-approval-required", reason: `stage ${st.name} waits for an approval` };
    else if (s.hold) pause2 = { reasonCode: "held", reason: `paused by ${s.hold.by}: ${s.hold.reason}` };
    else pause2 = freezePause(s);
  }
  if (pause2 && s.status === "running") {
    s.status = "paused";
    s.pause = pause2;
    log(ctx, { kind: "release-paused", reasonCode: pause2.reasonCode, reason: pause2.reason });
    ctx.fx.push({ type: "report", headline: `release paused: ${pause2.reason}` });
  } else if (pause2 && s.status === "paused" && s.pause?.reasonCode !== pause2.reasonCode) {
    s.pause = pause2;
  } else if (!pause2 && s.status === "paused") {
    s.status = "running";
    s.pause = void 0;
  }
}
function nextWakeAt(s) {
  if (s.status === "finished" || s.status === "pending") return void 0;
  let next;
  const consider = (t) => {
    if (t !== void 0 && (next === void 0 || t < next)) next = t;
  };
  const st = s.stages[s.stage];
  if (st?.phase === "awaiting-approval") consider(st.approval?.deadline);
  consider(peekTimer(s.timers)?.[0]);
  consider(freezeWakeAt(s));
  return next;
}
function runsInFlight(s) {
  const out = [];
  for (const name in s.active) {
    const r = s.regions[name];
    const run = r ? openRun(r) : void 0;
    if (r && run && run.runId !== void 0) out.push({ region: r.name, kind: run.kind, step: run.step, runId: run.runId });
  }
  return out;
}

// src/driver/authorize.ts
var RANK = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };
var ADVANCES = /* @__PURE__ */ new Set(["approve", "promote", "resume", "retry", "adopt-plan", "override-freeze"]);
var APPROVES = /* @__PURE__ */ new Set(["approve", "promote", "override-freeze"]);
function askedOf(ev, currentStage) {
  const name = ev.type === "approval" ? ev.decision : ev.name;
  const stage2 = currentStage;
  const triggeredBy = ev.origin?.triggeredBy;
  return { name, by: ev.by, ...triggeredBy !== void 0 && triggeredBy !== ev.by ? { triggeredBy } : {}, ...stage2 !== void 0 ? { stage: stage2 } : {} };
}
async function denialOf(asked2, plan, permissions, initiator) {
  const people = [{ login: asked2.by, role: "who started the run" }];
  if (asked2.triggeredBy !== void 0) people.push({ login: asked2.triggeredBy, role: "who re-ran it" });
  for (const person of people) {
    const denial = await personDenial(asked2, person, plan, permissions, initiator);
    if (denial) return denial;
  }
  return void 0;
}
async function personDenial(asked2, person, plan, permissions, initiator) {
  const { approvals } = plan;
  const who2 = `${person.login} (${person.role})`;
  let permission;
  try {
    permission = await permissions.permissionOf(person.login);
  } catch (err) {
    return { deniedCode: "permission-denied", denied: `could not read the repository permission of ${who2}: ${messageOf(err)}` };
  }
  const need = RANK[approvals.minPermission] ?? RANK.write ?? 3;
  if ((RANK[permission] ?? 0) < need)
    return { deniedCode: "permission-denied", denied: `${who2} has repository permission '${permission}', below the required '${approvals.minPermission}'` };
  if (APPROVES.has(asked2.name) && !approvals.allowSelfApproval && initiator !== void 0 && person.login === initiator)
    return { deniedCode: "self-approval", denied: `${who2} started the release and may not approve it (approvals.allowSelfApproval is false)` };
  if (!ADVANCES.has(asked2.name)) return void 0;
  return listDenial(asked2, person.login, who2, plan, permissions);
}
async function listDenial(asked2, login2, who2, plan, permissions) {
  const stage2 = plan.stages.find((s) => s.name === asked2.stage);
  const users = stage2?.approval?.users.length ? stage2.approval.users : plan.approvals.users;
  const teams = stage2?.approval?.teams.length ? stage2.approval.teams : plan.approvals.teams;
  if (users.length === 0 && teams.length === 0) return void 0;
  if (users.includes(login2)) return void 0;
  const unreadable = [];
  for (const team of teams) {
    try {
      if (await permissions.isTeamMember(team, login2)) return void 0;
    } catch (err) {
      unreadable.push(err instanceof TeamsUnreadableError ? err.message : `${team}: ${messageOf(err)}`);
    }
  }
  const lists = [users.length ? `users ${users.join(", ")}` : "", teams.length ? `teams ${teams.join(", ")}` : ""].filter(Boolean).join(" or ");
  if (unreadable.length > 0)
    return {
      deniedCode: "team-unverifiable",
      denied: `${who2} is not among the approvers' ${users.length ? "users" : "names"}, and team membership could not be checked (${unreadable.join("; ")}): refused rather than allowed`
    };
  return { deniedCode: "not-approver", denied: `${who2} is not an approver (${lists})` };
}
async function authorizeInbox(events, plan, permissions, initiator, currentStage) {
  const out = [];
  for (const ev of events) {
    if (ev.type !== "approval" && ev.type !== "command" || ev.denied !== void 0) {
      out.push(ev);
      continue;
    }
    const denial = await denialOf(askedOf(ev, currentStage), plan, permissions, initiator);
    out.push(denial === void 0 ? ev : { ...ev, ...denial });
  }
  return out;
}

// src/driver/operator-command.ts
var COMMAND = /^(approve|reject|abort|pause|resume|promote|retry|rollback|adopt-plan|override-freeze)(?::([0-9a-f]{6,64}))?$/;
function parseOperatorCommand(text) {
  const m = COMMAND.exec(text);
  const name = m?.[1];
  if (!m || name === void 0 || m[2] !== void 0 && name !== "adopt-plan") return void 0;
  return m[2] !== void 0 ? { name, digest: m[2] } : { name };
}
function commandOutcome(added, of) {
  const mine = (h) => "runId" in of ? h.numbers?.runId === of.runId : h.by === of.by;
  const entry2 = added.filter((h) => (h.kind === "command" || h.kind === "command-refused") && mine(h)).at(-1);
  if (!entry2) return { accepted: false, reasonCode: "command-not-taken", message: "the release had taken this command already; nothing more was done" };
  if (entry2.kind === "command") return { accepted: true, reasonCode: entry2.reasonCode, message: entry2.reason };
  return { accepted: false, reasonCode: entry2.reasonCode, message: entry2.reason };
}
function notAdoptable(state, plan) {
  if (state.status === "finished")
    return `release ${state.releaseId} is finished (${state.outcome?.decision ?? "done"}); there is nothing to adopt a plan for, nothing done`;
  if (state.status === "pending") return `release ${state.releaseId} has not started; it starts under the plan given, nothing to adopt, nothing done`;
  if (state.pin === void 0)
    return `release ${state.releaseId} was saved before plans were pinned; nothing to adopt, nothing done (a run pins it to the plan if that matches)`;
  if (state.pin.digest === planDigest(plan))
    return `the plan of release ${state.releaseId} has not changed since it started (${shortDigest(state.pin.digest)}); nothing to adopt, nothing done`;
  return void 0;
}

// src/driver/inbox.ts
var STAGE_NAME2 = new RegExp(NAME_PATTERN);
var REGION_NAME2 = new RegExp(REGION_PATTERN);
function commandsFromRuns(runs, state, workflowPath, at, floor = state.now) {
  const taken = new Set(state.commandRuns ?? []);
  const reading = { events: [], unreadable: [] };
  const ordered = [...runs].sort((a, b) => a.createdAt - b.createdAt || a.runId - b.runId || a.attempt - b.attempt);
  for (const run of ordered) {
    const key = commandRunKey(run.runId, run.attempt);
    if (taken.has(key)) continue;
    if (run.conclusion === "cancelled") continue;
    const titled = parseCommandTitle(run.title);
    if (titled === void 0) continue;
    if (!titled.ok) {
      reading.unreadable.push({ key, message: `run ${run.runId} looks like a command but its title cannot be read: ${titled.message}` });
      continue;
    }
    if (titled.releaseId !== state.releaseId) continue;
    const command = parseOperatorCommand(titled.command);
    if (command === void 0) {
      reading.unreadable.push({ key, message: `run ${run.runId} asks for ${shownName(titled.command)}, which is not a command` });
      continue;
    }
    const base = commandEventOf(
      {
        by: run.actor,
        name: command.name,
        ...command.digest !== void 0 ? { digest: command.digest } : {},
        ...titled.stage !== void 0 ? { stage: titled.stage } : {},
        ...titled.region !== void 0 ? { region: titled.region } : {},
        ...titled.reason !== void 0 ? { reason: titled.reason } : {},
        origin: {
          runId: run.runId,
          attempt: run.attempt,
          ...run.triggeringActor !== run.actor ? { triggeredBy: run.triggeringActor } : {},
          ...run.htmlUrl !== void 0 ? { htmlUrl: run.htmlUrl } : {},
          ...run.createdAt > 0 ? { createdAt: run.createdAt } : {}
        }
      },
      at,
      floor
    );
    const unverified = originProblem(run, workflowPath, titled.stage, titled.region);
    reading.events.push(unverified === void 0 ? base : { ...base, denied: unverified, deniedCode: "run-unverified" });
  }
  return reading;
}
function commandEventOf(asked2, now, floor) {
  return { type: "command", at: Math.min(now, Math.max(floor, asked2.origin?.createdAt ?? now)), ...asked2 };
}
function originProblem(run, workflowPath, stage2, region) {
  if (run.event !== "workflow_dispatch")
    return `run ${run.runId} was started by event ${shownName(run.event)}, not workflow_dispatch: it cannot carry a person's command`;
  if (workflowPath === void 0 || run.workflowPath !== workflowPath)
    return `run ${run.runId} is a run of ${shownName(run.workflowPath)}, not of the workflow that drives the release (${shownName(workflowPath ?? "unknown")})`;
  if (stage2 !== void 0 && !STAGE_NAME2.test(stage2)) return `run ${run.runId} names stage ${shownName(stage2)}, which is not a stage name`;
  if (region !== void 0 && !REGION_NAME2.test(region)) return `run ${run.runId} names region ${shownName(region)}, which is not a region name`;
  return void 0;
}

// src/driver/inbox-reader.ts
var InboxReader = class {
  constructor(o) {
    this.o = o;
  }
  o;
  /** When the inbox is read next (the driver's loop and its waits look at it). */
  nextAt = Number.NEGATIVE_INFINITY;
  warned = /* @__PURE__ */ new Set();
  get enabled() {
    return this.o.workflow !== void 0;
  }
  /** The next read is due a poll interval from now. */
  scheduleNext() {
    this.nextAt = this.o.ports.clock.now() + this.o.everyMs;
  }
  /** The command events for this release not taken yet (empty when it cannot be read: warned); `floor`: see commandsFromRuns. */
  async events(floor) {
    const { ports, state, workflow, warn } = this.o;
    if (workflow === void 0) return [];
    let runs;
    try {
      runs = await ports.inbox.commandRuns();
    } catch (err) {
      warn(`could not read the commands given to release ${state.releaseId}: ${messageOf(err)}; trying again in ${formatDuration(this.o.everyMs)}`);
      return [];
    }
    const reading = commandsFromRuns(runs, state, workflow, ports.clock.now(), floor ?? state.now);
    for (const u of reading.unreadable) {
      if (this.warned.has(u.key)) continue;
      this.warned.add(u.key);
      warn(u.message);
    }
    return reading.events;
  }
  /** Marks the events whose people may not act (authorize.ts), against the current stage. */
  authorize(events) {
    const { plan, ports, state, initiator } = this.o;
    return authorizeInbox(events, plan, ports.permissions, state.initiator ?? initiator, state.stages[state.stage]?.name);
  }
  /** A read when due: the authorized events to feed (the next read is scheduled). */
  async read() {
    if (!this.enabled) return [];
    this.scheduleNext();
    const events = await this.events();
    return events.length > 0 ? this.authorize(events) : [];
  }
};
function mergeGiven(given, inbox) {
  const own = new Set(given.map(commandRunOf).filter((k) => k !== void 0));
  return inOrderGiven([...given, ...inbox.filter((ev) => !own.has(commandRunOf(ev) ?? ""))]);
}
function inOrderGiven(events) {
  const created = (ev) => (ev.type === "command" || ev.type === "approval") && ev.origin?.createdAt !== void 0 ? ev.origin.createdAt : Number.POSITIVE_INFINITY;
  return events.map((ev, i) => ({ ev, i })).sort((a, b) => created(a.ev) - created(b.ev) || a.i - b.i).map((x) => x.ev);
}

// src/driver/doubts.ts
function handOverDoubts(state, plan, doubts) {
  for (const r of Object.values(state.regions)) {
    for (const run of r.runs) {
      const workflow = (run.kind === "deploy" ? plan.deploy : plan.rollback)?.workflow;
      if (run.done && run.runId === void 0 && workflow !== void 0 && runCanBeFound(plan, run.kind))
        doubts.watchFor(run.correlationId, workflow, run.dispatchedAt);
    }
  }
}
async function takeStrays(doubts, clock, feed, warn) {
  const strays = await doubts.strayRuns().catch((err) => {
    warn(`could not look for runs of doubtful dispatches: ${messageOf(err)}`);
    return [];
  });
  for (const run of strays)
    feed({
      type: "run-dispatched",
      at: clock.now(),
      region: run.region,
      kind: run.kind,
      step: run.step,
      ...run.attempt !== void 0 ? { attempt: run.attempt } : {},
      runId: run.runId,
      ...run.htmlUrl !== void 0 ? { htmlUrl: run.htmlUrl } : {}
    });
  return strays.length > 0;
}

// src/driver/perform-approval.ts
async function performApprovalEffect(env, e) {
  const { runs, clock } = env.ports;
  if (e.type === "cancel-approval-run") {
    try {
      await runs.cancelRun(e.runId);
    } catch (err) {
      if (err instanceof FatalPortError) return [halted(env, err)];
      env.warn(
        `could not cancel approval run ${e.runId} of stage ${e.stage} (${e.reason}): ${messageOf(err)}; cancel it by hand so nobody approves it by mistake`,
        "person"
      );
    }
    return [];
  }
  const approval = env.plan.stages.find((x) => x.name === e.stage)?.approval?.environment;
  if (!approval)
    return [{ type: "approval-dispatch-failed", at: clock.now(), stage: e.stage, message: `stage ${e.stage} has no approval.environment in the plan` }];
  const { correlationInput } = env.plan.deploy;
  try {
    const answer = await runs.dispatch({
      workflow: approval.workflow,
      ref: env.ref,
      inputs: approvalInputs({ environment: e.environment, releaseId: env.state.releaseId, stage: e.stage, correlationInput, correlationId: e.correlationId }),
      correlationId: e.correlationId,
      ...correlationInput !== void 0 ? { correlationInput } : {}
    });
    return [
      {
        type: "approval-run-dispatched",
        at: clock.now(),
        stage: e.stage,
        runId: answer.runId,
        ...answer.htmlUrl !== void 0 ? { htmlUrl: answer.htmlUrl } : {}
      }
    ];
  } catch (err) {
    if (err instanceof FatalPortError) return [halted(env, err)];
    return [{ type: "approval-dispatch-failed", at: clock.now(), stage: e.stage, message: messageOf(err) }];
  }
}
function halted(env, err) {
  return { type: "halted", at: env.ports.clock.now(), reasonCode: err.reasonCode, reason: err.message };
}

// src/driver/perform-compare.ts
function rangeStart(state, e, gate2) {
  const startedAt = e.bakeStartedAt ?? state.regions[e.region]?.bake?.startedAt ?? e.at;
  return Math.min(e.at, startedAt + gate2.initialDelayMs + gate2.intervalMs);
}
async function readComparison(env, e, name, metrics) {
  const gate2 = env.plan.gates[name];
  const provider = gate2 ? env.plan.providers[gate2.provider] : void 0;
  const cmp = gate2?.compare;
  const query = gate2?.query ?? gate2?.url;
  if (!gate2 || !provider || !cmp || query === void 0) return { kind: "error", message: `gate ${name}, its comparison or its provider is not in the plan` };
  const window2 = formatDuration(gate2.windowMs);
  const canary = templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic, window2);
  const baselineRegion = "region" in cmp.baseline ? cmp.baseline.region : void 0;
  const baseline = baselineRegion !== void 0 ? { ...canary, region: baselineRegion } : canary;
  const baselineQuery = "query" in cmp.baseline ? cmp.baseline.query : query;
  const range = { provider, gate: gate2, start: rangeStart(env.state, e, gate2), end: e.at, stepMs: gate2.intervalMs };
  const volume = gate2.minVolume?.query;
  const read = (q, context) => metrics.measureRange({ ...range, query: q, context }).catch((err) => ({ kind: "error", message: messageOf(err) }));
  const [c, b, cv, bv] = await Promise.all([
    read(query, canary),
    read(baselineQuery, baseline),
    volume !== void 0 ? read(volume, canary) : void 0,
    // A baseline of its own query has no region to read a volume for.
    volume !== void 0 && baselineRegion !== void 0 ? read(volume, baseline) : void 0
  ]);
  return { kind: "comparison", canary: c, baseline: b, ...cv ? { canaryVolume: cv } : {}, ...bv ? { baselineVolume: bv } : {} };
}

// src/driver/perform.ts
function halted2(clock, err) {
  return { type: "halted", at: clock.now(), reasonCode: err.reasonCode, reason: err.message };
}
async function performEffect(env, e) {
  const { runs, deployments, metrics, clock } = env.ports;
  switch (e.type) {
    case "dispatch-deploy":
    case "dispatch-rollback": {
      const kind = e.type === "dispatch-deploy" ? "deploy" : "rollback";
      const spec = kind === "deploy" ? env.plan.deploy : env.plan.rollback;
      const base = { region: e.region, kind, step: e.step, ...e.attempt !== void 0 ? { attempt: e.attempt } : {} };
      if (!spec) return [{ type: "dispatch-failed", at: clock.now(), ...base, message: "no rollback workflow configured" }];
      try {
        const values = contextValues({ ...templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic), correlationId: e.correlationId });
        const inputs = {};
        for (const [k, v] of Object.entries(spec.inputs)) inputs[k] = renderTemplate(v, values);
        const request2 = {
          workflow: spec.workflow,
          ref: spec.ref ?? env.ref,
          inputs,
          correlationId: e.correlationId,
          ...spec.correlationInput !== void 0 ? { correlationInput: spec.correlationInput } : {}
        };
        const answer = await runs.dispatch(request2);
        return [
          { type: "run-dispatched", at: clock.now(), ...base, runId: answer.runId, ...answer.htmlUrl !== void 0 ? { htmlUrl: answer.htmlUrl } : {} }
        ];
      } catch (err) {
        if (err instanceof FatalPortError) return [halted2(clock, err)];
        return [{ type: "dispatch-failed", at: clock.now(), ...base, message: messageOf(err) }];
      }
    }
    case "cancel-run":
      try {
        const last = await runs.cancelRun(e.runId);
        if (last && last.status === "completed" && last.conclusion === "success" && e.kind === "deploy" && e.cause === "late-run") {
          env.warn(
            `deploy run ${e.runId} of ${e.region} showed up late and had already finished (success) before it could be cancelled: ${e.region} may run the new version although the release recorded otherwise; check it and roll it back by hand if so`,
            "person"
          );
        }
      } catch (err) {
        if (err instanceof FatalPortError) return [halted2(clock, err)];
        env.warn(`could not cancel ${e.kind} run ${e.runId} of ${e.region}: ${messageOf(err)}`, "person");
      }
      return [];
    case "create-deployment":
      try {
        const stage2 = env.plan.stages.find((x) => x.name === e.stage);
        const steps = (stage2?.steps ?? []).map((x) => x.traffic);
        const values = contextValues(templateContext(env.plan, env.state, e.stage, e.region, 0, steps[0] ?? 0));
        const environment = renderTemplate(env.plan.environment, values);
        const description = `${env.state.releaseId}: ${e.region}, ${plural(steps.length, "step")} at ${steps.join("/")}%`;
        const payload = { releaseId: env.state.releaseId, version: env.state.version, stage: e.stage, region: e.region, traffic: steps };
        const { deploymentId } = await deployments.createDeployment({
          ref: env.ref,
          environment,
          description,
          key: e.key,
          payload,
          ...e.again ? { lookFirst: true } : {}
        });
        return [{ type: "deployment-created", at: clock.now(), region: e.region, deploymentId }];
      } catch (err) {
        if (err instanceof FatalPortError) return [halted2(clock, err)];
        env.warn(`could not create the deployment record for ${e.region}: ${messageOf(err)}`);
        return [];
      }
    case "set-deployment-status":
      try {
        await deployments.setDeploymentStatus(e.deploymentId, e.state, e.description, e.runUrl);
        return [{ type: "deployment-status-set", at: clock.now(), region: e.region, step: e.step, deploymentId: e.deploymentId, state: e.state }];
      } catch (err) {
        if (err instanceof FatalPortError) return [halted2(clock, err)];
        env.warn(`could not set deployment ${e.deploymentId} to ${e.state}: ${messageOf(err)}`);
        return [];
      }
    case "query-metric":
      return Promise.all(
        e.gates.map(async (name) => {
          const observation = env.plan.gates[name]?.compare ? await readComparison(env, e, name, metrics) : await measureOne(env, e, name, metrics);
          return { type: "measurement", at: e.at, region: e.region, step: e.step, gate: name, observation };
        })
      );
    case "read-budget":
      return [await readBudget(env, e, metrics)];
    case "dispatch-approval":
    case "cancel-approval-run":
      return performApprovalEffect(env, e);
    case "request-approval":
    case "save-state":
    case "report":
    case "wait-until":
    case "finish":
      return [];
  }
}
async function measureOne(env, e, name, metrics) {
  const gate2 = env.plan.gates[name];
  const provider = gate2 ? env.plan.providers[gate2.provider] : void 0;
  if (!gate2 || !provider) return { kind: "error", message: `gate ${name} or its provider is not in the plan` };
  if (gate2.slo) {
    const context = templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic);
    return measureSlo(metrics, { gate: { ...gate2, slo: gate2.slo }, provider, context, at: e.at });
  }
  try {
    const context = templateContext(env.plan, env.state, e.stage, e.region, e.step, e.traffic, formatDuration(gate2.windowMs));
    return await metrics.measure({ gate: gate2, provider, context, at: e.at });
  } catch (err) {
    return { kind: "error", message: messageOf(err) };
  }
}
async function readBudget(env, e, metrics) {
  const freeze = env.plan.freeze;
  const gate2 = freeze ? env.plan.gates[freeze.slo] : void 0;
  const provider = gate2 ? env.plan.providers[gate2.provider] : void 0;
  const traffic = env.plan.stages.find((s) => s.name === e.stage)?.steps[0]?.traffic ?? 0;
  const reads = await Promise.all(
    e.regions.map(async (region) => {
      if (!freeze || !gate2?.slo || !provider) {
        const error = { kind: "error", message: `the freeze's slo gate or its provider is not in the plan` };
        return { region, good: error, total: error };
      }
      const context = templateContext(env.plan, env.state, e.stage, region, 0, traffic);
      return { region, ...await readEvents(metrics, { gate: { ...gate2, slo: gate2.slo }, provider, context, at: e.at }, freeze.periodMs) };
    })
  );
  return { type: "budget-read", at: e.at, stage: e.stage, reads };
}

// src/driver/effect-queue.ts
var EffectQueue = class {
  constructor(o) {
    this.o = o;
  }
  o;
  pending = [];
  /**
   * The first `halted` event a port failure produced (a permission the token lacks): from then on
   * nothing irreversible is performed, in any region, and the core is fed that one event.
   */
  halt;
  notSaved;
  /** Set when the state that asked for a dispatch could not be saved: why nothing was dispatched (the driver stops). */
  get unsaved() {
    return this.notSaved;
  }
  push(effects) {
    for (const e of effects) this.pending.push(e);
  }
  /** Performs batches until none is left (the answers' effects included), the driver stops, or a save before a dispatch fails. */
  async drain() {
    while (this.pending.length > 0 && !this.o.stopped()) {
      const batch = this.pending;
      this.pending = [];
      const saved = !batch.some((e) => e.type === "save-state") || await this.o.save();
      if (this.o.stopped()) return;
      if (!saved && batch.some(isIrreversible)) {
        this.notSaved = "the ledger could not be saved before dispatching; nothing was dispatched, the next run resumes from the last saved state";
        this.pending = [];
        return;
      }
      await this.perform(this.byRegion(batch));
    }
  }
  barred(e) {
    return this.halt !== void 0 && barredAfterHalt(e);
  }
  /** The effects to perform, one list per region (and one per type of effect of no region). */
  byRegion(batch) {
    const groups2 = /* @__PURE__ */ new Map();
    for (const e of batch) {
      if (e.type === "save-state" || e.type === "wait-until" || e.type === "finish" || e.type === "report") continue;
      if (this.barred(e)) continue;
      const key = "region" in e && e.region !== void 0 ? `r:${e.region}` : `x:${e.type}`;
      const group = groups2.get(key);
      if (group) group.push(e);
      else groups2.set(key, [e]);
    }
    return [...groups2.values()];
  }
  /**
   * Regions are independent: their effects run concurrently; one region's effects run in order,
   * and none goes on after a halt (a dispatch is never performed once its deployment was denied).
   */
  async perform(groups2) {
    const { env } = this.o;
    const haltedBefore = this.halt !== void 0;
    const answers = await Promise.all(
      groups2.map(async (group) => {
        const out = [];
        for (const e of group) {
          if (this.o.stopped()) break;
          if (this.barred(e)) break;
          for (const ev of await performEffect(env, e)) {
            if (ev.type !== "halted") out.push(ev);
            else if (this.halt) env.warn(ev.reason);
            else this.halt = ev;
          }
        }
        return out;
      })
    );
    for (const list of answers) for (const ev of list) this.o.feed(ev);
    if (this.halt && !haltedBefore) {
      env.warn(this.halt.reason);
      this.o.feed(this.halt);
    }
  }
};

// src/driver/ledger-write.ts
function defaultSummary(state, plan) {
  const lines = [`### ${state.releaseId}: ${state.outcome?.decision ?? state.status}`];
  if (state.outcome) lines.push(`${state.outcome.reasonCode}: ${state.outcome.reason}`);
  else if (state.pause) lines.push(`${state.pause.reasonCode}: ${state.pause.reason}`);
  const stage2 = plan.stages[state.stage];
  if (stage2 && !state.outcome) lines.push(`stage ${stage2.name} (${state.stage + 1}/${plan.stages.length})`);
  const inFlight = [];
  let more = false;
  for (const name in state.active) {
    if (inFlight.length === 20) {
      more = true;
      break;
    }
    inFlight.push(`${name} (${state.regions[name]?.phase ?? "?"})`);
  }
  if (inFlight.length > 0) lines.push(`in flight: ${inFlight.join(", ")}${more ? ", ..." : ""}`);
  return lines.join("\n");
}
function annotationsFor(state, plan) {
  const out = [];
  const stageLine = (name) => plan.stages.find((st) => st.name === name)?.pos?.line;
  for (const h of state.history) {
    let line2;
    let level = "failure";
    let title = "";
    const where = `${h.region ?? "?"}${h.step !== void 0 ? ` step ${h.step + 1}` : ""}`;
    if ((h.kind === "gate-failed" || h.kind === "gate-inconclusive") && h.gate) {
      line2 = plan.gates[h.gate]?.pos?.line;
      level = h.kind === "gate-failed" ? "failure" : "warning";
      title = `gate ${h.gate} ${h.kind === "gate-failed" ? "failed" : "inconclusive"} in ${where}`;
    } else if (h.kind === "region-failed" && !h.reasonCode.startsWith("gate-")) {
      line2 = stageLine(h.stage);
      title = `${where} failed in stage ${h.stage ?? "?"} (${h.reasonCode})`;
    } else if (h.kind === "stage-awaiting-approval") {
      line2 = stageLine(h.stage);
      level = "notice";
      title = `stage ${h.stage ?? "?"} waits for an approval`;
    }
    if (line2 === void 0) continue;
    out.push({ path: plan.file, line: line2, level, title, message: h.reason });
    if (out.length >= 50) break;
  }
  return out;
}
function ledgerStatus(state) {
  if (state.status === "finished") return { status: "completed", conclusion: state.outcome?.decision === "promoted" ? "success" : "failure" };
  if (state.status === "paused") return { status: "completed", conclusion: "action_required" };
  return { status: "in_progress" };
}

// src/driver/ledger-saver.ts
var LedgerSaver = class {
  constructor(o) {
    this.o = o;
  }
  o;
  failure;
  /** When the last save was sent (the clock's time; -Infinity: none yet). */
  lastSentAt = Number.NEGATIVE_INFINITY;
  /** Why the latest save failed (undefined: it did not). */
  get error() {
    return this.failure;
  }
  /**
   * Saves the live state; `last`: the driver stops after this save (annotations go out). Resolves
   * false when the ledger could not be written (warned; the error kept).
   */
  async save(last = false) {
    const { state, plan } = this.o;
    const holdLease = this.o.waitsForPeople === true && !last && state.status === "paused";
    const write = {
      // The live state, which the driver keeps changing after this call returns: an adapter
      // serialises it before it resolves (the simulator keeps the reference on purpose).
      state,
      summary: (this.o.summarize ?? defaultSummary)(state, plan),
      ...ledgerStatus(state),
      // One history scan per driver stop, not per save; the ledger never sends one twice.
      annotations: state.status === "finished" || last ? annotationsFor(state, plan) : [],
      ...holdLease ? { holdLease: true } : {}
    };
    this.o.onSave?.(write);
    if (this.o.now) this.lastSentAt = this.o.now();
    try {
      await this.o.ledger.saveLedger(state.releaseId, write);
      this.failure = void 0;
      return true;
    } catch (err) {
      this.failure = messageOf(err);
      if (!this.o.stopped()) this.o.warn(`could not save the ledger: ${this.failure}`);
      return false;
    }
  }
  outcome() {
    return this.failure === void 0 ? { ledgerSaved: true } : { ledgerSaved: false, ledgerError: this.failure };
  }
};

// src/driver/poll-runs.ts
function workflowOf(plan, run) {
  if (run.kind === "approval") return plan.stages.find((x) => x.name === run.stage)?.approval?.environment?.workflow;
  return (run.kind === "deploy" ? plan.deploy : plan.rollback)?.workflow;
}
async function readRuns(port, plan, runs, warn) {
  const refs = runs.map((run) => ({ run, runId: run.runId, workflow: workflowOf(plan, run) }));
  const answers = await port.readRuns(refs);
  return answers.map(({ run: ref, info }) => {
    if (!(info instanceof Error)) return { run: ref.run, info };
    warn(`could not read run ${ref.run.runId}: ${info.message}`);
    return { run: ref.run, info: void 0 };
  });
}

// src/driver/run-watcher.ts
var REVIEW_COMMENT_MAX = 280;
function pollDelay(base, quiet) {
  return quiet < 4 ? base : quiet < 8 ? base * 1.5 : base * 2;
}
var RunWatcher = class {
  constructor(o) {
    this.o = o;
    for (const run of runsInFlight(o.state)) this.watched.set(run.runId, run);
    const approval = approvalRunInFlight(o.state);
    if (approval) this.watched.set(approval.runId, { kind: "approval", ...approval });
  }
  o;
  watched = /* @__PURE__ */ new Map();
  /** A run was dispatched since the last poll: polling comes back to its base interval. */
  newRun = false;
  /** Polls in a row in which no run finished: the interval backs off (pollDelay). */
  quiet = 0;
  nextAt = Number.NEGATIVE_INFINITY;
  /** When the next poll is due. */
  get nextPollAt() {
    return this.nextAt;
  }
  /** Watches a run the driver just recorded as dispatched. */
  dispatched(run) {
    this.watched.set(run.runId, run);
    this.newRun = true;
  }
  /** Told of every event the driver feeds: a run dispatched is watched from then on. */
  saw(ev) {
    if (ev.type === "run-dispatched") this.dispatched({ region: ev.region, kind: ev.kind, step: ev.step, runId: ev.runId });
    else if (ev.type === "approval-run-dispatched") this.dispatched({ stage: ev.stage, kind: "approval", runId: ev.runId });
  }
  /** Whether the state still waits for `run` (it may have timed out, been cancelled or abandoned by a stop). */
  stillOpen(run) {
    const { state } = this.o;
    if (run.kind === "approval") {
      const st = state.stages.find((x) => x.name === run.stage);
      return openApprovalRun(st)?.runId === run.runId;
    }
    const region = state.regions[run.region];
    return region !== void 0 && openRun(region)?.runId === run.runId;
  }
  /** Whether the runs are due to be polled now. */
  due() {
    if (this.newRun) {
      this.newRun = false;
      this.quiet = 0;
      this.nextAt = Math.min(this.nextAt, this.o.clock.now() + this.o.base);
    }
    return this.o.clock.now() >= this.nextAt;
  }
  /** Reads the runs still open (one request per workflow where the port can); resolves those that completed, in the order read. */
  async completed() {
    const runs = [];
    for (const run of this.watched.values()) {
      if (this.stillOpen(run)) runs.push(run);
      else this.watched.delete(run.runId);
    }
    const infos = await readRuns(this.o.runs, this.o.plan, runs, this.o.warn);
    const done = [];
    for (const { run, info } of infos) if (info?.status === "completed") done.push({ run, info });
    return done;
  }
  /**
   * The runs that completed since the last poll, as the events the driver feeds, in the order
   * read. An approval run's event names who reviewed it; a lookup that fails names nobody (the
   * run's conclusion still decides) and is warned about.
   */
  async finishedEvents() {
    const events = [];
    for (const { run, info } of await this.completed()) {
      const { conclusion } = info;
      if (run.kind !== "approval") {
        events.push({ type: "run-finished", at: this.o.clock.now(), region: run.region, kind: run.kind, step: run.step, runId: run.runId, conclusion });
        continue;
      }
      const reviews = await this.reviewsOf(run.runId, run.stage);
      events.push({ type: "approval-run-finished", at: this.o.clock.now(), stage: run.stage, runId: run.runId, conclusion, ...reviews ? { reviews } : {} });
    }
    return events;
  }
  async reviewsOf(runId, stage2) {
    try {
      const reviews = await this.o.reviews.reviewsOf(runId);
      return reviews.map((r) => ({ ...r, comment: truncate(r.comment, REVIEW_COMMENT_MAX) }));
    } catch (err) {
      this.o.warn(
        `could not read who reviewed approval run ${runId} of stage ${stage2} (${messageOf(err)}); the stage is decided by how the run ended, naming no reviewer`
      );
      return void 0;
    }
  }
  /** A poll ended; `progressed`: a run finished or a stray run was found (back to the base interval). */
  polled(progressed) {
    this.quiet = progressed ? 0 : this.quiet + 1;
    this.nextAt = this.o.clock.now() + pollDelay(this.o.base, this.quiet);
  }
};

// src/driver/interpreter.ts
var DEFAULT_POLL_MS = 15e3;
async function runRelease(opts) {
  return new ReleaseDriver(opts).run();
}
var ReleaseDriver = class {
  constructor(opts) {
    this.opts = opts;
    const { plan, ports } = opts;
    const state = opts.state ? structuredClone(opts.state) : initialState(plan, opts.releaseId, opts.version);
    this.state = state;
    this.reported = state.history.length;
    const warn = opts.onWarning ?? (() => {
    });
    this.env = { plan, ports, ref: opts.ref, state, warn };
    opts.onState?.(state);
    this.watcher = new RunWatcher({
      state,
      plan,
      runs: ports.runs,
      reviews: ports.reviews,
      clock: ports.clock,
      base: opts.pollIntervalMs ?? DEFAULT_POLL_MS,
      warn
    });
    this.saver = new LedgerSaver({
      ledger: ports.ledger,
      plan,
      state,
      warn,
      stopped: this.stopped,
      ...opts.summarize ? { summarize: opts.summarize } : {},
      ...opts.onSave ? { onSave: opts.onSave } : {},
      waitsForPeople: opts.mode === "run" && opts.inboxWorkflow !== void 0 && (opts.waitForPeopleMs ?? 0) > 0,
      now: () => ports.clock.now()
    });
    this.inbox = new InboxReader({
      ports,
      plan,
      state,
      workflow: opts.inboxWorkflow,
      everyMs: opts.pollIntervalMs ?? DEFAULT_POLL_MS,
      initiator: opts.initiator,
      warn
    });
    this.queue = new EffectQueue({ env: this.env, save: () => this.saver.save(), feed: this.feed, stopped: this.stopped });
  }
  opts;
  // The driver owns its copy: `advance` mutates it, which keeps each event O(1) in release size.
  state;
  events = [];
  reported;
  env;
  watcher;
  saver;
  queue;
  inbox;
  // A tick at the same time is repeated only if the last one changed something: no spinning.
  lastTick = { at: Number.NEGATIVE_INFINITY, history: -1 };
  // When the inbox is read next (mode run), and since when this driver waits for a person.
  waitingSince;
  lastLook = false;
  stopped = () => this.opts.stop?.aborted === true;
  feed = (ev) => {
    const { state, opts } = this;
    if (opts.recordEvents ?? true) this.events.push(ev);
    this.watcher.saw(ev);
    this.queue.push(advance(state, ev, opts.plan).effects);
    if (opts.onTransition) while (this.reported < state.history.length) opts.onTransition(state.history[this.reported++]);
    else this.reported = state.history.length;
  };
  async run() {
    const { opts, state } = this;
    const { clock } = opts.ports;
    const resuming = opts.state !== void 0 && opts.state.status !== "pending";
    if (resuming) handOverDoubts(state, opts.plan, opts.ports.doubts);
    const untilStopped = this.listenForStop();
    if (this.stopped()) return this.cancelled();
    this.feed(
      resuming ? { type: "resumed", at: clock.now() } : { type: "started", at: clock.now(), ...opts.initiator !== void 0 ? { by: opts.initiator } : {} }
    );
    const given = opts.inbox ?? [];
    const waiting = resuming ? await this.inbox.events(opts.state?.now) : [];
    const inbox = mergeGiven(given, waiting);
    this.inbox.scheduleNext();
    const authorized = opts.inboxAuthorized || inbox.length === 0 ? inbox : await this.inbox.authorize(inbox);
    if (this.stopped()) return this.cancelled();
    const before = state.history.length;
    for (const ev of authorized) this.feed(ev);
    if (opts.goOnAfterInbox && !opts.goOnAfterInbox(state.history.slice(before))) {
      await this.queue.drain();
      return this.finish();
    }
    return await this.loop(untilStopped) ?? this.finish();
  }
  /** Reads the inbox when it is due and feeds what it holds for this release; whether anything was fed. */
  async readInbox() {
    const events = await this.inbox.read();
    if (this.stopped() || events.length === 0) return false;
    for (const ev of events) this.feed(ev);
    return true;
  }
  /** The history says the job was cancelled, once; resolves when it is. */
  listenForStop() {
    const { stop, ports } = this.opts;
    const onStop = () => this.feed({ type: "cancelled", at: ports.clock.now(), reason: String(stop?.reason ?? "stopped") });
    if (stop?.aborted) onStop();
    else stop?.addEventListener("abort", onStop, { once: true });
    return new Promise((resolve2) => stop?.aborted ? resolve2() : stop?.addEventListener("abort", () => resolve2(), { once: true }));
  }
  /** Drives until the release ends or pauses, or (reconcile) has nothing left to do without waiting: undefined; or returns why it stopped early. */
  async loop(untilStopped) {
    const { state, opts } = this;
    for (; ; ) {
      await this.queue.drain();
      if (this.stopped()) return this.cancelled();
      if (this.queue.unsaved !== void 0) return this.result("failed", "ledger-save-failed", this.queue.unsaved);
      const waited = state.status === "paused";
      const settled = state.status === "finished" || waited && await this.waitForPeople(untilStopped) === "stop";
      if (this.stopped()) return this.cancelled();
      if (settled) {
        if (opts.mode !== "run" || this.lastLook || !await this.readInbox()) return void 0;
        this.lastLook = true;
        continue;
      }
      if (waited) continue;
      this.waitingSince = void 0;
      this.lastLook = false;
      if (this.saver.error !== void 0) await this.saver.save();
      if (this.stopped()) return this.cancelled();
      const polled = await this.poll();
      if (polled === "stopped") return this.cancelled();
      if (polled === "progressed") continue;
      const now = opts.ports.clock.now();
      const wake = nextWakeAt(state);
      if (this.tick(now, wake)) continue;
      if (opts.mode === "reconcile") return void 0;
      if (now >= this.inbox.nextAt && await this.readInbox()) continue;
      const stalled = await this.sleep(now, wake, untilStopped);
      if (stalled) return stalled;
    }
  }
  /** Polls the runs in flight when due, and looks for stray runs; says whether anything came of it. */
  async poll() {
    if (!this.watcher.due()) return "not-due";
    const { clock, doubts } = this.opts.ports;
    const finished2 = await this.watcher.finishedEvents();
    if (this.stopped()) return "stopped";
    let progressed = false;
    for (const ev of finished2) {
      this.feed(ev);
      progressed = true;
    }
    if (await takeStrays(doubts, clock, this.feed, this.env.warn)) progressed = true;
    this.watcher.polled(progressed);
    return progressed ? "progressed" : "quiet";
  }
  /** Fires the timers due at `now`; whether it did. */
  tick(now, wake) {
    const { state } = this;
    if (wake === void 0 || wake > now || now <= this.lastTick.at && state.history.length <= this.lastTick.history) return false;
    this.feed({ type: "timer-fired", at: now });
    this.lastTick = { at: now, history: state.history.length };
    return true;
  }
  /** Sleeps until the next timer or poll (or the stop); returns why the driver stops if there is nothing to wait for. */
  async sleep(now, wake, untilStopped) {
    const { state } = this;
    const due = wake !== void 0 && wake > now ? Math.min(wake, this.watcher.nextPollAt) : Number.POSITIVE_INFINITY;
    const target2 = this.inbox.enabled && due !== Number.POSITIVE_INFINITY ? Math.min(due, Math.max(this.inbox.nextAt, now + 1)) : due;
    if (target2 === Number.POSITIVE_INFINITY) {
      this.env.warn(`release ${state.releaseId} has nothing to wait for but is ${state.status}; stopping the driver`);
      await this.saver.save();
      return this.result("failed", "engine-stalled", `nothing to wait for while ${state.status}`);
    }
    const renew = this.opts.leaseRenewMs;
    if (renew !== void 0 && now - this.saver.lastSentAt >= renew) {
      await this.saver.save();
      return void 0;
    }
    const until = renew !== void 0 ? Math.min(target2, this.saver.lastSentAt + renew) : target2;
    await Promise.race([this.opts.ports.clock.sleepUntil(Math.max(until, now + 1)), untilStopped]);
    return void 0;
  }
  /**
   * The release waits for a person. Mode run with wait-for-people: wait in the job, reading the
   * inbox every poll interval and firing the timers (an approval's deadline) as they fall due,
   * until a command moves the release or the wait is used up ('stop': save and return paused).
   */
  async waitForPeople(untilStopped) {
    const { opts, state } = this;
    const { clock } = opts.ports;
    const limit = opts.mode === "run" && opts.inboxWorkflow !== void 0 ? opts.waitForPeopleMs ?? 0 : 0;
    const now = clock.now();
    this.waitingSince ??= now;
    if (now - this.waitingSince >= limit) return "stop";
    await this.saver.save();
    const wake = nextWakeAt(state);
    if (this.tick(now, wake)) return "again";
    if (now >= this.inbox.nextAt && await this.readInbox()) return "again";
    const until = Math.min(this.inbox.nextAt, this.waitingSince + limit, wake !== void 0 && wake > now ? wake : Number.POSITIVE_INFINITY);
    await Promise.race([clock.sleepUntil(Math.max(until, now + 1)), untilStopped]);
    return "again";
  }
  /** The driver stops: a last look for strays, the last save, what is still in doubt, the result. */
  async finish() {
    const { state } = this;
    const { clock, doubts } = this.opts.ports;
    if (doubts.openDoubts().length > 0 && await takeStrays(doubts, clock, this.feed, this.env.warn)) await this.queue.drain();
    if (this.stopped()) return this.cancelled();
    await this.saver.save(true);
    const inDoubt = doubts.openDoubts();
    if (inDoubt.length > 0) {
      this.env.warn(
        `dispatches whose runs were never seen (${inDoubt.join(", ")}) may still start a run: check the workflow's runs and cancel any that carry these ids`,
        "person"
      );
    }
    if (state.status === "finished" && state.outcome) {
      return this.result(state.outcome.decision, state.outcome.reasonCode, state.outcome.reason);
    }
    if (state.status === "paused") {
      return this.result("paused", state.pause?.reasonCode ?? "paused", state.pause?.reason ?? "waiting for a person");
    }
    const wake = nextWakeAt(state);
    return this.result("continue", "waiting", wake !== void 0 ? `next check due at ${new Date(wake).toISOString()}` : "waiting for runs to finish");
  }
  cancelled() {
    return this.result("continue", "cancelled", `the job was cancelled (${String(this.opts.stop?.reason ?? "stopped")}); nothing was started after it`);
  }
  /** The driver's result; what it says about the last save (the driver stops after it) is what the ledger keeps. */
  result(decision, reasonCode, reason) {
    return { state: this.state, decision, reasonCode, reason, events: this.events, ...this.saver.outcome() };
  }
};

// src/github/holder.ts
import { randomBytes } from "node:crypto";
var FORM = /^(\d+|local):(\d+|-):([A-Za-z0-9_.-]{1,100}|-):([a-z0-9]{1,32})$/;
function holderId(runner, nonce = randomBytes(6).toString("hex")) {
  const run = runner.runId && /^\d+$/.test(runner.runId) ? runner.runId : "local";
  const attempt = runner.runAttempt && /^\d+$/.test(runner.runAttempt) ? runner.runAttempt : "-";
  const job = runner.job && /^[A-Za-z0-9_.-]{1,100}$/.test(runner.job) ? runner.job : "-";
  return `${run}:${attempt}:${job}:${nonce}`;
}
function parseHolder(id) {
  if (/^\d{1,20}$/.test(id)) return { runId: Number(id) };
  const m = FORM.exec(id);
  if (!m) return void 0;
  const [, run, attempt, job, nonce] = m;
  return {
    ...run !== "local" ? { runId: Number(run) } : {},
    ...attempt !== "-" ? { attempt: Number(attempt) } : {},
    ...job !== "-" ? { job } : {},
    nonce
  };
}
function describeHolder(id, self2) {
  const h = parseHolder(id);
  if (!h) return "a driver of unknown form";
  const sameRun = h.runId !== void 0 && self2 !== void 0 && parseHolder(self2)?.runId === h.runId;
  const who2 = sameRun ? `another job (or matrix leg) of this workflow run ${h.runId}` : h.runId !== void 0 ? `workflow run ${h.runId}` : "a local driver";
  const parts = [h.attempt !== void 0 ? `attempt ${h.attempt}` : "", h.job !== void 0 ? `job ${h.job}` : ""].filter(Boolean);
  return parts.length > 0 ? `${who2} (${parts.join(", ")})` : who2;
}
function supersededBy(self2, other) {
  const a = parseHolder(self2);
  const b = parseHolder(other);
  if (a?.runId === void 0 || a.runId !== b?.runId) return false;
  if (b.nonce === void 0) return true;
  return a.attempt !== void 0 && b.attempt !== void 0 && b.attempt < a.attempt;
}
var LeaseHeldError = class extends Error {
  constructor(message, holder) {
    super(message);
    this.holder = holder;
  }
  holder;
  name = "LeaseHeldError";
};

// src/modes/release-target.ts
function fail(reasonCode, message, releaseId, details = {}) {
  return { decision: "error", reasonCode, ...releaseId ? { releaseId } : {}, details: { error: message, ...details }, failed: message };
}
function readTarget(settings, runner) {
  const loaded = loadPlanFile(settings.plan, settings.workflowsDir ? { workflowsDir: settings.workflowsDir } : {});
  if (!loaded.plan) {
    const first = loaded.diagnostics.find((d) => d.severity === "error");
    return {
      ok: false,
      outcome: fail("plan-invalid", `the release plan is invalid: ${first ? `${first.file}:${first.line}: ${first.message}` : "unknown error"}`)
    };
  }
  const plan = { ...loaded.plan, file: annotationPath(loaded.plan.file, runner.workspace) };
  const { owner, repo } = requireRunnerValue(runner, "repository");
  const headSha = settings.sha ?? requireRunnerValue(runner, "sha");
  const holder = holderId(runner);
  const ref = settings.ref ?? runner.refName ?? requireRunnerValue(runner, "ref");
  const detailsUrl = runUrl(runner, { owner, repo });
  const releaseId = settings.release ?? (settings.version !== void 0 ? releaseIdOf(plan.name, settings.version) : void 0);
  if (releaseId === void 0)
    return { ok: false, outcome: fail("bad-input", "Input 'version' (or 'release') is required. Expected what is being released, such as v1.4.2.") };
  return { ok: true, target: { plan, owner, repo, headSha, holder, ref, detailsUrl, releaseId } };
}
function peopleOf(runner, target2) {
  const workflowFile = runner.workflowPath?.split("/").pop() ?? "release.yml";
  const base = `${runner.serverUrl}/${target2.owner}/${target2.repo}/actions`;
  return { workflowFile, workflowUrl: `${base}/workflows/${workflowFile}`, runUrl: (runId) => `${base}/runs/${runId}` };
}

// src/modes/command-run.ts
var HAND_OVER_TIMEOUT_MS = 9e4;
function readCommand(settings, runner, releaseId) {
  if (settings.command === void 0) return { ok: true };
  const parsed = parseOperatorCommand(settings.command);
  if (parsed === void 0)
    return {
      ok: false,
      outcome: fail(
        "bad-input",
        `Invalid command '${settings.command}'. Expected one of approve, reject, abort, pause, resume, promote, retry, rollback, adopt-plan[:<digest>], override-freeze.`,
        releaseId
      )
    };
  if (runner.eventName !== void 0 && runner.eventName !== "workflow_dispatch") {
    const why = `command ${settings.command} on release ${releaseId}: this run was started by event ${shownName(runner.eventName)}, not workflow_dispatch: a command comes from a person dispatching the release workflow`;
    return { ok: false, outcome: { decision: "refused", reasonCode: "run-unverified", releaseId, details: { reason: why }, failed: why } };
  }
  const noActor = runnerValueProblem(runner, "actor", `the login of the person giving command '${settings.command}'`);
  if (noActor !== void 0 || runner.actor === void 0)
    return { ok: false, outcome: fail("bad-environment", noActor ?? "GITHUB_ACTOR is not set", releaseId) };
  const runId = runner.runId !== void 0 && /^\d+$/.test(runner.runId) ? Number(runner.runId) : void 0;
  const attempt = runner.runAttempt !== void 0 && /^\d+$/.test(runner.runAttempt) ? Number(runner.runAttempt) : 1;
  const triggeredBy = runner.triggeringActor;
  const origin = runId !== void 0 ? { runId, attempt, ...triggeredBy !== void 0 && triggeredBy !== runner.actor ? { triggeredBy } : {} } : void 0;
  return {
    ok: true,
    command: {
      name: parsed.name,
      ...parsed.digest !== void 0 ? { digest: parsed.digest } : {},
      ...settings.stage !== void 0 ? { stage: settings.stage } : {},
      ...settings.region !== void 0 ? { region: settings.region } : {},
      ...settings.reason !== void 0 ? { reason: settings.reason } : {},
      by: runner.actor,
      ...origin ? { origin } : {},
      text: settings.command
    }
  };
}
async function withRunFacts(c, readRun, warn) {
  if (!c.origin) return c;
  try {
    const run = await readRun(c.origin.runId);
    return run.createdAt > 0 ? { ...c, origin: { ...c.origin, createdAt: run.createdAt } } : c;
  } catch (err) {
    warn(`could not read this run (${c.origin.runId}) to learn when command ${c.text} was given: ${messageOf(err)}; it is judged as of now`);
    return c;
  }
}
function commandEvent(c, now, floor) {
  const { text: _text, ...asked2 } = c;
  return commandEventOf(asked2, now, floor);
}
function ofCommand(c) {
  return c.origin ? { runId: c.origin.runId } : { by: c.by };
}
var UNCHANGED = /* @__PURE__ */ new Set(["already-approved", "already-paused"]);
function refusalOutcome(outcome, c, releaseId) {
  if (outcome.accepted) return void 0;
  const { reasonCode } = outcome;
  const message = `command ${c.text} by ${c.by} on release ${releaseId}${c.stage ? ` (stage ${c.stage})` : ""}${c.region ? ` (region ${c.region})` : ""}: ${outcome.message}`;
  const details = { command: commandDetails(c, false), reason: message };
  if (UNCHANGED.has(reasonCode)) return { decision: "unchanged", reasonCode, releaseId, details };
  return { decision: "refused", reasonCode, releaseId, details, failed: message };
}
function commandDetails(c, accepted2) {
  return {
    name: c.name,
    by: c.by,
    accepted: accepted2,
    ...c.stage !== void 0 ? { stage: c.stage } : {},
    ...c.region !== void 0 ? { region: c.region } : {},
    ...c.origin ? { runId: c.origin.runId, attempt: c.origin.attempt } : {},
    ...c.origin?.triggeredBy !== void 0 ? { triggeredBy: c.origin.triggeredBy } : {}
  };
}
async function handOver(c, releaseId, holder, leaseMessage, ports) {
  const refuse2 = (reasonCode, why) => {
    const message = `command ${c.text} by ${c.by} on release ${releaseId}: ${why}`;
    return { decision: "refused", reasonCode, releaseId, details: { command: commandDetails(c, false), reason: message }, failed: message };
  };
  if (!c.origin) return refuse2("lease-held", `${leaseMessage} (outside a workflow run this command cannot be handed to it)`);
  const holderRun = holder !== void 0 ? parseHolder(holder)?.runId : void 0;
  if (holderRun === c.origin.runId) return refuse2("lease-held", `${leaseMessage} (it is this run's own other job: the command cannot be handed to it)`);
  let own;
  try {
    own = await ports.commandRun(c.origin.runId);
  } catch (err) {
    return refuse2("lease-held", `${leaseMessage}; this run (${c.origin.runId}) could not be read to hand the command over: ${messageOf(err)}`);
  }
  const titled = parseCommandTitle(own.title);
  const carried = titled?.ok === true && titled.command === c.text && titled.releaseId === releaseId && titled.stage === c.stage && titled.region === c.region;
  if (!carried)
    return refuse2(
      "command-title-mismatch",
      `the release is being driven by another run, which reads commands from the titles of this workflow's runs, and this run's title ${shownName(own.title)} does not carry the command. Set the release workflow's run-name as workflows-examples/release.yml does, then give the command again`
    );
  if (holderRun !== void 0) {
    try {
      const driving = await ports.commandRun(holderRun);
      if (driving.workflowPath !== own.workflowPath)
        return refuse2(
          "other-workflow",
          `the release is being driven by run ${holderRun} of ${shownName(driving.workflowPath)}, which does not read this workflow's runs (${shownName(own.workflowPath)}): give the command through ${shownName(driving.workflowPath)}`
        );
    } catch (err) {
      ports.log(`could not read the run that holds release ${releaseId} (${holderRun}): ${messageOf(err)}; handing the command over anyway`);
    }
  }
  ports.log(`release ${releaseId} is being driven by another run; command ${c.text} was handed to it (this run's title); waiting for it to be taken`);
  return awaitTaken(c, releaseId, ports);
}
async function awaitTaken(c, releaseId, ports) {
  const origin = c.origin;
  const key = commandRunKey(origin.runId, origin.attempt);
  const until = ports.monotonic() + ports.ackTimeoutMs;
  for (; ; ) {
    let state;
    try {
      state = await ports.peek(releaseId);
    } catch (err) {
      ports.log(`could not read the ledger of ${releaseId}: ${messageOf(err)}`);
    }
    if (state && Array.isArray(state.commandRuns) && state.commandRuns.includes(key) && Array.isArray(state.history)) {
      const taken = commandOutcome(state.history, ofCommand(c));
      const refused2 = refusalOutcome(taken, c, releaseId);
      if (refused2) return refused2;
      return {
        decision: "accepted",
        reasonCode: "taken-by-driver",
        releaseId,
        details: { command: commandDetails(c, true), reason: taken.message, status: state.status }
      };
    }
    if (ports.monotonic() >= until) break;
    await ports.sleep(ports.ackEveryMs);
  }
  return {
    decision: "delivered",
    reasonCode: "awaiting-driver",
    releaseId,
    details: {
      command: commandDetails(c, false),
      reason: `the run that drives release ${releaseId} has not taken command ${c.text} within ${formatDuration(ports.ackTimeoutMs)}; it reads its commands every poll and records each in the release's check run, where this one will show`
    }
  };
}
function adoptPrecheck(st, plan, command) {
  const why = notAdoptable(st, plan);
  return why === void 0 ? void 0 : { reasonCode: st.status === "finished" ? "release-finished" : "nothing-to-adopt", message: `command ${command.text}: ${why}` };
}
function refusedBeforeOpening(command, opened, releaseId) {
  const reasonCode = opened.reasonCode === "release-not-found" ? "unknown-release" : opened.reasonCode;
  const message = `command ${command.text} by ${command.by} on release ${releaseId}: ${reasonCode === "unknown-release" ? `there is no release ${releaseId} on this commit (${opened.message}); check the release id (the release-id output of the run that started it) and input sha` : opened.message}`;
  return { decision: "refused", reasonCode, releaseId, details: { command: commandDetails(command, false), reason: message }, failed: message };
}
function commandSummary(command, refused2) {
  if (!command) return "";
  const what = `\`${command.name}\` by ${markdownText(command.by)}${command.stage ? ` for stage ${markdownText(command.stage)}` : ""}${command.region ? ` for region ${markdownText(command.region)}` : ""}`;
  if (!refused2) return `**Command ${what}: accepted.** This run carried the release on from there.

`;
  const why = typeof refused2.details?.reason === "string" ? refused2.details.reason : refused2.reasonCode;
  return `**Command ${what}: ${refused2.decision} (\`${refused2.reasonCode}\`).** ${markdownText(why)}

`;
}
function handOverPortsOf(github, virtual, log2) {
  return {
    commandRun: (runId) => github.commandRun(runId),
    peek: (releaseId) => github.ledger.peek(releaseId),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    ackTimeoutMs: virtual ? 2e4 : HAND_OVER_TIMEOUT_MS,
    ackEveryMs: virtual ? 100 : 5e3,
    monotonic: () => performance.now(),
    log: log2
  };
}

// src/driver/jumping-clock.ts
var JumpingClock = class {
  t = Date.now();
  now() {
    return Math.max(this.t, Date.now());
  }
  async sleepUntil(epochMs) {
    this.t = Math.max(this.t, epochMs);
    await new Promise((r) => setImmediate(r));
  }
};

// src/driver/real-clock.ts
var RealClock = class {
  constructor(maxSliceMs = 6e4) {
    this.maxSliceMs = maxSliceMs;
  }
  maxSliceMs;
  now() {
    return Date.now();
  }
  async sleepUntil(epochMs) {
    for (; ; ) {
      const ms = epochMs - Date.now();
      if (ms <= 0) return;
      await new Promise((resolve2) => setTimeout(resolve2, Math.min(ms, this.maxSliceMs)));
    }
  }
};

// src/driver/roles.ts
var NO_INBOX = { commandRuns: async () => [] };
function rolesOf(github, doubts, inbox = NO_INBOX) {
  return { runs: github, reviews: github, doubts, deployments: github, ledger: github, permissions: github, inbox };
}

// src/core/state-shape.ts
var REGION_PHASES = [
  "pending",
  "deploying",
  "baking",
  "awaiting-approval",
  "promoted",
  "failed",
  "rolling-back",
  "rolled-back",
  "skipped"
];
var built;
function buildShape() {
  const num2 = number().check(_gte(-MAX_DATE_MS), _lte(MAX_DATE_MS));
  const str = string();
  const opt = optional;
  const Run = looseObject({
    kind: _enum(["deploy", "rollback"]),
    step: num2,
    attempt: opt(num2),
    correlationId: str,
    dispatchedAt: num2,
    deadline: num2,
    runId: opt(num2),
    htmlUrl: opt(str),
    conclusion: opt(nullable(str)),
    done: boolean()
  });
  const Gate = looseObject({
    measurements: num2,
    successful: num2,
    failed: num2,
    inconclusive: num2,
    errors: num2,
    consecutiveErrors: num2,
    target: num2,
    status: _enum(["measuring", "passed", "failed", "inconclusive"]),
    nextAt: num2,
    awaiting: boolean(),
    // Counted and compared by the verdicts: a string here would count "4" + 1 = "41".
    noDataWaits: num2,
    consecutiveNoData: opt(num2),
    verdict: opt(looseObject({ reasonCode: str, reason: str })),
    measureWhileHeld: opt(literal(true)),
    passedEarly: opt(literal(true))
  });
  const Region = looseObject({
    name: str,
    stage: num2,
    phase: _enum(REGION_PHASES),
    step: num2,
    attempt: opt(num2),
    touchedSeq: opt(num2),
    runs: array(Run),
    deploymentId: opt(num2),
    deploymentStatus: opt(looseObject({ state: str, step: num2, description: str })),
    bake: opt(looseObject({ startedAt: num2, endsAt: num2, gates: record(str, Gate) })),
    failure: opt(looseObject({ reasonCode: str, reason: str, at: num2 })),
    approval: opt(looseObject({ requestedAt: num2, deadline: num2, reasonCode: str, reason: str })),
    rollbackDispatched: boolean(),
    rollbackFailed: boolean(),
    wakeAt: opt(num2)
  });
  return looseObject({
    schemaVersion: num2,
    releaseId: str,
    version: str,
    planName: str,
    status: _enum(["pending", "running", "paused", "stopping", "finished"]),
    now: num2,
    stage: num2,
    stages: array(
      looseObject({
        name: str,
        phase: _enum(["pending", "awaiting-approval", "running", "done", "stopped"]),
        cursor: num2,
        failed: num2,
        approvalRun: opt(
          looseObject({ correlationId: str, dispatchedAt: num2, runId: opt(num2), htmlUrl: opt(str), conclusion: opt(nullable(str)), done: boolean() })
        )
      })
    ),
    regions: record(str, Region),
    active: record(str, literal(true)),
    counts: record(_enum(REGION_PHASES), num2),
    timers: array(tuple([num2, str])),
    touchCount: num2,
    stop: opt(looseObject({ reasonCode: str, reason: str, at: num2, queue: array(str) })),
    // Read by the summary and the outcome as text (a number here was "reason.startsWith is not a function").
    outcome: opt(looseObject({ decision: _enum(["promoted", "rolled-back", "paused", "failed"]), reasonCode: str, reason: str, at: num2 })),
    pause: opt(looseObject({ reasonCode: str, reason: str })),
    hold: opt(looseObject({ by: str, at: num2, reason: str })),
    abortRequested: opt(looseObject({ by: str, at: num2, reason: str })),
    planChanged: opt(looseObject({ reasonCode: _enum(["plan-changed", "state-plan-mismatch"]), digest: str, reason: str, at: num2 })),
    commandRuns: opt(array(str)),
    // The release freeze (core/freeze.ts): a field of the wrong type is damage, as everywhere else.
    freeze: opt(
      looseObject({
        stage: num2,
        phase: _enum(["reading", "held"]),
        at: num2,
        reasonCode: opt(str),
        reason: opt(str),
        budgetRemaining: opt(num2),
        region: opt(str),
        retryAt: opt(num2),
        retries: opt(num2),
        heldSince: opt(num2)
      })
    ),
    freezeCleared: opt(array(num2)),
    freezeOverrides: opt(
      array(looseObject({ by: str, at: num2, stage: str, reasonCode: opt(str), budgetRemaining: opt(num2), region: opt(str), readAt: opt(num2) }))
    ),
    history: array(looseObject({ at: num2, kind: str, reason: str, reasonCode: str }))
  });
}
function describeValue(v) {
  if (v === void 0) return "missing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return "a string";
  return `${typeof v} ${String(v)}`;
}
function valueAt(root, path) {
  let v = root;
  for (const k of path) v = typeof v === "object" && v !== null ? v[k] : void 0;
  return v;
}
function stateShapeProblem(value) {
  built ??= buildShape();
  const res = built.safeParse(value);
  if (res.success) return void 0;
  const issue = res.error.issues[0];
  if (!issue) return { field: "(state)", problem: "is not a saved state" };
  const field = issue.path.length > 0 ? issue.path.map((k) => typeof k === "number" ? String(k) : shownName(String(k))).join(".") : "(state)";
  const found = describeValue(valueAt(value, issue.path));
  const expected = issue.code === "invalid_type" ? `expected ${String(issue.expected)}` : issue.code === "invalid_value" ? `expected one of ${(issue.values ?? []).map((x) => JSON.stringify(x)).join(", ")}` : issue.code === "invalid_key" ? "has a key that is not allowed" : issue.code === "too_big" || issue.code === "too_small" ? "expected a count or a time in epoch milliseconds" : "has the wrong shape";
  return { field, problem: `is ${found}, ${expected}` };
}

// src/core/state-read.ts
var StateUnreadableError = class extends Error {
  constructor(kind, message, field) {
    super(message);
    this.kind = kind;
    this.field = field;
  }
  kind;
  field;
  name = "StateUnreadableError";
};
function parseState(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new StateUnreadableError(
      "shape",
      `its state is ${value === null ? "null" : Array.isArray(value) ? "a list" : typeof value}, expected an object`,
      "(state)"
    );
  const v = value.schemaVersion;
  if (v !== 1 && v !== SCHEMA_VERSION)
    throw new StateUnreadableError(
      "version",
      `its state has schemaVersion ${String(v)}, which this version of progressive-release does not read (it reads 1 and ${SCHEMA_VERSION})`
    );
  const bad = stateShapeProblem(value);
  if (bad) throw new StateUnreadableError("shape", `its field state.${bad.field} ${bad.problem}`, bad.field);
  if (v === 1) return fromVersion1(value);
  return value;
}
function fromVersion1(s) {
  for (const r of Object.values(s.regions)) {
    const steps = [...Object.keys(r.deployments ?? {}), ...Object.keys(r.statuses ?? {})].map(Number).sort((a, b) => a - b);
    const last = steps.at(-1);
    const id = last !== void 0 ? r.deployments?.[String(last)] : void 0;
    if (id !== void 0) r.deploymentId = id;
    const want = last !== void 0 ? r.statuses?.[String(last)] : void 0;
    if (want && last !== void 0) {
      const confirmed = id !== void 0 && want.confirmed !== void 0 ? { confirmed: `${want.confirmed}@${last}` } : {};
      r.deploymentStatus = {
        state: want.state,
        step: last,
        description: want.description,
        ...want.runUrl !== void 0 ? { runUrl: want.runUrl } : {},
        ...confirmed
      };
    }
    delete r.deployments;
    delete r.statuses;
  }
  return { ...s, schemaVersion: SCHEMA_VERSION };
}

// node_modules/universal-user-agent/index.js
function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }
  if (typeof process === "object" && process.version !== void 0) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${process.arch})`;
  }
  return "<environment undetectable>";
}

// node_modules/before-after-hook/lib/register.js
function register(state, name, method, options) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }
  if (!options) {
    options = {};
  }
  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name2) => {
      return register.bind(null, state, name2, callback, options);
    }, method)();
  }
  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options);
    }
    return state.registry[name].reduce((method2, registered) => {
      return registered.hook.bind(null, method2, options);
    }, method)();
  });
}

// node_modules/before-after-hook/lib/add.js
function addHook(state, kind, name, hook2) {
  const orig = hook2;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }
  if (kind === "before") {
    hook2 = (method, options) => {
      return Promise.resolve().then(orig.bind(null, options)).then(method.bind(null, options));
    };
  }
  if (kind === "after") {
    hook2 = (method, options) => {
      let result;
      return Promise.resolve().then(method.bind(null, options)).then((result_) => {
        result = result_;
        return orig(result, options);
      }).then(() => {
        return result;
      });
    };
  }
  if (kind === "error") {
    hook2 = (method, options) => {
      return Promise.resolve().then(method.bind(null, options)).catch((error) => {
        return orig(error, options);
      });
    };
  }
  state.registry[name].push({
    hook: hook2,
    orig
  });
}

// node_modules/before-after-hook/lib/remove.js
function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }
  const index = state.registry[name].map((registered) => {
    return registered.orig;
  }).indexOf(method);
  if (index === -1) {
    return;
  }
  state.registry[name].splice(index, 1);
}

// node_modules/before-after-hook/index.js
var bind = Function.bind;
var bindable = bind.bind(bind);
function bindApi(hook2, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    name ? [state, name] : [state]
  );
  hook2.api = { remove: removeHookRef };
  hook2.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = name ? [state, kind, name] : [state, kind];
    hook2[kind] = hook2.api[kind] = bindable(addHook, null).apply(null, args);
  });
}
function Singular() {
  const singularHookName = /* @__PURE__ */ Symbol("Singular");
  const singularHookState = {
    registry: {}
  };
  const singularHook = register.bind(null, singularHookState, singularHookName);
  bindApi(singularHook, singularHookState, singularHookName);
  return singularHook;
}
function Collection() {
  const state = {
    registry: {}
  };
  const hook2 = register.bind(null, state);
  bindApi(hook2, state);
  return hook2;
}
var before_after_hook_default = { Singular, Collection };

// node_modules/@octokit/endpoint/dist-bundle/index.js
var VERSION = "0.0.0-development";
var userAgent = `octokit-endpoint.js/${VERSION} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
function mergeDeep(defaults, options) {
  const result = Object.assign({}, defaults);
  Object.keys(options).forEach((key) => {
    if (isPlainObject(options[key])) {
      if (!(key in defaults)) Object.assign(result, { [key]: options[key] });
      else result[key] = mergeDeep(defaults[key], options[key]);
    } else {
      Object.assign(result, { [key]: options[key] });
    }
  });
  return result;
}
function removeUndefinedProperties(obj) {
  for (const key in obj) {
    if (obj[key] === void 0) {
      delete obj[key];
    }
  }
  return obj;
}
function merge(defaults, route2, options) {
  if (typeof route2 === "string") {
    let [method, url] = route2.split(" ");
    options = Object.assign(url ? { method, url } : { url: method }, options);
  } else {
    options = Object.assign({}, route2);
  }
  options.headers = lowercaseKeys(options.headers);
  removeUndefinedProperties(options);
  removeUndefinedProperties(options.headers);
  const mergedOptions = mergeDeep(defaults || {}, options);
  if (options.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}
function omit(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}
function encodeReserved(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal2) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal2);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}
function parse(options) {
  let method = options.method.toUpperCase();
  let url = (options.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options.headers);
  let body;
  let parameters = omit(options, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options.baseUrl + url;
  }
  const omittedParameters = Object.keys(options).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options.mediaType.previews).map((preview) => {
          const format = options.mediaType.format ? `.${options.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options.request ? { request: options.request } : null
  );
}
function endpointWithDefaults(defaults, route2, options) {
  return parse(merge(defaults, route2, options));
}
function withDefaults(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse
  });
}
var endpoint = withDefaults(null, DEFAULTS);

// node_modules/content-type/dist/index.js
var SP = 32;
var HTAB = 9;
var SEMI = 59;
var EQ = 61;
var DQUOTE = 34;
var BSLASH = 92;
var COMMA = 44;
var LOWER_CASE = 1;
var OWS = 2;
var SEMI_FLAG = 4;
var COMMA_FLAG = 8;
var TOKEN_FLAG = 16;
var NON_ASCII = 65280;
var CASE_FLAGS = LOWER_CASE | NON_ASCII;
var CHAR_MAP = new Uint8Array(256);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code = 128; code <= 255; code++) {
  CHAR_MAP[code] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
  CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code = 48; code <= 57; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
for (let code = 65; code <= 90; code++) {
  CHAR_MAP[code] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code = 97; code <= 122; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
var NullObject = /* @__PURE__ */ (() => {
  const C = function() {
  };
  C.prototype = /* @__PURE__ */ Object.create(null);
  return C;
})();
function parse2(header, options) {
  const stopFlags = SEMI_FLAG | (options?.comma === true ? COMMA_FLAG : 0);
  const len = header.length;
  let valueStart = options?.start ?? 0;
  while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
    valueStart++;
  }
  let index = valueStart;
  let typeFlags = 0;
  let whitespace = -1;
  let stop = options?.parameters === false ? COMMA_FLAG : 0;
  while (index < len) {
    const code = header.charCodeAt(index);
    const flags = CHAR_MAP[code];
    if ((flags & stopFlags) !== 0) {
      stop |= flags & COMMA_FLAG;
      break;
    }
    if ((flags & OWS) !== 0) {
      if (whitespace === -1)
        whitespace = index;
    } else {
      whitespace = -1;
    }
    typeFlags |= code & NON_ASCII | flags;
    index++;
  }
  const valueEnd = whitespace === -1 ? index : whitespace;
  const value = header.slice(valueStart, valueEnd);
  const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
  if (index === len || stop !== 0) {
    return { type, index, parameters: new NullObject() };
  }
  return parseParameters(header, type, index, len, stopFlags);
}
function parseParameters(header, type, index, len, stopFlags) {
  const parameters = new NullObject();
  parameter: while (index < len) {
    index++;
    while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
      index++;
    }
    const keyStart = index;
    let keyFlags = 0;
    let keyWhitespace = -1;
    while (index < len) {
      const code = header.charCodeAt(index);
      const flags = CHAR_MAP[code];
      if ((flags & stopFlags) !== 0) {
        if ((flags & COMMA_FLAG) !== 0)
          break parameter;
        continue parameter;
      }
      if (code === EQ) {
        const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
        const value = header.slice(keyStart, keyEnd);
        const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
        index++;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
          index++;
        }
        if (index < len && header.charCodeAt(index) === DQUOTE) {
          const quotedStart = ++index;
          let escaped = false;
          while (index < len) {
            const code2 = header.charCodeAt(index);
            if (code2 === DQUOTE) {
              if (parameters[key] === void 0) {
                parameters[key] = escaped ? unescapeQuotedPairs(header, quotedStart, index) : header.slice(quotedStart, index);
              }
              index++;
              let stop2 = 0;
              while (index < len) {
                const code3 = header.charCodeAt(index);
                const flags2 = CHAR_MAP[code3];
                if ((flags2 & stopFlags) !== 0) {
                  stop2 = flags2 & COMMA_FLAG;
                  break;
                }
                index++;
              }
              if (stop2 !== 0)
                break parameter;
              continue parameter;
            }
            if (code2 === BSLASH && index + 1 < len) {
              escaped = true;
              index += 2;
              continue;
            }
            index++;
          }
          continue parameter;
        }
        const valueStart = index;
        let stop = 0;
        let valueWhitespace = -1;
        while (index < len) {
          const code2 = header.charCodeAt(index);
          const flags2 = CHAR_MAP[code2];
          if ((flags2 & stopFlags) !== 0) {
            stop = flags2 & COMMA_FLAG;
            break;
          }
          if ((flags2 & OWS) !== 0) {
            if (valueWhitespace === -1)
              valueWhitespace = index;
          } else {
            valueWhitespace = -1;
          }
          index++;
        }
        if (parameters[key] === void 0) {
          const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
          parameters[key] = header.slice(valueStart, valueEnd);
        }
        if (stop !== 0)
          break parameter;
        continue parameter;
      }
      if ((flags & OWS) !== 0) {
        if (keyWhitespace === -1)
          keyWhitespace = index;
      } else {
        keyWhitespace = -1;
      }
      keyFlags |= code & NON_ASCII | flags;
      index++;
    }
  }
  return { type, index, parameters };
}
function unescapeQuotedPairs(str, start, end) {
  let result = "";
  for (let index = start; index < end; index++) {
    if (str.charCodeAt(index) === BSLASH) {
      result += str.slice(start, index);
      start = ++index;
    }
  }
  return result + str.slice(start, end);
}

// node_modules/json-with-bigint/json-with-bigint.js
var intRegex = /^-?\d+$/;
var noiseValue = /^-?\d+n+$/;
var originalStringify = JSON.stringify;
var originalParse = JSON.parse;
var customFormat = /^-?\d+n$/;
var bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
var noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;
var isUnstringifiable = (val) => val === void 0 || typeof val === "function" || typeof val === "symbol";
var isRawJSON = (val) => val !== null && typeof val === "object" && val.constructor && val.constructor.name === "RawJSON";
var stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";
  if (typeof spaceParam === "number") {
    space = " ".repeat(Math.min(10, Math.max(0, Math.floor(spaceParam))));
  } else if (typeof spaceParam === "string") {
    space = spaceParam.slice(0, 10);
  }
  const isFunctionReplacer = typeof replacer === "function";
  const propertyList = Array.isArray(replacer) ? new Set(replacer.map(String)) : null;
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";
    if (hasToJSON) {
      val = val.toJSON(key);
    }
    const isNoise = typeof val === "string" && noiseValue.test(val);
    if (isNoise) return val + "n";
    const isBigInt = typeof val === "bigint";
    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return JSON.rawJSON(val.toString());
      return val.toString() + "n";
    }
    if (isFunctionReplacer) {
      val = replacer.call(parent, key, val);
    }
    const isPostReplacerObject = val !== null && typeof val === "object";
    if (isPostReplacerObject) {
      const isPrimitiveWrapper = val instanceof Number || val instanceof String || val instanceof Boolean;
      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }
    return val;
  };
  const rootProcessed = prepareVal({ "": rootValue }, "", rootValue);
  if (isUnstringifiable(rootProcessed)) {
    return void 0;
  }
  const isRootPrimitive = rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);
  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }
  const chunks = [];
  let level = 0;
  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true
    }
  ];
  const visited = new WeakSet([rootProcessed]);
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
      level++;
    }
    let isDone = false;
    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");
        if (space) chunks.push("\n" + space.repeat(level));
        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);
        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject = childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);
          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }
            visited.add(childVal);
            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true
            });
            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k = node.keys[node.index++];
        const isFilteredOutByArray = propertyList && !propertyList.has(k);
        if (isFilteredOutByArray) continue;
        const childRaw = node.val[k];
        const childVal = prepareVal(node.val, k, childRaw);
        if (isUnstringifiable(childVal)) continue;
        if (!node.first) chunks.push(",");
        if (space) {
          chunks.push("\n" + space.repeat(level) + originalStringify(k) + ": ");
        } else {
          chunks.push(originalStringify(k) + ":");
        }
        const isComplexObject = childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);
        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }
          visited.add(childVal);
          stack.push({
            parent: node.val,
            key: k,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true
          });
          node.first = false;
          break;
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }
      const isNodeFullyProcessed = node.index >= node.keys.length && stack[stack.length - 1] === node;
      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }
    if (isDone) {
      level--;
      if (!node.first && space) chunks.push("\n" + space.repeat(level));
      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }
  return chunks.join("");
};
var JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;
    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());
          const hasFunctionReplacer = typeof replacer === "function";
          if (hasFunctionReplacer) return replacer(key, val);
          const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
          if (isKeyInArrayReplacer) return val;
          return val;
        },
        space
      );
    }
    if (!value) return originalStringify(value, replacer, space);
    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);
        if (isNoise) return val.toString() + "n";
        if (typeof val === "bigint") return val.toString() + "n";
        const hasFunctionReplacer = typeof replacer === "function";
        if (hasFunctionReplacer) return replacer(key, val);
        const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
        if (isKeyInArrayReplacer) return val;
        return val;
      },
      space
    );
    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3"
    );
    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3");
    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer, space);
      if (convertedJSON === void 0) return void 0;
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return convertedJSON;
      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");
      return processedJSON.replace(noiseStringify, "$1$2$3");
    }
    throw error;
  }
};
var featureCache = /* @__PURE__ */ new Map();
var isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();
  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }
  try {
    const result = JSON.parse(
      "1",
      (_, __, context) => !!context?.source && context.source === "1"
    );
    featureCache.set(parseFingerprint, result);
    return result;
  } catch {
    featureCache.set(parseFingerprint, false);
    return false;
  }
};
var convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
  const isCustomFormatBigInt = typeof value === "string" && customFormat.test(value);
  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));
  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);
  const hasUserReviver = typeof userReviver === "function";
  if (!hasUserReviver) return value;
  return userReviver(key, value, context);
};
var JSONParseV2 = (text, reviver) => {
  return JSON.parse(text, (key, value, context) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds = value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context && intRegex.test(context.source);
    const isBigInt = isBigNumber && isInt;
    if (isBigInt) return BigInt(context.source);
    const hasCustomReviver = typeof reviver === "function";
    if (!hasCustomReviver) return value;
    return reviver(key, value, context);
  });
};
var MAX_INT = Number.MAX_SAFE_INTEGER.toString();
var MAX_DIGITS = MAX_INT.length;
var stringsOrLargeNumbers = /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
var noiseValueWithQuotes = /^"-?\d+n+"$/;
var applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (!node.visited) {
      node.visited = true;
      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";
      if (isComplexObject) {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          stack.push({ parent: value, key: keys[i], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];
      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);
        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);
          if (isNoise) value = value.slice(0, -1);
        }
      }
      const hasUserReviver = typeof userReviver === "function";
      if (hasUserReviver) {
        value = userReviver.call(parent, key, value);
      }
      const isDeleted = value === void 0;
      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }
      stack.pop();
    }
  }
  return rootHolder[""];
};
var serializeBigInts = (text) => {
  return text.replace(
    stringsOrLargeNumbers,
    (match, digits, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);
      if (isNoise) return match.substring(0, match.length - 1) + 'n"';
      const hasFractionalOrExponential = fractional || exponential;
      const isLessThanMaxSafeInt = digits && (digits.length < MAX_DIGITS || digits.length === MAX_DIGITS && digits <= MAX_INT);
      const isStandardValue = isString || hasFractionalOrExponential || isLessThanMaxSafeInt;
      if (isStandardValue) return match;
      return '"' + match + 'n"';
    }
  );
};
var JSONParse = (text, reviver) => {
  if (!text) return originalParse(text, reviver);
  try {
    if (isContextSourceSupported()) return JSONParseV2(text, reviver);
    const serializedData = serializeBigInts(text);
    return originalParse(
      serializedData,
      (key, value, context) => convertMarkedBigIntsReviver(key, value, context, reviver)
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text);
      const parsed = originalParse(serializedData);
      return applyReviverIteratively(parsed, reviver);
    }
    throw error;
  }
};

// node_modules/@octokit/request-error/dist-src/index.js
var RequestError = class extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    if ("response" in options) {
      this.response = options.response;
    }
    const requestCopy = Object.assign({}, options.request);
    if (options.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options.request.headers, {
        authorization: options.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
};

// node_modules/@octokit/request/dist-bundle/index.js
var VERSION2 = "10.0.16";
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${VERSION2} ${getUserAgent()}`
  }
};
function isPlainObject2(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
var noop = () => "";
async function fetchWrapper(requestOptions) {
  const fetch2 = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch2) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log2 = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = isPlainObject2(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch2(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log2.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop);
  }
  const mimetype = parse2(contentType);
  if (isJSONResponse(mimetype)) {
    let text = "";
    try {
      text = await response.text();
      return JSONParse(text);
    } catch (err) {
      return text;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}
function withDefaults2(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route2, parameters) {
    const endpointOptions = endpoint2.merge(route2, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request2 = (route22, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route22, parameters2))
      );
    };
    Object.assign(request2, {
      endpoint: endpoint2,
      defaults: withDefaults2.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request2, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: withDefaults2.bind(null, endpoint2)
  });
}
var request = withDefaults2(endpoint, defaults_default);

// node_modules/@octokit/graphql/dist-bundle/index.js
var VERSION3 = "0.0.0-development";
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request2, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request2;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request2, query, options) {
  if (options) {
    if (typeof query === "string" && "query" in options) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request2.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request2(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}
function withDefaults3(request2, newDefaults) {
  const newRequest = request2.defaults(newDefaults);
  const newApi = (query, options) => {
    return graphql(newRequest, query, options);
  };
  return Object.assign(newApi, {
    defaults: withDefaults3.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}
var graphql2 = withDefaults3(request, {
  headers: {
    "user-agent": `octokit-graphql.js/${VERSION3} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return withDefaults3(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}

// node_modules/@octokit/auth-token/dist-bundle/index.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep}${b64url}${sep}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);
async function auth(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}
async function hook(token, request2, route2, parameters) {
  const endpoint2 = request2.endpoint.merge(
    route2,
    parameters
  );
  endpoint2.headers.authorization = withAuthorizationPrefix(token);
  return request2(endpoint2);
}
var createTokenAuth = function createTokenAuth2(token) {
  if (!token) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token = token.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth.bind(null, token), {
    hook: hook.bind(null, token)
  });
};

// node_modules/@octokit/core/dist-src/version.js
var VERSION4 = "7.0.8";

// node_modules/@octokit/core/dist-src/index.js
var noop2 = () => {
};
var consoleWarn = console.warn.bind(console);
var consoleError = console.error.bind(console);
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = noop2;
  }
  if (typeof logger.info !== "function") {
    logger.info = noop2;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
var userAgentTrail = `octokit-core.js/${VERSION4} ${getUserAgent()}`;
var Octokit = class {
  static VERSION = VERSION4;
  static defaults(defaults) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options = args[0] || {};
        if (typeof defaults === "function") {
          super(defaults(options));
          return;
        }
        super(
          Object.assign(
            {},
            defaults,
            options,
            options.userAgent && defaults.userAgent ? {
              userAgent: `${options.userAgent} ${defaults.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options = {}) {
    const hook2 = new before_after_hook_default.Collection();
    const requestDefaults = {
      baseUrl: request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook2.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options.userAgent ? `${options.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options.baseUrl) {
      requestDefaults.baseUrl = options.baseUrl;
    }
    if (options.previews) {
      requestDefaults.mediaType.previews = options.previews;
    }
    if (options.timeZone) {
      requestDefaults.headers["time-zone"] = options.timeZone;
    }
    this.request = request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger(options.log);
    this.hook = hook2;
    if (!options.authStrategy) {
      if (!options.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth2 = createTokenAuth(options.auth);
        hook2.wrap("request", auth2.hook);
        this.auth = auth2;
      }
    } else {
      const { authStrategy, ...otherOptions } = options;
      const auth2 = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options.auth
        )
      );
      hook2.wrap("request", auth2.hook);
      this.auth = auth2;
    }
    const classConstructor = this.constructor;
    for (let i = 0; i < classConstructor.plugins.length; ++i) {
      Object.assign(this, classConstructor.plugins[i](this, options));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
};

// node_modules/@octokit/plugin-retry/dist-bundle/index.js
var import_light = __toESM(require_light(), 1);
var VERSION5 = "0.0.0-development";
function isRequestError(error) {
  return error.request !== void 0;
}
async function errorRequest(state, octokit, error, options) {
  if (!isRequestError(error) || !error?.request.request) {
    throw error;
  }
  if (error.status >= 400 && !state.doNotRetry.includes(error.status)) {
    const retries = options.request.retries != null ? options.request.retries : state.retries;
    const retryAfter = Math.pow((options.request.retryCount || 0) + 1, 2);
    throw octokit.retry.retryRequest(error, retries, retryAfter);
  }
  throw error;
}
async function wrapRequest(state, octokit, request2, options) {
  const limiter = new import_light.default();
  limiter.on("failed", function(error, info) {
    const maxRetries = ~~error.request.request?.retries;
    const after = ~~error.request.request?.retryAfter;
    options.request.retryCount = info.retryCount + 1;
    if (maxRetries > info.retryCount) {
      return after * state.retryAfterBaseValue;
    }
  });
  return limiter.schedule(
    requestWithGraphqlErrorHandling.bind(null, state, octokit, request2),
    options
  );
}
async function requestWithGraphqlErrorHandling(state, octokit, request2, options) {
  const response = await request2(options);
  if (response.data && response.data.errors && response.data.errors.length > 0 && /Something went wrong while executing your query/.test(
    response.data.errors[0].message
  )) {
    const error = new RequestError(response.data.errors[0].message, 500, {
      request: options,
      response
    });
    return errorRequest(state, octokit, error, options);
  }
  return response;
}
function retry(octokit, octokitOptions) {
  const state = Object.assign(
    {
      enabled: true,
      retryAfterBaseValue: 1e3,
      doNotRetry: [400, 401, 403, 404, 410, 422, 451],
      retries: 3
    },
    octokitOptions.retry
  );
  const retryPlugin = {
    retry: {
      retryRequest: (error, retries, retryAfter) => {
        error.request.request = Object.assign({}, error.request.request, {
          retries,
          retryAfter
        });
        return error;
      }
    }
  };
  if (state.enabled) {
    octokit.hook.error("request", errorRequest.bind(null, state, retryPlugin));
    octokit.hook.wrap("request", wrapRequest.bind(null, state, retryPlugin));
  }
  return retryPlugin;
}
retry.VERSION = VERSION5;

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light2 = __toESM(require_light(), 1);
var VERSION6 = "0.0.0-development";
var noop3 = () => Promise.resolve();
function wrapRequest2(state, request2, options) {
  return state.retryLimiter.schedule(doRequest, state, request2, options);
}
async function doRequest(state, request2, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request2.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop3);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop3);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop3);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request2, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck3, common) {
  groups.global = new Bottleneck3.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck3.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck3.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck3.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck3.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck: Bottleneck3 = import_light2.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck3, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck3();
    const events = {};
    const emitter = new Bottleneck3.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request2, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request2.retryCount;
      request2.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request2.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request2, options) => {
    initializeBottleneck();
    return wrapRequest2(state, request2, options);
  });
  return {};
}
throttling.VERSION = VERSION6;
throttling.triggersNotification = triggersNotification;

// src/github/client.ts
var import_light3 = __toESM(require_light(), 1);
var PRODUCTION_TIMING = {
  retryBaseMs: 1e3,
  retries: 3,
  retryAfterBaseMs: 1e3,
  rateLimitRetries: 4,
  writeSpacingMs: 1e3,
  requestTimeoutMs: 3e4
};
var TEST_TIMING = {
  retryBaseMs: 0,
  retries: 3,
  retryAfterBaseMs: 1,
  rateLimitRetries: 4,
  writeSpacingMs: 0,
  // Generous: a loaded CI machine can stall a loopback answer for seconds, and an aborted write
  // turns into a failed region. Tests of the timeout itself pass their own short value.
  requestTimeoutMs: 3e4
};
function yieldWithoutTimerFloor() {
  const store = Object.getPrototypeOf(new import_light3.default()._store);
  if (typeof store.yieldLoop !== "function") return;
  store.yieldLoop = function yieldLoop(t = 0) {
    return new this.Promise((resolve2) => t === 0 ? setImmediate(resolve2) : setTimeout(resolve2, t));
  };
}
yieldWithoutTimerFloor();
var ThrottledOctokit = Octokit.plugin(throttling, retry);
function createClient(opts) {
  const t = { ...PRODUCTION_TIMING, ...opts.timing };
  const log2 = opts.log ?? (() => void 0);
  const onLimit = (kind) => (retryAfter, options, _o, retryCount) => {
    const again = retryCount < t.rateLimitRetries;
    log2(
      `GitHub ${kind} on ${options.method ?? ""} ${options.url ?? ""}: ${again ? `retrying after ${retryAfter}s` : "giving up"} (attempt ${retryCount + 1})`
    );
    return again;
  };
  const octokit = new ThrottledOctokit({
    auth: opts.token,
    baseUrl: (opts.baseUrl ?? "https://api.github.com").replace(/\/+$/, ""),
    userAgent: opts.userAgent ?? "progressive-release",
    // A 304 is the ETag cache working, not a problem worth a warning.
    log: { debug: () => void 0, info: () => void 0, warn: quiet304(log2), error: quiet304(log2) },
    throttle: {
      onRateLimit: onLimit("rate limit"),
      onSecondaryRateLimit: onLimit("secondary rate limit"),
      retryAfterBaseValue: t.retryAfterBaseMs,
      // A fresh group per client: the plugin's default groups are module-wide and space writes 1 s.
      write: new import_light3.default.Group({ id: `pr-write-${Math.random()}`, maxConcurrent: 1, minTime: t.writeSpacingMs })
    },
    retry: { retries: t.retries, retryAfterBaseValue: t.retryBaseMs },
    // A hung answer must not hang the release: every fetch (so every retry) gets its own deadline.
    request: {
      fetch: (url, init = {}) => {
        const deadline = AbortSignal.timeout(t.requestTimeoutMs);
        return fetch(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
      }
    }
  });
  return octokit;
}
function quiet304(log2) {
  return (m) => {
    if (!/ - 304 with id /.test(m)) log2(m);
  };
}
function statusOf(err) {
  const s = err?.status;
  return typeof s === "number" ? s : void 0;
}
function isTransient(err) {
  if (err instanceof GitHubBadAnswerError) return true;
  const s = statusOf(err);
  return s !== void 0 && (s >= 500 || s === 429 || s === 403 && /rate limit/i.test(String(err.message)));
}

// src/github/request-context.ts
var NO_RETRY = { retries: 0 };
async function guardedWrite(ctx, what, attempt, lookup) {
  let last;
  const tries = lookup ? ctx.writeRetryDelaysMs.length + 1 : 1;
  for (let i = 0; i < tries; i++) {
    if (i > 0 && lookup) {
      await ctx.sleep(ctx.writeRetryDelaysMs[i - 1] ?? 0);
      try {
        const found = await lookup();
        if (found !== void 0) {
          ctx.log(`${what}: the earlier attempt took effect (found after: ${messageOf(last)})`);
          return found;
        }
      } catch (err) {
        if (err instanceof FatalPortError) throw err;
        last = err;
        ctx.log(`${what}: lookup failed (${messageOf(err)}); not writing blind`);
        continue;
      }
    }
    try {
      return await attempt();
    } catch (err) {
      if (!isTransient(err)) throw err;
      last = err;
      ctx.log(`${what}: ${messageOf(err)}${lookup ? "; will check whether it took effect" : ""}`);
    }
  }
  throw new Error(`${what} failed${lookup ? ` after ${tries} attempts` : " and cannot be checked, so it is not repeated"}: ${messageOf(last)}`, {
    cause: last
  });
}
function isoSeconds(ms) {
  return new Date(Math.floor(ms / 1e3) * 1e3).toISOString().replace(".000Z", "Z");
}
function withRequestOptions(ctx, extra) {
  return {
    ...ctx,
    request: (route2, params = {}) => ctx.request(route2, { ...params, request: { ...params.request, ...extra } })
  };
}
function sleepUnless(ms, signal) {
  return new Promise((resolve2) => {
    if (signal.aborted || ms <= 0) return resolve2();
    const timer = setTimeout(resolve2, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve2();
      },
      { once: true }
    );
  });
}

// src/github/envelope.ts
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync } from "node:zlib";

// src/core/compact.ts
function compactHistory(state, keep) {
  const seen = /* @__PURE__ */ new Map();
  const drop = /* @__PURE__ */ new Set();
  for (let i = state.history.length - 1; i >= 0; i--) {
    const h = state.history[i];
    if (h.kind !== "measurement") continue;
    const key = `${h.region ?? ""}\0${h.step ?? ""}\0${h.gate ?? ""}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > keep) drop.add(i);
  }
  if (drop.size === 0) return state;
  const history = [];
  let marked = false;
  state.history.forEach((h, i) => {
    if (!drop.has(i)) {
      history.push(h);
      return;
    }
    if (marked) return;
    marked = true;
    history.push({
      at: h.at,
      kind: "history-compacted",
      reasonCode: "history-compacted",
      reason: `${drop.size} older measurement entries left out of the saved ledger to fit its size limit (kept the last ${keep} per region, step and gate; every verdict is kept); the job logs have them all`,
      numbers: { samples: drop.size }
    });
  });
  return { ...state, history };
}

// src/github/envelope.ts
var LEDGER_FORMAT = "progressive-release-ledger";
var LEDGER_VERSION = 1;
var TEXT_LIMIT = CHECK_RUN_TEXT_BYTES;
var BROTLI_PREFIX = "br+base64:";
var GZIP_PREFIX = "gzip+base64:";
var LedgerTooLargeError = class extends Error {
  name = "LedgerTooLargeError";
};
function bytes(text) {
  return Buffer.byteLength(text, "utf8");
}
function pack(env) {
  const json = JSON.stringify(env);
  if (bytes(json) <= TEXT_LIMIT) return { json, text: json };
  const packed = brotliCompressSync(json, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes(json) }
  });
  return { json, text: BROTLI_PREFIX + packed.toString("base64") };
}
function unpack(text) {
  if (text.startsWith(BROTLI_PREFIX)) return brotliDecompressSync(Buffer.from(text.slice(BROTLI_PREFIX.length), "base64")).toString("utf8");
  if (text.startsWith(GZIP_PREFIX)) return gunzipSync(Buffer.from(text.slice(GZIP_PREFIX.length), "base64")).toString("utf8");
  return text;
}
function encodeEnvelope(env) {
  let packed = pack(env);
  if (bytes(packed.text) <= TEXT_LIMIT) return packed.text;
  const first = packed;
  const state = env.state;
  if (state && Array.isArray(state.history)) {
    for (const keep of [3, 1, 0]) {
      packed = pack({ ...env, state: compactHistory(state, keep) });
      if (bytes(packed.text) <= TEXT_LIMIT) return packed.text;
    }
  }
  throw new LedgerTooLargeError(
    `ledger state of ${env.releaseId} is ${bytes(first.json)} bytes (${bytes(packed.text)} compressed, old measurements left out), over GitHub's ${TEXT_LIMIT}-byte check-run text limit`
  );
}
var EnvelopeError = class extends Error {
  constructor(reasonCode, problem) {
    super(problem);
    this.reasonCode = reasonCode;
    this.problem = problem;
  }
  reasonCode;
  problem;
  name = "EnvelopeError";
};
function decodeEnvelope(text) {
  const packedAs = text.startsWith(BROTLI_PREFIX) ? BROTLI_PREFIX : text.startsWith(GZIP_PREFIX) ? GZIP_PREFIX : void 0;
  let json;
  try {
    json = unpack(text);
  } catch {
    throw new EnvelopeError(
      "ledger-corrupt",
      `its output.text starts with '${packedAs ?? ""}' but the rest is not ${packedAs === BROTLI_PREFIX ? "Brotli" : "gzip"} data in base64`
    );
  }
  let env;
  try {
    env = JSON.parse(json);
  } catch {
    throw new EnvelopeError("ledger-corrupt", `its output.text is not valid JSON (${json.length} characters${packedAs ? " after decompressing" : ""})`);
  }
  if (typeof env !== "object" || env === null || env.format !== LEDGER_FORMAT)
    throw new EnvelopeError("ledger-corrupt", `its output.text is not a progressive-release ledger (no "format": "${LEDGER_FORMAT}")`);
  if (typeof env.version !== "number") throw new EnvelopeError("ledger-corrupt", 'its field "version" is not a number');
  if (env.version !== LEDGER_VERSION) {
    throw new EnvelopeError(
      "ledger-version-unsupported",
      `ledger version ${env.version} is not supported (this version of progressive-release reads version ${LEDGER_VERSION})`
    );
  }
  if (env.annotated !== void 0 && !(Array.isArray(env.annotated) && env.annotated.every((k) => typeof k === "string"))) {
    throw new EnvelopeError("ledger-corrupt", 'its field "annotated" is not a list of strings');
  }
  const lease = env.lease;
  if (lease !== void 0 && (typeof lease !== "object" || lease === null || typeof lease.holder !== "string" || typeof lease.expiresAt !== "number" || !(Math.abs(lease.expiresAt) <= MAX_DATE_MS))) {
    throw new EnvelopeError("ledger-corrupt", 'its field "lease" is not {holder: string, expiresAt: a time in epoch milliseconds}');
  }
  return { annotated: [], ...env };
}

// src/github/other-releases.ts
var OTHER_RELEASE_PAGES = 5;
async function listOtherReleases(ctx, headSha, releaseId) {
  const out = [];
  for (let page = 1; page <= OTHER_RELEASE_PAGES; page++) {
    const res = await ctx.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
      owner: ctx.owner,
      repo: ctx.repo,
      ref: headSha,
      filter: "latest",
      per_page: 100,
      page
    });
    const runs = res.data.check_runs;
    for (const c of runs) {
      const open3 = c.status !== "completed" || c.conclusion === "action_required";
      if (!open3 || !parseCheckRunName(c.name).ok || c.name === checkRunName(releaseId) || !c.output.text) continue;
      try {
        const env = decodeEnvelope(c.output.text);
        out.push({ releaseId: env.releaseId, checkRunId: c.id, state: env.state });
      } catch {
      }
    }
    if (runs.length < 100) break;
  }
  return out;
}

// src/github/ledger-annotations.ts
var ANNOTATIONS_PER_REQUEST = 50;
function annotationKey(a) {
  return `${a.path}:${a.line}:${a.level}:${a.title}:${a.message}`;
}
function annotationBatches(fresh) {
  const batches = [];
  for (let i = 0; i < fresh.length; i += ANNOTATIONS_PER_REQUEST) batches.push(fresh.slice(i, i + ANNOTATIONS_PER_REQUEST));
  return batches;
}
function toApi(list) {
  return list.map((a) => ({ path: a.path, start_line: a.line, end_line: a.line, annotation_level: a.level, title: a.title, message: a.message }));
}

// src/github/check-run-ledger.ts
var LEASE_SLACK_MS = 5 * 6e4;
var Ledger = class {
  constructor(ctx, opts) {
    this.ctx = ctx;
    this.opts = opts;
    this.regularCtx = withRequestOptions(ctx, { signal: this.regular.signal });
  }
  ctx;
  opts;
  checkRunId;
  annotated = /* @__PURE__ */ new Set();
  annotationsCount = 0;
  last;
  loadedState;
  /**
   * Aborted by saveOnStop: every request of a regular save (queued, in flight, or waiting for a
   * retry) fails at once from then on, so none can write, or put the lease back, after the last one.
   */
  regular = new AbortController();
  regularCtx;
  /** This driver's lease holder id. */
  get holder() {
    return this.opts.holder;
  }
  /** Every check run of the release on the commit, oldest first. */
  async findAll(releaseId, ctx = this.ctx) {
    const res = await ctx.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
      owner: this.ctx.owner,
      repo: this.ctx.repo,
      ref: this.opts.headSha,
      check_name: checkRunName(releaseId),
      filter: "all",
      per_page: 100
    });
    return res.data.check_runs.sort((a, b) => a.id - b.id);
  }
  async find(releaseId, ctx = this.ctx) {
    return (await this.findAll(releaseId, ctx))[0];
  }
  /** Other releases' ledgers on the commit that are not over (other-releases.ts). */
  otherReleases(releaseId) {
    return listOtherReleases(this.ctx, this.opts.headSha, releaseId);
  }
  /** performance.now() when the last load began: a claim measures how long it took from there. */
  loadStartedAt;
  /** The release's check runs, oldest first, with the lease each one's text holds (for a claim). */
  async contenders(releaseId) {
    return (await this.findAll(releaseId)).map((c) => {
      let lease;
      try {
        lease = c.output.text ? decodeEnvelope(c.output.text).lease : void 0;
      } catch {
        lease = void 0;
      }
      return lease ? { id: c.id, lease } : { id: c.id };
    });
  }
  /** Closes a check run this driver made but lost to another driver's (neutral, saying whose it is). */
  async closeDuplicate(releaseId, checkRunId, winner) {
    await this.ctx.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
      owner: this.ctx.owner,
      repo: this.ctx.repo,
      check_run_id: checkRunId,
      status: "completed",
      conclusion: "neutral",
      completed_at: new Date(this.ctx.now()).toISOString(),
      output: {
        title: `Release ${releaseId}: duplicate`,
        summary: `Another driver started release ${releaseId} at the same moment; its ledger is check run ${winner}. This one was closed unused.`
      }
    });
    if (this.checkRunId === checkRunId) this.checkRunId = void 0;
  }
  /** The saved state, or undefined for a new release. Throws LeaseHeldError when another live run drives it. */
  async load(releaseId) {
    this.loadStartedAt = performance.now();
    const found = await this.find(releaseId);
    if (!found) return void 0;
    this.checkRunId = found.id;
    this.annotationsCount = found.output.annotations_count;
    if (!found.output.text) return { state: void 0, checkRunId: found.id };
    let env;
    try {
      env = decodeEnvelope(found.output.text);
    } catch (err) {
      if (!(err instanceof EnvelopeError)) throw err;
      throw this.unreadable(releaseId, found.id, err.reasonCode, err.problem);
    }
    const lease = env.lease;
    if (lease && lease.expiresAt > this.ctx.now() + this.opts.leaseMs + LEASE_SLACK_MS) {
      throw this.unreadable(
        releaseId,
        found.id,
        "ledger-corrupt",
        `its lease runs until ${new Date(lease.expiresAt).toISOString()}, later than any driver writes one (${Math.round(this.opts.leaseMs / 6e4)} min from its last save)`
      );
    }
    const rival = lease && lease.holder !== this.opts.holder && !supersededBy(this.opts.holder, lease.holder);
    if (lease && rival && lease.expiresAt > this.ctx.now() && await this.opts.isHolderAlive(lease.holder)) {
      throw new LeaseHeldError(
        `release ${releaseId} is being driven by ${describeHolder(lease.holder, this.opts.holder)} (lease until ${new Date(lease.expiresAt).toISOString()}); stopping instead of racing it. Cancel that run, or wait for its lease to expire, then start this again.`,
        lease.holder
      );
    }
    this.annotated = new Set(env.annotated);
    this.loadedState = env.state;
    return { state: env.state, checkRunId: found.id };
  }
  /**
   * The saved state as it is now, whoever holds the lease, without taking anything over: a
   * command run that handed its command to the live driver reads whether it was taken. Undefined
   * when there is no ledger or its text cannot be read (the driver that holds it says why).
   */
  async peek(releaseId) {
    const found = await this.find(releaseId);
    if (!found?.output.text) return void 0;
    try {
      return decodeEnvelope(found.output.text).state;
    } catch (err) {
      if (err instanceof EnvelopeError) return void 0;
      throw err;
    }
  }
  /** Why this release's check run cannot be read, as the sentence errors.ts writes. */
  unreadable(releaseId, checkRunId, reasonCode, problem) {
    return ledgerUnreadable({ releaseId, checkRunId, checkRunName: checkRunName(releaseId), headSha: this.opts.headSha }, reasonCode, problem);
  }
  /** The state as this process last saved it (or loaded it): what a failed save falls back to. */
  lastSavedState() {
    return this.last ? JSON.parse(this.last.body).envelope.state : this.loadedState;
  }
  /** When the lease this process last wrote expires; undefined when its last write released it (or it wrote none). */
  leaseHeldUntil() {
    const until = this.last?.leaseUntil;
    return until !== void 0 && Number.isFinite(until) ? until : void 0;
  }
  queue = Promise.resolve();
  /**
   * Saves a state; skips a write identical to the last one unless the lease needs renewing (or
   * it is a claim, which writes its lease even when nothing else changed). Saves run one at a
   * time, in call order.
   */
  save(releaseId, write, opts = {}) {
    const next = this.queue.then(() => this.saveNow(releaseId, write, opts, this.regularCtx));
    this.queue = next.catch(() => void 0);
    return next;
  }
  /**
   * The last save of a driver being stopped by a signal: every other save is abandoned (see
   * `regular`), and this one writes without a lease, not queued behind them. Each attempt and
   * the waits between them (`retryDelaysMs`) end when `deadline` aborts; a failure that cannot
   * be transient, or a check run not created yet (a create is never repeated blind), is not
   * retried. The state is read anew at each attempt, so answers that arrive meanwhile go too.
   * Rejects with why it could not be saved.
   */
  async saveOnStop(releaseId, write, deadline, retryDelaysMs) {
    this.regular.abort();
    const ctx = {
      ...withRequestOptions(this.ctx, { retries: 0, signal: deadline }),
      writeRetryDelaysMs: [],
      sleep: (ms) => sleepUnless(ms, deadline)
    };
    let last;
    for (let i = 0; i <= retryDelaysMs.length; i++) {
      if (i > 0) await sleepUnless(retryDelaysMs[i - 1] ?? 0, deadline);
      if (deadline.aborted) break;
      try {
        await this.saveNow(releaseId, write, { releaseLease: true }, ctx);
        return;
      } catch (err) {
        last = err;
        if (!isTransient(err) || this.checkRunId === void 0) break;
      }
    }
    const why = last === void 0 ? "no time was left" : messageOf(last);
    throw new Error(deadline.aborted ? `out of time (last error: ${why})` : why);
  }
  async saveNow(releaseId, write, opts, ctx) {
    const now = this.ctx.now();
    const completed = write.status === "completed";
    const fresh = write.annotations.filter((a) => !this.annotated.has(annotationKey(a)));
    const annotated = [...this.annotated, ...fresh.map(annotationKey)];
    const envelope = { format: LEDGER_FORMAT, version: LEDGER_VERSION, releaseId, annotated, state: write.state };
    const sameAsLast = JSON.stringify({ envelope, s: write.summary, st: write.status, c: write.conclusion, h: write.holdLease });
    if (!opts.releaseLease && !opts.claim && fresh.length === 0 && this.last?.body === sameAsLast && (completed && !write.holdLease || this.last.leaseUntil - now > this.opts.leaseMs / 2))
      return;
    if ((!completed || opts.claim || write.holdLease) && !opts.releaseLease) envelope.lease = { holder: this.opts.holder, expiresAt: now + this.opts.leaseMs };
    const title = completed ? `Release ${releaseId}: ${write.conclusion ?? "neutral"}` : `Release ${releaseId}: in progress`;
    const output = { title, summary: fitSummary(write.summary), text: encodeEnvelope(envelope) };
    const batches = annotationBatches(fresh);
    const status = {
      status: write.status,
      ...completed ? { conclusion: write.conclusion ?? "neutral", completed_at: new Date(now).toISOString() } : {},
      external_id: releaseId,
      ...this.opts.detailsUrl ? { details_url: this.opts.detailsUrl } : {}
    };
    const first = batches.shift() ?? [];
    if (this.checkRunId === void 0) {
      const created = await guardedWrite(
        ctx,
        `create check run for ${releaseId}`,
        async () => {
          const res = await ctx.request("POST /repos/{owner}/{repo}/check-runs", {
            owner: this.ctx.owner,
            repo: this.ctx.repo,
            name: checkRunName(releaseId),
            head_sha: this.opts.headSha,
            ...status,
            output: { ...output, ...first.length ? { annotations: toApi(first) } : {} },
            request: NO_RETRY
          });
          return res.data;
        },
        () => this.find(releaseId, ctx)
      );
      this.checkRunId = created.id;
      this.annotationsCount = created.output.annotations_count;
    } else {
      const body = { ...status, output: { ...output, ...first.length ? { annotations: toApi(first) } : {} } };
      try {
        await this.patch(releaseId, body, first.length, ctx);
      } catch (err) {
        if (completed || statusOf(err) !== 422) throw err;
        this.ctx.log(`check run ${this.checkRunId ?? "?"} of ${releaseId} cannot be reopened (422); saving the state with its previous status`);
        const { status: _s, ...rest } = body;
        await this.patch(releaseId, rest, first.length, ctx);
      }
    }
    for (const batch of batches) await this.patch(releaseId, { output: { title, summary: output.summary, annotations: toApi(batch) } }, batch.length, ctx);
    for (const a of fresh) this.annotated.add(annotationKey(a));
    this.last = { body: sameAsLast, leaseUntil: envelope.lease?.expiresAt ?? Number.POSITIVE_INFINITY };
  }
  /**
   * Updates the check run. Annotations append, so a PATCH carrying them is not repeated blindly:
   * after a failure the annotation count tells whether it took effect.
   */
  async patch(releaseId, body, added, ctx) {
    const id = this.checkRunId;
    const params = { owner: ctx.owner, repo: ctx.repo, check_run_id: id, ...body };
    if (added === 0) {
      await ctx.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", params);
      return;
    }
    const expected = this.annotationsCount + added;
    const data = await guardedWrite(
      ctx,
      `update check run ${id} of ${releaseId}`,
      async () => {
        const res = await ctx.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", { ...params, request: NO_RETRY });
        return res.data;
      },
      async () => {
        const res = await ctx.request("GET /repos/{owner}/{repo}/check-runs/{check_run_id}", { owner: ctx.owner, repo: ctx.repo, check_run_id: id });
        const d = res.data;
        return d.output.annotations_count >= expected ? d : void 0;
      }
    );
    this.annotationsCount = data.output.annotations_count;
  }
};

// src/github/claim.ts
var ClaimTooSlowError = class extends Error {
  name = "ClaimTooSlowError";
};
async function claimRelease(ledger, releaseId, write, opts) {
  const monotonic = opts.monotonic ?? (() => performance.now());
  const started = ledger.loadStartedAt ?? monotonic();
  const creating = ledger.checkRunId === void 0;
  await ledger.save(releaseId, write, { claim: true });
  const gap = monotonic() - started;
  const maxGap = opts.maxGapMs ?? opts.settleMs - Math.min(1500, opts.settleMs / 2);
  if (!creating && opts.settleMs > 0 && gap > maxGap) {
    throw new ClaimTooSlowError(
      `claiming release ${releaseId} took ${Math.round(gap)} ms from its load (trusted up to ${maxGap} ms): another driver may have gone on meanwhile`
    );
  }
  if (opts.settleMs > 0) await opts.sleep(opts.settleMs);
  const mine = ledger.checkRunId;
  const all = await ledger.contenders(releaseId);
  const oldest = all[0];
  if (oldest === void 0 || mine === void 0) throw new ClaimTooSlowError(`the ledger of ${releaseId} just written is not listed yet`);
  if (oldest.id !== mine && oldest.lease?.holder === ledger.holder) {
    await ledger.closeDuplicate(releaseId, mine, oldest.id);
    ledger.checkRunId = oldest.id;
    return;
  }
  if (oldest.id !== mine) {
    await ledger.closeDuplicate(releaseId, mine, oldest.id);
    throw new LeaseHeldError(
      `release ${releaseId} was started by another driver at the same moment (its ledger is check run ${oldest.id}${oldest.lease ? `, ${describeHolder(oldest.lease.holder, ledger.holder)}` : ""}); stopping instead of racing it (this run's duplicate check run ${mine} is closed).`
    );
  }
  if (oldest.lease?.holder !== ledger.holder) {
    throw new LeaseHeldError(
      `release ${releaseId} was claimed by ${oldest.lease ? describeHolder(oldest.lease.holder, ledger.holder) : "another driver"} at the same moment as this one; stopping instead of racing it.`
    );
  }
}

// src/modes/open-release.ts
async function openRelease(github, o) {
  const releaseId = o.releaseId;
  let record2;
  try {
    record2 = await github.loadLedger(releaseId);
  } catch (err) {
    if (err instanceof LeaseHeldError)
      return { ok: false, reasonCode: "lease-held", message: err.message, ...err.holder !== void 0 ? { holder: err.holder } : {} };
    throw err;
  }
  let loaded;
  const place = { releaseId, checkRunId: record2?.checkRunId ?? 0, checkRunName: checkRunName(releaseId), headSha: o.headSha };
  try {
    loaded = record2?.state !== void 0 ? parseState(record2.state) : void 0;
  } catch (err) {
    if (!(err instanceof StateUnreadableError)) throw err;
    const refused3 = ledgerUnreadable(place, err.kind === "version" ? "ledger-version-unsupported" : "ledger-corrupt", err.message);
    return { ok: false, reasonCode: refused3.reasonCode, message: refused3.message };
  }
  const started = loaded?.startedAt;
  if (typeof started === "number") github.releaseStarted(started);
  if (loaded && loaded.releaseId !== releaseId) {
    const refused3 = ledgerUnreadable(
      place,
      "ledger-corrupt",
      `its field state.releaseId is ${shownName(loaded.releaseId)}, but its check run is the ledger of release ${releaseId}`
    );
    return { ok: false, reasonCode: refused3.reasonCode, message: refused3.message };
  }
  if (loaded === void 0) {
    const elsewhere = await releaseCommitOf(github, o.plan, releaseId, o.version);
    if (elsewhere !== void 0 && elsewhere !== o.headSha) {
      return {
        ok: false,
        reasonCode: "release-on-other-commit",
        commit: elsewhere,
        message: `release ${releaseId} already has deployments made from commit ${elsewhere}, but no ledger on ${o.headSha}; its ledger is on ${elsewhere}: pass that commit as input 'sha' instead of starting the release again`
      };
    }
  }
  const version = loaded?.version ?? o.version;
  if (version === void 0)
    return { ok: false, reasonCode: "release-not-found", message: `no ledger for release ${releaseId} on ${o.headSha}, and no version to start it` };
  if (loaded === void 0) {
    const rival = await releaseInFlight(github, o.plan, releaseId, version);
    if (rival) return { ok: false, reasonCode: "release-in-flight", message: rival };
  }
  const checked = loaded && loaded.status !== "pending" && !(loaded.status === "finished" && loaded.pin === void 0);
  const mismatch = loaded && checked ? stateMismatchWith(loaded, o.plan, planDigest(o.plan)) : [];
  if (mismatch.length > 0) {
    return {
      ok: false,
      reasonCode: "state-plan-mismatch",
      message: `the ledger of release ${releaseId} does not match its plan: ${mismatch.join("; ")}. Refusing to drive it: restore the ledger (check run text) or start a new release`
    };
  }
  const state = loaded && loaded.status !== "pending" ? loaded : initialState(o.plan, releaseId, version);
  const refused2 = o.precheck?.(state);
  if (refused2) return { ok: false, ...refused2 };
  const base = { ok: true, state, releaseId, version, resumed: loaded !== void 0 && loaded.status !== "pending" };
  if (state.status === "finished" && !o.claimFinished) return { ...base, checkRunId: record2?.checkRunId, claim: void 0 };
  const claim = { state, summary: releaseSummary(state, o.plan), ...ledgerStatus(state), annotations: [] };
  try {
    await claimRelease(github.ledger, releaseId, claim, { settleMs: o.claimSettleMs, sleep: o.sleep });
    return { ...base, checkRunId: github.ledger.checkRunId, claim };
  } catch (err) {
    if (err instanceof LeaseHeldError)
      return { ok: false, reasonCode: "lease-held", message: err.message, ...err.holder !== void 0 ? { holder: err.holder } : {} };
    if (err instanceof ClaimTooSlowError)
      return { ok: false, reasonCode: "lease-unclaimed", message: `${err.message}; stopping without doing anything: start the release again` };
    throw err;
  }
}
async function releaseCommitOf(github, plan, releaseId, version) {
  const first = plan.stages[0];
  const region = first?.regions[0];
  if (!first || !region) return void 0;
  const environment = renderTemplate(
    plan.environment,
    contextValues(templateContext(plan, { releaseId, version: version ?? "" }, first.name, region, 0, first.steps[0]?.traffic ?? 0))
  );
  return github.releaseCommit(environment, releaseId);
}
async function releaseInFlight(github, plan, releaseId, version) {
  for (const other of await github.ledger.otherReleases(releaseId)) {
    let state;
    try {
      state = parseState(other.state);
    } catch {
      continue;
    }
    const shared = sharedInFlight(state, plan, version);
    if (shared.length === 0) continue;
    const named2 = shared.slice(0, 5).map(shownName).join(", ") + (shared.length > 5 ? ` and ${shared.length - 5} more` : "");
    const id = isReleaseId(state.releaseId, RELEASE_ID_SHOWN_MAX) ? state.releaseId : shownName(state.releaseId);
    return `release ${id} (check run ${other.checkRunId}) is still rolling out version ${version} on this commit with the same deploy workflow, to ${named2}; starting release ${releaseId} would deploy them again (was the plan renamed, or input 'release' changed, mid-release?). Go on with that release (input release: ${id}; a changed plan then needs command adopt-plan), or let it finish first.`;
  }
  return void 0;
}

// src/modes/release-outcome.ts
function outcomeOf(result, releaseId, refused2, checkRunId, stats) {
  const held = result.reasonCode === "plan-changed" || result.reasonCode === "state-plan-mismatch";
  const unsaved = unsavedLedger(result, releaseId, checkRunId);
  const failed = unsaved ?? refused2?.failed ?? (result.decision === "failed" || result.decision === "rolled-back" || held ? `release ${releaseId} ${result.decision}: ${result.reason}` : void 0);
  return {
    decision: result.decision,
    reasonCode: refused2?.reasonCode ?? result.reasonCode,
    releaseId,
    details: {
      reason: result.reason,
      regions: Object.fromEntries(Object.values(result.state.regions).map((r) => [r.name, r.phase])),
      checkRunId: checkRunId ?? null,
      ledgerSaved: result.ledgerSaved,
      ...result.ledgerError !== void 0 ? { ledgerError: result.ledgerError } : {},
      requests: { counted: stats.counted, notModified: stats.notModified }
    },
    ...failed ? { failed } : {}
  };
}
function unsavedLedger(result, releaseId, checkRunId) {
  if (result.ledgerSaved || result.reasonCode === "ledger-save-failed") return void 0;
  return `release ${releaseId} ${result.decision} (${result.reasonCode}), but its ledger (check run ${checkRunId ?? "?"}) could not be saved: ${result.ledgerError ?? "unknown error"}. The check run still shows an earlier state; run the workflow again (mode run or reconcile) so the ledger catches up, and do not start this release again under another id`;
}

// src/report/log-record.ts
var RUN_KINDS = /* @__PURE__ */ new Set([
  "run-dispatched",
  "run-finished",
  "run-timeout",
  "dispatch-failed",
  "rollback-dispatched",
  "region-rolled-back",
  "rollback-failed"
]);
var WARNING_KINDS = /* @__PURE__ */ new Set([
  "gate-failed",
  "gate-inconclusive",
  "region-failed",
  "dispatch-failed",
  "run-timeout",
  "rollback-dispatched",
  "region-rolled-back",
  "release-stopped",
  "release-halted",
  "plan-changed",
  "command-refused"
]);
function levelOfDecision(decision) {
  if (decision === "failed" || decision === "error") return "error";
  return decision === "rolled-back" ? "warning" : "info";
}
function levelOf(entry2, state) {
  if (entry2.kind === "rollback-failed") return "error";
  if (entry2.kind === "release-finished") return levelOfDecision(state.outcome?.decision);
  if (WARNING_KINDS.has(entry2.kind)) return "warning";
  return entry2.kind === "run-finished" && entry2.reasonCode.endsWith("-failed") ? "warning" : "info";
}
function correlationOf(entry2, state) {
  if (!RUN_KINDS.has(entry2.kind)) return void 0;
  if (entry2.region === void 0) {
    if (entry2.stage === void 0) return void 0;
    return state.stages.find((s) => s.name === entry2.stage)?.approvalRun?.correlationId;
  }
  const runs = state.regions[entry2.region]?.runs ?? [];
  const runId = entry2.numbers?.runId;
  const byId = runId !== void 0 ? runs.find((r) => r.runId === runId) : void 0;
  if (byId) return byId.correlationId;
  const kind = entry2.kind === "rollback-dispatched" || entry2.kind === "region-rolled-back" || /rollback/.test(entry2.reasonCode) ? "rollback" : "deploy";
  for (let i = runs.length - 1; i >= 0; i--) {
    const r = runs[i];
    if (r && r.kind === kind && (entry2.step === void 0 || r.step === entry2.step)) return r.correlationId;
  }
  return void 0;
}
function isoOf(at) {
  const d = new Date(at);
  return Number.isFinite(d.getTime()) ? d.toISOString() : (/* @__PURE__ */ new Date(0)).toISOString();
}
function entryLine(entry2, correlation) {
  const where = entry2.region !== void 0 ? `${entry2.region}: ` : "";
  return oneLine(`${where}${entry2.kind}: ${entry2.reason}${correlation !== void 0 ? ` [${correlation}]` : ""}`);
}
function historyRecord(entry2, state) {
  const correlation = correlationOf(entry2, state);
  const { runId, ...numbers } = entry2.numbers ?? {};
  return {
    time: isoOf(entry2.at),
    level: levelOf(entry2, state),
    release: state.releaseId,
    event: entry2.kind,
    ...entry2.stage !== void 0 ? { stage: entry2.stage } : {},
    ...entry2.region !== void 0 ? { region: entry2.region } : {},
    ...entry2.step !== void 0 ? { step: entry2.step + 1 } : {},
    ...entry2.gate !== void 0 ? { gate: entry2.gate } : {},
    ...entry2.by !== void 0 ? { by: entry2.by } : {},
    reasonCode: entry2.reasonCode,
    reason: entry2.reason,
    ...Object.keys(numbers).length > 0 ? { numbers } : {},
    ...correlation !== void 0 ? { correlationId: correlation } : {},
    ...runId !== void 0 ? { runId } : {},
    msg: entryLine(entry2, correlation)
  };
}
function messageRecord(text, at, release, level = "info") {
  return {
    time: isoOf(at),
    level,
    ...release !== void 0 ? { release } : {},
    event: "message",
    msg: oneLine(level === "info" ? text : `${level}: ${text}`)
  };
}
function finishedRecord(end, release) {
  return {
    time: isoOf(end.at),
    level: levelOfDecision(end.decision),
    release,
    event: "invocation-finished",
    reasonCode: end.reasonCode,
    reason: end.reason,
    decision: end.decision,
    msg: oneLine(`release ${release} ${end.decision} (${end.reasonCode}): ${end.reason}`)
  };
}
var JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029]/g;
function jsonLine(record2) {
  return JSON.stringify(record2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// src/runner/log-groups.ts
var StageGroups = class {
  constructor(out, title) {
    this.out = out;
    this.title = title;
  }
  out;
  title;
  open;
  /** Before `entry` is written: the group it belongs in is the open one. */
  before(entry2, state) {
    if (entry2.stage === void 0) this.close();
    else if (state.stages.some((s) => s.name === entry2.stage)) this.enter(entry2.stage);
  }
  /** After `entry` is written, with the state after it. */
  after(entry2, state) {
    if (entry2.kind === "stage-completed" && entry2.stage === this.open) this.close();
    else if (entry2.kind === "release-resumed" || entry2.kind === "release-continued") this.resumeIn(state);
  }
  /** Opens the group of the stage a release loaded mid-way is in (nothing when it is between stages). */
  resumeIn(state) {
    const current = state.stages[state.stage];
    if (state.status === "running" && current !== void 0 && (current.phase === "running" || current.phase === "awaiting-approval")) this.enter(current.name);
  }
  /** Closes the open group, if any (the driver returned, or a line of the whole release follows). */
  close() {
    if (this.open === void 0) return;
    this.open = void 0;
    this.out.endGroup();
  }
  enter(stage2) {
    if (this.open === stage2) return;
    this.close();
    this.open = stage2;
    this.out.startGroup(this.title(stage2));
  }
};

// src/runner/release-log.ts
var RUNNER_LOG = { line: logLine, startGroup, endGroup, annotate: warning };
function gateAnnotation(plan, entry2) {
  const { gate: gate2 } = entry2;
  const pos = plan && gate2 !== void 0 && Object.hasOwn(plan.gates, gate2) ? plan.gates[gate2]?.pos : void 0;
  if (!plan || !pos) return void 0;
  const where = `${entry2.region ?? "?"}${entry2.step !== void 0 ? ` step ${entry2.step + 1}` : ""}`;
  return {
    text: oneLine(entry2.reason),
    place: { title: oneLine(`gate ${gate2 ?? ""} failed in ${where}`), file: plan.file, startLine: pos.line, startColumn: pos.col }
  };
}
function createReleaseLog(opts) {
  const out = { ...RUNNER_LOG, ...opts.out };
  const now = opts.now ?? Date.now;
  const json = opts.format === "json";
  let release = opts.release;
  let plan;
  const groups2 = new StageGroups(out, (stage2) => `stage ${oneLine(stage2)} (release ${release})`);
  const annotatedGates = /* @__PURE__ */ new Set();
  const write = (record2) => out.line(json ? jsonLine(record2) : record2.msg);
  const say = (text, level) => write(messageRecord(text, now(), release, level));
  const notice = (text, place = {}) => {
    if (json) say(text, "warning");
    out.annotate(oneLine(text), place);
  };
  const transition = (entry2, state) => {
    if (!json) groups2.before(entry2, state);
    write(historyRecord(entry2, state));
    if (!json) groups2.after(entry2, state);
    if (entry2.kind !== "gate-failed" || entry2.gate === void 0 || annotatedGates.has(entry2.gate)) return;
    const annotation = gateAnnotation(plan, entry2);
    if (!annotation) return;
    annotatedGates.add(entry2.gate);
    out.annotate(annotation.text, annotation.place);
  };
  return {
    message: (text) => say(text, "info"),
    warning: (text) => say(text, "warning"),
    notice,
    // A release loaded inside a stage reopens its group at the driver's first entry (release-resumed).
    opened: (ctx) => {
      release = ctx.releaseId;
      plan = ctx.plan;
    },
    transition,
    request: () => void 0,
    finished: (end) => {
      groups2.close();
      if (json) write(finishedRecord(end, release));
    },
    // The driver threw: the group it was in ends with it.
    flush: async () => groups2.close()
  };
}

// src/modes/telemetry.ts
function tracesWanted(env) {
  const set = (name) => (env[name] ?? "").trim() !== "";
  if ((env.OTEL_TRACES_EXPORTER ?? "").trim() === "none" || (env.OTEL_SDK_DISABLED ?? "").trim() === "true") return false;
  return set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") || set("OTEL_EXPORTER_OTLP_ENDPOINT");
}
async function openTelemetry(log2, opts) {
  const { settings, env, warn } = opts;
  const sinks = [log2];
  const names = ["log"];
  if (settings.pushgatewayUrl !== void 0 || settings.metricsFile !== void 0) {
    try {
      const { createMetricsSink } = await import("./chunk-telemetry-metrics-sink.js");
      sinks.push(
        createMetricsSink({
          ...settings.pushgatewayUrl !== void 0 ? { pushgatewayUrl: settings.pushgatewayUrl } : {},
          ...settings.metricsFile !== void 0 ? { metricsFile: settings.metricsFile } : {},
          env,
          ...opts.repository !== void 0 ? { repository: opts.repository } : {},
          warn,
          setSecret: opts.setSecret
        })
      );
      names.push("metrics");
    } catch (err) {
      warn(`the release's metrics are off: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (tracesWanted(env)) {
    try {
      const { createTraceSink } = await import("./chunk-telemetry-trace-sink.js");
      sinks.push(await createTraceSink({ env, warn, setSecret: opts.setSecret }));
      names.push("traces");
    } catch (err) {
      warn(`the release's traces are off: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return fanOut(sinks, (message, i) => warn(`${names[i] ?? "telemetry"}: ${message}; it is off for the rest of this job`));
}

// src/github/etag.ts
function remainingOf(headers) {
  const v = headers?.["x-ratelimit-remaining"];
  const n = typeof v === "string" || typeof v === "number" ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : void 0;
}
function installEtagCache(octokit, onRequest) {
  const stats = { counted: 0, notModified: 0 };
  const cache = /* @__PURE__ */ new Map();
  if (onRequest) {
    octokit.hook.wrap("request", async (request2, options) => {
      const startedAt = Date.now();
      const base = { method: String(options.method ?? "GET"), route: String(options.url ?? ""), startedAt };
      try {
        const response = await request2(options);
        const remaining = remainingOf(response.headers);
        onRequest({
          ...base,
          status: response.status,
          durationMs: Date.now() - startedAt,
          notModified: false,
          ...remaining !== void 0 ? { rateLimitRemaining: remaining } : {}
        });
        return response;
      } catch (err) {
        const remaining = remainingOf(err.response?.headers);
        const status = statusOf(err) ?? 0;
        onRequest({
          ...base,
          status,
          durationMs: Date.now() - startedAt,
          notModified: status === 304,
          ...remaining !== void 0 ? { rateLimitRemaining: remaining } : {}
        });
        throw err;
      }
    });
  }
  octokit.hook.wrap("request", async (request2, options) => {
    if (options.method !== "GET") {
      stats.counted++;
      return request2(options);
    }
    const url = octokit.request.endpoint.parse(options).url;
    const hit = cache.get(url);
    if (hit) options.headers = { ...options.headers, "if-none-match": hit.etag };
    try {
      const response = await request2(options);
      stats.counted++;
      const etag = response.headers.etag;
      if (typeof etag === "string") cache.set(url, { etag, response });
      return response;
    } catch (err) {
      if (statusOf(err) === 304 && hit) {
        stats.notModified++;
        const date = err.response?.headers?.date;
        const cached = hit.response;
        return date === void 0 ? cached : { ...cached, headers: { ...cached.headers, date: String(date) } };
      }
      stats.counted++;
      throw err;
    }
  });
  return stats;
}

// src/driver/read-runs.ts
function asError(err) {
  return err instanceof Error ? err : new Error(String(err));
}
function readRunsOneByOne(getRun2) {
  return (runs) => Promise.all(runs.map(async (run) => ({ run, info: await getRun2(run.runId).catch(asError) })));
}
function readRunsByWorkflow(getRuns, getRun2) {
  const oneByOne = readRunsOneByOne(getRun2);
  return async (runs) => {
    const byWorkflow = /* @__PURE__ */ new Map();
    const single = [];
    for (const run of runs) {
      if (run.workflow === void 0) {
        single.push(run);
        continue;
      }
      const list = byWorkflow.get(run.workflow);
      if (list) list.push(run);
      else byWorkflow.set(run.workflow, [run]);
    }
    const groups2 = await Promise.all(
      [...byWorkflow].map(async ([workflow, list]) => {
        try {
          const answers = await getRuns(
            workflow,
            list.map((r) => r.runId)
          );
          return list.map((run) => ({ run, info: answers.get(run.runId) ?? new Error("the port did not answer for it") }));
        } catch (err) {
          return list.map((run) => ({ run, info: asError(err) }));
        }
      })
    );
    return [...groups2.flat(), ...await oneByOne(single)];
  };
}

// src/github/deployments.ts
var TASK = "deploy";
var DESCRIPTION_MAX = 140;
function deploymentDescription(text) {
  return text.slice(0, DESCRIPTION_MAX).replace(/\s+/g, " ").trim();
}
function payloadOf(d) {
  if (typeof d.payload !== "string") return d.payload;
  try {
    return JSON.parse(d.payload);
  } catch {
    return void 0;
  }
}
async function findDeployment(ctx, req) {
  const res = await ctx.request("GET /repos/{owner}/{repo}/deployments", {
    owner: ctx.owner,
    repo: ctx.repo,
    environment: req.environment,
    ref: req.ref,
    task: TASK,
    per_page: 100
  });
  for (const d of res.data) {
    if (payloadOf(d)?.key === req.key) return { deploymentId: d.id };
  }
  return void 0;
}
async function findReleaseCommit(ctx, environment, releaseId) {
  const res = await ctx.request("GET /repos/{owner}/{repo}/deployments", {
    owner: ctx.owner,
    repo: ctx.repo,
    environment,
    task: TASK,
    per_page: 100
  });
  for (const d of res.data) {
    if (payloadOf(d)?.releaseId === releaseId) return d.sha;
  }
  return void 0;
}
async function createDeployment(ctx, req, opts) {
  if (opts.mayExist) {
    const found = await findDeployment(ctx, req);
    if (found) return found;
  }
  const what = `create deployment ${req.environment} [${req.key}]`;
  return guardedWrite(
    ctx,
    what,
    async () => {
      const res = await ctx.request("POST /repos/{owner}/{repo}/deployments", {
        owner: ctx.owner,
        repo: ctx.repo,
        ref: req.ref,
        task: TASK,
        environment: req.environment,
        description: deploymentDescription(req.description),
        auto_merge: false,
        required_contexts: [],
        payload: { ...req.payload, key: req.key },
        transient_environment: false,
        request: NO_RETRY
      });
      if (res.status !== 201) throw new Error(`${what}: GitHub answered ${res.status}: ${JSON.stringify(res.data).slice(0, 200)}`);
      return { deploymentId: res.data.id };
    },
    () => findDeployment(ctx, req)
  );
}
async function setDeploymentStatus(ctx, deploymentId, state, description, logUrl) {
  await ctx.request("POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", {
    owner: ctx.owner,
    repo: ctx.repo,
    deployment_id: deploymentId,
    state,
    description: deploymentDescription(description),
    ...logUrl ? { log_url: logUrl } : {}
  });
}

// src/github/dispatch.ts
var ROUTE = "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches";
function refusesRunDetails(err) {
  const s = statusOf(err);
  return (s === 400 || s === 422) && /return_run_details/.test(String(err.message) + JSON.stringify(err.response?.data ?? ""));
}
async function dispatchWorkflow(ctx, req, memo, opts) {
  const inputs = { ...req.inputs };
  const corr = req.correlationInput;
  if (corr !== void 0 && !(corr in inputs)) inputs[corr] = req.correlationId;
  const canFind = corr !== void 0 && (inputs[corr] ?? "").includes(req.correlationId);
  const since = ctx.serverNow() - opts.skewMs;
  const what = `dispatch ${req.workflow} [${req.correlationId}]`;
  const find = canFind ? () => findRunByCorrelation(ctx, req.workflow, req.correlationId, since) : void 0;
  if (opts.mayExist && canFind) {
    const since0 = Math.min(since, (opts.releaseStartedAt ?? since) - opts.skewMs);
    const found = await findRunsByCorrelation(ctx, req.workflow, req.correlationId, since0);
    const first = found[0];
    if (first) {
      ctx.log(`${what}: already dispatched as run ${first.runId} (resumed)`);
      if (found.length > 1) opts.onDoubt?.(since0);
      return { ...first, preexisting: true };
    }
  }
  const base = { owner: ctx.owner, repo: ctx.repo, workflow_id: req.workflow, ref: req.ref, inputs, request: NO_RETRY };
  const afterPlainDispatch = async () => {
    if (!find)
      throw new Error(
        `${what}: dispatched, but the server did not return its run id and the plan declares no correlationInput for ${req.workflow}, so the run cannot be found: check that workflow's runs and cancel it; declare a correlation input shown in the workflow's run-name`
      );
    for (const delay of [0, ...ctx.findDelaysMs]) {
      if (delay > 0) await ctx.sleep(delay);
      const found = await find();
      if (found) return found;
    }
    opts.onDoubt?.(since);
    throw new Error(`${what}: dispatched, but no run titled with the correlation id appeared; check that the workflow's run-name shows input '${corr ?? ""}'`);
  };
  const untrackable = () => new FatalPortError(
    "run-not-trackable",
    `${what}: not dispatched: this GitHub does not return run ids (return_run_details) and the plan declares no correlationInput for ${req.workflow}, so its run could not be tracked; declare one and show it in the workflow's run-name (docs/github.md, "Correlation input")`
  );
  const attempt = async () => {
    if (memo.runDetails !== false) {
      try {
        const res = await ctx.request(ROUTE, { ...base, return_run_details: true });
        const data = res.data;
        if (res.status === 200 && data?.workflow_run_id !== void 0) {
          memo.runDetails = true;
          return { runId: Number(data.workflow_run_id), ...data.html_url ? { htmlUrl: data.html_url } : {} };
        }
        memo.runDetails = false;
        return await afterPlainDispatch();
      } catch (err) {
        if (!refusesRunDetails(err)) throw err;
        memo.runDetails = false;
        ctx.log(`${what}: the server refused return_run_details; finding runs by correlation id from now on`);
      }
    }
    if (!find) throw untrackable();
    await ctx.request(ROUTE, base);
    return afterPlainDispatch();
  };
  const watched = async () => {
    try {
      return await attempt();
    } catch (err) {
      if (isTransient(err)) opts.onDoubt?.(since);
      if (isTransient(err) && !find) {
        throw new Error(
          `${what}: DISPATCH IN DOUBT: its answer was lost (${messageOf(err)}) and without a correlationInput for ${req.workflow} the run cannot be found, so it cannot be checked and is not repeated; check the runs of ${req.workflow} started since ${new Date(since).toISOString()} and cancel a deploy run still queued or in progress (it could deploy after the rollback)`,
          { cause: err }
        );
      }
      throw err;
    }
  };
  return guardedWrite(ctx, what, watched, find);
}
async function findRunByCorrelation(ctx, workflow, correlationId2, since) {
  const matches = await findRunsByCorrelation(ctx, workflow, correlationId2, since);
  if (matches.length === 0) return void 0;
  if (matches.length > 1) ctx.log(`correlation id ${correlationId2}: ${matches.length} runs (${matches.map((m) => m.runId).join(", ")}); using the first`);
  return matches[0];
}
async function findRunsByCorrelation(ctx, workflow, correlationId2, since) {
  return matchCorrelation(await listDispatchedRuns(ctx, workflow, since), correlationId2);
}
async function listDispatchedRuns(ctx, workflow, since) {
  const runs = [];
  for (let page = 1; page <= 5; page++) {
    const res = await ctx.request("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", {
      owner: ctx.owner,
      repo: ctx.repo,
      workflow_id: workflow,
      event: "workflow_dispatch",
      created: `>=${isoSeconds(since)}`,
      per_page: 100,
      page
    });
    const listed = res.data.workflow_runs;
    runs.push(...listed);
    if (listed.length < 100) break;
  }
  return runs;
}
function matchCorrelation(runs, correlationId2) {
  const carries = titleCarries(correlationId2);
  const matches = runs.filter((r) => carries(r.display_title)).sort((a, b) => a.id - b.id);
  return matches.map((m) => ({ runId: m.id, htmlUrl: m.html_url }));
}

// src/github/strays.ts
var DOUBT_WINDOW_MS = 30 * 6e4;
var StrayWatch = class {
  doubts = /* @__PURE__ */ new Map();
  /** A dispatch of `correlationId` (made at `at`) may have made a run we do not know. */
  doubt(correlationId2, workflow, since, at) {
    const d = this.doubts.get(correlationId2);
    if (d) d.until = Math.max(d.until, at + DOUBT_WINDOW_MS);
    else this.doubts.set(correlationId2, { workflow, since, until: at + DOUBT_WINDOW_MS, seen: /* @__PURE__ */ new Set() });
  }
  /** The run the release tracks for `correlationId` (not a stray). */
  known(correlationId2, runId) {
    this.doubts.get(correlationId2)?.seen.add(runId);
  }
  /** Correlation ids still in doubt (said when a driver stops with them open). */
  open(now) {
    return [...this.doubts].filter(([, d]) => d.until > now).map(([id]) => id);
  }
  /**
   * Looks for runs of every live doubt; each run is reported once. One list per workflow (from
   * its earliest doubt), not one per doubt: doubts come in groups (a resume, an outage), all of
   * one workflow's runs list.
   */
  async find(ctx) {
    const now = ctx.now();
    const earliest = /* @__PURE__ */ new Map();
    for (const [correlationId2, d] of this.doubts) {
      if (d.until <= now) this.doubts.delete(correlationId2);
      else earliest.set(d.workflow, Math.min(d.since, earliest.get(d.workflow) ?? d.since));
    }
    const lists = /* @__PURE__ */ new Map();
    for (const [workflow, since] of earliest) lists.set(workflow, await listDispatchedRuns(ctx, workflow, since));
    const out = [];
    for (const [correlationId2, d] of this.doubts) {
      const bound = Date.parse(isoSeconds(d.since));
      const mine = (lists.get(d.workflow) ?? []).filter((r) => !(Date.parse(r.created_at ?? "") < bound));
      for (const run of matchCorrelation(mine, correlationId2)) {
        if (d.seen.has(run.runId)) continue;
        d.seen.add(run.runId);
        out.push({ correlationId: correlationId2, ...run });
      }
    }
    return out;
  }
};

// src/github/permissions.ts
var ROLES = /* @__PURE__ */ new Set(["admin", "maintain", "write", "triage", "read"]);
async function permissionOf(ctx, user) {
  try {
    const res = await ctx.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { owner: ctx.owner, repo: ctx.repo, username: user });
    const d = res.data;
    return ROLES.has(d.role_name) ? d.role_name : d.permission;
  } catch (err) {
    if (statusOf(err) === 404) return "none";
    throw err;
  }
}

// src/github/reviews.ts
async function reviewsOf(ctx, runId) {
  const res = await ctx.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals", { owner: ctx.owner, repo: ctx.repo, run_id: runId });
  const list = Array.isArray(res.data) ? res.data : [];
  const out = [];
  for (const r of list) {
    const user = r.user?.login;
    if (typeof user !== "string" || user === "" || r.state !== "approved" && r.state !== "rejected") continue;
    out.push({ user, state: r.state, comment: typeof r.comment === "string" ? r.comment : "" });
  }
  return out;
}

// src/github/runs.ts
function describeRunStatus(status, conclusion) {
  switch (status) {
    case "waiting":
      return "waiting for environment approval";
    case "pending":
      return "pending (held by a concurrency group)";
    case "requested":
    case "queued":
      return "queued";
    case "in_progress":
      return "in progress";
    case "unfinished":
      return "queued or in progress";
    case "completed":
      return `completed: ${conclusion ?? "no conclusion"}`;
  }
}
function toInfo(d) {
  return { id: d.id, status: d.status ?? "queued", conclusion: d.conclusion, htmlUrl: d.html_url };
}
function newRunWatch() {
  return { createdAt: /* @__PURE__ */ new Map(), since: /* @__PURE__ */ new Map() };
}
async function getRun(ctx, runId, watch) {
  const res = await ctx.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}", { owner: ctx.owner, repo: ctx.repo, run_id: runId });
  const d = res.data;
  const created = d.created_at ? Date.parse(d.created_at) : NaN;
  if (watch && Number.isFinite(created)) watch.createdAt.set(runId, created);
  return toInfo(d);
}
var PER_PAGE = 100;
var WATCHED_STATUSES = ["completed", "waiting"];
async function getRunsOfWorkflow(ctx, watch, workflow, runIds, skewMs) {
  const out = /* @__PURE__ */ new Map();
  const alone = /* @__PURE__ */ new Set();
  const listed = [];
  for (const id of runIds) {
    if (watch.createdAt.has(id)) listed.push(id);
    else alone.add(id);
  }
  if (listed.length > 0) {
    const created = (id) => watch.createdAt.get(id);
    const earliest = Math.min(...listed.map(created)) - skewMs;
    const kept = watch.since.get(workflow);
    const since = kept !== void 0 && kept <= earliest ? kept : earliest;
    try {
      const pages = await Promise.all(
        WATCHED_STATUSES.map(async (status) => {
          const res = await ctx.request("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", {
            owner: ctx.owner,
            repo: ctx.repo,
            workflow_id: workflow,
            event: "workflow_dispatch",
            status,
            created: `>=${isoSeconds(since)}`,
            per_page: PER_PAGE
          });
          return res.data;
        })
      );
      const byId = new Map(pages.flatMap((p) => p.workflow_runs.map((r) => [r.id, r])));
      const hiddenBefore = Math.max(
        ...pages.map(
          (p) => p.total_count > p.workflow_runs.length && p.workflow_runs.length > 0 ? Math.min(...p.workflow_runs.map((r) => Date.parse(r.created_at ?? "") || 0)) : Number.NEGATIVE_INFINITY
        )
      );
      for (const id of listed) {
        const r = byId.get(id);
        if (r) out.set(id, toInfo(r));
        else if (created(id) < hiddenBefore + 1e3) alone.add(id);
        else out.set(id, { id, status: "unfinished", conclusion: null });
      }
      const unwatched = byId.size - listed.filter((id) => byId.has(id)).length;
      watch.since.set(workflow, hiddenBefore > Number.NEGATIVE_INFINITY || unwatched > PER_PAGE / 2 ? earliest : since);
    } catch (err) {
      ctx.log(`list of ${workflow} runs failed (${messageOf(err)}); reading each run`);
      for (const id of listed) alone.add(id);
    }
  }
  await Promise.all(
    [...alone].map(async (id) => {
      try {
        out.set(id, await getRun(ctx, id, watch));
      } catch (err) {
        out.set(id, err instanceof Error ? err : new Error(String(err)));
      }
    })
  );
  return out;
}
async function cancelRun(ctx, runId) {
  try {
    await ctx.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel", { owner: ctx.owner, repo: ctx.repo, run_id: runId });
  } catch (err) {
    if (statusOf(err) !== 409) throw err;
  }
}

// src/github/inbox.ts
function workflowPathOf(path) {
  return path.replace(/(\.ya?ml)@.*$/s, "$1");
}
function toCommandRun(d) {
  const attempt = typeof d.run_attempt === "number" ? d.run_attempt : 1;
  const actor = d.actor?.login ?? "";
  const created = Date.parse(d.created_at);
  return {
    runId: d.id,
    attempt,
    event: d.event,
    workflowPath: workflowPathOf(d.path),
    title: d.display_title,
    actor,
    triggeringActor: d.triggering_actor?.login ?? (attempt === 1 ? actor : ""),
    createdAt: Number.isFinite(created) ? created : 0,
    ...d.html_url ? { htmlUrl: d.html_url } : {},
    ...d.conclusion !== void 0 ? { conclusion: d.conclusion } : {}
  };
}
async function getCommandRun(ctx, runId) {
  const res = await ctx.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}", { owner: ctx.owner, repo: ctx.repo, run_id: runId });
  return toCommandRun(res.data);
}
var PER_PAGE2 = 100;
var MAX_PAGES = 10;
async function listCommandRuns(ctx, workflowPath, since) {
  const file = workflowPath.split("/").pop() ?? workflowPath;
  const byId = /* @__PURE__ */ new Map();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await ctx.request("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", {
      owner: ctx.owner,
      repo: ctx.repo,
      workflow_id: file,
      // No event filter: a run of another event whose title mimics a command (a crafted commit
      // message in a run-name) reaches the driver, which refuses it on the record (run-unverified).
      ...since !== void 0 ? { created: `>=${isoSeconds(since)}` } : {},
      per_page: PER_PAGE2,
      page
    });
    const runs = res.data.workflow_runs;
    for (const r of runs) if (!byId.has(r.id)) byId.set(r.id, toCommandRun(r));
    if (runs.length < PER_PAGE2) break;
    if (page === MAX_PAGES) ctx.log(`the runs of ${file} fill ${MAX_PAGES} pages, as many as GitHub lists: commands in older runs are not seen`);
  }
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || a.runId - b.runId);
}

// src/github/teams.ts
var TEAM = /^([^/\s]+)\/([^/\s]+)$/;
function saidBy(err) {
  const message = err?.message;
  return truncate(oneLine(typeof message === "string" ? message : String(err)), 200);
}
async function isTeamMember(request2, team, user) {
  const which = `team ${oneLine(team)}`;
  if (request2 === void 0)
    throw new TeamsUnreadableError(
      `the membership of ${which} cannot be read: input 'org-token' is not set, and the repository's token cannot read an organisation's teams. Pass a token that may read the organisation's members (a GitHub App or a PAT with members: read) as org-token, or name the approvers as users`
    );
  const parts = TEAM.exec(team);
  if (!parts) throw new TeamsUnreadableError(`the membership of ${which} cannot be read: expected a team as org/team-slug, e.g. my-org/release-managers`);
  const [, org = "", slug = ""] = parts;
  let data;
  try {
    data = (await request2("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", { org, team_slug: slug, username: user })).data;
  } catch (err) {
    const status = statusOf(err);
    if (status === 404) return false;
    if (status === 401 || status === 403 && !isTransient(err))
      throw new TeamsUnreadableError(
        `the membership of ${which} cannot be read with input 'org-token': GitHub answered ${status} "${saidBy(err)}". ` + (status === 401 ? "The token is wrong, expired or revoked: pass a valid one" : `Give it read access to the members of ${oneLine(org)} (a GitHub App installed there with members: read, or a PAT with read:org)`),
        { cause: err }
      );
    throw err;
  }
  const state = data?.state;
  if (state === "active") return true;
  if (state === "pending") return false;
  throw new TeamsUnreadableError(`the membership of ${which} cannot be read: GitHub's answer carries no membership state`);
}

// src/github/port.ts
var INBOX_SKEW_MS = 6e4;
function orgRequester(opts) {
  let made;
  return () => {
    if (opts.orgToken === void 0 || opts.orgToken === "") return void 0;
    if (made === void 0) {
      const octokit = createClient({
        token: opts.orgToken,
        ...opts.apiUrl !== void 0 ? { baseUrl: opts.apiUrl } : {},
        ...opts.orgClientTiming !== void 0 ? { timing: opts.orgClientTiming } : {},
        ...opts.log !== void 0 ? { log: opts.log } : {}
      });
      installEtagCache(octokit);
      made = octokit.request;
    }
    return made;
  };
}
function createGitHubPort(opts) {
  const log2 = opts.log ?? (() => void 0);
  const now = opts.now ?? Date.now;
  let serverOffsetMs = 0;
  const raw = checkedRequest(opts.octokit.request, opts.apiUrl ?? "https://api.github.com");
  const request2 = async (route2, params) => {
    const res = await raw(route2, params);
    const date = Date.parse(String(res.headers.date ?? ""));
    if (Number.isFinite(date)) serverOffsetMs = date - now();
    return res;
  };
  const ctx = {
    request: request2,
    owner: opts.owner,
    repo: opts.repo,
    now,
    serverNow: () => now() + serverOffsetMs,
    sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    writeRetryDelaysMs: opts.writeRetryDelaysMs ?? [2e3, 5e3, 1e4],
    findDelaysMs: opts.findDelaysMs ?? [2e3, 3e3, 5e3, 8e3, 13e3],
    log: log2
  };
  const memo = {};
  const strays = new StrayWatch();
  let releaseStartedAt;
  const lastStatus = /* @__PURE__ */ new Map();
  const watch = newRunWatch();
  const skewMs = opts.skewMs ?? 12e4;
  const orgRequest = orgRequester(opts);
  const noteStatus = (info) => {
    const said = describeRunStatus(info.status, info.conclusion);
    if (lastStatus.get(info.id) === said) return;
    lastStatus.set(info.id, said);
    log2(`run ${info.id}: ${said}`);
    opts.onRunStatus?.(info.id, said);
  };
  const isHolderAlive = async (holder) => {
    const runId = parseHolder(holder)?.runId;
    if (runId === void 0) return true;
    try {
      return (await getRun(ctx, runId)).status !== "completed";
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  };
  const ledger = new Ledger(ctx, {
    headSha: opts.headSha,
    holder: opts.holder,
    leaseMs: opts.leaseMs ?? 10 * 6e4,
    isHolderAlive,
    ...opts.detailsUrl ? { detailsUrl: opts.detailsUrl } : {}
  });
  const adapter = {
    ledger,
    resumed: false,
    async dispatch(req) {
      const before = ctx.serverNow();
      const answer = await dispatchWorkflow(ctx, req, memo, {
        skewMs,
        mayExist: adapter.resumed,
        ...releaseStartedAt !== void 0 ? { releaseStartedAt } : {},
        onDoubt: (since) => strays.doubt(req.correlationId, req.workflow, since, ctx.now())
      });
      strays.known(req.correlationId, answer.runId);
      if (!answer.preexisting && !watch.createdAt.has(answer.runId)) watch.createdAt.set(answer.runId, Math.min(before, ctx.serverNow()));
      return { runId: answer.runId, ...answer.htmlUrl !== void 0 ? { htmlUrl: answer.htmlUrl } : {} };
    },
    async getRun(runId) {
      const info = await getRun(ctx, runId, watch);
      noteStatus(info);
      return info;
    },
    async getRuns(workflow, runIds) {
      const answers = await getRunsOfWorkflow(ctx, watch, workflow, runIds, skewMs);
      for (const a of answers.values()) if (!(a instanceof Error)) noteStatus(a);
      return answers;
    },
    // One request per workflow per poll, rather than a GET per run.
    readRuns: readRunsByWorkflow(
      (workflow, runIds) => adapter.getRuns(workflow, runIds),
      (runId) => adapter.getRun(runId)
    ),
    async strayRuns() {
      const found = await strays.find(ctx);
      const out = [];
      for (const f of found) {
        const parsed = parseCorrelationId(f.correlationId);
        if (!parsed.ok) continue;
        log2(`run ${f.runId} carries correlation id ${f.correlationId} but is not the run the release tracks: handing it to the engine`);
        out.push({
          region: parsed.region,
          kind: parsed.kind,
          step: parsed.step,
          ...parsed.attempt > 0 ? { attempt: parsed.attempt } : {},
          runId: f.runId,
          ...f.htmlUrl !== void 0 ? { htmlUrl: f.htmlUrl } : {}
        });
      }
      return out;
    },
    openDoubts: () => strays.open(ctx.now()),
    watchFor(correlationId2, workflow, dispatchedAt) {
      strays.doubt(correlationId2, workflow, dispatchedAt - skewMs, dispatchedAt);
    },
    async cancelRun(runId) {
      const last = await getRun(ctx, runId, watch).catch(() => void 0);
      if (last) log2(`cancelling run ${runId} (${describeRunStatus(last.status, last.conclusion)})`);
      if (last?.status === "completed") return last;
      await cancelRun(ctx, runId);
      return last;
    },
    reviewsOf: (runId) => reviewsOf(ctx, runId),
    createDeployment: (req) => createDeployment(ctx, req, { mayExist: adapter.resumed || req.lookFirst === true }),
    releaseCommit: (environment, releaseId) => findReleaseCommit(ctx, environment, releaseId),
    setDeploymentStatus: (id, state, description, logUrl) => setDeploymentStatus(ctx, id, state, description, logUrl),
    async loadLedger(releaseId) {
      const record2 = await ledger.load(releaseId);
      if (record2) adapter.resumed = true;
      return record2;
    },
    releaseStarted(at) {
      releaseStartedAt = at;
    },
    saveLedger: (releaseId, write) => ledger.save(releaseId, write),
    permissionOf: (user) => permissionOf(ctx, user),
    isTeamMember: (team, user) => isTeamMember(orgRequest(), team, user),
    async commandRuns() {
      if (opts.inboxWorkflow === void 0) return [];
      return listCommandRuns(ctx, opts.inboxWorkflow, releaseStartedAt !== void 0 ? releaseStartedAt - INBOX_SKEW_MS : void 0);
    },
    commandRun: (runId) => getCommandRun(ctx, runId)
  };
  return adapter;
}

// src/driver/stop-on-signal.ts
var SAVE_DEADLINE_MS = { SIGINT: 5e3, SIGTERM: 1500 };
var STOP_RETRY_DELAYS_S = [0.25, 0.5, 1];
var SignalStop = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  stopper = new AbortController();
  stop = this.stopper.signal;
  deadline = new AbortController();
  endsAt = Number.POSITIVE_INFINITY;
  timer;
  first;
  /** Handles SIGINT and SIGTERM until `dispose`. */
  install() {
    process.on("SIGINT", this.onSignal);
    process.on("SIGTERM", this.onSignal);
  }
  dispose() {
    process.removeListener("SIGINT", this.onSignal);
    process.removeListener("SIGTERM", this.onSignal);
  }
  /** A signal came: the process exits once the last save is done. */
  get stopping() {
    return this.first !== void 0;
  }
  /** Never settles: a caller that finds `stopping` awaits it rather than go on (publish outputs, start more). */
  finished = new Promise(() => void 0);
  onSignal = (signal) => {
    const budget = signal === "SIGINT" ? SAVE_DEADLINE_MS.SIGINT : SAVE_DEADLINE_MS.SIGTERM;
    this.shortenTo(Date.now() + budget);
    if (this.first !== void 0) {
      this.opts.log(`${signal}: still saving; ${Math.max(0, this.endsAt - Date.now())} ms left`);
      return;
    }
    this.first = signal;
    this.opts.log(`${signal}: the job is being cancelled; starting nothing more, saving the release state and releasing the lease (within ${budget} ms)`);
    this.stopper.abort(signal);
    const code = signal === "SIGINT" ? 130 : 143;
    void this.lastSaves().then(
      (late) => late ? this.opts.warn(
        `saved the release state on ${signal} and released the lease, but answers on their way then did not arrive within the deadline: ${this.opts.unsaved()}`
      ) : this.opts.log("saved the release state and released the lease"),
      (err) => this.opts.warn(`the ledger could not be saved on ${signal} (${messageOf(err)}): ${this.opts.unsaved()}`)
    ).finally(() => {
      if (this.timer) clearTimeout(this.timer);
      this.opts.exit(code);
    });
  };
  /**
   * Saves at once (the lease goes, whatever is in flight), then again once the driver has recorded
   * the answers that were on their way, if they changed the state. Resolves true when the deadline
   * passed before those answers arrived.
   */
  async lastSaves() {
    const deadline = this.deadline.signal;
    await this.opts.save(deadline);
    const settled = this.opts.settled?.();
    if (settled === void 0) return false;
    const inTime = await Promise.race([
      settled.then(
        () => true,
        () => true
      ),
      new Promise((resolve2) => deadline.aborted ? resolve2(false) : deadline.addEventListener("abort", () => resolve2(false), { once: true }))
    ]);
    if (!inTime) return true;
    if (this.opts.changedSinceSave?.() === true) await this.opts.save(deadline);
    return false;
  }
  /** Moves the deadline earlier (never later); at the deadline the save is aborted. */
  shortenTo(at) {
    if (at >= this.endsAt) return;
    this.endsAt = at;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.deadline.abort(new Error("the deadline of the last save passed")), Math.max(0, at - Date.now()));
  }
};
function runLabel(region, kind, runId, step) {
  return `${kind} run ${runId} of ${region} (step ${step + 1})`;
}
function describeUnsaved(saved, live, leaseUntil) {
  const runs = [];
  const deployments = [];
  for (const r of Object.values(live.regions)) {
    const before = saved?.regions[r.name];
    for (const run of r.runs) {
      if (run.runId === void 0) continue;
      const was = before?.runs.find((x) => x.correlationId === run.correlationId);
      if (was?.runId === void 0) runs.push(runLabel(r.name, run.kind, run.runId, run.step));
    }
    if (r.deploymentId !== void 0 && before?.deploymentId === void 0) deployments.push(`deployment ${r.deploymentId} of ${r.name}`);
  }
  const asked2 = [];
  for (const r of Object.values(live.regions)) {
    const open3 = r.runs.at(-1);
    if (open3 && !open3.done && open3.runId === void 0) asked2.push(`${open3.kind} of ${r.name} (step ${open3.step + 1})`);
  }
  const lost = [...runs, ...deployments];
  const parts = [lost.length > 0 ? `not recorded: ${lost.join(", ")}` : "no run id or deployment is missing from the last saved state"];
  if (asked2.length > 0) parts.push(`requested with no run id known yet: ${asked2.join(", ")}`);
  if (runs.length > 0 || asked2.length > 0)
    parts.push(
      "the next driver finds those runs by their correlation input if the plan declares one; otherwise their steps are dispatches in doubt (dispatch-in-doubt) and are not dispatched again"
    );
  parts.push(`the next driver resumes from the state saved at ${saved ? new Date(saved.now).toISOString() : "the start"}`);
  if (leaseUntil !== void 0)
    parts.push(
      `this driver's lease stays on the ledger until ${new Date(leaseUntil).toISOString()} (a driver of another workflow run waits for it or for this run to end)`
    );
  return `${parts.join("; ")}.`;
}

// src/modes/drive-session.ts
var TELEMETRY_FLUSH_ON_SIGNAL_MS = 500;
function connect(cx, target2, session) {
  const { settings, deps, runner, virtual, log: log2 } = cx;
  const octokit = createClient({
    token: settings.token,
    baseUrl: runner.apiUrl,
    timing: { ...virtual ? TEST_TIMING : PRODUCTION_TIMING, ...deps.timing },
    // Rate-limit waits and retries: the client copes, nobody has to act.
    log: (m) => cx.releaseLog.warning(m)
  });
  const stats = installEtagCache(octokit, (r) => cx.telemetry.request(r));
  const writeRetryDelaysMs = deps.writeRetryDelaysMs ?? (virtual ? [0, 0, 0, 0] : void 0);
  const findDelaysMs = deps.findDelaysMs ?? (virtual ? [0, 0, 0, 0, 0] : void 0);
  const sleep = deps.sleep ?? (virtual ? async () => void 0 : void 0);
  const { owner, repo, headSha, holder, detailsUrl } = target2;
  const github = createGitHubPort({
    octokit,
    owner,
    repo,
    headSha,
    holder,
    log: log2,
    apiUrl: runner.apiUrl,
    onRunStatus: (id, said) => {
      session.runStatus.set(id, said);
      const last = session.lastWrite;
      if (said.startsWith("waiting") && last && !session.stopping()) {
        const write = { ...last, summary: session.summarize(last.state) };
        session.lastWrite = write;
        void github.saveLedger(session.releaseId, write).catch((err) => cx.releaseLog.warning(`could not refresh the ledger: ${String(err)}`));
      }
    },
    ...detailsUrl ? { detailsUrl } : {},
    ...settings.orgToken !== void 0 ? { orgToken: settings.orgToken, orgClientTiming: { ...virtual ? TEST_TIMING : PRODUCTION_TIMING, ...deps.timing } } : {},
    ...runner.workflowPath !== void 0 ? { inboxWorkflow: runner.workflowPath } : {},
    ...writeRetryDelaysMs ? { writeRetryDelaysMs } : {},
    ...findDelaysMs ? { findDelaysMs } : {},
    ...sleep ? { sleep } : {}
  });
  return { github, stats };
}
function stopOnSignal(cx, github, session) {
  const current = () => session.live ?? session.lastWrite?.state;
  return new SignalStop({
    save: async (deadline) => {
      const state = current();
      if (!state) return;
      const write = { state, summary: session.summarize(state), ...ledgerStatus(state), annotations: [] };
      const retryBase = (cx.virtual ? TEST_TIMING : PRODUCTION_TIMING).retryBaseMs;
      await github.ledger.saveOnStop(
        session.releaseId,
        write,
        deadline,
        STOP_RETRY_DELAYS_S.map((s) => s * retryBase)
      );
    },
    settled: () => session.driving?.then(
      () => void 0,
      () => void 0
    ),
    changedSinceSave: () => session.live !== void 0 && JSON.stringify(session.live) !== JSON.stringify(github.ledger.lastSavedState()),
    unsaved: () => describeUnsaved(github.ledger.lastSavedState(), current(), github.ledger.leaseHeldUntil()),
    log: cx.log,
    // The ledger may be behind what happened: a person must check it (the message says what to do).
    warn: (m) => cx.releaseLog.notice(m),
    // The spans and metrics of the job go out first, within what is left of the runner's grace period.
    exit: (code) => void cx.telemetry.flush(AbortSignal.timeout(TELEMETRY_FLUSH_ON_SIGNAL_MS)).finally(() => process.exit(code))
  });
}
function defaultSummaryWriter(runner) {
  return async (markdown) => {
    if (!runner.stepSummary) return;
    await summary.addRaw(markdown, true).write();
  };
}

// src/modes/drive-release.ts
var CLAIM_SETTLE_MS = 5e3;
var LEASE_RENEW_MS = 2e5;
var TELEMETRY_FLUSH_MS = 5e3;
async function runMode(settings, deps = {}) {
  const runner = deps.runner ?? parseRunnerEnv(deps.env ?? process.env);
  try {
    return await runModeUnchecked(settings, deps, runner);
  } catch (err) {
    if (err instanceof RunnerEnvError) return fail("bad-environment", err.message);
    const known = describeFailure(err, runner.apiUrl);
    if (known) return fail(known.reasonCode, known.message, settings.release, known.details);
    throw err;
  }
}
async function runModeUnchecked(settings, deps, runner) {
  const env = deps.env ?? process.env;
  const read = readTarget(settings, runner);
  if (!read.ok) return read.outcome;
  const releaseLog = createReleaseLog({
    format: settings.logFormat ?? "human",
    release: read.target.releaseId,
    ...deps.log ? { out: { line: deps.log } } : {}
  });
  const telemetry = await openTelemetry(releaseLog, {
    settings,
    env,
    warn: (m) => releaseLog.warning(m),
    setSecret: (v) => setSecret(v),
    ...runner.repository ? { repository: `${runner.repository.owner}/${runner.repository.repo}` } : {}
  });
  const cx = { settings, deps, env, runner, log: (m) => releaseLog.message(m), releaseLog, virtual: runner.virtualTime, telemetry };
  try {
    return await driveTarget(cx, read.target);
  } finally {
    await telemetry.flush(AbortSignal.timeout(TELEMETRY_FLUSH_MS));
  }
}
async function driveTarget(cx, target2) {
  const { settings, deps, env, runner, telemetry } = cx;
  const { plan } = target2;
  const runStatus = /* @__PURE__ */ new Map();
  const people = peopleOf(runner, target2);
  const session = {
    releaseId: target2.releaseId,
    lastWrite: void 0,
    live: void 0,
    driving: void 0,
    stopping: () => false,
    runStatus,
    summarize: (st) => releaseSummary(st, plan, { runStatus: (id) => runStatus.get(id), people })
  };
  const given = readCommand(settings, runner, session.releaseId);
  if (!given.ok) return given.outcome;
  const { command } = given;
  const found = await open2(cx, target2, session, command);
  if (!found.ok) return found.outcome;
  const { github, stats, opened } = found;
  const { state, version } = opened;
  const releaseId = session.releaseId = opened.releaseId;
  session.lastWrite = opened.claim;
  cx.log(opened.resumed ? `resuming release ${releaseId} from its ledger (check run ${opened.checkRunId ?? "?"})` : `starting release ${releaseId}`);
  telemetry.opened(invocationOf(cx, releaseId, plan, version, command), state);
  const signals = stopOnSignal(cx, github, session);
  session.stopping = () => signals.stopping;
  if (deps.handleSignals !== false) signals.install();
  const clock = deps.clock ?? (cx.virtual ? new JumpingClock() : new RealClock());
  const timed = command ? await withRunFacts(
    command,
    (id) => github.commandRun(id),
    (m) => cx.releaseLog.warning(m)
  ) : void 0;
  const inbox = timed ? [commandEvent(timed, clock.now(), state.now)] : [];
  const historyBefore = state.history.length;
  const metrics = typeof deps.metrics === "function" ? await deps.metrics(plan) : deps.metrics ?? createMetricsPort(plan, env, { setSecret: (v) => setSecret(v) });
  try {
    const running = runRelease({
      plan,
      version,
      releaseId,
      ref: target2.ref,
      mode: settings.mode === "reconcile" ? "reconcile" : "run",
      ports: { ...rolesOf(github, github, github), metrics, clock },
      state,
      // Who starts a release; a command run never starts one, and its giver is not the release's initiator.
      ...cx.runner.actor && !command ? { initiator: cx.runner.actor } : {},
      ...inbox.length > 0 ? { inbox } : {},
      // A refused command is recorded, and its run drives nothing: only a command that took effect carries the release on.
      ...command ? { goOnAfterInbox: (added) => commandOutcome(added, ofCommand(command)).accepted } : {},
      ...cx.runner.workflowPath !== void 0 ? { inboxWorkflow: cx.runner.workflowPath } : {},
      ...settings.waitForPeopleMs !== void 0 ? { waitForPeopleMs: settings.waitForPeopleMs } : {},
      leaseRenewMs: LEASE_RENEW_MS,
      onTransition: (h) => telemetry.transition(h, session.live ?? state),
      onWarning: (m, audience) => audience === "person" ? cx.releaseLog.notice(m) : cx.releaseLog.warning(m),
      ...deps.pollIntervalMs !== void 0 ? { pollIntervalMs: deps.pollIntervalMs } : {},
      summarize: session.summarize,
      onSave: (write) => void (session.lastWrite = write),
      stop: signals.stop,
      onState: (s) => void (session.live = s)
    });
    session.driving = running;
    const result = await running;
    telemetry.finished({ decision: result.decision, reasonCode: result.reasonCode, reason: result.reason, state: result.state, at: Date.now() });
    if (signals.stopping) await signals.finished;
    return await publish(cx, {
      result,
      command,
      historyBefore,
      people,
      runStatus,
      releaseId,
      plan,
      checkRunId: github.ledger.checkRunId,
      stats,
      stopping: signals.stopping
    });
  } finally {
    signals.dispose();
  }
}
function invocationOf(cx, releaseId, plan, version, command) {
  const { runner } = cx;
  return {
    releaseId,
    plan,
    version,
    kind: command ? `command:${command.name}` : cx.settings.mode,
    ...runner.runId !== void 0 ? { runId: runner.runId } : {},
    ...runner.runAttempt !== void 0 ? { runAttempt: runner.runAttempt } : {},
    ...runner.job !== void 0 ? { job: runner.job } : {},
    startedAt: Date.now()
  };
}
function jobSummaryText(prefix, summarize, limit = JOB_SUMMARY_BYTES) {
  return fitSummary(prefix + summarize(Math.max(limit - Buffer.byteLength(prefix, "utf8"), 0)), limit);
}
async function publish(cx, p) {
  const { result, command, plan, people, releaseId } = p;
  const refused2 = command ? refusalOutcome(commandOutcome(result.state.history.slice(p.historyBefore), ofCommand(command)), command, releaseId) : void 0;
  const summary2 = jobSummaryText(
    commandSummary(command, refused2),
    (maxBytes) => releaseSummary(result.state, plan, {
      people,
      runStatus: (id) => p.runStatus.get(id),
      maxBytes,
      // Job summaries draw Mermaid; the check run's summary gets the text timeline (README, "The timeline: where Mermaid is drawn").
      timeline: "mermaid",
      elsewhere: "every region's state is in the check run's ledger text"
    })
  );
  await (cx.deps.writeSummary ?? defaultSummaryWriter(cx.runner))(summary2);
  const waiting = result.decision === "paused" && !p.stopping ? waitingNotice(result.state, plan, people) : void 0;
  if (waiting !== void 0) cx.releaseLog.notice(waiting);
  if (refused2) return refused2;
  const outcome = outcomeOf(result, releaseId, void 0, p.checkRunId, p.stats);
  return command ? { ...outcome, details: { ...outcome.details, command: commandDetails(command, true) } } : outcome;
}
async function open2(cx, first, session, command) {
  const { settings, deps } = cx;
  let target2 = first;
  for (let attempt = 0; ; attempt++) {
    const { github, stats } = connect(cx, target2, session);
    const opened = await openRelease(github, {
      plan: target2.plan,
      releaseId: session.releaseId,
      // A command never starts a release, whatever else the form was given: no version, no start.
      version: command ? void 0 : settings.version,
      headSha: target2.headSha,
      // A command must never drive a release by accident: without a plan change there is nothing to adopt.
      ...command?.name === "adopt-plan" ? { precheck: (st) => adoptPrecheck(st, target2.plan, command) } : {},
      ...command ? { claimFinished: true } : {},
      claimSettleMs: deps.claimSettleMs ?? (cx.virtual ? 0 : CLAIM_SETTLE_MS),
      sleep: deps.claimSleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      log: cx.log
    });
    if (opened.ok) return { ok: true, github, stats, opened };
    if (command && opened.reasonCode === "release-on-other-commit" && opened.commit !== void 0 && settings.sha === void 0 && attempt === 0) {
      cx.log(`release ${session.releaseId} is recorded on commit ${opened.commit}; opening it there`);
      target2 = { ...target2, headSha: opened.commit };
      continue;
    }
    if (command && opened.reasonCode === "lease-held")
      return { ok: false, outcome: await handOver(command, session.releaseId, opened.holder, opened.message, handOverPortsOf(github, cx.virtual, cx.log)) };
    return {
      ok: false,
      outcome: command ? refusedBeforeOpening(command, opened, session.releaseId) : fail(opened.reasonCode, opened.message, session.releaseId)
    };
  }
}

// src/modes/run.ts
async function execute(settings, runner) {
  return runMode(settings, runner ? { runner } : {});
}

export {
  execute
};

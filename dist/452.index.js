export const id = 452;
export const ids = [452];
export const modules = {

/***/ 7452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   execute: () => (/* binding */ execute)
/* harmony export */ });
/* harmony import */ var _action_io_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3078);
/* harmony import */ var _run_action_run_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1356);
/**
 * Mode 'reconcile': drives the release against GitHub through src/run/action-run.ts (the mode in the
 * settings tells it whether to loop until the end or to advance, save and exit).
 */


/** Runs (or reconciles) the release named by the settings. */
async function execute(settings) {
    // Operator commands (approve, abort, ...) arrive through workflow_dispatch in a later issue;
    // until then a command must fail loudly, never start or advance a release by accident.
    if (settings.command !== undefined)
        throw new _action_io_js__WEBPACK_IMPORTED_MODULE_0__/* .ModeNotAvailable */ .M2('reconcile', `operator command '${settings.command}' (mode 'reconcile')`);
    return (0,_run_action_run_js__WEBPACK_IMPORTED_MODULE_1__/* .runMode */ .r)(settings);
}


/***/ })

};

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
/**
 * Mode 'reconcile': not wired yet. It will delegate to src/run/action-run.ts; until then it fails
 * loudly rather than doing nothing.
 */

/** Fails with "mode 'reconcile' is not available yet". */
async function execute(_settings) {
    throw new _action_io_js__WEBPACK_IMPORTED_MODULE_0__/* .ModeNotAvailable */ .M2('reconcile');
}


/***/ })

};

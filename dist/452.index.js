export const id = 452;
export const ids = [452];
export const modules = {

/***/ 7452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   execute: () => (/* binding */ execute)
/* harmony export */ });
/* harmony import */ var _run_action_run_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2976);

/** Runs (or reconciles) the release named by the settings. */
async function execute(settings) {
    return (0,_run_action_run_js__WEBPACK_IMPORTED_MODULE_0__/* .runMode */ .r)(settings);
}


/***/ })

};

export const id = 444;
export const ids = [444];
export const modules = {

/***/ 1444:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   annotationPath: () => (/* binding */ annotationPath),
/* harmony export */   execute: () => (/* binding */ execute),
/* harmony export */   summaryMarkdown: () => (/* binding */ summaryMarkdown),
/* harmony export */   validationOutcome: () => (/* binding */ validationOutcome)
/* harmony export */ });
/* harmony import */ var _runner_io_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5416);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _plan_diagnostics_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(499);
/* harmony import */ var _plan_load_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4404);
/**
 * Mode 'validate': check the release plan (and the workflow files it dispatches), annotate every
 * problem on its line, write a short job summary, and fail the step when there is an error.
 * Meant for pull requests that change the plan.
 */




/** Annotations beyond this many are summarized: GitHub shows at most 10 per step anyway. */
const MAX_ANNOTATIONS = 50;
/** Paths in annotations must be relative to the repository root, or GitHub cannot place them. */
function annotationPath(file, workspace = process.env.GITHUB_WORKSPACE) {
    if (workspace && (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(file))
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(workspace, file).split('\\').join('/');
    return file.replace(/^\.\//, '');
}
/** The outcome of a validation, without I/O. */
function validationOutcome(result, settings) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const warnings = result.diagnostics.length - errors.length;
    const outcome = {
        decision: errors.length ? 'invalid' : 'valid',
        reasonCode: errors.length ? 'plan-invalid' : 'plan-valid',
        details: {
            plan: settings.plan,
            errors: errors.length,
            warnings,
            diagnostics: result.diagnostics.slice(0, 100).map(({ file, line, col, message, severity }) => ({ file, line, col, message, severity })),
        },
    };
    if (result.plan && settings.version !== undefined)
        outcome.releaseId = (0,_plan_load_js__WEBPACK_IMPORTED_MODULE_2__/* .releaseIdOf */ .MQ)(result.plan.name, settings.version);
    if (errors.length)
        outcome.failed = `release plan ${settings.plan} has ${errors.length} error${errors.length === 1 ? '' : 's'}`;
    return outcome;
}
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
function escapeCell(text) {
    return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}
/** The job summary: a verdict line and a table of problems (markdown). */
function summaryMarkdown(result, settings) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    const lines = [
        `### Release plan \`${settings.plan}\`: ${errors ? `:x: invalid (${errors} error${errors === 1 ? '' : 's'})` : ':white_check_mark: valid'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`,
        '',
    ];
    if (result.plan) {
        const p = result.plan;
        const regions = p.stages.reduce((n, s) => n + s.regions.length, 0);
        lines.push(`**${escapeCell(p.name)}**: ${plural(p.stages.length, 'stage')}, ${plural(regions, 'region')}, ${plural(Object.keys(p.gates).length, 'gate')}; deploys with \`${p.deploy.workflow}\`${p.rollback ? `, rolls back with \`${p.rollback.workflow}\`` : ''}.`, '');
    }
    if (result.diagnostics.length) {
        lines.push('| | where | problem |', '|---|---|---|');
        for (const d of result.diagnostics.slice(0, MAX_ANNOTATIONS)) {
            lines.push(`| ${d.severity === 'error' ? 'error' : 'warning'} | ${escapeCell(`${d.file}:${d.line}:${d.col}`)} | ${escapeCell(d.message)} |`);
        }
        if (result.diagnostics.length > MAX_ANNOTATIONS)
            lines.push('', `... and ${result.diagnostics.length - MAX_ANNOTATIONS} more.`);
    }
    return `${lines.join('\n')}\n`;
}
function annotate(d) {
    // Renders as `::error file=F,line=L,col=C[,endColumn=E]::message`. GitHub ignores columns on
    // multi-line spans, so the end column is given only when the span is on one line.
    const props = { file: annotationPath(d.file), startLine: d.line, startColumn: d.col };
    if (d.endLine === d.line && d.endCol !== undefined && d.endCol > d.col)
        props.endColumn = d.endCol;
    if (d.severity === 'error')
        _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(d.message, props);
    else
        _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(d.message, props);
}
/** Validates the plan named in the settings. */
async function execute(settings) {
    const result = (0,_plan_load_js__WEBPACK_IMPORTED_MODULE_2__/* .loadPlanFile */ .w$)(settings.plan, settings.workflowsDir !== undefined ? { workflowsDir: settings.workflowsDir } : {});
    for (const d of result.diagnostics.slice(0, MAX_ANNOTATIONS))
        annotate(d);
    for (const d of result.diagnostics)
        _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_plan_diagnostics_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDiagnostic */ .xy)(d));
    if (!result.diagnostics.length)
        _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${settings.plan}: valid`);
    if (process.env.GITHUB_STEP_SUMMARY) {
        await _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .appendSummary */ .fe(summaryMarkdown(result, settings));
    }
    return validationOutcome(result, settings);
}


/***/ })

};

export const id = 404;
export const ids = [404];
export const modules = {

/***/ 4506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EN: () => (/* binding */ renderFor),
/* harmony export */   N3: () => (/* binding */ unsafeTemplateValues),
/* harmony export */   vx: () => (/* binding */ gateTemplates)
/* harmony export */ });
/* unused harmony exports UnsafeValueError, escapePromqlString, escapeUrlComponent, escapeDatadogTag, queryLanguage */
/* harmony import */ var _plan_template_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7909);
/* harmony import */ var _plan_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2983);
/**
 * Escaping template values for the language they land in. Values are data, never code: a
 * version string must not be able to add a PromQL matcher, a Datadog tag or a URL segment.
 *
 * The escaper depends on WHERE a `{{ name }}` sits in the template, not only on the language:
 * inside a PromQL string literal ("..." or '...') a value is escaped like a Go string; outside
 * any literal (e.g. `rate(x[{{ window }}])`) nothing can be escaped, so the value must be a
 * plain token (number, duration, identifier). A value that cannot be made safe is refused:
 * `unsafeTemplateValues` lets the validator refuse it before a release starts, and `render*`
 * throws `UnsafeValueError` at measurement time (the provider turns it into an error observation).
 */


/** Thrown when a value cannot be placed safely; the message names the variable and why. */
class UnsafeValueError extends Error {
    name = 'UnsafeValueError';
}
/** A value outside any string literal must be one plain token: number, duration, identifier, dotted version. */
const BARE_TOKEN = /^[A-Za-z0-9_.:]+$/;
/** Datadog tag values: letters, digits, `_ - : . /` (Datadog's tag rules); anything else (`,` `}` space) would change the scope. */
const DATADOG_TAG = /^[A-Za-z0-9_.:/-]+$/;
/** Escapes a value for the inside of a PromQL double- or single-quoted string (Go string escaping). */
function escapePromqlString(value, quote = '"') {
    let out = '';
    for (const ch of value) {
        if (ch === '\\')
            out += '\\\\';
        else if (ch === quote)
            out += `\\${quote}`;
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (ch < ' ' || ch === '\u007f')
            out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
        else
            out += ch;
    }
    return out;
}
/** Escapes a value for a URL path segment or query parameter (everything but unreserved characters). */
function escapeUrlComponent(value, name = 'value') {
    try {
        return encodeURIComponent(value);
    }
    catch {
        // Only a lone UTF-16 surrogate cannot be encoded.
        throw new UnsafeValueError(`{{ ${name} }} is not valid Unicode text and cannot be put in a URL`);
    }
}
/**
 * Datadog tag values cannot be quoted in a metrics query, so a value is either a valid tag
 * value (returned lower-cased: Datadog stores tags lower-case, so `EU-West` would never match)
 * or refused.
 */
function escapeDatadogTag(value, name = 'value') {
    if (!DATADOG_TAG.test(value)) {
        throw new UnsafeValueError(`{{ ${name} }} = '${value}' cannot be used in a Datadog query: tag values may only contain letters, digits and _ - : . /`);
    }
    return value.toLowerCase();
}
/** The string-literal context at each offset of a template: which quote is open there (`#`: a PromQL comment), if any. */
function quoteAt(text, offsets, language) {
    const wanted = new Set(offsets);
    const out = new Map();
    const quotes = language === 'promql' ? ['"', "'", '`'] : ['"'];
    let open;
    for (let i = 0; i < text.length; i++) {
        if (wanted.has(i))
            out.set(i, open);
        const ch = text[i] ?? '';
        if (open === '#') {
            // A PromQL comment runs to the end of the line; quotes inside it open nothing.
            if (ch === '\n')
                open = undefined;
        }
        else if (open !== undefined) {
            if (ch === '\\' && open !== '`')
                i++;
            else if (ch === open)
                open = undefined;
        }
        else if (quotes.includes(ch)) {
            open = ch;
        }
        else if (ch === '#' && language === 'promql') {
            open = '#';
        }
    }
    return out;
}
function bare(value, name, language) {
    if (!BARE_TOKEN.test(value)) {
        throw new UnsafeValueError(`{{ ${name} }} = '${value}' is outside a quoted string in a ${language} template, so it must be a plain token (letters, digits, '_', '.', ':'); quote it, e.g. label="{{ ${name} }}"`);
    }
    return value;
}
/**
 * Renders a template for a language, escaping every substituted value for the place it lands.
 * Throws `UnsafeValueError` (value cannot be made safe) or `TemplateError` (unknown name).
 */
function renderFor(language, text, values) {
    switch (language) {
        case 'plain':
            return (0,_plan_template_js__WEBPACK_IMPORTED_MODULE_1__/* .renderTemplate */ .Xm)(text, values);
        case 'url':
            return (0,_plan_template_js__WEBPACK_IMPORTED_MODULE_1__/* .renderTemplate */ .Xm)(text, values, (v, name) => escapeUrlComponent(v, name));
        case 'datadog':
            return (0,_plan_template_js__WEBPACK_IMPORTED_MODULE_1__/* .renderTemplate */ .Xm)(text, values, (v, name) => escapeDatadogTag(v, name));
        case 'promql':
        case 'json': {
            const { refs } = (0,_plan_template_js__WEBPACK_IMPORTED_MODULE_1__/* .templateRefs */ .dc)(text);
            const context = quoteAt(text, refs.map((r) => r.offset), language);
            // renderTemplate replaces left to right, in the same order templateRefs found them.
            let i = 0;
            return (0,_plan_template_js__WEBPACK_IMPORTED_MODULE_1__/* .renderTemplate */ .Xm)(text, values, (v, name) => {
                const quote = context.get(refs[i++]?.offset ?? -1);
                if (quote === undefined)
                    return bare(v, name, language === 'promql' ? 'PromQL' : 'JSON');
                if (quote === '#') {
                    // In a comment only a line break could escape: the rest of the line is inert.
                    if (/[\r\n]/.test(v))
                        throw new UnsafeValueError(`{{ ${name} }} contains a line break and sits in a PromQL comment`);
                    return v;
                }
                if (quote === '`') {
                    // PromQL raw strings have no escapes: only a value without backticks is safe.
                    if (v.includes('`'))
                        throw new UnsafeValueError(`{{ ${name} }} = '${v}' contains a backtick and sits in a PromQL raw string; use "..." instead`);
                    return v;
                }
                if (language === 'json')
                    return JSON.stringify(v).slice(1, -1);
                return escapePromqlString(v, quote);
            });
        }
    }
}
/** The language a gate's query is written in, by provider type (undefined: no query language). */
function queryLanguage(provider) {
    if (provider.type === 'prometheus')
        return 'promql';
    if (provider.type === 'datadog')
        return 'datadog';
    return undefined;
}
/** The templates of one gate, each with the language it is rendered in. */
function gateTemplates(gate, provider) {
    const out = [];
    const lang = queryLanguage(provider);
    if (gate.query !== undefined && lang)
        out.push({ field: 'query', text: gate.query, language: lang });
    if (provider.type === 'http-json') {
        if (gate.url !== undefined)
            out.push({ field: 'url', text: gate.url, language: 'url' });
        if (gate.body !== undefined)
            out.push({ field: 'body', text: gate.body, language: 'json' });
    }
    return out;
}
/**
 * For the validator: renders every gate template for every (stage, region, step) that uses it
 * and returns the values that cannot be made safe. `version` is known only at run time; the
 * validator passes a representative one (default `1.0.0`) and `plan`/`run` pass the real one.
 * Reported once per (gate, field, message) so 500 regions do not give 500 copies of one problem.
 */
function unsafeTemplateValues(plan, version = '1.0.0') {
    const out = [];
    const seen = new Set();
    // Whether a render is safe depends only on the values the template names: each distinct
    // combination is rendered once (a region-only query once per region, not per step and stage).
    const rendered = new Set();
    for (const stage of plan.stages) {
        for (const gateName of stage.gates) {
            const gate = plan.gates[gateName];
            const provider = gate ? plan.providers[gate.provider] : undefined;
            if (!gate || !provider)
                continue;
            const templates = gateTemplates(gate, provider).map((t) => ({ ...t, names: (0,_plan_template_js__WEBPACK_IMPORTED_MODULE_1__/* .templateRefs */ .dc)(t.text).refs.map((ref) => ref.name) }));
            const window = (0,_plan_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(gate.windowMs);
            for (const region of stage.regions) {
                stage.steps.forEach((step, index) => {
                    let values;
                    for (const t of templates) {
                        values ??= (0,_plan_template_js__WEBPACK_IMPORTED_MODULE_1__/* .contextValues */ .S3)({ releaseId: `${plan.name}-${version}`, version, stage: stage.name, region, step: { index, traffic: step.traffic }, window, vars: plan.variables });
                        const tried = `${gateName}|${t.field}|${t.names.map((name) => values?.[name] ?? '\u0000').join('\u0001')}`;
                        if (rendered.has(tried))
                            continue;
                        rendered.add(tried);
                        try {
                            renderFor(t.language, t.text, values);
                        }
                        catch (err) {
                            if (!(err instanceof UnsafeValueError) && !(err instanceof _plan_template_js__WEBPACK_IMPORTED_MODULE_1__/* .TemplateError */ .$w))
                                throw err;
                            const key = `${gateName}|${t.field}|${err.message}`;
                            if (seen.has(key))
                                continue;
                            seen.add(key);
                            out.push({ gate: gateName, field: t.field, stage: stage.name, region, step: index, message: err.message });
                        }
                    }
                });
            }
        }
    }
    return out;
}


/***/ }),

/***/ 499:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cs: () => (/* binding */ hasErrors),
/* harmony export */   Ds: () => (/* binding */ sortDiagnostics),
/* harmony export */   xy: () => (/* binding */ formatDiagnostic)
/* harmony export */ });
/** `file:line:col: message` (warnings are prefixed with `warning: ` so they stand out). */
function formatDiagnostic(d) {
    const prefix = d.severity === 'warning' ? 'warning: ' : '';
    return `${d.file}:${d.line}:${d.col}: ${prefix}${d.message}`;
}
/** Orders diagnostics by position, so output reads top to bottom like the file. */
function sortDiagnostics(list) {
    return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message));
}
/** True when any diagnostic is an error (warnings never block). */
function hasErrors(list) {
    return list.some((d) => d.severity === 'error');
}


/***/ }),

/***/ 2983:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cq: () => (/* binding */ DURATION_PATTERN),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   a3: () => (/* binding */ formatDuration)
/* harmony export */ });
/**
 * Durations in the plan are written the way operators write them in alerts and runbooks:
 * `30s`, `10m`, `2h`, `1d`, or a sum such as `1h30m`. Milliseconds are the internal unit.
 */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** The pattern a duration string must match; shared with the JSON Schema. */
const DURATION_PATTERN = '^(\\d+(ms|s|m|h|d))+$';
const DURATION_RE = new RegExp(DURATION_PATTERN);
const PART_RE = /(\d+)(ms|s|m|h|d)/g;
/** Parses `1h30m` into milliseconds; returns undefined for anything that is not a duration. */
function parseDuration(text) {
    if (!DURATION_RE.test(text))
        return undefined;
    let total = 0;
    for (const match of text.matchAll(PART_RE)) {
        const unit = UNIT_MS[match[2] ?? ''];
        if (unit === undefined)
            return undefined;
        total += Number(match[1]) * unit;
    }
    return total;
}
/** Formats milliseconds back into the plan's notation (largest units first), e.g. `1h30m`. */
function formatDuration(ms) {
    if (!Number.isFinite(ms) || ms < 0)
        return String(ms);
    if (ms === 0)
        return '0s';
    let rest = Math.round(ms);
    let out = '';
    for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000], ['ms', 1]]) {
        if (rest >= size) {
            out += `${Math.floor(rest / size)}${unit}`;
            rest %= size;
        }
    }
    return out;
}


/***/ }),

/***/ 4404:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  w$: () => (/* binding */ loadPlanFile),
  MQ: () => (/* binding */ releaseIdOf)
});

// UNUSED EXPORTS: loadPlanText

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/plan/diagnostics.ts
var plan_diagnostics = __webpack_require__(499);
;// CONCATENATED MODULE: ./src/plan/schema-walk.ts
/** The internal definition of a zod 4 schema (undefined for anything else). */
function defOf(schema) {
    return schema?._zod?.def;
}
/** Looks through optional/nullable/default/readonly/pipe wrappers to the schema that decides the shape. */
function unwrap(schema) {
    let s = schema;
    for (let i = 0; i < 10; i++) {
        const def = defOf(s);
        if (!def)
            return s;
        if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'readonly')
            s = def.innerType;
        else if (def.type === 'pipe')
            s = def.in;
        else
            return s;
    }
    return s;
}
/** Picks the member of a union that matches the data (by discriminator, else the first object member for maps). */
function pickUnion(def, data) {
    const options = def.options ?? [];
    if (def.discriminator && data && typeof data === 'object') {
        const tag = data[def.discriminator];
        for (const opt of options) {
            const shape = defOf(unwrap(opt))?.shape;
            const lit = defOf(shape?.[def.discriminator]);
            if (lit?.values?.includes(tag))
                return opt;
        }
        return undefined;
    }
    if (data && typeof data === 'object' && !Array.isArray(data))
        return options.find((o) => defOf(unwrap(o))?.type === 'object');
    return undefined;
}
/** The schema that describes the value at `path` (undefined when it cannot be told). */
function schemaAt(root, path, data) {
    let s = unwrap(root);
    let d = data;
    for (const seg of path) {
        let def = defOf(s);
        if (def?.type === 'union') {
            s = unwrap(pickUnion(def, d));
            def = defOf(s);
        }
        if (!def)
            return undefined;
        if (def.type === 'object')
            s = unwrap(def.shape?.[String(seg)]);
        else if (def.type === 'record')
            s = unwrap(def.valueType);
        else if (def.type === 'array')
            s = unwrap(def.element);
        else
            return undefined;
        d = d !== null && typeof d === 'object' ? d[seg] : undefined;
    }
    const def = defOf(s);
    if (def?.type === 'union')
        return unwrap(pickUnion(def, d)) ?? s;
    return s;
}
/** The keys the map at `path` accepts, for "unknown key" messages. */
function knownKeys(root, path, data) {
    const def = defOf(schemaAt(root, path, data));
    return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
/** The closest known key by edit distance (typo help), if close enough to be a plausible typo. */
function closest(word, candidates) {
    let best;
    let bestDist = Infinity;
    for (const c of candidates) {
        const dist = editDistance(word.toLowerCase(), c.toLowerCase());
        if (dist < bestDist) {
            best = c;
            bestDist = dist;
        }
    }
    return best !== undefined && bestDist <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
function editDistance(a, b) {
    if (a.length > 64 || b.length > 64)
        return Math.abs(a.length - b.length) + 64;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        prev = row;
    }
    return prev[b.length] ?? 0;
}
/** The schema's `.describe()` text for the field at `path` (on the field or its inner type). */
function fieldDescription(root, path, data) {
    const parent = defOf(schemaAt(root, path.slice(0, -1), data));
    if (parent?.type !== 'object')
        return undefined;
    const field = parent.shape?.[String(path[path.length - 1])];
    return field?.description ?? unwrap(field)?.description;
}

;// CONCATENATED MODULE: ./src/plan/issues.ts

/** `stages[0].steps[1].traffic`; the empty path is "the plan". */
function formatPath(path) {
    let out = '';
    for (const seg of path) {
        if (typeof seg === 'number')
            out += `[${seg}]`;
        else
            out += out === '' ? seg : `.${seg}`;
    }
    return out === '' ? 'the plan' : out;
}
/** A short description of a YAML/JSON value for "got ..." (never the whole value: it may be big). */
function describeAny(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null (an empty value)';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a map';
    if (typeof value === 'string')
        return `the string '${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
    if (typeof value === 'number')
        return `the number ${value}`;
    if (typeof value === 'boolean')
        return `${value}`;
    return typeof value;
}
const TYPE_WORDS = {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'a map (key: value lines)',
    array: 'a list',
    record: 'a map (key: value lines)',
};
function valueAt(data, path) {
    let cur = data;
    for (const seg of path) {
        if (cur === null || typeof cur !== 'object')
            return undefined;
        cur = cur[seg];
    }
    return cur;
}
/** Fields that name an environment variable holding a secret: a wrong value there may BE the secret. */
function isSecretField(path) {
    const last = path[path.length - 1];
    return typeof last === 'string' && (last === 'env' || last.endsWith('Env'));
}
// --- issue -> diagnostic ------------------------------------------------------------------------
/** Zod's own default messages start like this; ours (in schema.ts) say what is expected instead. */
const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Expected|Unrecognized)/;
function custom(issue) {
    return DEFAULT_MESSAGE.test(issue.message) ? undefined : issue.message;
}
/** Maps every zod issue to one or more diagnostics. */
function issuesToDiagnostics(issues, data, pos, file, root) {
    const out = [];
    const push = (span, message) => out.push({ file, line: span.line, col: span.col, endLine: span.endLine, endCol: span.endCol, message, severity: 'error' });
    for (const issue of issues) {
        const path = issue.path;
        const where = formatPath(path);
        const value = valueAt(data, path);
        const describeValue = (v) => (isSecretField(path) && typeof v === 'string' ? 'a value that is not shown (it may be a secret)' : describeAny(v));
        switch (issue.code) {
            case 'unrecognized_keys': {
                const keys = knownKeys(root, path, data);
                for (const key of issue.keys) {
                    const guess = closest(key, keys);
                    const hint = guess ? `did you mean '${guess}'? ` : '';
                    const list = keys.length ? `(${hint}expected one of: ${keys.join(', ')})` : '';
                    push(pos.key([...path, key]), `${formatPath([...path, key])}: unknown key '${key}' in ${where} ${list}`.trim());
                }
                break;
            }
            case 'invalid_type': {
                const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
                const form = custom(issue) ?? `expected ${expected}`;
                if (value === undefined && path.length > 0) {
                    const last = path[path.length - 1];
                    const about = fieldDescription(root, path, data);
                    push(pos.parent(path), `${formatPath(path.slice(0, -1))}: missing required key '${String(last)}' (${form}${about ? `: ${about}` : ''})`);
                }
                else if (path.length === 0) {
                    push(pos.value(path), `the plan must be a YAML map with at least name, deploy and stages; got ${describeValue(value)}`);
                }
                else {
                    push(pos.value(path), `${where}: ${form}; got ${describeValue(value)}`);
                }
                break;
            }
            case 'invalid_key': {
                const inner = issue.issues[0]?.message ?? 'invalid key';
                push(pos.key(path), `${where}: invalid name '${String(path[path.length - 1])}': ${inner}`);
                break;
            }
            case 'invalid_union': {
                if ('discriminator' in issue && issue.discriminator) {
                    const options = (issue.options ?? []).map((o) => `'${String(o)}'`).join(', ');
                    if (value === undefined)
                        push(pos.parent(path), `${formatPath(path.slice(0, -1))}: missing required key '${issue.discriminator}' (one of ${options})`);
                    else
                        push(pos.value(path), `${where}: expected one of ${options}; got ${describeValue(value)}`);
                    break;
                }
                // A union of a scalar form and a map form (approval: true | {timeout, users, teams};
                // header: "text" | {env: NAME}): name both forms.
                const forms = unionForms(root, path, data);
                push(pos.value(path), `${where}: expected ${forms}; got ${describeValue(value)}`);
                break;
            }
            case 'invalid_value': {
                const options = issue.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
                push(pos.value(path), `${where}: expected ${issue.values.length > 1 ? 'one of ' : ''}${options}; got ${describeValue(value)}`);
                break;
            }
            case 'too_small':
            case 'too_big': {
                const msg = custom(issue) ?? boundMessage(issue);
                push(pos.value(path), `${where}: ${msg}; got ${describeValue(value)}`);
                break;
            }
            case 'invalid_format': {
                const msg = custom(issue) ?? (issue.format === 'url' ? 'must be an absolute URL such as https://host.example.com' : `must be a valid ${issue.format}`);
                push(pos.value(path), `${where}: ${msg}; got ${describeValue(value)}`);
                break;
            }
            default:
                push(pos.value(path), `${where}: ${issue.message}`);
        }
    }
    return out;
}
function boundMessage(issue) {
    const small = issue.code === 'too_small';
    const bound = small ? issue.minimum : issue.maximum;
    const inclusive = issue.inclusive !== false;
    switch (issue.origin) {
        case 'array':
        case 'set':
            return small ? `needs at least ${bound} item${bound === 1 ? '' : 's'}` : `may have at most ${bound} items`;
        case 'string':
            return small ? (Number(bound) === 1 ? 'must not be empty' : `must be at least ${bound} characters`) : `must be at most ${bound} characters`;
        default:
            if (small)
                return Number(bound) === 0 && !inclusive ? 'must be greater than 0' : `must be at least ${inclusive ? bound : `more than ${bound}`}`;
            return `must be at most ${inclusive ? bound : `less than ${bound}`}`;
    }
}
function unionForms(root, path, data) {
    // Find the union schema itself (schemaAt resolves unions by the data, so walk the parent).
    const parent = schemaAt(root, path.slice(0, -1), data);
    const def = defOf(parent);
    let union;
    const last = path[path.length - 1];
    if (def?.type === 'object')
        union = unwrap(def.shape?.[String(last)]);
    else if (def?.type === 'record')
        union = unwrap(def.valueType);
    else if (def?.type === 'array')
        union = unwrap(def.element);
    const options = defOf(union)?.options ?? [];
    const forms = options.map((o) => {
        const od = defOf(unwrap(o));
        if (od?.type === 'object' && od.shape)
            return `a map with ${Object.keys(od.shape).join('/')}`;
        return TYPE_WORDS[od?.type ?? ''] ?? od?.type ?? 'a value';
    });
    return forms.length ? forms.join(' or ') : 'a different form';
}

// EXTERNAL MODULE: ./src/plan/duration.ts
var duration = __webpack_require__(2983);
;// CONCATENATED MODULE: ./src/plan/normalize.ts
/**
 * Turns a plan that passed the schema and the semantic checks into the resolved `Plan`:
 * defaults applied, durations in milliseconds, template values stringified, and the source
 * positions of gates and stages kept for annotations. Pure: no I/O.
 */

/** Defaults of the plan format, in one place (the README's plan reference quotes them). */
const DEFAULTS = {
    deployTimeout: '30m',
    rollbackScope: 'touched',
    environment: 'production/{{ region }}',
    gateInterval: '1m',
    failureLimit: 0,
    inconclusiveLimit: 0,
    consecutiveErrorLimit: 4,
    onNoData: 'inconclusive',
    method: 'GET',
    providerTimeout: '10s',
    failureBudget: 0,
    minPermission: 'write',
    allowSelfApproval: false,
    approvalTimeout: '24h',
    bake: '0s',
    initialDelay: '0s',
};
/** Duration text to ms; the schema has already checked the form, so a miss is a programming error. */
function ms(text, fallback) {
    const value = (0,duration/* parseDuration */.E9)(text ?? fallback);
    if (value === undefined)
        throw new Error(`internal: duration '${text}' passed the schema but does not parse`);
    return value;
}
function stringify(values) {
    const out = {};
    for (const [k, v] of Object.entries(values ?? {}))
        out[k] = String(v);
    return out;
}
function workflowSpec(input) {
    const spec = {
        workflow: input.workflow,
        inputs: stringify(input.inputs),
        timeoutMs: ms(input.timeout, DEFAULTS.deployTimeout),
    };
    if (input.ref !== undefined)
        spec.ref = input.ref;
    if (input.correlationInput !== undefined)
        spec.correlationInput = input.correlationInput;
    return spec;
}
/** Applies defaults and converts units; `pos` supplies gate/stage positions when given. */
function normalizePlan(input, file, pos) {
    const approvals = {
        minPermission: input.approvals?.minPermission ?? DEFAULTS.minPermission,
        users: input.approvals?.users ?? [],
        teams: input.approvals?.teams ?? [],
        allowSelfApproval: input.approvals?.allowSelfApproval ?? DEFAULTS.allowSelfApproval,
        timeoutMs: ms(input.approvals?.timeout, DEFAULTS.approvalTimeout),
    };
    const providers = {};
    for (const [name, p] of Object.entries(input.providers ?? {})) {
        providers[name] = { ...p, name, timeoutMs: ms(p.timeout, DEFAULTS.providerTimeout) };
    }
    const gates = {};
    for (const [name, g] of Object.entries(input.gates ?? {})) {
        const intervalMs = ms(g.interval, DEFAULTS.gateInterval);
        const gate = {
            name,
            provider: g.provider,
            method: g.method ?? DEFAULTS.method,
            intervalMs,
            windowMs: g.window !== undefined ? ms(g.window, g.window) : intervalMs,
            initialDelayMs: ms(g.initialDelay, DEFAULTS.initialDelay),
            failureLimit: g.failureLimit ?? DEFAULTS.failureLimit,
            inconclusiveLimit: g.inconclusiveLimit ?? DEFAULTS.inconclusiveLimit,
            consecutiveErrorLimit: g.consecutiveErrorLimit ?? DEFAULTS.consecutiveErrorLimit,
            onNoData: g.onNoData ?? DEFAULTS.onNoData,
        };
        if (g.query !== undefined)
            gate.query = g.query;
        if (g.url !== undefined)
            gate.url = g.url;
        if (g.body !== undefined)
            gate.body = g.body;
        if (g.path !== undefined)
            gate.path = g.path;
        if (g.reduce !== undefined)
            gate.reduce = g.reduce;
        if (g.min !== undefined)
            gate.min = g.min;
        if (g.max !== undefined)
            gate.max = g.max;
        if (g.count !== undefined)
            gate.count = g.count;
        if (pos)
            gate.pos = strip(pos.key(['gates', name]));
        gates[name] = gate;
    }
    const defaults = input.defaults ?? {};
    const stages = input.stages.map((s, index) => {
        const rawSteps = s.steps ?? defaults.steps ?? [];
        const steps = rawSteps.map((st) => ({ traffic: st.traffic, bakeMs: ms(st.bake, DEFAULTS.bake) }));
        const stage = {
            name: s.name,
            regions: [...s.regions],
            maxParallel: s.maxParallel ?? defaults.maxParallel ?? s.regions.length,
            steps,
            gates: [...(s.gates ?? defaults.gates ?? [])],
            failureBudget: s.failureBudget ?? defaults.failureBudget ?? DEFAULTS.failureBudget,
        };
        const approval = stageApproval(s.approval, approvals.timeoutMs);
        if (approval)
            stage.approval = approval;
        if (pos)
            stage.pos = strip(pos.value(['stages', index]));
        return stage;
    });
    const plan = {
        name: input.name,
        file,
        variables: stringify(input.variables),
        deploy: workflowSpec(input.deploy),
        environment: input.environment ?? DEFAULTS.environment,
        providers,
        gates,
        stages,
        approvals,
    };
    if (input.rollback) {
        plan.rollback = {
            ...workflowSpec({ ...input.rollback, timeout: input.rollback.timeout ?? DEFAULTS.deployTimeout }),
            scope: input.rollback.scope ?? DEFAULTS.rollbackScope,
        };
    }
    return plan;
}
function stageApproval(approval, defaultTimeoutMs) {
    if (approval === undefined || approval === false)
        return undefined;
    if (approval === true)
        return { timeoutMs: defaultTimeoutMs, users: [], teams: [] };
    return {
        timeoutMs: approval.timeout !== undefined ? ms(approval.timeout, approval.timeout) : defaultTimeoutMs,
        users: approval.users ?? [],
        teams: approval.teams ?? [],
    };
}
function strip(span) {
    return { line: span.line, col: span.col };
}

;// CONCATENATED MODULE: ./src/plan/positions.ts
/**
 * Maps a path in the parsed plan (`['stages', 0, 'regions', 1]`) back to a place in the YAML
 * source, so every diagnostic can say `file:line:col`. The document keeps its nodes' source
 * ranges; the LineCounter turns offsets into 1-based lines and columns.
 */

/** Finds source positions for paths in one parsed YAML document. */
class PositionIndex {
    doc;
    lines;
    text;
    constructor(doc, lines, 
    /** The source text, to locate a substring (e.g. one `{{ }}` in a scalar). */
    text) {
        this.doc = doc;
        this.lines = lines;
        this.text = text;
    }
    find(path) {
        let current = (this.doc.contents ?? undefined);
        let key;
        let nearest = current;
        for (const seg of path) {
            current = this.deref(current);
            key = undefined;
            if ((0,dist/* isMap */.jh)(current)) {
                const pair = current.items.find((p) => keyText(p.key) === String(seg));
                if (!pair)
                    return { nearest: current };
                key = (pair.key ?? undefined);
                nearest = current;
                current = (pair.value ?? undefined);
                if (current === undefined)
                    return { key, nearest: key ?? nearest };
            }
            else if ((0,dist/* isSeq */.oP)(current) && typeof seg === 'number') {
                const item = current.items[seg];
                if (!item)
                    return { nearest: current };
                nearest = current;
                current = item;
            }
            else {
                return { nearest: current ?? nearest };
            }
            nearest = current;
        }
        return { node: current, key, nearest: current };
    }
    deref(node) {
        // Aliases point at an anchored node elsewhere; follow them so paths through `*ref` resolve.
        if (node && (0,dist/* isAlias */.Vj)(node))
            return (node.resolve(this.doc) ?? undefined);
        return node;
    }
    span(node) {
        const range = node?.range;
        if (!range)
            return { line: 1, col: 1, offset: 0 };
        const start = this.lines.linePos(range[0]);
        const end = this.lines.linePos(range[1]);
        return { line: start.line, col: start.col, endLine: end.line, endCol: end.col, offset: range[0] };
    }
    /** Position of the value at `path`, or of its nearest existing ancestor. */
    value(path) {
        const f = this.find(path);
        return this.span(f.node ?? f.key ?? f.nearest);
    }
    /** Position of the map key that ends `path` (falls back to the value, then the nearest ancestor). */
    key(path) {
        const f = this.find(path);
        return this.span(f.key ?? f.node ?? f.nearest);
    }
    /** Position of the map that should hold `path`'s last key (for "missing key" errors). */
    parent(path) {
        if (path.length === 0)
            return this.value(path);
        const parentPath = path.slice(0, -1);
        const f = this.find(parentPath);
        // A missing key belongs to the map; point at the map's own key when it has one, which is
        // where a reader looks ("deploy:" rather than the first line inside it).
        return this.span(f.key ?? f.node ?? f.nearest);
    }
    /** True when the value at `path` is present in the source. */
    has(path) {
        return this.find(path).node !== undefined;
    }
    /**
     * Position of `needle` inside the scalar at `path`, when the scalar's source contains it
     * verbatim (plain or simply quoted); else the scalar's own position.
     */
    within(path, needle) {
        const f = this.find(path);
        const node = f.node;
        const base = this.span(node ?? f.nearest);
        if (!node || !(0,dist/* isScalar */.jn)(node) || !node.range)
            return base;
        const source = this.text.slice(node.range[0], node.range[1]);
        const at = source.indexOf(needle);
        if (at < 0)
            return base;
        const start = this.lines.linePos(node.range[0] + at);
        const end = this.lines.linePos(node.range[0] + at + needle.length);
        return { line: start.line, col: start.col, endLine: end.line, endCol: end.col, offset: node.range[0] + at };
    }
    /** Position of a raw source offset. */
    at(offset) {
        return this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    }
}
function keyText(key) {
    if ((0,dist/* isScalar */.jn)(key))
        return String(key.value);
    if (key === null || key === undefined)
        return undefined;
    return String(key);
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
;// CONCATENATED MODULE: ./src/plan/schema.ts
/**
 * The release-plan file format as a zod schema. This is the single source of truth for the
 * shape of `.github/release-plan.yml`: the validator, the TypeScript types and the committed
 * JSON Schema (`schema/release-plan.schema.json`, via zod 4's own `toJSONSchema`) all come from it.
 *
 * The schema describes what users write (durations as strings, optional fields); `normalize.ts`
 * turns a valid document into the resolved `Plan` the engine runs on.
 */


/** Region names go into PromQL label values, URLs and environment names, so the pattern is strict. */
const REGION_PATTERN = '^[a-z][a-z0-9-]{0,62}$';
/** Names of gates, providers, stages and variables: identifiers that read well in YAML and logs. */
const NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';
/** Environment variable names, for secrets that never appear in the file. */
const ENV_NAME_PATTERN = '^[A-Z_][A-Z0-9_]*$';
const schema_duration = (what) => schemas/* string */.YjP().regex(new RegExp(duration/* DURATION_PATTERN */.Cq), {
    message: `${what} must be a duration such as 30s, 10m, 2h or 1h30m`,
});
const schema_name = (what) => schemas/* string */.YjP().regex(new RegExp(NAME_PATTERN), {
    message: `${what} must start with a letter and contain only letters, digits, '-' and '_' (at most 64 characters)`,
});
const envName = schemas/* string */.YjP().regex(new RegExp(ENV_NAME_PATTERN), {
    message: 'must be the NAME of an environment variable (upper case, digits and _), never the secret itself',
});
/** Backends are reached over HTTP(S) only: an ftp: or file: URL is a typo, not a provider. */
const httpUrl = (example) => schemas/* string */.YjP().regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { message: `must be an absolute http(s) URL such as ${example}` });
const workflowFile = schemas/* string */.YjP().regex(/^[A-Za-z0-9._-]+\.ya?ml$/, {
    message: "must be a workflow file name in .github/workflows, such as 'deploy.yml'",
});
/** Inputs sent to a workflow_dispatch: strings, with `{{ }}` templates; numbers/booleans are stringified. */
const inputs = schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { message: 'input names must be identifiers' }), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()]))
    .describe('workflow_dispatch inputs; values may use {{ region }}, {{ version }}, {{ stage }}, {{ step.traffic }}, {{ step.index }}, {{ release.id }}, {{ correlation.id }} and {{ vars.NAME }}');
const headerValue = schemas/* union */.KCZ([
    schemas/* string */.YjP(),
    schemas/* strictObject */.rej({ env: envName }).describe('take the header value from this environment variable (masked)'),
]);
const DeploySchema = schemas/* strictObject */.rej({
    workflow: workflowFile.describe('workflow file (in .github/workflows) that deploys one region at one traffic step'),
    ref: schemas/* string */.YjP().min(1).optional().describe('branch or tag the workflow is dispatched on (default: the ref that started the release)'),
    inputs: inputs.optional(),
    timeout: schema_duration('deploy.timeout').optional().describe('how long one deploy run may take before it is cancelled and the region fails (default 30m)'),
    correlationInput: schemas/* string */.YjP().optional().describe('input that carries a unique id shown in the workflow run-name, used to find the run on servers without return_run_details (default: none)'),
});
const RollbackSchema = schemas/* strictObject */.rej({
    workflow: workflowFile.describe('workflow file that rolls one region back'),
    ref: schemas/* string */.YjP().min(1).optional(),
    inputs: inputs.optional(),
    timeout: schema_duration('rollback.timeout').optional().describe('how long one rollback run may take (default 30m)'),
    correlationInput: schemas/* string */.YjP().optional().describe('like deploy.correlationInput, for the rollback workflow'),
    scope: schemas/* enum */.k5n(['region', 'touched']).optional().describe("'touched' (default): roll back every region this release touched, newest first; 'region': only the regions that failed"),
});
const ProviderCommon = {
    timeout: schema_duration('provider timeout').optional().describe('per-query timeout (default 10s)'),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), headerValue).optional(),
};
const ProviderSchema = schemas/* discriminatedUnion */.gMt('type', [
    schemas/* strictObject */.rej({
        type: schemas/* literal */.euz('prometheus'),
        url: httpUrl('https://prometheus.example.com').optional(),
        urlEnv: envName.optional().describe('take the URL from this environment variable'),
        bearerTokenEnv: envName.optional(),
        basicAuth: schemas/* strictObject */.rej({ usernameEnv: envName, passwordEnv: envName }).optional(),
        ...ProviderCommon,
    }),
    schemas/* strictObject */.rej({
        type: schemas/* literal */.euz('datadog'),
        site: schemas/* string */.YjP().optional().describe('Datadog site, e.g. datadoghq.com or datadoghq.eu (default datadoghq.com)'),
        url: httpUrl('https://api.datadoghq.eu').optional().describe('API base URL; overrides site'),
        apiKeyEnv: envName,
        appKeyEnv: envName,
        ...ProviderCommon,
    }),
    schemas/* strictObject */.rej({
        type: schemas/* literal */.euz('http-json'),
        url: schemas/* string */.YjP().optional().describe('base URL; gates give the path or a full URL template'),
        urlEnv: envName.optional(),
        bearerTokenEnv: envName.optional(),
        ...ProviderCommon,
    }),
    schemas/* strictObject */.rej({
        type: schemas/* literal */.euz('synthetic'),
        baseline: schemas/* number */.aig().optional().describe('value the synthetic series hovers around (simulate only)'),
        ...ProviderCommon,
    }),
]);
const GateSchema = schemas/* strictObject */.rej({
    provider: schema_name('gate.provider'),
    query: schemas/* string */.YjP().min(1).optional().describe('query template (PromQL, Datadog query) with {{ region }}, {{ window }}, ...'),
    url: schemas/* string */.YjP().optional().describe('http-json: URL template (relative to the provider url, or absolute)'),
    method: schemas/* enum */.k5n(['GET', 'POST']).optional(),
    body: schemas/* string */.YjP().optional().describe('http-json: request body template for POST'),
    path: schemas/* string */.YjP().optional().describe('http-json: JSONPath to the value, e.g. $.data.error_rate'),
    reduce: schemas/* enum */.k5n(['sum', 'avg', 'max', 'min', 'last']).optional().describe('how to reduce several series (or Datadog points) to one value; without it, several series is an error'),
    min: schemas/* number */.aig().optional().describe('the measurement fails when the value is below min'),
    max: schemas/* number */.aig().optional().describe('the measurement fails when the value is above max'),
    interval: schema_duration('gate.interval').optional().describe('time between measurements (default 1m)'),
    window: schema_duration('gate.window').optional().describe('value of {{ window }} in the query (default: the interval)'),
    count: schemas/* number */.aig().int().positive().optional().describe('measurements to take in each bake (default: as many intervals as fit in the bake)'),
    initialDelay: schema_duration('gate.initialDelay').optional().describe('wait before the first measurement of a bake (default 0s)'),
    failureLimit: schemas/* number */.aig().int().nonnegative().optional().describe('failed measurements allowed; the gate fails when failures exceed it (default 0)'),
    inconclusiveLimit: schemas/* number */.aig().int().nonnegative().optional().describe('inconclusive measurements allowed; more pauses for a person (default 0)'),
    consecutiveErrorLimit: schemas/* number */.aig().int().nonnegative().optional().describe('back-to-back backend errors allowed; more fails the gate (default 4)'),
    onNoData: schemas/* enum */.k5n(['inconclusive', 'fail', 'pass', 'wait']).optional().describe("what a query with no data counts as (default 'inconclusive'; 'pass' only when written explicitly; 'wait' measures again without counting)"),
});
const StepSchema = schemas/* strictObject */.rej({
    traffic: schemas/* number */.aig({ message: 'step.traffic must be a number from 1 to 100 (percent)' }).min(1, { message: 'step.traffic must be at least 1 (percent)' }).max(100, { message: 'step.traffic must be at most 100 (percent)' }),
    bake: schema_duration('step.bake').optional().describe('how long to watch the gates at this traffic (default 0s: promote once the deploy run succeeds)'),
});
const ApprovalSchema = schemas/* union */.KCZ([
    schemas/* boolean */.zMY(),
    schemas/* strictObject */.rej({
        timeout: schema_duration('approval.timeout').optional(),
        users: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
        teams: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    }),
]);
const StageSchema = schemas/* strictObject */.rej({
    name: schema_name('stage.name'),
    regions: schemas/* array */.YOg(schemas/* string */.YjP().regex(new RegExp(REGION_PATTERN), {
        message: "region names must match ^[a-z][a-z0-9-]{0,62}$ (lower case, digits and '-'; they go into queries and environment names)",
    })).min(1, { message: 'a stage needs at least one region' }),
    maxParallel: schemas/* number */.aig().int().positive().optional().describe('regions of this stage deployed at once (default: all)'),
    steps: schemas/* array */.YOg(StepSchema).min(1).optional().describe('canary steps (default: defaults.steps)'),
    gates: schemas/* array */.YOg(schema_name('gate reference')).optional().describe('gates checked during bakes (default: defaults.gates)'),
    approval: ApprovalSchema.optional().describe('wait for an approval before this stage starts'),
    failureBudget: schemas/* number */.aig().int().nonnegative().optional().describe('regions that may fail (and are rolled back alone) before the whole release stops (default 0)'),
});
const ApprovalsSchema = schemas/* strictObject */.rej({
    minPermission: schemas/* enum */.k5n(['read', 'triage', 'write', 'maintain', 'admin']).optional().describe('lowest repository permission an approver needs (default write)'),
    users: schemas/* array */.YOg(schemas/* string */.YjP()).optional().describe('only these users may approve (in addition to the permission)'),
    teams: schemas/* array */.YOg(schemas/* string */.YjP()).optional().describe('org/team slugs whose members may approve (needs a token that can read team membership)'),
    allowSelfApproval: schemas/* boolean */.zMY().optional().describe('may the person who started the release approve it (default false)'),
    timeout: schema_duration('approvals.timeout').optional().describe('how long an approval may take before the release stops (default 24h)'),
});
const PlanSchema = schemas/* strictObject */.rej({
    $schema: schemas/* string */.YjP().optional(),
    name: schema_name('name').describe('release name; with the version it makes the release id'),
    variables: schemas/* record */.g1P(schema_name('variable name'), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()])).optional().describe('your own template values, used as {{ vars.NAME }}'),
    deploy: DeploySchema,
    rollback: RollbackSchema.optional(),
    environment: schemas/* string */.YjP().min(1).optional().describe("GitHub Deployment environment per region (default 'production/{{ region }}')"),
    providers: schemas/* record */.g1P(schema_name('provider name'), ProviderSchema).optional(),
    gates: schemas/* record */.g1P(schema_name('gate name'), GateSchema).optional(),
    defaults: schemas/* strictObject */.rej({
        steps: schemas/* array */.YOg(StepSchema).min(1).optional(),
        gates: schemas/* array */.YOg(schema_name('gate reference')).optional(),
        maxParallel: schemas/* number */.aig().int().positive().optional(),
        failureBudget: schemas/* number */.aig().int().nonnegative().optional(),
    }).optional(),
    stages: schemas/* array */.YOg(StageSchema).min(1, { message: 'a plan needs at least one stage' }),
    approvals: ApprovalsSchema.optional(),
});
/** The JSON Schema of the plan, for editors (`# yaml-language-server: $schema=`). */
function planJsonSchema() {
    const schema = z.toJSONSchema(PlanSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
    return {
        ...schema,
        $id: 'https://github.com/progressive-release/progressive-release/schema/release-plan.schema.json',
        title: 'progressive-release release plan',
    };
}

;// CONCATENATED MODULE: ./src/plan/reporter.ts

/** Collects diagnostics with positions from one plan. */
class Reporter {
    file;
    pos;
    diagnostics = [];
    constructor(file, pos) {
        this.file = file;
        this.pos = pos;
    }
    push(span, message, severity) {
        this.diagnostics.push({ file: this.file, line: span.line, col: span.col, endLine: span.endLine, endCol: span.endCol, message, severity });
    }
    error(path, message, where = 'value') {
        this.push(this.pos[where](path), `${formatPath(path)}: ${message}`, 'error');
    }
    warn(path, message, where = 'value') {
        this.push(this.pos[where](path), `${formatPath(path)}: ${message}`, 'warning');
    }
    /** An error at a substring of a scalar (e.g. one `{{ name }}` inside a query). */
    errorWithin(path, needle, message) {
        this.push(this.pos.within(path, needle), `${formatPath(path)}: ${message}`, 'error');
    }
}

// EXTERNAL MODULE: ./src/plan/template.ts
var template = __webpack_require__(7909);
;// CONCATENATED MODULE: ./src/plan/semantic.ts
/**
 * Checks that need more than one field at a time: references between gates, providers and
 * stages, region uniqueness, the order of traffic steps, template variables, GitHub's
 * 25-input limit, and whether a gate's measurements fit in the bakes that use it. Runs on a
 * plan that already has the right shape (schema.ts); reports every problem, never throws.
 */





/** GitHub rejects a workflow_dispatch with more than 25 inputs (422). */
const MAX_DISPATCH_INPUTS = 25;
const WITHOUT = (...names) => template/* BUILTIN_NAMES */.VP.filter((n) => !names.includes(n));
/** Which built-in names each kind of template may use (vars.NAME is allowed everywhere). */
const TEMPLATE_SCOPES = {
    environment: WITHOUT('step.traffic', 'step.index', 'window', 'correlation.id'),
    inputs: WITHOUT('window'),
    query: WITHOUT('correlation.id'),
};
/** Runs every semantic check; returns the diagnostics (errors and warnings). */
function checkSemantics(plan, file, pos) {
    const r = new Reporter(file, pos);
    checkTemplates(plan, r);
    checkInputs(plan, r);
    checkProviders(plan, r);
    checkGates(plan, r);
    checkStages(plan, r);
    checkApprovals(plan, r);
    return r.diagnostics;
}
// --- templates ------------------------------------------------------------------------------------
function checkTemplate(text, path, scope, vars, r) {
    const { refs, malformed } = (0,template/* templateRefs */.dc)(text);
    for (const offset of malformed) {
        const snippet = text.slice(offset, offset + 12);
        r.errorWithin(path, snippet, `malformed template near '${snippet}'; write {{ name }} with a name such as ${scope.slice(0, 3).join(', ')}`);
    }
    for (const ref of refs) {
        const known = ref.name.startsWith('vars.') ? vars.has(ref.name.slice(5)) : scope.includes(ref.name);
        if (known)
            continue;
        const needle = text.slice(ref.offset, text.indexOf('}}', ref.offset) + 2);
        const candidates = [...scope, ...[...vars].map((v) => `vars.${v}`)];
        const guess = closest(ref.name, candidates);
        const why = ref.name.startsWith('vars.')
            ? `unknown variable '{{ ${ref.name} }}': '${ref.name.slice(5)}' is not declared under variables`
            : `unknown template variable '{{ ${ref.name} }}'`;
        r.errorWithin(path, needle, `${why}${guess ? ` (did you mean '${guess}'?)` : ''}; known here: ${candidates.join(', ')}`);
    }
}
function checkTemplates(plan, r) {
    const vars = new Set(Object.keys(plan.variables ?? {}));
    if (plan.environment !== undefined)
        checkTemplate(plan.environment, ['environment'], TEMPLATE_SCOPES.environment, vars, r);
    for (const kind of ['deploy', 'rollback']) {
        for (const [name, value] of Object.entries(plan[kind]?.inputs ?? {})) {
            if (typeof value === 'string')
                checkTemplate(value, [kind, 'inputs', name], TEMPLATE_SCOPES.inputs, vars, r);
        }
    }
    for (const [name, gate] of Object.entries(plan.gates ?? {})) {
        for (const field of ['query', 'url', 'body']) {
            const text = gate[field];
            if (text !== undefined)
                checkTemplate(text, ['gates', name, field], TEMPLATE_SCOPES.query, vars, r);
        }
    }
}
// --- dispatch inputs ------------------------------------------------------------------------------
/** The input names a workflow spec sends: its inputs plus the correlation input. */
function sentInputs(spec) {
    const names = Object.keys(spec.inputs ?? {});
    if (spec.correlationInput !== undefined && !names.includes(spec.correlationInput))
        names.push(spec.correlationInput);
    return names;
}
function checkInputs(plan, r) {
    for (const kind of ['deploy', 'rollback']) {
        const spec = plan[kind];
        if (!spec)
            continue;
        const sent = sentInputs(spec);
        if (sent.length > MAX_DISPATCH_INPUTS) {
            r.error([kind, 'inputs'], `sends ${sent.length} inputs; GitHub accepts at most ${MAX_DISPATCH_INPUTS} per workflow_dispatch (it answers 422)`, 'key');
        }
        const corr = spec.correlationInput;
        if (corr !== undefined) {
            if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(corr))
                r.error([kind, 'correlationInput'], `must be an input name (letters, digits, '_' and '-'); got '${corr}'`);
            const value = spec.inputs?.[corr];
            if (value !== undefined && !(typeof value === 'string' && /\{\{\s*correlation\.id\s*\}\}/.test(value))) {
                r.error([kind, 'inputs', corr], `is the correlationInput, so its value must contain {{ correlation.id }} (or leave it out and it is sent automatically)`);
            }
        }
    }
}
// --- providers and gates --------------------------------------------------------------------------
/** Header names whose values are credentials. */
const SECRET_HEADER = /^(proxy-)?authorization$|^cookie$|token|secret|password|api[-_]?key|auth/i;
function isAbsoluteUrl(text) {
    return /^https?:\/\//i.test(text);
}
function gatesUsed(plan) {
    const used = new Set(plan.defaults?.gates ?? []);
    for (const s of plan.stages)
        for (const g of s.gates ?? [])
            used.add(g);
    return used;
}
function checkProviders(plan, r) {
    const usedProviders = new Set(Object.values(plan.gates ?? {}).map((g) => g.provider));
    for (const [name, p] of Object.entries(plan.providers ?? {})) {
        const path = ['providers', name];
        if (p.type === 'prometheus' || p.type === 'http-json') {
            if (p.url !== undefined && p.urlEnv !== undefined)
                r.error(path, `give either url or urlEnv, not both`, 'key');
            if (p.type === 'prometheus' && p.url === undefined && p.urlEnv === undefined) {
                r.error(path, `a prometheus provider needs url (e.g. https://prometheus.example.com) or urlEnv (the NAME of an environment variable holding it)`, 'key');
            }
            if (p.type === 'http-json' && p.url !== undefined && !isAbsoluteUrl(p.url)) {
                r.error([...path, 'url'], `must be an absolute http(s) URL such as https://metrics.example.com; got '${p.url}'`);
            }
        }
        for (const [header, value] of Object.entries(p.headers ?? {})) {
            // A credential written in the plan is committed to the repository and shows up in logs.
            if (typeof value === 'string' && SECRET_HEADER.test(header)) {
                r.error([...path, 'headers', header], `looks like a credential written in the plan; write { env: NAME } and set NAME from a secret (the value is not shown here)`, 'key');
            }
        }
        if (!usedProviders.has(name))
            r.warn(path, `provider '${name}' is not used by any gate`, 'key');
    }
}
function checkGates(plan, r) {
    const providers = plan.providers ?? {};
    const used = gatesUsed(plan);
    for (const [name, g] of Object.entries(plan.gates ?? {})) {
        const path = ['gates', name];
        const provider = providers[g.provider];
        if (!provider) {
            const guess = closest(g.provider, Object.keys(providers));
            const known = Object.keys(providers);
            r.error([...path, 'provider'], `unknown provider '${g.provider}'${guess ? ` (did you mean '${guess}'?)` : ''}; ${known.length ? `declared providers: ${known.join(', ')}` : 'no providers are declared under providers'}`);
        }
        else if ((provider.type === 'prometheus' || provider.type === 'datadog') && g.query === undefined) {
            r.error(path, `missing 'query': a ${provider.type} gate needs a query (${provider.type === 'prometheus' ? 'PromQL' : 'a Datadog metrics query'}) that returns one number`, 'key');
        }
        else if (provider.type === 'http-json') {
            if (g.path === undefined)
                r.error(path, `missing 'path': an http-json gate needs a JSONPath to the value, e.g. $.data.error_rate`, 'key');
            const providerHasUrl = provider.url !== undefined || provider.urlEnv !== undefined;
            if (g.url === undefined && !providerHasUrl) {
                r.error(path, `missing 'url': an http-json gate needs a url (absolute, or relative to the provider's url/urlEnv, which provider '${g.provider}' does not set)`, 'key');
            }
            else if (g.url !== undefined && !providerHasUrl && !isAbsoluteUrl(g.url)) {
                r.error([...path, 'url'], `is relative but provider '${g.provider}' has no url or urlEnv; write an absolute http(s) URL`);
            }
        }
        if (g.min === undefined && g.max === undefined) {
            r.error(path, `needs a threshold: min (fail below), max (fail above), or both`, 'key');
        }
        else if (g.min !== undefined && g.max !== undefined && g.min > g.max) {
            r.error([...path, 'min'], `min (${g.min}) is greater than max (${g.max}), so every measurement would fail`);
        }
        if (g.count !== undefined && g.failureLimit !== undefined && g.failureLimit >= g.count) {
            // Limits trip when exceeded; there are at most `count` failures, so a limit >= count never trips.
            r.error([...path, 'failureLimit'], `${g.failureLimit} allows every one of the ${g.count} measurements (count) to fail, so this gate can never fail; use at most ${g.count - 1}`);
        }
        if (g.onNoData === 'pass')
            r.warn([...path, 'onNoData'], `'pass' lets a region be promoted when this gate's query returns no data at all`);
        if (g.body !== undefined && (g.method ?? 'GET') !== 'POST')
            r.error([...path, 'body'], `a body is only sent with method: POST`);
        if (!used.has(name))
            r.warn(path, `gate '${name}' is not used by any stage (list it in a stage's gates or defaults.gates)`, 'key');
    }
    checkGateFit(plan, r);
}
/** A gate's measurements must fit in the shortest bake of every stage that uses it. */
function checkGateFit(plan, r) {
    const defaultSteps = plan.defaults?.steps;
    const defaultGates = plan.defaults?.gates ?? [];
    for (const [name, g] of Object.entries(plan.gates ?? {})) {
        const interval = (0,duration/* parseDuration */.E9)(g.interval ?? '1m') ?? 60_000;
        // A zero interval would measure again at the same instant forever (and a bake would need infinitely many measurements).
        if (interval <= 0) {
            r.error(['gates', name, 'interval'], `must be longer than 0s: the gate is measured once per interval, e.g. 30s or 1m`);
            continue;
        }
        // {{ window }} becomes a PromQL range such as [5m]: a zero range selects nothing (always no data).
        if (g.window !== undefined && (0,duration/* parseDuration */.E9)(g.window) === 0) {
            r.error(['gates', name, 'window'], `must be longer than 0s: it is the range the query looks back over, e.g. 5m (default: the interval)`);
        }
        const delay = (0,duration/* parseDuration */.E9)(g.initialDelay ?? '0s') ?? 0;
        const count = g.count ?? 1;
        const needed = count * interval + delay;
        let shortest;
        plan.stages.forEach((s) => {
            if (!(s.gates ?? defaultGates).includes(name))
                return;
            (s.steps ?? defaultSteps ?? []).forEach((step, i) => {
                const bake = (0,duration/* parseDuration */.E9)(step.bake ?? '0s') ?? 0;
                if (bake > 0 && (!shortest || bake < shortest.ms))
                    shortest = { ms: bake, stage: s.name, step: i + 1 };
            });
        });
        if (!shortest || needed <= shortest.ms)
            continue;
        const how = g.count !== undefined
            ? `count ${count} x interval ${(0,duration/* formatDuration */.a3)(interval)}${delay ? ` + initialDelay ${(0,duration/* formatDuration */.a3)(delay)}` : ''} = ${(0,duration/* formatDuration */.a3)(needed)}`
            : `one interval (${(0,duration/* formatDuration */.a3)(interval)})${delay ? ` + initialDelay ${(0,duration/* formatDuration */.a3)(delay)}` : ''} = ${(0,duration/* formatDuration */.a3)(needed)}`;
        const field = g.count !== undefined ? 'count' : g.interval !== undefined ? 'interval' : undefined;
        const path = field ? ['gates', name, field] : ['gates', name];
        r.error(path, `${how} does not fit in the shortest bake that uses this gate (${(0,duration/* formatDuration */.a3)(shortest.ms)}, stage '${shortest.stage}' step ${shortest.step}); lower count/interval or lengthen the bake`, field ? 'value' : 'key');
    }
}
// --- stages ---------------------------------------------------------------------------------------
function checkSteps(steps, path, r) {
    steps.forEach((step, i) => {
        const prev = steps[i - 1];
        if (prev && step.traffic <= prev.traffic) {
            r.error([...path, i, 'traffic'], `traffic must go up from step to step (1..100, ascending); got ${step.traffic} after ${prev.traffic}`);
        }
    });
}
function checkStages(plan, r) {
    const gateNames = Object.keys(plan.gates ?? {});
    const checkRefs = (refs, path) => refs?.forEach((ref, i) => {
        if (gateNames.includes(ref))
            return;
        const guess = closest(ref, gateNames);
        r.error([...path, i], `unknown gate '${ref}'${guess ? ` (did you mean '${guess}'?)` : ''}; ${gateNames.length ? `declared gates: ${gateNames.join(', ')}` : 'no gates are declared under gates'}`);
    });
    if (plan.defaults?.steps)
        checkSteps(plan.defaults.steps, ['defaults', 'steps'], r);
    checkRefs(plan.defaults?.gates, ['defaults', 'gates']);
    const regionAt = new Map();
    const stageAt = new Map();
    plan.stages.forEach((s, si) => {
        const path = ['stages', si];
        const first = stageAt.get(s.name);
        if (first !== undefined)
            r.error([...path, 'name'], `stage name '${s.name}' is already used by stages[${first}]; stage names must be unique`);
        else
            stageAt.set(s.name, si);
        s.regions.forEach((region, ri) => {
            const seen = regionAt.get(region);
            if (seen) {
                r.error([...path, 'regions', ri], `region '${region}' is already in stage '${seen.stage}' (${formatPath(seen.path)}); each region belongs to exactly one stage`);
            }
            else {
                regionAt.set(region, { stage: s.name, path: [...path, 'regions', ri] });
            }
        });
        if (!s.steps && !plan.defaults?.steps) {
            r.error(path, `stage '${s.name}' has no steps and the plan has no defaults.steps; add steps such as [{traffic: 100, bake: 10m}]`);
        }
        if (s.steps)
            checkSteps(s.steps, [...path, 'steps'], r);
        checkRefs(s.gates, [...path, 'gates']);
        const gates = s.gates ?? plan.defaults?.gates ?? [];
        const steps = s.steps ?? plan.defaults?.steps ?? [];
        if (gates.length > 0 && steps.length > 0 && steps.every((st) => ((0,duration/* parseDuration */.E9)(st.bake ?? '0s') ?? 0) === 0)) {
            r.error(path, `stage '${s.name}' has gates (${gates.join(', ')}) but no step bakes, so they would never be measured; give a step a bake such as 10m`);
        }
    });
}
// --- approvals ------------------------------------------------------------------------------------
const USER_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$/;
const TEAM_RE = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;
function checkPeople(users, teams, path, r) {
    users?.forEach((u, i) => {
        if (!USER_RE.test(u))
            r.error([...path, 'users', i], `must be a GitHub login (letters, digits and '-', at most 39 characters); got '${u}'`);
    });
    teams?.forEach((t, i) => {
        if (!TEAM_RE.test(t))
            r.error([...path, 'teams', i], `must be a team as org/team-slug, e.g. my-org/release-managers; got '${t}'`);
    });
}
function checkApprovals(plan, r) {
    checkPeople(plan.approvals?.users, plan.approvals?.teams, ['approvals'], r);
    plan.stages.forEach((s, si) => {
        if (s.approval && typeof s.approval === 'object')
            checkPeople(s.approval.users, s.approval.teams, ['stages', si, 'approval'], r);
    });
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/plan/workflows.ts
/**
 * Checks the plan against the workflow files it dispatches, when they are in the repository:
 * the workflow must exist, have an `on.workflow_dispatch` trigger, and declare every input the
 * plan sends (GitHub answers 422 otherwise), and the plan must send every required input.
 * Mismatches are reported at the plan's line, where the fix usually goes.
 */





function isDir(path) {
    try {
        return (0,external_node_fs_.statSync)(path).isDirectory();
    }
    catch {
        return false;
    }
}
/**
 * Finds `.github/workflows` for a plan file: walks up from the plan's folder to the repository
 * root (the folder holding `.git`), returning the first `.github/workflows` found.
 */
function findWorkflowsDir(planFile) {
    let dir = (0,external_node_path_.dirname)((0,external_node_path_.resolve)(planFile));
    for (let i = 0; i < 64; i++) {
        const candidate = (0,external_node_path_.join)(dir, '.github', 'workflows');
        if (isDir(candidate))
            return candidate;
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, '.git')))
            return undefined;
        const up = (0,external_node_path_.dirname)(dir);
        if (up === dir)
            return undefined;
        dir = up;
    }
    return undefined;
}
/** Reads the dispatch trigger and its inputs from a workflow file's text. */
function readWorkflow(text) {
    let doc;
    try {
        doc = (0,dist/* parse */.qg)(text, { prettyErrors: false });
    }
    catch (err) {
        return { ok: false, reason: `is not valid YAML (${err.message})` };
    }
    if (!doc || typeof doc !== 'object')
        return { ok: false, reason: 'is not a workflow (expected a YAML map with on: and jobs:)' };
    // YAML 1.1 readers turn a bare `on` key into `true`; accept both spellings.
    const record = doc;
    const on = record.on ?? record.true;
    let dispatch;
    let dispatchable = false;
    if (typeof on === 'string')
        dispatchable = on === 'workflow_dispatch';
    else if (Array.isArray(on))
        dispatchable = on.includes('workflow_dispatch');
    else if (on && typeof on === 'object' && 'workflow_dispatch' in on) {
        dispatchable = true;
        dispatch = on.workflow_dispatch;
    }
    const inputs = {};
    const declared = dispatch && typeof dispatch === 'object' ? dispatch.inputs : undefined;
    if (declared && typeof declared === 'object') {
        for (const [name, spec] of Object.entries(declared)) {
            const s = (spec && typeof spec === 'object' ? spec : {});
            const input = { required: s.required === true, hasDefault: s.default !== undefined && s.default !== null };
            if (typeof s.type === 'string')
                input.type = s.type;
            if (Array.isArray(s.options))
                input.options = s.options.map(String);
            inputs[name] = input;
        }
    }
    return { ok: true, dispatchable, inputs };
}
const TEMPLATE = /\{\{/;
/** Checks the deploy and rollback workflows in `dir` against the plan. */
function checkWorkflows(plan, dir, file, pos) {
    const r = new Reporter(file, pos);
    for (const kind of ['deploy', 'rollback']) {
        const spec = plan[kind];
        if (!spec)
            continue;
        const path = (0,external_node_path_.join)(dir, spec.workflow);
        if (!(0,external_node_fs_.existsSync)(path)) {
            r.error([kind, 'workflow'], `workflow '${spec.workflow}' not found in ${dir}`);
            continue;
        }
        const info = readWorkflow((0,external_node_fs_.readFileSync)(path, 'utf8'));
        if (!info.ok) {
            r.error([kind, 'workflow'], `${path} ${info.reason}`);
            continue;
        }
        if (!info.dispatchable) {
            r.error([kind, 'workflow'], `${spec.workflow} has no 'on: workflow_dispatch' trigger, so it cannot be dispatched; add workflow_dispatch with the inputs the plan sends`);
            continue;
        }
        const declaredNames = Object.keys(info.inputs);
        const sent = sentInputs(spec);
        for (const name of sent) {
            const declared = info.inputs[name];
            const isCorrelationOnly = name === spec.correlationInput && !(spec.inputs && name in spec.inputs);
            const at = isCorrelationOnly ? [kind, 'correlationInput'] : [kind, 'inputs', name];
            if (!declared) {
                r.error(at, `input '${name}' is not declared in ${spec.workflow} under on.workflow_dispatch.inputs (GitHub answers 422 'Unexpected inputs'); ${declaredNames.length ? `declared: ${declaredNames.join(', ')}` : 'it declares no inputs'}`, isCorrelationOnly ? 'value' : 'key');
                continue;
            }
            const value = spec.inputs?.[name];
            if (value === undefined || (typeof value === 'string' && TEMPLATE.test(value)))
                continue;
            const text = String(value);
            if (declared.type === 'choice' && declared.options && !declared.options.includes(text)) {
                r.error(at, `'${text}' is not one of the options ${spec.workflow} declares for '${name}': ${declared.options.join(', ')}`);
            }
            else if (declared.type === 'boolean' && text !== 'true' && text !== 'false') {
                r.error(at, `${spec.workflow} declares '${name}' as boolean; send true or false, not '${text}'`);
            }
            else if (declared.type === 'number' && !Number.isFinite(Number(text))) {
                r.error(at, `${spec.workflow} declares '${name}' as number; got '${text}'`);
            }
        }
        for (const [name, declared] of Object.entries(info.inputs)) {
            if (declared.required && !declared.hasDefault && !sent.includes(name)) {
                const at = spec.inputs ? [kind, 'inputs'] : [kind];
                r.error(at, `${spec.workflow} requires input '${name}' (required: true, no default) but the plan does not send it`, 'key');
            }
        }
    }
    return r.diagnostics;
}

// EXTERNAL MODULE: ./src/metrics/escape.ts
var metrics_escape = __webpack_require__(4506);
;// CONCATENATED MODULE: ./src/plan/load.ts
/**
 * Loads a release plan: YAML with source positions -> shape check (zod) -> semantic checks ->
 * workflow-file checks -> the resolved `Plan`. Every problem comes back as a positioned
 * diagnostic, all at once; the plan is returned only when there is no error.
 */











/** Aliases may expand a small file into a huge value ("billion laughs"); cap the expansion. */
const MAX_ALIAS_COUNT = 100;
/** Validates and resolves plan text; `file` is the path used in diagnostics and workflow discovery. */
function loadPlanText(text, file, opts = {}) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const pos = new PositionIndex(doc, lineCounter, text);
    const diagnostics = [];
    for (const err of doc.errors) {
        const at = pos.at(err.pos[0]);
        // Library wording that tells the reader to call a function is replaced by what to do.
        const message = err.code === 'MULTIPLE_DOCS' ? "a release plan is one YAML document; remove the '---' separator and what follows" : err.message;
        diagnostics.push({ file, line: at.line, col: at.col, message: `YAML syntax error: ${message}`, severity: 'error' });
    }
    for (const warning of doc.warnings) {
        const at = pos.at(warning.pos[0]);
        diagnostics.push({ file, line: at.line, col: at.col, message: `YAML: ${warning.message}`, severity: 'warning' });
    }
    // A list or map used as a key (`? [a, b]: x`) has no meaning in a plan, and turning it into a
    // JS object key would only print a runtime warning; report it where it is written.
    (0,dist/* visit */.YR)(doc, {
        Pair(_key, pair) {
            if ((0,dist/* isPair */.tO)(pair) && (0,dist/* isCollection */.P3)(pair.key)) {
                const at = pos.at(pair.key.range?.[0] ?? 0);
                diagnostics.push({ file, line: at.line, col: at.col, message: 'YAML: a map key must be a plain name, not a list or a map', severity: 'error' });
            }
        },
    });
    if ((0,plan_diagnostics/* hasErrors */.Cs)(diagnostics))
        return { diagnostics: (0,plan_diagnostics/* sortDiagnostics */.Ds)(diagnostics) };
    let data;
    try {
        data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (err) {
        diagnostics.push({ file, line: 1, col: 1, message: `YAML: ${err.message}`, severity: 'error' });
        return { diagnostics };
    }
    const parsed = PlanSchema.safeParse(data);
    if (!parsed.success) {
        diagnostics.push(...issuesToDiagnostics(parsed.error.issues, data, pos, file, PlanSchema));
        return { diagnostics: (0,plan_diagnostics/* sortDiagnostics */.Ds)(diagnostics) };
    }
    const input = parsed.data;
    diagnostics.push(...checkSemantics(input, file, pos));
    const dir = opts.workflowsDir === false ? undefined : (opts.workflowsDir ?? ((0,external_node_fs_.existsSync)(file) ? findWorkflowsDir(file) : undefined));
    if (dir !== undefined)
        diagnostics.push(...checkWorkflows(input, dir, file, pos));
    const sorted = (0,plan_diagnostics/* sortDiagnostics */.Ds)(diagnostics);
    if ((0,plan_diagnostics/* hasErrors */.Cs)(sorted))
        return { diagnostics: sorted };
    const plan = normalizePlan(input, file, pos);
    // Values that cannot be made safe for the query language (PromQL label, URL, JSON) are refused
    // here, before a release starts, at the gate that would render them.
    const unsafe = (0,metrics_escape/* unsafeTemplateValues */.N3)(plan).map((u) => {
        const at = plan.gates[u.gate]?.pos ?? { line: 1, col: 1 };
        return { file, line: at.line, col: at.col, severity: 'error', message: `gates.${u.gate}.${u.field}: ${u.message} (stage ${u.stage}, region ${u.region}, step ${u.step + 1})` };
    });
    if (unsafe.length > 0)
        return { diagnostics: (0,plan_diagnostics/* sortDiagnostics */.Ds)([...sorted, ...unsafe]) };
    return { plan, diagnostics: sorted };
}
/** Reads and validates a plan file; a missing or unreadable file is a diagnostic, not a throw. */
function loadPlanFile(path, opts = {}) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (err) {
        const code = err.code;
        const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, expected a YAML file' : err.message;
        return { diagnostics: [{ file: path, line: 1, col: 1, message: `cannot read the release plan: ${why}`, severity: 'error' }] };
    }
    return loadPlanText(text, path, opts);
}
/**
 * The release id: `<name>-<version>` with the version reduced to `[A-Za-z0-9._-]`, plus a short
 * hash of the original version when that changed it (so `1.0/a` and `1.0:a` stay distinct).
 * It names check runs, deployments and state records, so it must be stable and safe everywhere.
 */
function releaseIdOf(planName, version) {
    const clean = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
    const name = clean(planName) || 'release';
    let v = clean(version);
    const changed = v !== version || v.length > 64 || name !== planName;
    if (v.length > 64)
        v = v.slice(0, 64);
    const base = v ? `${name}-${v}` : name;
    if (!changed)
        return base;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(`${planName}\u0000${version}`).digest('hex').slice(0, 8);
    return `${base}-${hash}`;
}


/***/ }),

/***/ 7909:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $w: () => (/* binding */ TemplateError),
/* harmony export */   S3: () => (/* binding */ contextValues),
/* harmony export */   VP: () => (/* binding */ BUILTIN_NAMES),
/* harmony export */   Xm: () => (/* binding */ renderTemplate),
/* harmony export */   dc: () => (/* binding */ templateRefs)
/* harmony export */ });
const TOKEN_RE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;
const OPEN_RE = /\{\{/g;
/** Names every template may use, besides `vars.NAME` for the plan's own variables. */
const BUILTIN_NAMES = [
    'region',
    'stage',
    'version',
    'release.id',
    'step.traffic',
    'step.index',
    'window',
    'correlation.id',
];
/** Lists the `{{ name }}` references in a template, and any `{{` that is not a well-formed reference. */
function templateRefs(text) {
    const refs = [];
    const good = new Set();
    for (const m of text.matchAll(TOKEN_RE)) {
        refs.push({ name: m[1] ?? '', offset: m.index ?? 0 });
        good.add(m.index ?? 0);
    }
    const malformed = [];
    for (const m of text.matchAll(OPEN_RE))
        if (!good.has(m.index ?? 0))
            malformed.push(m.index ?? 0);
    return { refs, malformed };
}
/** Flattens a context into the names templates use (`step.traffic`, `vars.service`, ...). */
function contextValues(ctx) {
    const values = {
        region: ctx.region,
        stage: ctx.stage,
        version: ctx.version,
        'release.id': ctx.releaseId,
        'step.traffic': String(ctx.step.traffic),
        'step.index': String(ctx.step.index),
    };
    if (ctx.window !== undefined)
        values.window = ctx.window;
    if (ctx.correlationId !== undefined)
        values['correlation.id'] = ctx.correlationId;
    for (const [k, v] of Object.entries(ctx.vars))
        values[`vars.${k}`] = v;
    return values;
}
/** Thrown when a template names something the context does not have. */
class TemplateError extends Error {
}
/**
 * Renders a template. `escape` is applied to every substituted value (not to the template
 * text), so a version string cannot break out of a PromQL label or a URL path segment.
 */
function renderTemplate(text, values, escape = (v) => v) {
    return text.replace(TOKEN_RE, (_whole, name) => {
        const value = values[name];
        if (value === undefined)
            throw new TemplateError(`unknown template variable '{{ ${name} }}'`);
        return escape(value, name);
    });
}


/***/ })

};

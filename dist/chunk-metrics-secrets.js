import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);

// src/metrics/secrets.ts
var MIN_REDACT_LENGTH = 3;
function secretEnvNames(provider) {
  const names = [];
  if ("bearerTokenEnv" in provider && provider.bearerTokenEnv) names.push(provider.bearerTokenEnv);
  if ("basicAuth" in provider && provider.basicAuth) names.push(provider.basicAuth.usernameEnv, provider.basicAuth.passwordEnv);
  if (provider.type === "datadog") names.push(provider.apiKeyEnv, provider.appKeyEnv);
  for (const value of Object.values(provider.headers ?? {})) if (typeof value !== "string") names.push(value.env);
  return names;
}
var Redactor = class {
  needles = /* @__PURE__ */ new Set();
  /** The needles longest first, sorted once per change, not on every `redact` (every provider message goes through it). */
  sorted;
  /** Adds a secret; its URL-encoded and base64 forms are scrubbed too (they travel in URLs and Basic auth). */
  add(secret) {
    if (secret.length < MIN_REDACT_LENGTH) return;
    this.sorted = void 0;
    this.needles.add(secret);
    this.needles.add(encodeURIComponent(secret));
    this.needles.add(Buffer.from(secret).toString("base64"));
    const jsonEscaped = JSON.stringify(secret).slice(1, -1);
    if (jsonEscaped !== secret) this.needles.add(jsonEscaped);
  }
  /** Scrubs `user:pass` pairs as sent in Basic auth (base64 of the pair). */
  addBasic(user, pass) {
    const pair = `${user}:${pass}`;
    this.sorted = void 0;
    this.needles.add(Buffer.from(pair).toString("base64"));
    this.add(pass);
  }
  /** Text with every secret replaced by `***`, and credentials in URLs (`https://u:p@host`) removed. */
  redact(text) {
    let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, "$1***@");
    this.sorted ??= [...this.needles].sort((a, b) => b.length - a.length);
    for (const needle of this.sorted) out = out.split(needle).join("***");
    return out;
  }
};
function collectSecrets(plan, env, setSecret) {
  const redactor = new Redactor();
  for (const provider of Object.values(plan.providers)) {
    for (const name of secretEnvNames(provider)) {
      const value = env[name];
      if (value === void 0 || value === "") continue;
      setSecret(value);
      redactor.add(value);
    }
    if ("basicAuth" in provider && provider.basicAuth) {
      const user = env[provider.basicAuth.usernameEnv];
      const pass = env[provider.basicAuth.passwordEnv];
      if (user !== void 0 && pass !== void 0) {
        const pair = Buffer.from(`${user}:${pass}`).toString("base64");
        setSecret(pair);
        redactor.addBasic(user, pass);
      }
    }
  }
  return redactor;
}
function requireEnv(env, name, what) {
  const value = env[name];
  if (value === void 0 || value === "") throw new MissingEnvError(`${what}: environment variable ${name} is not set`);
  return value;
}
var MissingEnvError = class extends Error {
  name = "MissingEnvError";
};

export {
  collectSecrets,
  requireEnv
};

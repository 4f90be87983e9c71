/**
 * Secrets of the metric providers: read from the environment variables the plan NAMES (never
 * from the file), masked in the runner log (`core.setSecret`), and scrubbed from every message
 * we produce by one redactor. Backends echo what they were sent (a bad token in a 401 body, a
 * header in a proxy error), so every error text goes through `redact` before it leaves a provider.
 */
import type { Plan, Provider } from '../plan/types.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Secrets shorter than this are not scrubbed from text (a 1-char "secret" would shred messages); they are still masked. */
const MIN_REDACT_LENGTH = 3;

/** The environment variable names a provider reads secrets from. */
export function secretEnvNames(provider: Provider): string[] {
  const names: string[] = [];
  if ('bearerTokenEnv' in provider && provider.bearerTokenEnv) names.push(provider.bearerTokenEnv);
  if ('basicAuth' in provider && provider.basicAuth) names.push(provider.basicAuth.usernameEnv, provider.basicAuth.passwordEnv);
  if (provider.type === 'datadog') names.push(provider.apiKeyEnv, provider.appKeyEnv);
  for (const value of Object.values(provider.headers ?? {})) if (typeof value !== 'string') names.push(value.env);
  return names;
}

/** Scrubs known secret values (and their encoded forms) from text. */
export class Redactor {
  private readonly needles = new Set<string>();
  /** The needles longest first, sorted once per change, not on every `redact` (every provider message goes through it). */
  private sorted: string[] | undefined;

  /** Adds a secret; its URL-encoded and base64 forms are scrubbed too (they travel in URLs and Basic auth). */
  add(secret: string): void {
    if (secret.length < MIN_REDACT_LENGTH) return;
    this.sorted = undefined;
    this.needles.add(secret);
    this.needles.add(encodeURIComponent(secret));
    this.needles.add(Buffer.from(secret).toString('base64'));
    // Echoed inside a raw JSON body (error excerpts quote the body as sent), quotes and backslashes arrive escaped.
    const jsonEscaped = JSON.stringify(secret).slice(1, -1);
    if (jsonEscaped !== secret) this.needles.add(jsonEscaped);
  }

  /** Scrubs `user:pass` pairs as sent in Basic auth (base64 of the pair). */
  addBasic(user: string, pass: string): void {
    const pair = `${user}:${pass}`;
    this.sorted = undefined;
    this.needles.add(Buffer.from(pair).toString('base64'));
    this.add(pass);
  }

  /** Text with every secret replaced by `***`, and credentials in URLs (`https://u:p@host`) removed. */
  redact(text: string): string {
    let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@');
    // Longest first, so a secret that contains another is scrubbed whole.
    this.sorted ??= [...this.needles].sort((a, b) => b.length - a.length);
    for (const needle of this.sorted) out = out.split(needle).join('***');
    return out;
  }
}

/**
 * Reads every secret the plan's providers name, masks each with `setSecret` and returns the
 * redactor. Missing variables are not an error here: the provider reports them (as an error
 * observation) when a gate needs them, naming the variable.
 */
export function collectSecrets(plan: Pick<Plan, 'providers'>, env: Env, setSecret: (value: string) => void): Redactor {
  const redactor = new Redactor();
  for (const provider of Object.values(plan.providers)) {
    for (const name of secretEnvNames(provider)) {
      const value = env[name];
      if (value === undefined || value === '') continue;
      setSecret(value);
      redactor.add(value);
    }
    if ('basicAuth' in provider && provider.basicAuth) {
      const user = env[provider.basicAuth.usernameEnv];
      const pass = env[provider.basicAuth.passwordEnv];
      if (user !== undefined && pass !== undefined) {
        const pair = Buffer.from(`${user}:${pass}`).toString('base64');
        setSecret(pair);
        redactor.addBasic(user, pass);
      }
    }
  }
  return redactor;
}

/** Reads a named variable, or explains which one is missing (the name is not secret, the value is). */
export function requireEnv(env: Env, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new MissingEnvError(`${what}: environment variable ${name} is not set`);
  return value;
}

export class MissingEnvError extends Error {
  override name = 'MissingEnvError';
}

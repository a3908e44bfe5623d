/**
 * The one place that knows what a secret looks like in Dyad's settings, and how to keep it out of
 * logs, CLI output and error messages. Everything that prints a URL or a setting, and every
 * logger and CLI stream, goes through here.
 *
 * Secrets are (1) the password of every URL in a setting (`redis://:PW@…`, `postgres://u:PW@…`,
 * each server of a comma-separated `NATS_URL`, and a lone token `nats://TOKEN@host`), and (2) the
 * value of every setting whose name says it is one (`…PASSWORD`, `…SECRET`, `…TOKEN`).
 */

/** What a secret is replaced with. */
export const REDACTED = '***';

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN)$/i;
const URL_WITH_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]*@/i;

type Settings = Readonly<Record<string, unknown>>;

/** Whether a setting's name says its value is a secret (NATS_PASSWORD, API_TOKEN, …). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The user-info of each `scheme://user:password@host` in `text` (comma-separated lists too). */
function userInfos(text: string): { user: string; password: string | undefined }[] {
  const found: { user: string; password: string | undefined }[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*[a-z][a-z0-9+.-]*:\/\/([^/?#\s]*)@/i.exec(part);
    if (!m?.[1]) continue;
    const info = m[1];
    const colon = info.indexOf(':');
    found.push(
      colon === -1
        ? { user: info, password: undefined }
        : { user: info.slice(0, colon), password: info.slice(colon + 1) },
    );
  }
  return found;
}

/**
 * The secrets in these settings: URL passwords (and lone URL tokens), and the values of settings
 * named as secrets. Each is given raw and, when it differs, percent-decoded.
 */
export function secretsOf(...settings: readonly (Settings | undefined)[]): string[] {
  const secrets = new Set<string>();
  const add = (value: string | undefined) => {
    if (!value) return;
    secrets.add(value);
    secrets.add(decode(value));
  };
  for (const env of settings) {
    for (const [name, value] of Object.entries(env ?? {})) {
      if (typeof value !== 'string' || value === '') continue;
      if (isSecretName(name)) add(value);
      for (const { user, password } of userInfos(value)) {
        // `nats://TOKEN@host`: a lone user-info is a token for NATS, a user name elsewhere.
        add(password ?? (/^nats|^tls/i.test(value.trim()) ? user : undefined));
      }
    }
  }
  secrets.delete('');
  return [...secrets];
}

/**
 * A URL, or a comma-separated list of them, with each password (and each lone NATS token)
 * replaced by ***; the user name, host, path and query stay. Anything that is not such a URL is
 * returned unchanged.
 */
export function redactUrl(url: string): string {
  return url
    .split(',')
    .map((part) => {
      if (!URL_WITH_USERINFO.test(part.trim())) return part;
      return part.replace(
        /^(\s*([a-z][a-z0-9+.-]*):\/\/)([^/?#\s]*)@/i,
        (_all, head: string, scheme, info) => {
          const colon = info.indexOf(':');
          if (colon !== -1) return `${head}${info.slice(0, colon)}:${REDACTED}@`;
          return /^(nats|tls)$/i.test(scheme) ? `${head}${REDACTED}@` : `${head}${info}@`;
        },
      );
    })
    .join(',');
}

/** Settings fit to print: secret-named ones as ***, URLs with their passwords as ***. */
export function redactSettings(settings: Settings): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(settings).map(([name, value]) => {
      if (typeof value !== 'string' || value === '') return [name, value];
      return [name, isSecretName(name) ? REDACTED : redactUrl(value)];
    }),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces known secrets in text. `text()` replaces them anywhere (CLI output, error messages);
 * `jsonLine()` replaces them only inside the string literals of a JSON line, so that a password
 * such as `true` or `1.5` does not break the line's booleans and numbers.
 */
export class Redactor {
  private readonly pattern: RegExp | undefined;

  constructor(secrets: readonly string[]) {
    // Each secret also as it appears inside a JSON string (quotes and backslashes escaped).
    const forms = new Set<string>();
    for (const s of secrets) {
      if (!s) continue;
      forms.add(s);
      forms.add(JSON.stringify(s).slice(1, -1));
      forms.add(encodeURIComponent(s));
    }
    // Longest first, so that a secret containing another is replaced whole.
    const sorted = [...forms].sort((a, b) => b.length - a.length);
    this.pattern = sorted.length ? new RegExp(sorted.map(escapeRegExp).join('|'), 'g') : undefined;
  }

  /** Secrets from settings (see secretsOf). */
  static of(...settings: readonly (Settings | undefined)[]): Redactor {
    return new Redactor(secretsOf(...settings));
  }

  get empty(): boolean {
    return this.pattern === undefined;
  }

  /** Text with every known secret replaced by ***, and every URL's password too. */
  text(text: string): string {
    const known = this.pattern ? text.replace(this.pattern, REDACTED) : text;
    return redactUrlsIn(known);
  }

  /** A JSON line with known secrets and URL passwords replaced inside its string literals only. */
  jsonLine(line: string): string {
    if (!this.pattern && !line.includes('@')) return line;
    return line.replace(/"(?:[^"\\]|\\.)*"/g, (literal) => this.text(literal));
  }
}

/** Every `scheme://user:password@` in free text with its password as ***. */
export function redactUrlsIn(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(
    /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:"'`]*):([^\s/?#@"'`]+)@/gi,
    (_all, head: string, user: string) => `${head}${user}:${REDACTED}@`,
  );
}

/**
 * The servers and credentials of a NATS_URL: user and password (or token) written inside the
 * URLs are taken out of them and returned, so that they are used (nats.js ignores them) and
 * never travel in a server list that the client may log.
 */
export function natsServers(url: string): {
  servers: string[];
  user?: string;
  pass?: string;
  token?: string;
} {
  const servers: string[] = [];
  let user: string | undefined;
  let pass: string | undefined;
  let token: string | undefined;
  for (const raw of url.split(',')) {
    const server = raw.trim();
    if (!server) continue;
    const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#\s]*)@(.*)$/i.exec(server);
    if (!m) {
      servers.push(server);
      continue;
    }
    const [, head = '', info = '', rest = ''] = m;
    servers.push(`${head}${rest}`);
    const colon = info.indexOf(':');
    if (colon === -1) token ??= decode(info);
    else {
      user ??= decode(info.slice(0, colon));
      pass ??= decode(info.slice(colon + 1));
    }
  }
  return {
    servers,
    ...(user === undefined ? {} : { user }),
    ...(pass === undefined ? {} : { pass }),
    ...(token === undefined ? {} : { token }),
  };
}

/**
 * Compose's variable interpolation and `.env` files, as `docker compose` applies them to
 * docker-compose.yml before anything else: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alternative}`, `${VAR+alternative}` (defaults and
 * messages may nest `${…}`), and `$$` for a literal `$`. Values only: keys are never interpolated.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export interface Interpolated {
  readonly value: string;
  /** Every variable the template names, also inside defaults that were not needed. */
  readonly variables: readonly string[];
  /** `${VAR:?message}` with VAR unset (or empty), and malformed templates. */
  readonly errors: readonly string[];
  /** Variables that were unset and had no default: compose substitutes "" and warns. */
  readonly unset: readonly string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';
const OPERATORS: readonly Operator[] = [':-', ':?', ':+', '-', '?', '+'];

/** Index of the `}` that closes the `${` whose body starts at `start`, or -1. */
function closingBrace(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '$') {
      i++;
    } else if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Interpolates one string the way compose does. */
export function interpolate(template: string, env: Env): Interpolated {
  const variables = new Set<string>();
  const errors: string[] = [];
  const unset = new Set<string>();

  const run = (text: string, evaluate: boolean): string => {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c !== '$') {
        out += c;
        i++;
        continue;
      }
      const next = text[i + 1];
      if (next === '$') {
        out += '$';
        i += 2;
        continue;
      }
      if (next === '{') {
        const end = closingBrace(text, i + 2);
        if (end < 0) {
          errors.push(`invalid template "${text.slice(i)}": no closing brace`);
          return out;
        }
        out += braced(text.slice(i + 2, end), evaluate);
        i = end + 1;
        continue;
      }
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (name === undefined) {
        errors.push(`invalid template "${text.slice(i, i + 8)}": use $$ for a literal $`);
        out += '$';
        i++;
        continue;
      }
      variables.add(name);
      const value = env[name];
      if (evaluate && value === undefined) unset.add(name);
      out += value ?? '';
      i += 1 + name.length;
    }
    return out;
  };

  const braced = (body: string, evaluate: boolean): string => {
    const name = NAME.exec(body)?.[0];
    if (name === undefined) {
      errors.push(`invalid template "\${${body}}": expected a variable name`);
      return '';
    }
    variables.add(name);
    const rest = body.slice(name.length);
    const value = env[name];
    if (rest === '') {
      if (evaluate && value === undefined) unset.add(name);
      return value ?? '';
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op === undefined) {
      errors.push(`invalid template "\${${body}}": unknown modifier "${rest}"`);
      return '';
    }
    const word = rest.slice(op.length);
    const isSet = value !== undefined;
    const isNonEmpty = value !== undefined && value !== '';
    switch (op) {
      case ':-':
      case '-': {
        const useDefault = op === ':-' ? !isNonEmpty : !isSet;
        const resolved = run(word, evaluate && useDefault);
        return useDefault ? resolved : (value ?? '');
      }
      case ':?':
      case '?': {
        const missing = op === ':?' ? !isNonEmpty : !isSet;
        const message = run(word, evaluate && missing);
        if (evaluate && missing)
          errors.push(`required variable ${name} is missing a value${message ? `: ${message}` : ''}`);
        return value ?? '';
      }
      case ':+':
      case '+': {
        const useAlternative = op === ':+' ? isNonEmpty : isSet;
        const resolved = run(word, evaluate && useAlternative);
        return useAlternative ? resolved : '';
      }
    }
  };

  const value = run(template, true);
  return { value, variables: [...variables], errors, unset: [...unset] };
}

export interface InterpolatedDocument<T> {
  readonly value: T;
  readonly variables: ReadonlySet<string>;
  readonly errors: readonly string[];
  readonly unset: ReadonlySet<string>;
}

/** Interpolates every string value (never a key) of a parsed YAML document. */
export function interpolateDocument<T>(document: T, env: Env): InterpolatedDocument<T> {
  const variables = new Set<string>();
  const errors: string[] = [];
  const unset = new Set<string>();
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      const result = interpolate(node, env);
      for (const v of result.variables) variables.add(v);
      for (const v of result.unset) unset.add(v);
      for (const e of result.errors) errors.push(`${path}: ${e}`);
      return result.value;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${path}[${i}]`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, walk(value, path ? `${path}.${key}` : key)]),
      );
    }
    return node;
  };
  return { value: walk(document, '') as T, variables, errors, unset };
}

/**
 * A `.env` file as compose reads it: `KEY=value` lines, `export KEY=value`, blank lines and
 * `# comments`; unquoted values end at ` #`; "double quotes" understand \n \t \" \\; 'single
 * quotes' are literal. Later lines win.
 */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match?.[1]) throw new Error(`.env line ${index + 1}: expected KEY=VALUE, got "${raw}"`);
    const key = match[1];
    let value = match[2] ?? '';
    if (value.startsWith('"')) {
      let j = 1;
      let parsed = '';
      for (; j < value.length && value[j] !== '"'; j++) {
        if (value[j] === '\\' && j + 1 < value.length) {
          j++;
          const escaped = value[j] ?? '';
          parsed += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[escaped] ?? escaped;
        } else parsed += value[j];
      }
      if (j >= value.length) throw new Error(`.env line ${index + 1}: unterminated double quote in "${raw}"`);
      value = parsed;
    } else if (value.startsWith("'")) {
      const end = value.indexOf("'", 1);
      if (end < 0) throw new Error(`.env line ${index + 1}: unterminated single quote in "${raw}"`);
      value = value.slice(1, end);
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[key] = value;
  }
  return out;
}

/**
 * A small Dockerfile reader: stages, their instructions, and what an image built for a target
 * runs (ENTRYPOINT, CMD, ENV, WORKDIR, USER, HEALTHCHECK, inherited from parent stages). Enough
 * to check a Dockerfile against the workspace and to run a target's command as a process; it
 * follows the Dockerfile reference for line continuations, comments, parser directives, ARG
 * before FROM, `FROM … AS name`, and the JSON (exec) and shell forms.
 */
import { posix } from 'node:path';

export interface Instruction {
  readonly keyword: string;
  /** The text after the keyword, continuations joined. */
  readonly args: string;
  readonly line: number;
}

export interface Stage {
  readonly name: string;
  readonly index: number;
  /** The image or stage it starts from, build args substituted. */
  readonly from: string;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  readonly globalArgs: Readonly<Record<string, string>>;
  readonly stages: readonly Stage[];
}

/** Splits into instructions: `\` continues a line, `#` lines are comments (also inside continuations). */
export function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  let escapeChar = '\\';
  let current: { text: string; line: number } | undefined;
  let directivesAllowed = true;
  for (const [i, raw] of lines.entries()) {
    const directive = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(raw);
    if (directivesAllowed && directive) {
      if (directive[1]?.toLowerCase() === 'escape') escapeChar = directive[2] ?? '\\';
      continue;
    }
    directivesAllowed = false;
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (current === undefined && trimmed === '')) continue;
    const continues = trimmed.endsWith(escapeChar);
    const body = continues ? trimmed.slice(0, -escapeChar.length) : trimmed;
    current = current ? { text: `${current.text} ${body}`, line: current.line } : { text: body, line: i + 1 };
    if (!continues) {
      const match = /^(\S+)\s*(.*)$/s.exec(current.text.trim());
      if (match?.[1])
        out.push({ keyword: match[1].toUpperCase(), args: (match[2] ?? '').trim(), line: current.line });
      current = undefined;
    }
  }
  if (current) {
    const match = /^(\S+)\s*(.*)$/s.exec(current.text.trim());
    if (match?.[1])
      out.push({ keyword: match[1].toUpperCase(), args: (match[2] ?? '').trim(), line: current.line });
  }
  return out;
}

/** `${NAME}`, `${NAME:-default}` and `$NAME` from build args. */
export function substitute(text: string, vars: Readonly<Record<string, string | undefined>>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, a, d, b) => {
      const value = vars[a ?? b];
      return value !== undefined && value !== '' ? value : (d ?? '');
    },
  );
}

export function parseDockerfile(text: string): Dockerfile {
  const globalArgs: Record<string, string> = {};
  const stages: { name: string; index: number; from: string; instructions: Instruction[] }[] = [];
  for (const ins of instructions(text)) {
    if (ins.keyword === 'FROM') {
      const parts = ins.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      const image = substitute(parts[0] ?? '', globalArgs);
      const as = parts[1]?.toUpperCase() === 'AS' ? parts[2] : undefined;
      stages.push({ name: as ?? String(stages.length), index: stages.length, from: image, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) {
      if (ins.keyword === 'ARG')
        for (const [k, v] of Object.entries(parseKeyValues(ins.args))) globalArgs[k] = v;
      continue;
    }
    stage.instructions.push(ins);
  }
  return { globalArgs, stages };
}

/** `KEY=value KEY2="x y"` (or the legacy `KEY value`) as used by ENV, ARG and LABEL. */
export function parseKeyValues(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  // The legacy form: the first word has no "=", and the rest of the line is the value.
  if (!/^[^\s=]+=/.test(args)) {
    const [key, ...rest] = args.split(/\s+/);
    if (key) out[key] = rest.join(' ');
    return out;
  }
  const re = /([A-Za-z_][A-Za-z0-9_.-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (const m of args.matchAll(re)) {
    const key = m[1] ?? '';
    let value = m[2] ?? '';
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    else if (value.startsWith("'")) value = value.slice(1, -1);
    out[key] = value;
  }
  return out;
}

/** Exec form (`["a", "b"]`) → argv; shell form → `/bin/sh -c "…"`. */
export function commandForm(args: string): { exec: boolean; argv: string[] } {
  const text = args.trim();
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string'))
        return { exec: true, argv: parsed };
    } catch {
      // Not valid JSON: Docker then treats it as the shell form.
    }
  }
  return { exec: false, argv: ['/bin/sh', '-c', text] };
}

export interface CopyInstruction {
  readonly stage: string;
  readonly stageIndex: number;
  readonly line: number;
  /** `--from=` stage or image; undefined copies from the build context. */
  readonly from?: string;
  readonly sources: readonly string[];
  /** Absolute destination, resolved against the stage's WORKDIR. */
  readonly destination: string;
  /** The destination is a folder to copy into: written with a trailing `/` (or `.`), or several sources. */
  readonly intoFolder: boolean;
  readonly flags: Readonly<Record<string, string>>;
}

/** Splits COPY/ADD arguments into flags, sources and destination (JSON form too). */
function copyParts(args: string): { flags: Record<string, string>; paths: string[] } {
  const flags: Record<string, string> = {};
  let rest = args.trim();
  for (;;) {
    const flag = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest);
    if (!flag?.[1]) break;
    flags[flag[1]] = flag[2] ?? 'true';
    rest = rest.slice(flag[0].length);
  }
  const form = commandForm(rest);
  return { flags, paths: form.exec ? form.argv : rest.split(/\s+/).filter(Boolean) };
}

/** A RUN instruction with what it runs under: its stage's WORKDIR and ENV at that point. */
export interface RunInstruction {
  readonly stage: string;
  readonly stageIndex: number;
  readonly line: number;
  /** RUN's own flags, e.g. `mount` → `type=cache,id=…,target=/pnpm/store` (a flag may repeat). */
  readonly flags: readonly { readonly name: string; readonly value: string }[];
  /** The command, RUN's flags removed (shell form text, or the exec form's argv joined). */
  readonly command: string;
  readonly exec: boolean;
  readonly workdir: string;
  readonly env: Readonly<Record<string, string>>;
}

/** Splits RUN's arguments into its flags (`--mount=…`, `--network=…`) and the command. */
export function runParts(args: string): Pick<RunInstruction, 'flags' | 'command' | 'exec'> {
  const flags: { name: string; value: string }[] = [];
  let rest = args.trim();
  for (;;) {
    const flag = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest);
    if (!flag?.[1]) break;
    flags.push({ name: flag[1], value: flag[2] ?? 'true' });
    rest = rest.slice(flag[0].length);
  }
  const form = commandForm(rest);
  return { flags, command: form.exec ? form.argv.join(' ') : rest, exec: form.exec };
}

export interface ImageConfig {
  /** The stages from the first (FROM an image) to the target. */
  readonly chain: readonly Stage[];
  readonly baseImage: string;
  readonly env: Readonly<Record<string, string>>;
  readonly workdir: string;
  readonly user?: string;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  /** undefined: none set; `NONE` disables an inherited one. */
  readonly healthcheck?:
    | {
        readonly options: Readonly<Record<string, string>>;
        readonly argv: readonly string[];
        readonly exec: boolean;
      }
    | 'NONE';
  readonly exposed: readonly string[];
  readonly copies: readonly CopyInstruction[];
  readonly runs: readonly string[];
  /** The same RUN instructions, each with its stage, flags, WORKDIR and ENV. */
  readonly runInstructions: readonly RunInstruction[];
}

export function stageByName(file: Dockerfile, name: string): Stage | undefined {
  return file.stages.find((s) => s.name === name);
}

/**
 * What the image of `target` is configured with, following FROM <stage> up to a base image.
 * (The base image's own ENTRYPOINT/CMD/ENV are unknown here; the Dockerfile must set what it uses.)
 */
export function imageConfig(file: Dockerfile, target: string | Stage): ImageConfig {
  const chain: Stage[] = [];
  let stage = typeof target === 'string' ? stageByName(file, target) : target;
  if (!stage) throw new Error(`no stage named ${String(target)}`);
  while (stage) {
    chain.unshift(stage);
    const parentName: string = stage.from;
    const parent: Stage | undefined = file.stages.find(
      (s) => s.name === parentName && s.index < (stage?.index ?? 0),
    );
    stage = parent;
  }
  const env: Record<string, string> = {};
  const args: Record<string, string> = { ...file.globalArgs };
  let workdir = '/';
  let user: string | undefined;
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  let healthcheck: ImageConfig['healthcheck'];
  const exposed: string[] = [];
  const copies: CopyInstruction[] = [];
  const runs: string[] = [];
  const runInstructions: RunInstruction[] = [];
  for (const s of chain) {
    for (const ins of s.instructions) {
      const vars = { ...args, ...env };
      switch (ins.keyword) {
        case 'ARG':
          for (const [k, v] of Object.entries(parseKeyValues(ins.args)))
            args[k] = v || (file.globalArgs[k] ?? '');
          break;
        case 'ENV':
          for (const [k, v] of Object.entries(parseKeyValues(ins.args))) env[k] = substitute(v, vars);
          break;
        case 'WORKDIR':
          workdir = posix.resolve(workdir, substitute(ins.args, vars));
          break;
        case 'USER':
          user = substitute(ins.args, vars);
          break;
        case 'ENTRYPOINT':
          entrypoint = commandForm(ins.args).argv;
          // Docker: setting ENTRYPOINT resets a CMD inherited from a parent.
          cmd = [];
          break;
        case 'CMD':
          cmd = commandForm(ins.args).argv;
          break;
        case 'EXPOSE':
          exposed.push(...substitute(ins.args, vars).split(/\s+/).filter(Boolean));
          break;
        case 'RUN':
          runs.push(ins.args);
          runInstructions.push({
            stage: s.name,
            stageIndex: s.index,
            line: ins.line,
            ...runParts(ins.args),
            workdir,
            env: { ...env },
          });
          break;
        case 'HEALTHCHECK': {
          if (ins.args.trim().toUpperCase() === 'NONE') {
            healthcheck = 'NONE';
            break;
          }
          const options: Record<string, string> = {};
          let rest = ins.args;
          for (;;) {
            const opt = /^--([a-z-]+)=(\S+)\s+/.exec(rest);
            if (!opt?.[1]) break;
            options[opt[1]] = opt[2] ?? '';
            rest = rest.slice(opt[0].length);
          }
          const cmdMatch = /^CMD\s+(.*)$/s.exec(rest.trim());
          if (!cmdMatch) throw new Error(`line ${ins.line}: HEALTHCHECK needs CMD or NONE`);
          const form = commandForm(cmdMatch[1] ?? '');
          healthcheck = { options, argv: form.argv, exec: form.exec };
          break;
        }
        case 'COPY':
        case 'ADD': {
          const { flags, paths } = copyParts(ins.args);
          const destination = substitute(paths.at(-1) ?? '', vars);
          const sources = paths.slice(0, -1).map((p) => substitute(p, vars));
          copies.push({
            stage: s.name,
            stageIndex: s.index,
            line: ins.line,
            ...(flags.from === undefined ? {} : { from: flags.from }),
            sources,
            destination: posix.resolve(workdir, destination),
            intoFolder: /(^|\/)\.?$/.test(destination) || sources.length > 1,
            flags,
          });
          break;
        }
      }
    }
  }
  return {
    chain,
    baseImage: chain[0]?.from ?? '',
    env,
    workdir,
    ...(user === undefined ? {} : { user }),
    entrypoint,
    cmd,
    ...(healthcheck === undefined ? {} : { healthcheck }),
    exposed,
    copies,
    runs,
    runInstructions,
  };
}

/** Every COPY/ADD of every stage (not only one target's chain), with its stage's WORKDIR applied. */
export function allCopies(file: Dockerfile): CopyInstruction[] {
  const seen = new Set<string>();
  const out: CopyInstruction[] = [];
  for (const stage of file.stages) {
    for (const copy of imageConfig(file, stage).copies) {
      const key = `${copy.stageIndex}:${copy.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(copy);
    }
  }
  return out;
}

/**
 * A `.dockerignore` matcher: `*`, `?` and `**` globs, `!` exceptions, last match wins; a path
 * is also excluded when one of its parent folders is.
 */
export function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = posix.normalize((negate ? l.slice(1) : l).trim()).replace(/^\/+|\/+$/g, '');
      const re = pattern
        .split('/')
        .map((part) =>
          part === '**'
            ? '.*'
            : part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      return { negate, re: new RegExp(`^${re}$`) };
    });
  // As moby's patternmatcher: a rule applies when it matches the path or one of its parents.
  return (path: string) => {
    const parts = posix.normalize(path).replace(/^\.\//, '').split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const rule of rules) if (candidates.some((c) => rule.re.test(c))) excluded = !rule.negate;
    return excluded;
  };
}

/**
 * infra/docker/Dockerfile built without a Docker engine, from its own build context: each stage
 * is a folder standing for its filesystem root, filled only by what its `COPY` lines bring in
 * (from the build context as the `.dockerignore` leaves it, or from an earlier stage), and its
 * `RUN` steps run in it. A file that the build reads but no `COPY` brings in is missing here as
 * it would be in `docker build`, and the step that reads it fails.
 *
 * What Docker would provide comes from this machine instead:
 * - the base image (`node:24-slim`): this machine's Node, and the pnpm that `corepack install`
 *   would pin (it must be the `packageManager` version of the copied package.json);
 * - a `--mount=type=cache` on pnpm's store (`$PNPM_HOME/store`): one shared pnpm store, this
 *   machine's, so that nothing is downloaded twice; any other cache mount starts empty;
 * - the network: the registry as this machine reaches it (`~/.npmrc`, `npm_config_*`, proxies).
 *
 * The base image's own set-up (`apt-get`, `chown`, removing apt lists) is not reproduced; any
 * other RUN command this module does not know fails the build, so a new step is never skipped
 * silently. The result is kept under a key hashed from every input (the Dockerfile, each file the
 * COPY lines bring in, the Node and pnpm versions): the build runs once per change.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, posix, relative } from 'node:path';
import {
  type CopyInstruction,
  type Dockerfile,
  imageConfig,
  type RunInstruction,
  type Stage,
  stageByName,
} from './dockerfile.ts';

// ---------------------------------------------------------------------------------------------
// The plan (pure): which stages, in which order, which steps, what each RUN command is.

/** The stages a build of `targets` needs: their FROM chains and the stages they COPY --from, in file order. */
export function stagesToBuild(file: Dockerfile, targets: readonly string[]): Stage[] {
  const needed = new Set<string>();
  const visit = (name: string) => {
    const stage = stageByName(file, name);
    if (!stage || needed.has(name)) return;
    needed.add(name);
    if (stageByName(file, stage.from)) visit(stage.from);
    for (const copy of imageConfig(file, stage).copies)
      if (copy.stage === name && copy.from !== undefined) visit(copy.from);
  };
  for (const target of targets) {
    if (!stageByName(file, target)) throw new Error(`no stage named ${target}`);
    visit(target);
  }
  return file.stages.filter((s) => needed.has(s.name));
}

export type Step =
  | { readonly kind: 'copy'; readonly line: number; readonly copy: CopyInstruction }
  | { readonly kind: 'run'; readonly line: number; readonly run: RunInstruction };

/** A stage's own COPY and RUN instructions, in order, each with the WORKDIR and ENV it runs under. */
export function stageSteps(file: Dockerfile, stage: Stage): Step[] {
  const config = imageConfig(file, stage);
  const steps: Step[] = [
    ...config.copies
      .filter((c) => c.stageIndex === stage.index)
      .map((copy) => ({ kind: 'copy' as const, line: copy.line, copy })),
    ...config.runInstructions
      .filter((r) => r.stageIndex === stage.index)
      .map((run) => ({ kind: 'run' as const, line: run.line, run })),
  ];
  return steps.sort((a, b) => a.line - b.line);
}

/** `a && b && c` → the argv of each command. Anything else a shell would interpret is refused. */
export function shellCommands(command: string): string[][] {
  if (/[;|<>`"'\\$(){}]|\|\|/.test(command.replace(/&&/g, '')))
    throw new Error(`${command}: only commands joined by && are reproduced here`);
  return command
    .split('&&')
    .map((c) => c.trim().split(/\s+/).filter(Boolean))
    .filter((argv) => argv.length > 0);
}

export type CommandAction =
  /** Run it here: pnpm (this machine's), mkdir. */
  | { readonly kind: 'run'; readonly argv: readonly string[] }
  /** `corepack install` → this machine's pnpm must be the pinned one; `corepack enable` → nothing. */
  | { readonly kind: 'corepack'; readonly argv: readonly string[] }
  /** Set-up of the base image's operating system, not reproduced. */
  | { readonly kind: 'image-os'; readonly argv: readonly string[] };

const IMAGE_OS = new Set(['apt-get', 'chown', 'rm']);

export function commandAction(argv: readonly string[]): CommandAction {
  const [program] = argv;
  if (program === 'pnpm' || program === 'mkdir') return { kind: 'run', argv };
  if (program === 'corepack' && (argv[1] === 'enable' || argv[1] === 'install') && argv.length === 2)
    return { kind: 'corepack', argv };
  // `rm` only of apt's lists: removing files of the build is a step that matters.
  if (program && IMAGE_OS.has(program) && (program !== 'rm' || argv.at(-1) === '/var/lib/apt/lists/*'))
    return { kind: 'image-os', argv };
  throw new Error(
    `RUN ${argv.join(' ')}: not reproduced by packages/e2e/src/image-build.ts; teach it what this step does`,
  );
}

/** `type=cache,id=x,target=/y` of a `--mount` flag. */
export function mountOptions(value: string): Record<string, string> {
  return Object.fromEntries(
    value.split(',').map((part) => {
      const at = part.indexOf('=');
      return at < 0 ? [part, 'true'] : [part.slice(0, at), part.slice(at + 1)];
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Running it.

export interface BuildOptions {
  readonly dockerfile: Dockerfile;
  readonly contextDir: string;
  /** The `.dockerignore` of the Dockerfile: true for paths (relative to the context) left out. */
  readonly ignored: (path: string) => boolean;
  /** The stages to build (compose's build targets). */
  readonly targets: readonly string[];
  /** The folder to build in (one sub-folder per stage filesystem). */
  readonly outDir: string;
  /** The pnpm store shared by every build and this machine's installs (`pnpm store path`, without /v10). */
  readonly pnpmStore: string;
  /** Progress lines (one per step). */
  readonly log?: (line: string) => void;
}

export interface BuiltStages {
  /** The folder standing for `/` of each built stage, by stage name. */
  readonly roots: ReadonlyMap<string, string>;
  /** RUN commands not reproduced (the base image's own set-up). */
  readonly skipped: readonly string[];
}

/** A step of the build failed: its stage, line, command and the end of its output. */
export class BuildStepError extends Error {
  readonly stage: string;
  readonly line: number;
  constructor(stage: string, line: number, command: string, output: string) {
    super(`stage ${stage}, line ${line}: ${command} failed:\n${output.split('\n').slice(-40).join('\n')}`);
    this.stage = stage;
    this.line = line;
  }
}

/** Builds the stages `targets` need, each in a folder of its own (or its only child's). */
export async function buildStages(options: BuildOptions): Promise<BuiltStages> {
  const { dockerfile: file } = options;
  const stages = stagesToBuild(file, options.targets);
  const copiedFrom = new Set(
    stages.flatMap((s) => stageSteps(file, s).flatMap((st) => (st.kind === 'copy' && st.copy.from) || [])),
  );
  const children = (name: string) => stages.filter((s) => s.from === name).length;
  const roots = new Map<string, string>();
  const skipped: string[] = [];
  mkdirSync(options.outDir, { recursive: true });
  for (const stage of stages) {
    const parent = roots.get(stage.from);
    let root: string;
    // A stage with one child that nothing else reads becomes that child (no copy of node_modules).
    if (
      parent &&
      children(stage.from) === 1 &&
      !copiedFrom.has(stage.from) &&
      !options.targets.includes(stage.from)
    )
      root = parent;
    else {
      root = join(options.outDir, stage.name);
      if (parent) await run('cp', ['-a', '--link', parent, root], options.outDir, process.env);
      else mkdirSync(root, { recursive: true });
    }
    roots.set(stage.name, root);
    for (const step of stageSteps(file, stage)) {
      if (step.kind === 'copy') {
        options.log?.(
          `[${stage.name}] COPY ${step.copy.from ? `--from=${step.copy.from} ` : ''}${step.copy.sources.join(' ')} ${step.copy.destination}`,
        );
        await copyStep(step.copy, root, roots, options);
      } else {
        skipped.push(...(await runStep(step.run, root, options)));
      }
    }
  }
  return { roots, skipped };
}

/** Container path → the folder of a stage filesystem. */
function inRoot(root: string, containerPath: string): string {
  return join(root, posix.normalize(containerPath).replace(/^\/+/, ''));
}

async function copyStep(
  copy: CopyInstruction,
  root: string,
  roots: ReadonlyMap<string, string>,
  options: BuildOptions,
): Promise<void> {
  const destination = inRoot(root, copy.destination);
  const fromRoot = copy.from === undefined ? undefined : roots.get(copy.from);
  if (copy.from !== undefined && !fromRoot)
    throw new Error(`line ${copy.line}: stage ${copy.from} is not built`);
  for (const source of copy.sources) {
    if (/[*?[]/.test(source)) throw new Error(`line ${copy.line}: ${source}: globs are not reproduced`);
    const rel = posix.normalize(source).replace(/^\.?\/+/, '');
    const from = fromRoot ? inRoot(fromRoot, source) : join(options.contextDir, rel);
    const missing = () =>
      new BuildStepError(
        copy.stage,
        copy.line,
        `COPY ${source}`,
        `${source}: not found in the ${fromRoot ? `stage ${copy.from}` : 'build context'}`,
      );
    // What the build context holds: the .dockerignore applies to the source and everything under it.
    if (!fromRoot && (rel.startsWith('..') || options.ignored(rel))) throw missing();
    if (!existsSync(from)) throw missing();
    const folder = statSync(from).isDirectory();
    // A folder's contents go into the destination; a file goes into it when it is a folder.
    const into =
      folder || copy.intoFolder || (existsSync(destination) && statSync(destination).isDirectory());
    const target = folder ? destination : into ? join(destination, basename(from)) : destination;
    mkdirSync(folder ? target : join(target, '..'), { recursive: true });
    if (fromRoot) {
      // Within this build: hard links, as cheap as a layer.
      await run('cp', ['-a', '--link', folder ? `${from}/.` : from, target], root, process.env);
    } else {
      cpSync(from, target, {
        recursive: true,
        filter: (path) => !options.ignored(relative(options.contextDir, path)),
      });
    }
  }
}

/** Runs a RUN instruction's commands; returns the ones not reproduced. */
async function runStep(runIns: RunInstruction, root: string, options: BuildOptions): Promise<string[]> {
  const skipped: string[] = [];
  const cwd = inRoot(root, runIns.workdir);
  mkdirSync(cwd, { recursive: true });
  const env = buildEnv(runIns.env, root);
  const pnpmStore = posix.join(runIns.env.PNPM_HOME ?? '/root/.local/share/pnpm', 'store');
  // Cache mounts exist for the length of the RUN: pnpm's store is the shared one, others start empty.
  const mounts: string[] = [];
  for (const flag of runIns.flags) {
    if (flag.name !== 'mount') continue;
    const mount = mountOptions(flag.value);
    if (mount.type !== 'cache' || !mount.target)
      throw new Error(`line ${runIns.line}: --mount=${flag.value}: only cache mounts are reproduced`);
    const at = inRoot(root, mount.target);
    if (existsSync(at))
      throw new Error(`line ${runIns.line}: ${mount.target} exists in the stage; a mount would hide it`);
    mkdirSync(join(at, '..'), { recursive: true });
    if (posix.normalize(mount.target) === pnpmStore) symlinkSync(options.pnpmStore, at);
    else mkdirSync(at);
    mounts.push(at);
  }
  try {
    for (const argv of shellCommands(runIns.command)) {
      const action = commandAction(argv);
      const text = argv.join(' ');
      options.log?.(
        `[${runIns.stage}] RUN ${text}${action.kind === 'image-os' ? '   (the base image’s set-up: not reproduced)' : ''}`,
      );
      if (action.kind === 'image-os') {
        skipped.push(text);
        continue;
      }
      if (action.kind === 'corepack') {
        if (argv[1] === 'install') await checkPinnedPnpm(join(cwd, 'package.json'), cwd, env, runIns);
        continue;
      }
      const [program = '', ...args] = action.argv;
      const mapped = args.map((a) => (a.startsWith('/') ? inRoot(root, a) : a));
      try {
        await run(program, mapped, cwd, env);
      } catch (error) {
        throw new BuildStepError(
          runIns.stage,
          runIns.line,
          text,
          error instanceof Error ? error.message : String(error),
        );
      }
    }
  } finally {
    for (const at of mounts) rmSync(at, { recursive: true, force: true });
  }
  return skipped;
}

/** `corepack install` in the image gives the pnpm of package.json's packageManager: so must this machine. */
async function checkPinnedPnpm(
  manifestFile: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  runIns: RunInstruction,
): Promise<void> {
  const text = existsSync(manifestFile) ? readFileSync(manifestFile, 'utf8') : '';
  const pinned = /"packageManager"\s*:\s*"pnpm@([^+"]+)/.exec(text)?.[1];
  if (!pinned)
    throw new BuildStepError(
      runIns.stage,
      runIns.line,
      'corepack install',
      `${manifestFile}: no packageManager pnpm@… (was package.json copied?)`,
    );
  const here = (await run('pnpm', ['--version'], cwd, env)).trim();
  if (here !== pinned)
    throw new BuildStepError(
      runIns.stage,
      runIns.line,
      'corepack install',
      `the image pins pnpm ${pinned}, this machine has ${here}`,
    );
}

/**
 * What this machine gives a build: PATH, HOME (~/.npmrc, pnpm's metadata cache), and how it
 * reaches the registry (npm_config_*, proxies, the certificate authorities it trusts).
 */
const HOST_KEPT =
  /^(PATH|HOME|TMPDIR|LANG|LC_ALL|npm_config_.*|(https?|no)_proxy|(HTTPS?|NO)_PROXY|NODE_EXTRA_CA_CERTS|SSL_CERT_(FILE|DIR))$/;

/** The stage's ENV, container paths mapped into its folder; PATH keeps this machine's Node and pnpm last. */
function buildEnv(stageEnv: Readonly<Record<string, string>>, root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (HOST_KEPT.test(key)) env[key] = value;
  for (const [key, value] of Object.entries(stageEnv)) {
    if (key === 'PATH') {
      const dirs = value.split(':').filter((d) => d.startsWith('/'));
      env.PATH = [...dirs.map((d) => inRoot(root, d)), process.env.PATH ?? ''].join(':');
    } else env[key] = value.startsWith('/') ? inRoot(root, value) : value;
  }
  return env;
}

/** How long one command of the build may take (pnpm retrying an unreachable registry must not hang the test). */
const COMMAND_TIMEOUT_MS = 240_000;

/** Runs a command to its end; resolves with its output, rejects with it on a non-zero exit or after the time limit. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    // A process group of its own, so that the time limit stops pnpm's children (tsc) too.
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, COMMAND_TIMEOUT_MS);
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      const how = signal ? `killed (${signal}; limit ${COMMAND_TIMEOUT_MS / 1000} s)` : `exited ${code}`;
      reject(new Error(`${command} ${args.join(' ')} ${how}:\n${output}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Once per change of the inputs.

/** Every file the context COPY lines of these stages bring in (relative paths, sorted). */
export function contextFiles(
  file: Dockerfile,
  stages: readonly Stage[],
  contextDir: string,
  ignored: (p: string) => boolean,
): string[] {
  const out = new Set<string>();
  const walk = (rel: string) => {
    if (ignored(rel)) return;
    const abs = join(contextDir, rel);
    if (!existsSync(abs)) return;
    const stat = lstatSync(abs);
    if (stat.isDirectory()) for (const name of readdirSync(abs)) walk(posix.join(rel, name));
    else out.add(rel);
  };
  for (const stage of stages)
    for (const step of stageSteps(file, stage))
      if (step.kind === 'copy' && step.copy.from === undefined)
        for (const source of step.copy.sources) walk(posix.normalize(source).replace(/^\.?\/+/, ''));
  return [...out].sort();
}

/** The key of a build: the Dockerfile, each file brought in, and this machine's Node and pnpm. */
export function buildKey(options: BuildOptions, dockerfileText: string, pnpmVersion: string): string {
  const hash = createHash('sha256');
  hash.update(`${dockerfileText}\0${process.version}\0${pnpmVersion}\0${options.targets.join(',')}\0`);
  const stages = stagesToBuild(options.dockerfile, options.targets);
  for (const rel of contextFiles(options.dockerfile, stages, options.contextDir, options.ignored)) {
    hash.update(`${rel}\0`);
    hash.update(readFileSync(join(options.contextDir, rel)));
  }
  return hash.digest('hex').slice(0, 16);
}

export interface CachedBuild extends BuiltStages {
  readonly key: string;
  /** Seconds the build took; 0 when an earlier one with the same key was reused. */
  readonly seconds: number;
}

/**
 * `buildStages` kept under `cacheDir/<key>`: an earlier complete build with the same key is
 * reused, any other is removed first. `outDir` of the options is ignored.
 */
export async function cachedBuild(
  options: Omit<BuildOptions, 'outDir'>,
  dockerfileText: string,
  cacheDir: string,
): Promise<CachedBuild> {
  const pnpmVersion = (await run('pnpm', ['--version'], options.contextDir, process.env)).trim();
  const key = buildKey({ ...options, outDir: '' }, dockerfileText, pnpmVersion);
  const outDir = join(cacheDir, key);
  const manifest = join(outDir, 'build.json');
  if (existsSync(manifest)) {
    const saved = JSON.parse(readFileSync(manifest, 'utf8')) as {
      roots: [string, string][];
      skipped: string[];
    };
    return { key, seconds: 0, roots: new Map(saved.roots), skipped: saved.skipped };
  }
  rmSync(cacheDir, { recursive: true, force: true });
  const started = performance.now();
  const built = await buildStages({ ...options, outDir });
  writeFileSync(manifest, JSON.stringify({ roots: [...built.roots], skipped: built.skipped }));
  return { ...built, key, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

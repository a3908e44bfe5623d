/**
 * Checks of infra/docker/Dockerfile against the workspace it builds: stages and targets, the
 * paths it copies, the packages it deploys, and that what each image runs exists after the build.
 * Each returns human-readable problems; an empty list means the file passes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type DyadImageService,
  runtimeClosure,
  type WorkspacePackage,
  workspacePackages,
} from './compose-project.ts';
import { allCopies, type Dockerfile, imageConfig, stageByName } from './dockerfile.ts';

/** Stage names are unique; FROM and COPY --from name an earlier stage (or an image, with a tag). */
export function stageProblems(file: Dockerfile): string[] {
  const problems: string[] = [];
  const names = file.stages.map((s) => s.name);
  for (const [i, name] of names.entries())
    if (names.indexOf(name) !== i) problems.push(`stage ${name} is defined twice`);
  for (const stage of file.stages) {
    const earlier = file.stages.slice(0, stage.index).map((s) => s.name);
    if (!earlier.includes(stage.from) && !/^[\w.-]+(\/[\w.-]+)*:[\w.-]+$/.test(stage.from))
      problems.push(
        `stage ${stage.name}: FROM ${stage.from} is neither an earlier stage nor an image with a tag`,
      );
  }
  for (const copy of allCopies(file)) {
    if (copy.from === undefined) continue;
    const from = stageByName(file, copy.from);
    if (!from || from.index >= copy.stageIndex)
      problems.push(`line ${copy.line}: COPY --from=${copy.from} does not name an earlier stage`);
  }
  return problems;
}

/** Every COPY/ADD source from the build context exists and is not excluded by the .dockerignore. */
export function copySourceProblems(
  file: Dockerfile,
  contextDir: string,
  ignored: (path: string) => boolean,
): string[] {
  const problems: string[] = [];
  for (const copy of allCopies(file)) {
    if (copy.from !== undefined) continue;
    for (const source of copy.sources) {
      if (/[*?[]/.test(source)) {
        problems.push(`line ${copy.line}: ${source}: globs are not checked here; name the paths`);
        continue;
      }
      const rel = relative(contextDir, join(contextDir, source));
      if (rel.startsWith('..')) problems.push(`line ${copy.line}: ${source} is outside the build context`);
      else if (!existsSync(join(contextDir, rel)))
        problems.push(`line ${copy.line}: ${source} does not exist`);
      else if (ignored(rel)) problems.push(`line ${copy.line}: ${source} is excluded by the .dockerignore`);
    }
  }
  return problems;
}

/** `pnpm --filter NAME deploy … DIR` in RUN instructions: which package goes to which folder. */
export function deployments(file: Dockerfile, stage: string): { pkg: string; dir: string; args: string[] }[] {
  const out: { pkg: string; dir: string; args: string[] }[] = [];
  for (const run of imageConfig(file, stage).runs) {
    // RUN's own flags (--mount=…) come first.
    for (const command of run.replace(/^(--\S+\s+)+/, '').split(/&&|;/)) {
      const words = command.trim().split(/\s+/);
      const at = words.indexOf('deploy');
      const filter = words.indexOf('--filter');
      if (words[0] !== 'pnpm' || at < 0 || filter < 0) continue;
      out.push({ pkg: words[filter + 1] ?? '', dir: words.at(-1) ?? '', args: words.slice(at + 1, -1) });
    }
  }
  return out;
}

/**
 * A deployed target: it COPYs a `pnpm deploy --prod --legacy` folder of its own workspace package
 * into its WORKDIR, and what it runs (`node dist/main.js`) is built from that package's
 * `src/main.ts` by its build script and shipped by its `files`.
 */
export function targetProblems(file: Dockerfile, image: DyadImageService, deployStage: string): string[] {
  const problems: string[] = [];
  const name = image.target;
  if (!stageByName(file, name)) return [`compose service ${image.service}: target ${name} is not a stage`];
  const pkg = image.pkg;
  if (!pkg) return [`target ${name}: no workspace package services/${name} or packages/${name}`];
  const config = imageConfig(file, name);
  const deployed = deployments(file, deployStage).find((d) => d.pkg === pkg.name);
  if (!deployed) problems.push(`target ${name}: ${pkg.name} is not deployed in stage ${deployStage}`);
  else {
    for (const flag of ['--prod', '--legacy'])
      if (!deployed.args.includes(flag))
        problems.push(`target ${name}: pnpm deploy of ${pkg.name} without ${flag}`);
    const copied = config.copies.find((c) => c.from === deployStage && c.sources.includes(deployed.dir));
    if (!copied) problems.push(`target ${name}: does not COPY --from=${deployStage} ${deployed.dir}`);
    else if (copied.destination !== config.workdir)
      problems.push(
        `target ${name}: deploy copied to ${copied.destination}, but WORKDIR is ${config.workdir}`,
      );
  }
  // What the container runs: [init, --,] node FILE …
  const command = [...config.entrypoint, ...config.cmd];
  const node = command.indexOf('node');
  const script = node >= 0 ? command[node + 1] : undefined;
  if (!script) return [...problems, `target ${name}: runs ${command.join(' ')}, not node FILE`];
  problems.push(...builtFileProblems(pkg, script).map((p) => `target ${name}: ${p}`));
  return problems;
}

/** A file under dist/ that the package's build produces (tsc, rootDir src → outDir dist) and ships. */
export function builtFileProblems(pkg: WorkspacePackage, distFile: string): string[] {
  const problems: string[] = [];
  const build = pkg.manifest.scripts?.build ?? '';
  const tsconfigName = /tsc -p (\S+)/.exec(build)?.[1];
  if (!tsconfigName) return [`${pkg.name}: build script "${build}" is not tsc -p <tsconfig>`];
  const tsconfig = JSON.parse(readFileSync(join(pkg.dir, tsconfigName), 'utf8')) as {
    compilerOptions?: { outDir?: string; rootDir?: string };
    include?: string[];
    exclude?: string[];
  };
  const outDir = tsconfig.compilerOptions?.outDir ?? '';
  const rootDir = tsconfig.compilerOptions?.rootDir ?? '';
  if (!distFile.startsWith(`${outDir}/`)) return [`${distFile} is not under the build's outDir ${outDir}`];
  const source = join(rootDir, distFile.slice(outDir.length + 1)).replace(/\.js$/, '.ts');
  if (!existsSync(join(pkg.dir, source))) problems.push(`${distFile}: its source ${source} does not exist`);
  if (!(tsconfig.include ?? []).some((glob) => glob.startsWith(`${rootDir}/`)))
    problems.push(`${tsconfigName} does not include ${rootDir}/`);
  if (/\.test\.ts$/.test(source)) problems.push(`${source} is a test, excluded from the build`);
  if (!(pkg.manifest.files ?? []).includes(outDir))
    problems.push(`${pkg.name}: "files" lacks ${outDir}, so pnpm deploy would not ship ${distFile}`);
  return problems;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && statSync(f).isFile());
}

/** Top-level folders of a package that are never runtime data. */
const NOT_DATA = new Set(['src', 'dist', 'node_modules', 'bench', 'coverage', 'test', 'tests', 'fixtures']);

/**
 * Folders a package reads beside its modules at run time must be in its `files`, or `pnpm
 * deploy` leaves them behind: a top-level folder of the package named by a source module
 * (`new URL('../migrations/', import.meta.url)`, `join(dirname(…), '../profiles')`, or
 * `join(knowledgeDir, 'actors')`). Checked for every workspace package that a deployed package
 * needs at run time; tests and test helpers are not run time.
 */
export function runtimeDataProblems(deployed: readonly string[]): string[] {
  const packages = workspacePackages();
  const problems: string[] = [];
  const checked = new Set<string>();
  for (const root of deployed) {
    for (const pkg of runtimeClosure(root, packages)) {
      if (checked.has(pkg.name)) continue;
      checked.add(pkg.name);
      const folders = readdirSync(pkg.dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !NOT_DATA.has(e.name))
        .map((e) => e.name);
      const files = pkg.manifest.files ?? [];
      for (const file of sourceFiles(join(pkg.dir, 'src'))) {
        if (/(^|\/)test-[^/]*\.ts$|test-helpers\.ts$/.test(file)) continue;
        const text = readFileSync(file, 'utf8');
        for (const folder of folders) {
          if (files.includes(folder) || files.includes(`${folder}/`)) continue;
          const named = new RegExp(`['"\`](\\.\\./)?${folder.replace(/[.-]/g, '\\$&')}/?['"\`]`);
          if (named.test(text))
            problems.push(
              `${pkg.name}: ${relative(pkg.dir, file)} reads ${folder}/ at run time, but "files" lacks "${folder}": pnpm deploy would leave it behind`,
            );
        }
      }
    }
  }
  return [...new Set(problems)];
}

/**
 * infra/docker/Dockerfile built from its own build context without Docker (image-build.ts), and
 * the images it makes run as compose runs them (compose-processes.ts). The build is kept under a
 * hash of its inputs, so it runs once per change (once per CI run).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleIdFor, seedUrl } from '@dyad/contracts';
import { describe, expect, it } from '@dyad/testkit';
import { afterAll } from 'vitest';
import { emptySourcesDir, replaySeeds, startComposeStack, uncleanExits } from './compose-processes.ts';
import { dockerfilePath, dyadImageServices, loadProject, userSettings } from './compose-project.ts';
import { imageConfig, parseDockerfile } from './dockerfile.ts';
import {
  BuildStepError,
  buildStages,
  cachedBuild,
  commandAction,
  shellCommands,
  stagesToBuild,
} from './image-build.ts';
import { repoRoot, seedFiles } from './pipeline.ts';

/** The fetcher's mounted sources folder: an empty list (the shipped sources are real outlets). */
const sourcesDir = emptySourcesDir();
afterAll(() => rmSync(sourcesDir, { recursive: true, force: true }));
/** .env as a user writes it: .env.example with passwords of their own. */
const project = loadProject(userSettings({ DYAD_SOURCES_DIR: sourcesDir }));
const text = readFileSync(dockerfilePath, 'utf8');
// One build per target (indexer and indexer-api are one image).
const targets = [...new Set(dyadImageServices(project.compose).map((i) => i.target))];
const cacheDir = join(repoRoot, 'node_modules', '.cache', 'dyad-image-build');

/** This machine's pnpm store (the one `bash infra/dev.sh` installed from), shared by every build. */
function pnpmStore(): string {
  const out = spawnSync('pnpm', ['store', 'path'], { cwd: repoRoot, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`pnpm store path: ${out.stderr}`);
  return out.stdout.trim().replace(/\/v\d+$/, '');
}

describe('the Dockerfile built from its own context: the plan', () => {
  it('compose: a target needs its FROM chain and the stages it copies from, in file order', () => {
    expect(stagesToBuild(project.dockerfile, ['cli']).map((s) => s.name)).toEqual([
      'base',
      'deps',
      'build',
      'deploy',
      'runtime',
      'cli',
    ]);
    expect(stagesToBuild(project.dockerfile, ['deps']).map((s) => s.name)).toEqual(['base', 'deps']);
  });

  it('compose: RUN commands joined by && are run one by one; other shell syntax and unknown commands are refused', () => {
    expect(shellCommands('corepack enable && corepack install')).toEqual([
      ['corepack', 'enable'],
      ['corepack', 'install'],
    ]);
    expect(() => shellCommands('pnpm build || true')).toThrow(/only commands joined by &&/);
    expect(() => shellCommands('echo $HOME')).toThrow(/only commands joined by &&/);
    expect(commandAction(['pnpm', 'build']).kind).toBe('run');
    expect(commandAction(['apt-get', 'update']).kind).toBe('image-os');
    expect(commandAction(['rm', '-rf', '/var/lib/apt/lists/*']).kind).toBe('image-os');
    expect(() => commandAction(['rm', '-rf', 'packages/cli/dist'])).toThrow(/not reproduced/);
    expect(() => commandAction(['npm', 'ci'])).toThrow(/not reproduced/);
    // Every RUN of the Dockerfile is one of those.
    for (const stage of project.dockerfile.stages)
      for (const run of imageConfig(project.dockerfile, stage).runInstructions)
        for (const argv of shellCommands(run.command)) expect(() => commandAction(argv)).not.toThrow();
  });
});

describe('the Dockerfile built from its own context', () => {
  it('compose: a file the build reads but no COPY brings in fails the build (deps without infra/patches: ERR_PNPM_PATCH_NOT_FOUND)', async () => {
    const withoutPatches = text.replace(/^COPY infra\/patches .*\n/m, '');
    expect(withoutPatches, 'the Dockerfile copies infra/patches on a line of its own').not.toBe(text);
    const outDir = mkdtempSync(join(tmpdir(), 'dyad-image-build-'));
    try {
      const build = buildStages({
        dockerfile: parseDockerfile(withoutPatches),
        contextDir: repoRoot,
        ignored: project.ignored,
        targets: ['deps'],
        outDir,
        pnpmStore: pnpmStore(),
      });
      await expect(build).rejects.toThrow(BuildStepError);
      await expect(build).rejects.toThrow(
        /stage deps, line \d+: pnpm fetch --frozen-lockfile failed[\s\S]*ERR_PNPM_PATCH_NOT_FOUND/,
      );
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('compose: every compose target builds from the build context (pnpm fetch, offline install, pnpm build, pnpm deploy); each image starts with compose’s environment, answers /healthz, and `cli replay seeds` stores the seeds', async ({
    postgres,
  }) => {
    const built = await cachedBuild(
      {
        dockerfile: project.dockerfile,
        contextDir: repoRoot,
        ignored: project.ignored,
        targets,
        pnpmStore: pnpmStore(),
      },
      text,
      cacheDir,
    );
    console.info(
      built.seconds > 0
        ? `image build ${built.key}: ${built.seconds} s`
        : `image build ${built.key}: reused (inputs unchanged)`,
    );
    // Only the base image's own set-up is left out.
    for (const command of built.skipped) expect(commandAction(command.split(' ')).kind).toBe('image-os');

    const images = new Map(targets.map((t) => [t, built.roots.get(t) ?? '']));
    const stack = await startComposeStack(project, postgres, { images });
    let exits: Awaited<ReturnType<typeof stack.stop>> | undefined;
    try {
      // Each service runs node dist/main.js from its image's /app, and answers /healthz.
      for (const [name, s] of stack.services) {
        expect(s.spec.cwd, name).toBe(join(images.get(s.image.target) ?? '', 'app'));
        expect(s.spec.args[0], name).toBe('dist/main.js');
        const res = await fetch(`http://127.0.0.1:${s.spec.env.PORT}/healthz`);
        expect(res.status, `${name} /healthz`).toBe(200);
      }
      // The cli image replays its own copy of seeds/ through the four images.
      const { replay, stored } = await replaySeeds(stack, postgres);
      expect(replay.code, replay.output).toBe(0);
      expect(replay.output).toMatch(new RegExp(`${seedFiles.length} published`));
      expect(stored).toEqual(seedFiles.map((f) => articleIdFor(seedUrl(f))).sort());
    } finally {
      exits = await stack.stop();
    }
    // docker compose stop: SIGTERM, and each service drains and exits 0.
    expect(uncleanExits(stack, exits)).toEqual([]);
  }, 600_000);
});

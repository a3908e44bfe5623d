import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOf, serviceEnvironment } from './compose-file.ts';
import { dockerfilePath, dyadImageServices, loadProject, workspacePackages } from './compose-project.ts';
import { imageConfig, parseDockerfile, stageByName } from './dockerfile.ts';
import {
  copySourceProblems,
  deployments,
  runtimeDataProblems,
  stageProblems,
  targetProblems,
} from './dockerfile-checks.ts';
import { repoRoot } from './pipeline.ts';

const project = loadProject();
const file = project.dockerfile;
const images = dyadImageServices(project.compose);
const DEPLOY_STAGE = 'deploy';
const text = readFileSync(dockerfilePath, 'utf8');

describe('compose Dockerfile against the workspace', () => {
  it('compose: stage names are unique; FROM and COPY --from name earlier stages or tagged images', () => {
    expect(stageProblems(file)).toEqual([]);
    const broken = parseDockerfile(
      `${text}\nFROM runtime AS cleaner\nCOPY --from=nowhere /x /y\nFROM node:latest-ish AS tagless\nFROM scratch AS bare\n`,
    );
    const problems = stageProblems(broken).join('\n');
    expect(problems).toMatch(/stage cleaner is defined twice/);
    expect(problems).toMatch(/COPY --from=nowhere does not name an earlier stage/);
    expect(problems).toMatch(/FROM scratch is neither/);
  });

  it('compose: every compose build target is a stage, built from the runtime stage', () => {
    for (const image of images) {
      expect(stageByName(file, image.target), `${image.service}: target ${image.target}`).toBeDefined();
      expect(imageConfig(file, image.target).chain.map((s) => s.name)).toEqual(['runtime', image.target]);
      expect(buildOf(image.definition)?.context).toBe('.');
    }
  });

  it('compose: every COPY source exists in the build context and is not excluded by Dockerfile.dockerignore', () => {
    expect(copySourceProblems(file, repoRoot, project.ignored)).toEqual([]);
    const broken = parseDockerfile(
      text.replace('COPY seeds ./seeds', 'COPY seedz ./seeds\nCOPY node_modules ./nm'),
    );
    expect(copySourceProblems(broken, repoRoot, project.ignored)).toEqual([
      expect.stringMatching(/seedz does not exist/),
      expect.stringMatching(/node_modules is excluded by the .dockerignore/),
    ]);
  });

  it('compose: the build context holds the whole workspace and nothing built or installed on the host', () => {
    const copied = file.stages.flatMap((s) => imageConfig(file, s.name).copies).filter((c) => !c.from);
    const sources = new Set(copied.flatMap((c) => c.sources));
    for (const needed of [
      'package.json',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
      '.npmrc',
      'tsconfig.base.json',
    ])
      expect(sources.has(needed), needed).toBe(true);
    for (const pkg of workspacePackages().values()) {
      const rel = pkg.dir.slice(repoRoot.length + 1);
      expect(
        [...sources].some((s) => rel === s || rel.startsWith(`${s}/`)),
        `${rel} is copied`,
      ).toBe(true);
      for (const hostOnly of ['node_modules', 'dist', 'tsconfig.build.tsbuildinfo'])
        expect(project.ignored(`${rel}/${hostOnly}`), `${rel}/${hostOnly} is ignored`).toBe(true);
    }
    expect(project.ignored('.env')).toBe(true);
    expect(project.ignored('.git')).toBe(true);
  });

  it('compose: pnpm fetch with a cache mount on the lockfile alone, then install, pnpm build, and pnpm deploy --prod --legacy', () => {
    const deps = imageConfig(file, 'deps');
    // The lockfile and what resolution reads beside it (image-build.test.ts shows what that is),
    // never the sources: this layer and the store survive every source change.
    const depsSources = deps.copies.filter((c) => c.stage === 'deps').flatMap((c) => c.sources);
    expect(depsSources).toEqual(expect.arrayContaining(['pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc']));
    for (const source of depsSources)
      expect(source, 'deps copies no package').not.toMatch(/^(\.\/)?(packages|services)\b/);
    expect(deps.runs.at(-1)).toMatch(
      /^--mount=type=cache,[^ ]*target=\/pnpm\/store\s+pnpm fetch --frozen-lockfile$/,
    );
    // The store the cache mount holds is pnpm's: $PNPM_HOME/store.
    expect(deps.env.PNPM_HOME).toBe('/pnpm');
    const build = imageConfig(file, 'build');
    expect(build.runs.join('\n')).toMatch(
      /--mount=type=cache,[^ ]*target=\/pnpm\/store\s+pnpm install --frozen-lockfile/,
    );
    expect(build.runs.at(-1)).toBe('pnpm build');
    const deployed = deployments(file, DEPLOY_STAGE);
    // One deploy per package: indexer and indexer-api run one image.
    expect(deployed.map((d) => d.pkg)).toEqual([...new Set(images.map((i) => i.pkg?.name))]);
    for (const d of deployed) expect(d.args).toEqual(expect.arrayContaining(['--prod', '--legacy']));
    expect(imageConfig(file, DEPLOY_STAGE).runs.at(-1)).toMatch(
      /^--mount=type=cache,[^ ]*target=\/pnpm\/store /,
    );
  });

  it('compose: every target deploys its workspace package into WORKDIR, and its command (dist/main.js) is built from src/main.ts and shipped', () => {
    for (const image of images) expect(targetProblems(file, image, DEPLOY_STAGE), image.service).toEqual([]);
    const cleaner = images.find((i) => i.service === 'cleaner');
    if (!cleaner) throw new Error('no cleaner');
    const broken = parseDockerfile(
      text
        .replace('COPY --from=deploy /deploy/cleaner /app', 'COPY --from=deploy /deploy/cleaner /srv')
        .replace('FROM runtime AS cleaner', 'FROM runtime AS cleaner\nCMD ["node", "dist/server.js"]'),
    );
    expect(targetProblems(broken, cleaner, DEPLOY_STAGE)).toEqual([
      'target cleaner: deploy copied to /srv, but WORKDIR is /app',
      'target cleaner: dist/server.js: its source src/server.ts does not exist',
    ]);
  });

  it('compose: runtime data (migrations, profiles, lexicons, …) travels with pnpm deploy through each package’s files', () => {
    const deployed = images.map((i) => i.pkg?.name ?? '');
    expect(runtimeDataProblems(deployed)).toEqual([]);
    const store = workspacePackages().get('@dyad/store');
    expect(store?.manifest.files).toContain('migrations');
  });

  it('compose: images run Node 24 slim as a non-root user under tini, with a HEALTHCHECK on /healthz by node', () => {
    for (const image of images) {
      const config = imageConfig(file, image.target);
      expect(config.baseImage, image.target).toMatch(/^node:24(\.\d+)*-slim$/);
      expect(config.user, image.target).toBe('node');
      expect(config.entrypoint.slice(0, 2), image.target).toEqual(['/usr/bin/tini', '--']);
      expect(config.runs.join('\n')).toMatch(/apt-get install -y --no-install-recommends tini/);
      const command = [...config.entrypoint, ...config.cmd];
      expect(command.slice(2, 4)).toEqual(['node', 'dist/main.js']);
      if (image.service === 'cli') {
        expect(config.healthcheck).toBe('NONE');
        continue;
      }
      const hc = config.healthcheck;
      if (!hc || hc === 'NONE') throw new Error(`${image.target}: no HEALTHCHECK`);
      // node is what the image has for sure (node:*-slim has neither curl nor wget).
      expect(hc.exec && hc.argv[0]).toBe('node');
      expect(hc.argv.join(' ')).toMatch(/\/healthz/);
      const port = serviceEnvironment(image.definition).PORT;
      expect(config.env.PORT, `${image.target}: image PORT = compose PORT`).toBe(port);
      expect(config.exposed).toContain(port);
      const apiPort = serviceEnvironment(image.definition).API_PORT;
      if (apiPort) expect([config.env.API_PORT, config.exposed.includes(apiPort)]).toEqual([apiPort, true]);
    }
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose's ${VAR} syntax, not template literals
import { readFileSync } from 'node:fs';
import { ConfigError, PLACEHOLDER_SECRET, parseEnv } from '@dyad/bus';
import { cleanerEnvSchema } from '@dyad/cleaner';
import { apiBaseUrl, loadConfig } from '@dyad/cli';
import { extractorEnvSchema } from '@dyad/extractor';
import { fetcherEnvSchema } from '@dyad/fetcher';
import { indexerEnvSchema } from '@dyad/indexer';
import { describe, expect, it } from 'vitest';
import { containerEnvironment, type EnvSchema, envProblems, variablesRead } from './compose-env.ts';
import {
  type ComposeDocument,
  parseComposeYaml,
  resolveCompose,
  serviceEnvironment,
} from './compose-file.ts';
import { parseDotenv } from './compose-interpolate.ts';
import {
  composeFile,
  type DyadImageService,
  dyadImageServices,
  envExampleFile,
  loadProject,
  type ProjectFiles,
  userSettings,
} from './compose-project.ts';

/** Each Dyad image's own env schema, as its main.ts parses it, by Dockerfile target. */
const schemas: Record<string, EnvSchema> = {
  fetcher: fetcherEnvSchema,
  cleaner: cleanerEnvSchema,
  extractor: extractorEnvSchema,
  indexer: indexerEnvSchema,
};
/** The dyad command has no schema: loadConfig reads these, and the API commands DYAD_API_URL. */
const cliVariables = variablesRead((env) => [loadConfig(env), apiBaseUrl('events', undefined, env)]);

/** .env as a user writes it from .env.example, passwords set. */
const settings = userSettings();
const project = loadProject(settings);
const images = dyadImageServices(project.compose);

/** Problems of one compose service's container environment (image ENV + compose environment). */
function problemsOf(p: ProjectFiles, image: DyadImageService): string[] {
  const env = containerEnvironment(p, image);
  const schema = schemas[image.target];
  if (schema) return envProblems(image.service, Object.keys(schema.shape), env, schema);
  if (image.target === 'cli') return envProblems('cli', cliVariables, env);
  return [`${image.service}: no env schema known to this test`];
}

function withDoc(doc: ComposeDocument): ProjectFiles {
  return { ...project, compose: { ...project.compose, doc } };
}

describe('compose environments against the services’ own config schemas', () => {
  it('compose: builds fetcher, cleaner, extractor, indexer (twice: indexer and indexer-api) and cli from the Dockerfile, one workspace package each', () => {
    expect(images.map((i) => [i.service, i.target, i.pkg?.name])).toEqual([
      ['fetcher', 'fetcher', '@dyad/fetcher'],
      ['cleaner', 'cleaner', '@dyad/cleaner'],
      ['extractor', 'extractor', '@dyad/extractor'],
      ['indexer', 'indexer', '@dyad/indexer'],
      ['indexer-api', 'indexer', '@dyad/indexer'],
      ['cli', 'cli', '@dyad/cli'],
    ]);
    expect(cliVariables.sort()).toEqual([
      'ARTICLES_MAX_BYTES',
      'DLQ_MAX_BYTES',
      'DYAD_API_URL',
      'DYAD_NAMESPACE',
      'EVENTS_MAX_BYTES',
      'NATS_PASSWORD',
      'NATS_URL',
      'NATS_USER',
      'RAW_MAX_BYTES',
      'REDIS_URL',
      'STREAM_REPLICAS',
    ]);
  });

  it.each(['fetcher', 'cleaner', 'extractor', 'indexer', 'indexer-api', 'cli'])(
    'compose: the environment compose gives %s parses with its own schema and names only variables it reads',
    (name) => {
      const image = images.find((i) => i.service === name);
      expect(image).toBeDefined();
      if (!image) return;
      expect(problemsOf(project, image)).toEqual([]);
      const env = containerEnvironment(project, image);
      // What each one must be told to work in the stack at all.
      expect(env).toMatchObject({
        NATS_URL: 'nats://nats:4222',
        NATS_USER: expect.any(String),
        NATS_PASSWORD: expect.any(String),
      });
      if (name === 'fetcher' || name === 'cli')
        expect(env.REDIS_URL).toMatch(/^redis:\/\/:[^@]+@redis:6379$/);
      if (name === 'indexer' || name === 'indexer-api')
        expect(env.DATABASE_URL).toMatch(/^postgres:\/\/dyad:[^@]+@postgres:5432\/dyad$/);
      if (name !== 'cli') expect(env.HOST).toBe('0.0.0.0');
    },
  );

  it('compose: renaming any variable compose gives any service fails the check (one mutated copy per variable)', () => {
    let mutations = 0;
    for (const image of images) {
      for (const key of Object.keys(serviceEnvironment(image.definition))) {
        const doc = structuredClone(project.compose.doc) as {
          services: Record<string, { environment: Record<string, unknown> }>;
        };
        const env = doc.services[image.service]?.environment ?? {};
        env[`${key}_RENAMED`] = env[key];
        delete env[key];
        const problems = problemsOf(withDoc(doc as unknown as ComposeDocument), image);
        expect(problems, `${image.service}: ${key} renamed`).toContain(
          `${key}_RENAMED: not read by ${image.service} (renamed or misspelt?)`,
        );
        mutations++;
      }
    }
    expect(mutations).toBeGreaterThan(30);
  });

  it('compose: a mutated copy of docker-compose.yml with a renamed or invalid variable fails for every service that merges it', () => {
    const text = readFileSync(composeFile, 'utf8');
    const env = settings;
    const mutate = (from: string, to: string) => {
      expect(text, `the compose file contains ${from}`).toContain(from);
      const doc = resolveCompose(parseComposeYaml(text.replace(from, to)), env, composeFile).doc;
      return Object.fromEntries(images.map((image) => [image.service, problemsOf(withDoc(doc), image)]));
    };
    const renamed = mutate('  NATS_PASSWORD: ${NATS_PASSWORD', '  NATS_PASS: ${NATS_PASSWORD');
    for (const image of images)
      expect(renamed[image.service]?.join('\n'), image.service).toMatch(/^NATS_PASS: not read/);
    const badLevel = mutate('LOG_LEVEL: ${LOG_LEVEL:-info}', 'LOG_LEVEL: verbose');
    for (const stage of ['fetcher', 'cleaner', 'extractor', 'indexer', 'indexer-api'])
      expect(badLevel[stage]?.join('\n'), stage).toMatch(/^LOG_LEVEL: /m);
    const badPort = mutate('PORT: 9102', 'PORT: http');
    expect(badPort.cleaner?.join('\n')).toMatch(/^PORT: /m);
    const badNamespace = mutate('DYAD_NAMESPACE: ${DYAD_NAMESPACE:-}', 'DYAD_NAMESPACE: has spaces');
    for (const stage of ['fetcher', 'cleaner', 'extractor', 'indexer', 'indexer-api'])
      expect(badNamespace[stage]?.join('\n'), stage).toMatch(/^DYAD_NAMESPACE: /m);
  });

  it('compose: an API_PUBLIC_URL in .env that is not an http(s) URL is refused by indexer-api', () => {
    const api = images.find((i) => i.service === 'indexer-api');
    if (!api) throw new Error('no indexer-api');
    expect(problemsOf(project, api)).toEqual([]);
    for (const bad of ['dyad.example', 'javascript:alert(1)']) {
      const withBad = loadProject(userSettings({ API_PUBLIC_URL: bad }));
      expect(problemsOf(withBad, api).join('\n'), bad).toMatch(/^API_PUBLIC_URL: /m);
    }
  });

  it('compose: a variable renamed in a service’s schema fails against the current compose file', () => {
    const indexer = images.find((i) => i.service === 'indexer');
    if (!indexer) throw new Error('no indexer');
    const env = containerEnvironment(project, indexer);
    // As if the indexer had renamed DATABASE_URL to POSTGRES_URL in its config.ts.
    const known = Object.keys(indexerEnvSchema.shape).map((k) => (k === 'DATABASE_URL' ? 'POSTGRES_URL' : k));
    expect(envProblems('indexer', known, env)).toEqual([
      'DATABASE_URL: not read by indexer (renamed or misspelt?)',
    ]);
  });

  it('compose: with .env.example’s placeholder passwords left in, every service and the cli refuse to start, naming the variable and not its value', () => {
    const example = loadProject();
    const placeholders = Object.values(parseDotenv(readFileSync(envExampleFile, 'utf8'))).filter((v) =>
      v.startsWith(PLACEHOLDER_SECRET),
    );
    expect(placeholders.length).toBeGreaterThanOrEqual(3);
    for (const image of images) {
      const env = containerEnvironment(example, image);
      let message = '';
      try {
        const schema = schemas[image.target];
        if (schema) parseEnv(image.service, schema, env);
        else loadConfig(env);
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        if (image.target !== 'cli') expect(error).toBeInstanceOf(ConfigError);
        message = error.message;
      }
      expect(message, image.service).toMatch(/NATS_PASSWORD: still the placeholder of \.env\.example/);
      if (env.REDIS_URL)
        expect(message, image.service).toMatch(/REDIS_URL: its password is still the placeholder/);
      if (env.DATABASE_URL)
        expect(message, image.service).toMatch(/DATABASE_URL: its password is still the placeholder/);
      for (const secret of placeholders) expect(message, image.service).not.toContain(secret);
      // With the user's passwords it starts (the tests above).
      expect(problemsOf(project, image), image.service).toEqual([]);
    }
  });
});

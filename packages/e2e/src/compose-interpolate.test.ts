// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose's ${VAR} syntax, not template literals
import { describe, expect, it } from 'vitest';
import {
  containerPathMapper,
  mapContainerArgs,
  parseComposeYaml,
  portMappings,
  volumeMounts,
} from './compose-file.ts';
import { interpolate, interpolateDocument, parseDotenv } from './compose-interpolate.ts';
import { dockerignore, imageConfig, parseDockerfile, parseKeyValues } from './dockerfile.ts';

describe('compose interpolation', () => {
  const env = { SET: 'value', EMPTY: '' };

  it.each([
    ['plain text', 'plain text'],
    ['$SET and ${SET}', 'value and value'],
    ['${SET:-d} ${UNSET:-d} ${EMPTY:-d}', 'value d d'],
    ['${SET-d} ${UNSET-d} ${EMPTY-d}', 'value d '],
    ['${SET:+alt} ${EMPTY:+alt} ${UNSET:+alt}', 'alt  '],
    ['${SET+alt} ${EMPTY+alt} ${UNSET+alt}', 'alt alt '],
    ['${UNSET:-${SET}}', 'value'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['cost: $$5 and $${SET}', 'cost: $5 and ${SET}'],
    ['redis://:${SET}@redis:6379', 'redis://:value@redis:6379'],
    ['${UNSET:-a:b/c}', 'a:b/c'],
  ])('compose: %s → %s', (template, expected) => {
    const result = interpolate(template, env);
    expect(result.errors).toEqual([]);
    expect(result.value).toBe(expected);
  });

  it('compose: reports every variable named, also in defaults that were not needed', () => {
    expect([...interpolate('${SET:-${OTHER}} $THIRD $$NOT', env).variables].sort()).toEqual([
      'OTHER',
      'SET',
      'THIRD',
    ]);
  });

  it('compose: ${VAR:?message} fails when VAR is unset or empty, ${VAR?message} only when unset', () => {
    expect(interpolate('${UNSET:?set it}', env).errors).toEqual([
      'required variable UNSET is missing a value: set it',
    ]);
    expect(interpolate('${EMPTY:?set it}', env).errors).toHaveLength(1);
    expect(interpolate('${EMPTY?set it}', env).errors).toEqual([]);
    expect(interpolate('${SET:?set it}', env)).toMatchObject({ value: 'value', errors: [] });
  });

  it('compose: an unset variable without default becomes "" and is reported', () => {
    expect(interpolate('a${UNSET}b', env)).toMatchObject({ value: 'ab', unset: ['UNSET'] });
    expect(interpolate('${UNSET:-x}', env).unset).toEqual([]);
  });

  it.each([['${}'], ['${SET'], ['${SET!x}'], ['$1'], ['a $ b']])(
    'compose: %s is an invalid template',
    (t) => {
      expect(interpolate(t, env).errors).not.toEqual([]);
    },
  );

  it('compose: interpolates values of a document, never keys', () => {
    const result = interpolateDocument({ '${SET}': ['${SET}', 3, { k: '$SET' }], n: null }, env);
    expect(result.value).toEqual({ '${SET}': ['value', 3, { k: 'value' }], n: null });
    expect([...result.variables]).toEqual(['SET']);
  });
});

describe('compose .env files', () => {
  it('compose: reads KEY=value, export, comments, quotes and empty values', () => {
    const env = parseDotenv(
      [
        '# comment',
        '',
        'A=1',
        'export B=two words # trailing comment',
        'C="quoted # not a comment\\nnext"',
        "D='single $NOT'",
        'E=',
        'F=x#y',
        'A=again',
      ].join('\n'),
    );
    expect(env).toEqual({
      A: 'again',
      B: 'two words',
      C: 'quoted # not a comment\nnext',
      D: 'single $NOT',
      E: '',
      F: 'x#y',
    });
  });

  it('compose: rejects a line that is not KEY=VALUE', () => {
    expect(() => parseDotenv('JUST_A_WORD')).toThrow(/line 1/);
    expect(() => parseDotenv('A="open')).toThrow(/unterminated/);
  });
});

describe('compose file model', () => {
  it('compose: resolves anchors and merge keys, the later key winning', () => {
    const doc = parseComposeYaml(`
x-base: &base
  restart: always
  environment: &env
    A: "1"
    B: "2"
services:
  s:
    <<: *base
    environment:
      <<: *env
      B: "3"
`);
    expect(doc.services.s).toEqual({ restart: 'always', environment: { A: '1', B: '3' } });
  });

  it('compose: reads short and long port syntax', () => {
    expect(
      portMappings({
        ports: [
          '127.0.0.1:4222:4222',
          '8080:80',
          '9000',
          9001,
          '[::1]:53:53/udp',
          { target: 80, published: 81 },
        ],
      }),
    ).toEqual([
      { hostIp: '127.0.0.1', published: '4222', target: 4222 },
      { published: '8080', target: 80 },
      { target: 9000 },
      { target: 9001 },
      { hostIp: '::1', published: '53', target: 53 },
      { published: '81', target: 80 },
    ]);
  });

  it('compose: reads bind mounts and named volumes', () => {
    expect(
      volumeMounts({ volumes: ['./conf/a.conf:/etc/a.conf:ro', 'data:/data', '/anon'] }, '/repo'),
    ).toEqual([
      { type: 'bind', source: '/repo/conf/a.conf', target: '/etc/a.conf', readOnly: true },
      { type: 'volume', source: 'data', target: '/data', readOnly: false },
      { type: 'volume', target: '/anon', readOnly: false },
    ]);
  });

  it('compose: maps container paths in arguments through mounts, longest mount first', () => {
    const map = containerPathMapper([
      { target: '/app', hostPath: '/repo/packages/cli' },
      { target: '/app/seeds', hostPath: '/repo/seeds' },
      { target: '/etc/nats/nats.conf', hostPath: '/repo/infra/nats/nats.conf' },
    ]);
    const exists = (p: string) =>
      ['/repo/seeds', '/repo/infra/nats/nats.conf', '/repo/packages/cli/dist'].includes(p);
    expect(map('/app/seeds/x.txt')).toBe('/repo/seeds/x.txt');
    expect(map('/elsewhere')).toBeUndefined();
    expect(mapContainerArgs(['replay', 'seeds', '--json'], '/app', map, exists)).toEqual([
      'replay',
      '/repo/seeds',
      '--json',
    ]);
    expect(mapContainerArgs(['-c', '/etc/nats/nats.conf', 'dist'], '/app', map, exists)).toEqual([
      '-c',
      '/repo/infra/nats/nats.conf',
      'dist',
    ]);
  });
});

describe('compose Dockerfile reader', () => {
  const file = parseDockerfile(`# syntax=docker/dockerfile:1
ARG BASE=node:24-slim
FROM \${BASE} AS base
ENV A=1 \\
    B="two words"
WORKDIR /app
# a comment inside
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
HEALTHCHECK --interval=5s CMD ["node", "-e", "1"]
USER node

FROM base AS svc
COPY --from=build --chown=node:node /out/svc ./
ENV PORT=9102
ENV LEGACY value with spaces

FROM base AS tool
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/main.js"]
HEALTHCHECK NONE
`);

  it('compose: reads stages, build args and inherited configuration', () => {
    expect(file.stages.map((s) => [s.name, s.from])).toEqual([
      ['base', 'node:24-slim'],
      ['svc', 'base'],
      ['tool', 'base'],
    ]);
    const svc = imageConfig(file, 'svc');
    expect(svc.baseImage).toBe('node:24-slim');
    expect(svc.env).toEqual({ A: '1', B: 'two words', PORT: '9102', LEGACY: 'value with spaces' });
    expect(svc.entrypoint).toEqual(['/usr/bin/tini', '--']);
    expect(svc.cmd).toEqual(['node', 'dist/main.js']);
    expect(svc.user).toBe('node');
    expect(svc.healthcheck).toEqual({ options: { interval: '5s' }, argv: ['node', '-e', '1'], exec: true });
    expect(svc.copies).toEqual([
      expect.objectContaining({ from: 'build', sources: ['/out/svc'], destination: '/app' }),
    ]);
  });

  it('compose: ENTRYPOINT resets an inherited CMD; HEALTHCHECK NONE disables one', () => {
    const tool = imageConfig(file, 'tool');
    expect(tool.cmd).toEqual([]);
    expect(tool.healthcheck).toBe('NONE');
  });

  it('compose: reads KEY=value pairs and the legacy KEY value form', () => {
    expect(parseKeyValues('A=1 B="x y" C=\'z\'')).toEqual({ A: '1', B: 'x y', C: 'z' });
    expect(parseKeyValues('KEY some value')).toEqual({ KEY: 'some value' });
  });

  it('compose: matches .dockerignore patterns, parents and exceptions', () => {
    const ignored = dockerignore('**/node_modules\n**/dist\n.env*\n!.env.example\n.git\n');
    expect(ignored('node_modules/x')).toBe(true);
    expect(ignored('packages/bus/node_modules/y/z.js')).toBe(true);
    expect(ignored('packages/bus/dist/index.js')).toBe(true);
    expect(ignored('packages/bus/src/index.ts')).toBe(false);
    expect(ignored('.env')).toBe(true);
    expect(ignored('.env.example')).toBe(false);
    expect(ignored('.git/HEAD')).toBe(true);
    expect(ignored('seeds')).toBe(false);
  });
});

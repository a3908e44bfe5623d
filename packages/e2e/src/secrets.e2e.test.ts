/**
 * Secrets kept: NATS, Redis and PostgreSQL all demand passwords, the whole pipeline runs under
 * `dyad stack` with the credentials written inside NATS_URL, REDIS_URL and DATABASE_URL, the CLI
 * is used as an operator would (right and wrong passwords), and services are started with wrong
 * passwords (the failures that used to print them). Then every line any of them wrote is
 * searched for every password, raw and percent-encoded.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleIdFor, seedUrl } from '@dyad/contracts';
import { describe, eventually, expect, it, TestProcess } from '@dyad/testkit';
import { findExecutable, freePort } from '@dyad/testkit/processes';
import pg from 'pg';
import { NO_SOURCES, repoRoot, SERVICE_NAMES, seedFiles, storedArticles } from './pipeline.ts';

const secret = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

/** Every run's output, searched at the end. */
const outputs: { name: string; text: string }[] = [];

async function run(
  name: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  const proc = new TestProcess({
    name,
    command: process.execPath,
    args: ['--conditions=dyad:source', join('packages', 'cli', 'src', 'main.ts'), ...args],
    cwd: repoRoot,
    env,
  });
  const timer = setTimeout(() => proc.signal('SIGKILL'), timeoutMs);
  const { code } = await proc.exited;
  clearTimeout(timer);
  outputs.push({ name, text: proc.output() });
  return { code, output: proc.output() };
}

/** Whether a port can be bound on every interface (as the services bind it) right now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createNetServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/**
 * Five consecutive free ports (dyad stack --port-base: four services and the API), below Linux's
 * ephemeral range (32768–60999): there, any socket of a test running beside this one (an outgoing
 * connection included) may take one of them between this check and the stack's start.
 */
async function freePortBase(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await Promise.all([0, 1, 2, 3, 4].map((i) => bindable(base + i)));
    if (!free.includes(false)) return base;
  }
}

describe('secrets kept', () => {
  it('no password of NATS, Redis or PostgreSQL appears in any service’s or the CLI’s output, right or wrong; credentials inside NATS_URL are used', async ({
    postgres,
    namespace,
  }) => {
    const natsPassword = secret('NatsPw');
    const redisPassword = secret('RedisPw');
    const pgPassword = secret('PgPw');
    const wrong = secret('WrongPw');
    const passwords = [natsPassword, redisPassword, pgPassword, wrong];
    const dir = mkdtempSync(join(tmpdir(), 'dyad-secrets-'));
    const procs: TestProcess[] = [];
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    const role = `${namespace}_role`;
    try {
      // NATS with a user and password (a config file: nothing on a command line).
      const natsPort = await freePort();
      writeFileSync(
        join(dir, 'nats.conf'),
        `listen: 127.0.0.1:${natsPort}\njetstream { store_dir: "${join(dir, 'js')}" }\n` +
          `authorization { user: dyad, password: "${natsPassword}" }\n`,
      );
      const natsBinary = findExecutable('nats-server');
      const redisBinary = findExecutable('redis-server');
      if (!natsBinary || !redisBinary)
        throw new Error('nats-server and redis-server: bash infra/dev.sh installs them');
      const nats = new TestProcess({
        name: 'nats',
        command: natsBinary,
        args: ['-c', join(dir, 'nats.conf')],
      });
      procs.push(nats);
      await nats.waitForLine(/Server is ready/, 15_000);
      // Redis with requirepass, from a config file.
      const redisPort = await freePort();
      writeFileSync(
        join(dir, 'redis.conf'),
        `port ${redisPort}\nbind 127.0.0.1\nsave ""\nappendonly no\ndir ${dir}\nrequirepass ${redisPassword}\n`,
      );
      const redis = new TestProcess({ name: 'redis', command: redisBinary, args: [join(dir, 'redis.conf')] });
      procs.push(redis);
      await redis.waitForLine(/Ready to accept connections/, 15_000);
      // PostgreSQL: a role of this test's own, with a password, owning the test's schema.
      await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${pgPassword}'`);
      await admin.query(`ALTER SCHEMA "${postgres.schema}" OWNER TO "${role}"`);
      const pgUrl = new URL(postgres.url);
      pgUrl.username = role;
      pgUrl.password = pgPassword;
      expect(isIP(pgUrl.hostname) || pgUrl.hostname === 'localhost').toBeTruthy();

      const portBase = await freePortBase();
      const base: Record<string, string> = {
        DYAD_NAMESPACE: namespace,
        DYAD_API_URL: `http://127.0.0.1:${portBase + 4}`,
        NATS_URL: `nats://dyad:${natsPassword}@127.0.0.1:${natsPort}`,
        REDIS_URL: `redis://:${redisPassword}@127.0.0.1:${redisPort}`,
        DATABASE_URL: pgUrl.toString(),
        DATABASE_SCHEMA: postgres.schema,
        SOURCES_FILE: NO_SOURCES,
        NO_COLOR: '1',
        NATS_USER: '',
        NATS_PASSWORD: '',
      };

      // The pipeline under `dyad stack`, credentials inside the URLs only.
      const stack = new TestProcess({
        name: 'stack',
        command: process.execPath,
        args: [
          '--conditions=dyad:source',
          join('packages', 'cli', 'src', 'main.ts'),
          'stack',
          '--port-base',
          String(portBase),
        ],
        cwd: repoRoot,
        env: base,
      });
      procs.push(stack);
      for (const name of SERVICE_NAMES)
        await stack.waitForLine(new RegExp(`^${name}\\s+\\|.*\\bstarted\\b`), 60_000);

      // The CLI as an operator uses it; NATS credentials here as NATS_USER/NATS_PASSWORD.
      const userEnv = {
        ...base,
        NATS_URL: `nats://127.0.0.1:${natsPort}`,
        NATS_USER: 'dyad',
        NATS_PASSWORD: natsPassword,
      };
      const subscriber = new TestProcess({
        name: 'subscribe',
        command: process.execPath,
        args: ['--conditions=dyad:source', join('packages', 'cli', 'src', 'main.ts'), 'subscribe', '--json'],
        cwd: repoRoot,
        env: base,
      });
      procs.push(subscriber);
      await subscriber.waitForLine(/listening on \S*EVENTS/, 30_000);
      const replay = await run('replay', ['replay', 'seeds'], userEnv);
      expect(replay.code, replay.output).toBe(0);
      const expected = seedFiles.map((f) => articleIdFor(seedUrl(f))).sort();
      const readEnv = {
        DATABASE_URL: postgres.url,
        DATABASE_SCHEMA: postgres.schema,
        NATS_URL: '',
        REDIS_URL: '',
        DYAD_NAMESPACE: '',
      };
      await eventually(
        async () => ((await storedArticles(readEnv)).length === expected.length ? true : undefined),
        90_000,
        'the five seeds stored',
      );
      await subscriber.waitForLine(/"eventId"/, 30_000);
      for (const args of [
        ['status'],
        ['status', '--json'],
        ['dlq', 'list'],
        ['sources', 'list'],
        ['events'],
      ]) {
        const result = await run(args.join(' '), args, base);
        expect(result.code, result.output).toBe(0);
      }
      const status = await run('status', ['status'], base);
      expect(status.output).toContain(`nats://dyad:***@127.0.0.1:${natsPort}`);
      expect(status.output).toContain(`redis://:***@127.0.0.1:${redisPort}`);

      // Wrong passwords: each failure is reported, and no password is in the report.
      const wrongNats = { ...base, NATS_URL: `nats://dyad:${wrong}@127.0.0.1:${natsPort}` };
      const wrongRedis = { ...base, REDIS_URL: `redis://:${wrong}@127.0.0.1:${redisPort}` };
      for (const [name, args, env] of [
        ['status (wrong NATS)', ['status'], wrongNats],
        ['status (wrong Redis)', ['status'], wrongRedis],
        ['replay (wrong NATS)', ['replay', 'seeds'], wrongNats],
        ['dlq (wrong NATS)', ['dlq', 'list'], wrongNats],
        ['subscribe (wrong NATS)', ['subscribe'], wrongNats],
        ['sources (wrong Redis)', ['sources', 'list'], wrongRedis],
        ['status (wrong NATS_PASSWORD)', ['status'], { ...userEnv, NATS_PASSWORD: wrong }],
      ] as const) {
        const result = await run(name, args, env);
        if (name.startsWith('sources')) expect(result.output, name).toMatch(/no fetcher state shown/);
        else expect(result.code, `${name}: ${result.output}`).toBe(1);
        expect(result.output, name).toMatch(/\*\*\*|Authorization|WRONGPASS/i);
      }

      // Services with a wrong password: the fetcher retries Redis (ioredis's failed AUTH command
      // rides on each error it logs), the indexer cannot open PostgreSQL, the cleaner cannot
      // join NATS.
      const service = (name: string, env: Record<string, string>) => {
        const proc = new TestProcess({
          name,
          command: process.execPath,
          args: ['--conditions=dyad:source', join('services', name, 'src', 'main.ts')],
          cwd: repoRoot,
          env: { ...env, PORT: '0', HOST: '127.0.0.1', API_PORT: '0', API_HOST: '127.0.0.1' },
        });
        procs.push(proc);
        return proc;
      };
      const fetcher = service('fetcher', wrongRedis);
      await fetcher.waitForLine(/WRONGPASS/, 30_000);
      await fetcher.waitForLine(/"command":\{"name":"auth"/, 30_000);
      await fetcher.stop(5_000);
      // (This machine's PostgreSQL trusts loopback logins, so a wrong password would pass: the
      // indexer is given one for a port where nothing listens, and fails to start.)
      const pgWrong = new URL(pgUrl);
      pgWrong.password = wrong;
      pgWrong.port = String(await freePort());
      const indexer = service('indexer', { ...base, DATABASE_URL: pgWrong.toString() });
      const cleaner = service('cleaner', wrongNats);
      for (const proc of [indexer, cleaner]) {
        const timer = setTimeout(() => proc.signal('SIGKILL'), 60_000);
        expect((await proc.exited).code, proc.output()).toBe(1);
        clearTimeout(timer);
      }
      for (const p of [fetcher, indexer, cleaner]) outputs.push({ name: p.name, text: p.output() });

      expect((await subscriber.stop(10_000)).code).toBe(0);
      outputs.push({ name: 'subscribe', text: subscriber.output() });
      expect((await stack.stop(40_000)).code, stack.output()).toBe(0);
      outputs.push({ name: 'stack (fetcher, cleaner, extractor, indexer)', text: stack.output() });

      // The search: every line of every process, every password, raw and percent-encoded.
      const leaks = outputs.flatMap(({ name, text }) =>
        text
          .split('\n')
          .filter((line) => passwords.some((p) => line.includes(p) || line.includes(encodeURIComponent(p))))
          .map((line) => `${name}: ${line}`),
      );
      expect(leaks).toEqual([]);
      // The search looked at real output: the services' logs and the CLI's lines are there.
      const all = outputs.map((o) => o.text).join('\n');
      for (const name of SERVICE_NAMES) expect(all).toMatch(new RegExp(`${name}\\s+\\|.*started`));
      expect(all).toMatch(/5 published/);
      expect(all).toContain('"command":{"name":"auth","args":["***"]}');
    } finally {
      for (const p of procs.reverse()) await p.stop(5_000);
      await admin.query(`ALTER SCHEMA "${postgres.schema}" OWNER TO CURRENT_USER`).catch(() => undefined);
      await admin.query(`DROP OWNED BY "${role}" CASCADE`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS "${role}"`).catch(() => undefined);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

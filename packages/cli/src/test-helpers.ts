import { NatsBus } from '@dyad/bus';
import { articleIdFor, type EventMessage, names } from '@dyad/contracts';
import { TestProcess } from '@dyad/testkit';
import { REPO_ROOT } from './commands/stack.ts';
import type { Io, Output } from './io.ts';

/** Helpers for this package's tests (not exported from the package). */

export interface Captured extends Output {
  text(): string;
  lines(): string[];
}

export function capture(): Captured {
  let text = '';
  return {
    write(chunk: string) {
      text += chunk;
      return true;
    },
    text: () => text,
    lines: () => text.split('\n').filter((l) => l !== ''),
  };
}

export interface TestIo extends Io {
  readonly stdout: Captured;
  readonly stderr: Captured;
}

/** An Io whose output a test reads, with the servers' URLs and namespace in its environment. */
export function testIo(
  options: {
    natsUrl?: string;
    redisUrl?: string;
    namespace?: string;
    cwd?: string;
    signal?: AbortSignal;
  } = {},
): TestIo {
  return {
    stdout: capture(),
    stderr: capture(),
    env: {
      PATH: process.env.PATH,
      NATS_URL: options.natsUrl,
      REDIS_URL: options.redisUrl,
      DYAD_NAMESPACE: options.namespace,
    },
    cwd: options.cwd ?? REPO_ROOT,
    signal: options.signal ?? new AbortController().signal,
    color: false,
  };
}

export function openBus(url: string, namespace: string, ensureStreams = true): Promise<NatsBus> {
  return NatsBus.connect({ url, name: 'cli-test', names: names(namespace), ensureStreams });
}

/** A valid new-event / event-updated body. */
export function eventMessage(n: number, overrides: Partial<EventMessage> = {}): EventMessage {
  const url = `https://example.test/news/${n}`;
  return {
    schema: 1,
    eventId: `evt-${n}`,
    version: 1,
    type: 'official_visit',
    cameo: '042',
    date: { value: '2025-02-28', precision: 'day' },
    participants: [{ actorId: 'kz.tokayev', name: 'Kassym-Jomart Tokayev', names: {}, country: 'KZ' }],
    topics: ['trade'],
    agreements: [],
    summary: `Visit number ${n}\nin Rabat`,
    sources: [
      {
        articleId: articleIdFor(url),
        url,
        title: `Article ${n}`,
        lang: 'en',
        publishedAt: null,
        main: true,
        evidence: [],
      },
    ],
    firstSeenAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    ...overrides,
  };
}

/** The real binary, run from source as `pnpm dyad` does. */
export function dyadProcess(name: string, args: readonly string[], env: Record<string, string | undefined>) {
  return new TestProcess({
    name,
    command: process.execPath,
    args: ['--conditions=dyad:source', 'packages/cli/src/main.ts', ...args],
    cwd: REPO_ROOT,
    env: { INIT_CWD: undefined, ...env },
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

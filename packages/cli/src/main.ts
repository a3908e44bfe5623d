#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dlqCommand, dlqUsage } from './commands/dlq.ts';
import { eventsCommand, eventsUsage } from './commands/events.ts';
import { extractCommand, extractUsage } from './commands/extract.ts';
import { replayCommand, replayUsage } from './commands/replay.ts';
import { searchCommand, searchUsage } from './commands/search.ts';
import { sourcesCommand, sourcesUsage } from './commands/sources.ts';
import { stackCommand, stackUsage } from './commands/stack.ts';
import { statusCommand, statusUsage } from './commands/status.ts';
import { subscribeCommand, subscribeUsage } from './commands/subscribe.ts';
import { CommandError, errorMessage, UsageError } from './errors.ts';
import { type Io, println, redactingIo } from './io.ts';
import { wantsColour } from './stack/render.ts';

interface Command {
  readonly run: (args: string[], io: Io) => Promise<number>;
  readonly usage: string;
  readonly summary: string;
  /** Runs until SIGINT/SIGTERM, which it handles; other commands are ended by a signal at once. */
  readonly longRunning: boolean;
}

export const commands: Record<string, Command> = {
  replay: {
    run: replayCommand,
    usage: replayUsage,
    summary: 'publish .txt/.html files as article.fetched (e.g. dyad replay seeds/)',
    longRunning: false,
  },
  subscribe: {
    run: subscribeCommand,
    usage: subscribeUsage,
    summary: 'print new-event and event-updated messages as they arrive',
    longRunning: true,
  },
  status: {
    run: statusCommand,
    usage: statusUsage,
    summary: 'streams, consumer lag, dead letters, queues, and what each stage does',
    longRunning: false,
  },
  dlq: {
    run: dlqCommand,
    usage: dlqUsage,
    summary: 'list dead letters, or redrive them to their subject',
    longRunning: false,
  },
  events: {
    run: eventsCommand,
    usage: eventsUsage,
    summary: 'list events from the indexer API (--from, --to, --type, --actor, --country, --topic)',
    longRunning: false,
  },
  search: {
    run: searchCommand,
    usage: searchUsage,
    summary: 'full-text search over the articles in every language (indexer API)',
    longRunning: false,
  },
  extract: {
    run: extractCommand,
    usage: extractUsage,
    summary: 'clean → extract → resolve files offline and print the events (no servers)',
    longRunning: false,
  },
  sources: {
    run: sourcesCommand,
    usage: sourcesUsage,
    summary: "list the fetcher's sources and their state, or test one (nothing is published)",
    longRunning: false,
  },
  stack: {
    run: stackCommand,
    usage: stackUsage,
    summary: 'run NATS, Redis (when not running) and the four services, with their logs',
    longRunning: true,
  },
};

export const usage = `Usage: dyad <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Every command takes --namespace NS (default: $DYAD_NAMESPACE, else none) and --help.
Environment: NATS_URL (nats://127.0.0.1:4222), NATS_USER, NATS_PASSWORD,
REDIS_URL (redis://127.0.0.1:6379), DYAD_NAMESPACE.

Exit status: 0 success, 1 failure, 2 usage error.
Run "dyad <command> --help" for a command's options.`;

/** Options given before the command (`dyad --namespace x status`) are moved after it. */
function splitCommand(argv: readonly string[]): { name: string | undefined; args: string[] } {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] ?? '';
    if (arg === '--namespace') {
      leading.push(arg, ...argv.slice(i + 1, i + 2));
      i += 2;
    } else if (arg.startsWith('-')) {
      leading.push(arg);
      i += 1;
    } else break;
  }
  return { name: argv[i], args: [...argv.slice(i + 1), ...leading] };
}

/**
 * Runs one command line and returns its exit status; never throws. Whatever it writes (its own
 * lines, errors, the stack's children) passes the redactor of its environment's secrets.
 */
export async function main(argv: readonly string[], rawIo: Io): Promise<number> {
  const io = redactingIo(rawIo);
  const { name, args } = splitCommand(argv);
  if (name === undefined || name === 'help') {
    const topic = name === 'help' ? args[0] : undefined;
    const asked = name === 'help' || args.includes('--help') || args.includes('-h');
    const command = topic === undefined ? undefined : commands[topic];
    if (topic !== undefined && !command) {
      println(io.stderr, `dyad: unknown command "${topic}"\n\n${usage}`);
      return 2;
    }
    if (asked) {
      println(io.stdout, command ? command.usage : usage);
      return 0;
    }
    println(io.stderr, `dyad: no command given\n\n${usage}`);
    return 2;
  }
  const command = commands[name];
  if (!command) {
    println(io.stderr, `dyad: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      println(io.stderr, `dyad ${name}: ${error.message}`);
      println(io.stderr, `Run "dyad ${name} --help" for usage.`);
      return 2;
    }
    if (error instanceof CommandError) {
      println(io.stderr, `dyad ${name}: ${error.message}`);
      return 1;
    }
    println(io.stderr, `dyad ${name}: ${errorMessage(error)}`);
    if (io.env.DYAD_DEBUG && error instanceof Error && error.stack) println(io.stderr, error.stack);
    return 1;
  }
}

/** Whether this module is the program being run (not imported by a test or by index.ts). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const argv = process.argv.slice(2);
  const commandName = splitCommand(argv).name;
  const longRunning = commandName !== undefined && commands[commandName]?.longRunning === true;
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    // A long-running command stops cleanly on the first signal; a second one ends it at once.
    if (longRunning && signals === 1) controller.abort(signal);
    else process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // `dyad dlq list | head`: a closed pipe is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const code = await main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    // pnpm runs root scripts from the repository root; INIT_CWD is where the user typed the command.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    signal: controller.signal,
    color: wantsColour(process.stdout, process.env),
  });
  process.exitCode = code;
  // Everything is closed by now; should a handle linger, do not hang on it.
  setTimeout(() => process.exit(code), 3_000).unref();
}

import { accessSync, constants, statSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/**
 * Host and port of a server URL (`nats://u:p@127.0.0.1:4222`, `redis://localhost`, or a NATS
 * server list, of which the first counts); `defaultPort` when the URL names none.
 */
export function hostPort(url: string, defaultPort: number): HostPort {
  const first = url.split(',')[0]?.trim() ?? '';
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(first) ? first : `tcp://${first}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new Error(`not a server URL: ${JSON.stringify(url)}`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (!host) throw new Error(`no host in ${JSON.stringify(url)}`);
  return { host, port: parsed.port ? Number(parsed.port) : defaultPort };
}

/** Whether something accepts TCP connections at host:port (within `timeoutMs`). */
export function isListening(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls until host:port answers; false after `timeoutMs` or as soon as `alive()` says no. */
export async function waitForPort(
  host: string,
  port: number,
  timeoutMs: number,
  alive: () => boolean = () => true,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive()) {
    if (await isListening(host, port)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Where Debian puts server binaries that are not on a user's PATH. */
const SYSTEM_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin'];

/** The executable `name` on PATH or in the system directories, or undefined. */
export function findBinary(name: string, pathVar: string | undefined): string | undefined {
  const dirs = [...(pathVar ?? '').split(delimiter).filter(Boolean), ...SYSTEM_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

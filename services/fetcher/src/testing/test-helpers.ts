import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '@dyad/bus';

/** Helpers for this package's tests (not exported from the package); `@dyad/sources/testing` has the rest. */

export const silentLog: Logger = createLogger('fetcher-test', 'silent');

export function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-fetcher-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

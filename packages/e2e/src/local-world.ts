import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loopbackFetcher, type Servers, startServersWithSchema, stopServers } from './local-servers.ts';
import { NewsSite, type NewsSiteOptions } from './news-site.ts';

/**
 * A run's world of its own, as the chaos run and the pipeline bench set it up: a temporary folder
 * (the servers' data, the sources file, every process's output in `logs`), the servers
 * (local-servers.ts) with an empty schema, and a loopback news site.
 */
export class LocalWorld {
  readonly dir: string;
  readonly logs: string;
  readonly site: NewsSite;
  /** Until `stopServers`. */
  servers: Servers | undefined;

  constructor(prefix: string, site: NewsSiteOptions) {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.logs = join(this.dir, 'logs');
    this.site = new NewsSite(site);
  }

  /** Starts the servers (schema `schema`, the services' settings in `env`) and the site. */
  async start(schema: string): Promise<Servers> {
    this.servers = await startServersWithSchema(this.dir, schema);
    await this.site.start();
    return this.servers;
  }

  /** Writes the sources file; the fetcher's settings to read it from the loopback site. */
  sources(yaml: string): Record<string, string> {
    const file = join(this.dir, 'sources.yaml');
    writeFileSync(file, yaml);
    return loopbackFetcher(file);
  }

  /** Stops the servers (if still up), their output into `logs`. */
  async stopServers(): Promise<void> {
    await stopServers(this.servers, this.logs);
    this.servers = undefined;
  }

  /** Stops what is still up; removes the folder unless `keep`, else says where it is. */
  async close(keep: boolean, log: (line: string) => void): Promise<void> {
    await this.site.stop().catch(() => undefined);
    await this.stopServers();
    if (!keep) rmSync(this.dir, { recursive: true, force: true });
    else log(`data and logs kept in ${this.dir}`);
  }
}

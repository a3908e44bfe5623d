import { type NatsBus, PermanentError, type ServiceRuntime, StageService, startStage } from '@dyad/bus';
import { loadProfile } from '@dyad/knowledge';
import { CLEANER_VERSION, cleanInputOf, toArticleCleaned } from '@dyad/stages';
import type { CleanerEnv } from './config.ts';
import { PageRejectedError, PageTimeoutError, PageTooLargeError } from './page-errors.ts';
import { CleanPool } from './worker-pool.ts';

/** Errors after which retrying the same page cannot help: dead-letter it with the reason. */
function isPermanent(error: unknown): error is Error {
  return (
    error instanceof PageTooLargeError ||
    error instanceof PageTimeoutError ||
    error instanceof PageRejectedError
  );
}

/** article.fetched → article.cleaned, parsing on a pool of worker threads. */
export class CleanerService extends StageService<CleanerEnv> {
  constructor(env: CleanerEnv, runtime?: ServiceRuntime) {
    super('cleaner', CLEANER_VERSION, env, runtime);
  }

  async start(): Promise<void> {
    // A bad DYAD_PROFILE fails here, with the file and field, rather than in every worker.
    loadProfile(this.env.DYAD_PROFILE);
    await this.runtime.startHttp();
    const pool = new CleanPool({
      size: this.env.CLEANER_WORKERS,
      timeoutMs: this.env.CLEANER_PAGE_TIMEOUT_MS,
      maxBytes: this.env.CLEANER_MAX_BYTES,
      heapMb: this.env.CLEANER_WORKER_HEAP_MB,
      profile: this.env.DYAD_PROFILE,
    });
    // Registered before the consumer, so it closes after the consumer has stopped.
    this.runtime.onShutdown('clean workers', () => pool.close());
    this.runtime.addReadinessCheck('clean workers', () => pool.readyWorkers > 0);
    await startStage({
      runtime: this.runtime,
      env: this.env,
      consumer: 'cleaner',
      setup: (bus: NatsBus) => async (fetched, ctx) => {
        const cap = this.env.CLEANER_MAX_BYTES;
        if ('objectKey' in fetched.body && fetched.body.bytes > cap)
          throw new PermanentError(new PageTooLargeError(fetched.body.bytes, cap).message);
        const body =
          'inline' in fetched.body
            ? fetched.body.inline
            : await (await bus.rawStore()).readBody(fetched.body);
        let cleaned: ReturnType<typeof toArticleCleaned>;
        try {
          cleaned = toArticleCleaned(fetched, await pool.clean(cleanInputOf(fetched, body)));
        } catch (error) {
          if (isPermanent(error)) throw new PermanentError(error.message, { cause: error });
          throw error;
        }
        const result = await bus.publisher.publish('articleCleaned', cleaned, { validate: false });
        ctx.log.info(
          {
            lang: cleaned.lang,
            chars: cleaned.text.length,
            method: cleaned.cleaner.method,
            relevant: cleaned.relevance.relevant,
            score: cleaned.relevance.score,
            duplicate: result.duplicate,
            ...(cleaned.truncated ? { truncated: cleaned.truncated } : {}),
          },
          'cleaned',
        );
      },
    });
  }
}

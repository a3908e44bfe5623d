import { type NatsBus, PermanentError, ServiceRuntime, startStage } from '@dyad/bus';
import { stages } from '@dyad/contracts';
import type { CleanerEnv } from './config.ts';
import { CLEANER_VERSION, cleanPlainText, UnsupportedContentError } from './plain-text.ts';

/** article.fetched → article.cleaned. */
export class CleanerService {
  readonly runtime: ServiceRuntime;
  private readonly env: CleanerEnv;

  constructor(env: CleanerEnv, runtime?: ServiceRuntime) {
    this.env = env;
    this.runtime =
      runtime ??
      ServiceRuntime.forService('cleaner', env, { version: CLEANER_VERSION, does: stages.cleaner.does });
  }

  async start(): Promise<void> {
    await this.runtime.startHttp();
    await startStage({
      runtime: this.runtime,
      env: this.env,
      consumer: 'cleaner',
      setup: (bus: NatsBus) => async (fetched, ctx) => {
        const body =
          'inline' in fetched.body
            ? fetched.body.inline
            : await (await bus.rawStore()).readBody(fetched.body);
        let cleaned: ReturnType<typeof cleanPlainText>;
        try {
          cleaned = cleanPlainText(fetched, body);
        } catch (error) {
          if (error instanceof UnsupportedContentError)
            throw new PermanentError(error.message, { cause: error });
          throw error;
        }
        const result = await bus.publisher.publish('articleCleaned', cleaned);
        ctx.log.info(
          { lang: cleaned.lang, chars: cleaned.text.length, duplicate: result.duplicate },
          'cleaned',
        );
      },
    });
  }

  stop(): Promise<boolean> {
    return this.runtime.stop();
  }
}

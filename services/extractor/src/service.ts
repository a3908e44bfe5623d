import { type NatsBus, ServiceRuntime, startStage } from '@dyad/bus';
import { stages } from '@dyad/contracts';
import { EXTRACTOR_VERSION, type KnowledgeIndex, loadKnowledgeIndex } from '@dyad/extract';
import { extractStep } from '@dyad/stages';
import type { ExtractorEnv } from './config.ts';

/** article.cleaned → article.extracted. */
export class ExtractorService {
  readonly runtime: ServiceRuntime;
  private readonly env: ExtractorEnv;
  /** The profile's knowledge (DYAD_PROFILE), read once: a bad profile fails the start, not each article. */
  private readonly knowledge: KnowledgeIndex;

  constructor(env: ExtractorEnv, runtime?: ServiceRuntime) {
    this.env = env;
    this.knowledge = loadKnowledgeIndex(env.DYAD_PROFILE);
    this.runtime =
      runtime ??
      ServiceRuntime.forService('extractor', env, {
        version: EXTRACTOR_VERSION,
        does: stages.extractor.does,
      });
  }

  async start(): Promise<void> {
    await this.runtime.startHttp();
    await startStage({
      runtime: this.runtime,
      env: this.env,
      consumer: 'extractor',
      setup: (bus: NatsBus) => async (cleaned, ctx) => {
        // Within the article limits and the bus's message size (mentions give way first).
        const { extracted, skipped } = extractStep(cleaned, this.knowledge, bus.publisher.maxBodyBytes);
        const result = await bus.publisher.publish('articleExtracted', extracted);
        ctx.log.info(
          {
            events: extracted.events.length,
            main: extracted.events.filter((e) => e.main).length,
            skipped,
            duplicate: result.duplicate,
            ...(extracted.truncated ? { truncated: extracted.truncated } : {}),
          },
          skipped ? 'skipped (irrelevant)' : 'extracted',
        );
      },
    });
  }

  stop(): Promise<boolean> {
    return this.runtime.stop();
  }
}

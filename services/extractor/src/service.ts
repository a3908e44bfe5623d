import { type NatsBus, type ServiceRuntime, StageService, startStage } from '@dyad/bus';
import { EXTRACTOR_VERSION, type KnowledgeIndex, loadKnowledgeIndex } from '@dyad/extract';
import { extractStep } from '@dyad/stages';
import type { ExtractorEnv } from './config.ts';

/** article.cleaned → article.extracted. */
export class ExtractorService extends StageService<ExtractorEnv> {
  /** The profile's knowledge (DYAD_PROFILE), read once: a bad profile fails the start, not each article. */
  private readonly knowledge: KnowledgeIndex;

  constructor(env: ExtractorEnv, runtime?: ServiceRuntime) {
    super('extractor', EXTRACTOR_VERSION, env, runtime);
    this.knowledge = loadKnowledgeIndex(env.DYAD_PROFILE);
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
        const result = await bus.publisher.publish('articleExtracted', extracted, { validate: false });
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
}

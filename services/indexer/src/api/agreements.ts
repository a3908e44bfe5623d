import {
  type AgreementAct,
  Agreement as AgreementOfEvent,
  AgreementStep,
  agreementKey,
  CameoCode,
  CountryCode,
  EventDateOrUndated,
  EventSource,
  EventType,
  Evidence,
  eventDateRange,
} from '@dyad/contracts';
import type { StoredAgreementAct, StoredEvent } from '@dyad/store';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiStore } from './store.ts';

/** What a step cites: an article, as events list their sources. */
export const StepSource = EventSource.pick({
  articleId: true,
  url: true,
  title: true,
  lang: true,
  publishedAt: true,
});

/** The stages of an agreement's life, in order: the events' statuses and the steps of `AgreementAct`. */
export const AgreementStage = z.enum(['planned', 'signed', ...AgreementStep.options, 'in_force']);
export type AgreementStage = z.infer<typeof AgreementStage>;
export const AGREEMENT_STAGES: readonly AgreementStage[] = AgreementStage.options;

export const AgreementLifeStep = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('event'),
      status: AgreementOfEvent.shape.status,
      date: EventDateOrUndated,
      event: z.object({ eventId: z.string(), type: EventType, cameo: CameoCode, summary: z.string() }),
      sources: z.array(StepSource),
    })
    .describe('An event that names the agreement (a signing, an entry into force, a plan).'),
  z
    .object({
      kind: z.literal('act'),
      status: AgreementStep,
      date: EventDateOrUndated,
      country: CountryCode.optional().describe('The side that approved it, when the article tells.'),
      sources: z.array(StepSource).length(1),
      evidence: z.array(Evidence).describe('The sentences of the source that tell it.'),
    })
    .describe('A step no event tells: one side approving it at home (ratified, approved by decree).'),
]);
export type AgreementLifeStep = z.infer<typeof AgreementLifeStep>;

export const AgreementLife = z.object({
  key: z.string().describe('The name with case and spacing folded: what groups its steps.'),
  name: z.string(),
  reached: z.array(AgreementStage).describe('The stages some step reached, in the order of a life.'),
  steps: z.array(AgreementLifeStep).describe('By date (undated last), then by stage.'),
});
export type AgreementLife = z.infer<typeof AgreementLife>;

export const AgreementsList = z.object({ agreements: z.array(AgreementLife) });

const ORDER = new Map(AGREEMENT_STAGES.map((stage, i) => [stage, i]));

/**
 * Agreements by `agreementKey`, each with its steps: every event that names it (events come oldest
 * first) and every approval an article tells; by date, undated last, then by stage.
 */
export function agreementLives(
  events: readonly StoredEvent[],
  acts: readonly StoredAgreementAct[],
): AgreementLife[] {
  const lives = new Map<string, { name: string; steps: AgreementLifeStep[] }>();
  const lifeOf = (name: string) => {
    const key = agreementKey(name);
    const life = lives.get(key) ?? { name, steps: [] };
    lives.set(key, life);
    return life;
  };
  for (const event of events)
    for (const a of event.agreements)
      lifeOf(a.name).steps.push({
        kind: 'event',
        status: a.status,
        date: event.date,
        event: { eventId: event.eventId, type: event.type, cameo: event.cameo, summary: event.summary },
        sources: event.sources.map(({ articleId, url, title, lang, publishedAt }) => ({
          articleId,
          url,
          title,
          lang,
          publishedAt,
        })),
      });
  for (const { act, source } of acts) lifeOf(act.name).steps.push(actStep(act, source));
  const first = (s: AgreementLifeStep) => (s.date ? eventDateRange(s.date).first : '');
  return [...lives]
    .map(([key, life]) => {
      const steps = life.steps.sort(
        (x, y) =>
          (x.date === null ? 1 : 0) - (y.date === null ? 1 : 0) ||
          first(x).localeCompare(first(y)) ||
          (ORDER.get(x.status) ?? 0) - (ORDER.get(y.status) ?? 0),
      );
      const reached = new Set<AgreementStage>(steps.map((s) => s.status));
      return { key, name: life.name, reached: AGREEMENT_STAGES.filter((s) => reached.has(s)), steps };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function actStep(act: AgreementAct, source: StoredAgreementAct['source']): AgreementLifeStep {
  return {
    kind: 'act',
    status: act.step,
    date: act.date,
    ...(act.country ? { country: act.country } : {}),
    sources: [source],
    evidence: act.evidence,
  };
}

/** GET /agreements.json: every agreement's life, as the agreements page shows it. */
export function agreementRoutes(app: FastifyInstance, store: ApiStore): void {
  app.get('/agreements.json', async () => ({
    agreements: agreementLives(await store.agreementEvents(), await store.agreementActs()),
  }));
}

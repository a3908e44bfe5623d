import { z } from 'zod';
import { articleLimits } from '../limits.ts';
import { AgreementAct } from './agreement-act.ts';
import { ArticleCleaned } from './article-cleaned.ts';
import { CountryCode, Evidence, PartialDate } from './common.ts';
import { EventReport } from './event.ts';

export const ActorMention = z.object({
  actorId: z.string().min(1),
  name: z.string().min(1),
  country: CountryCode.optional(),
  role: z.string().optional(),
  evidence: Evidence,
});

export const PlaceMention = z.object({
  name: z.string().min(1),
  country: CountryCode.optional(),
  evidence: Evidence,
});

export const DateMention = z.object({
  value: PartialDate,
  end: PartialDate.optional(),
  precision: z.enum(['year', 'month', 'day']),
  evidence: Evidence,
});

/**
 * The cleaned article travels on, so that the indexer can store it without another fetch. Every
 * evidence's offsets lie within the text (a headline's are 0–0, see the extractor).
 */
export const ArticleExtracted = ArticleCleaned.extend({
  mentions: z.object({
    actors: z.array(ActorMention).max(articleLimits.mentionsPerKind),
    places: z.array(PlaceMention).max(articleLimits.mentionsPerKind),
    dates: z.array(DateMention).max(articleLimits.mentionsPerKind),
  }),
  events: z.array(EventReport).max(articleLimits.eventReports, {
    message: `more than ${articleLimits.eventReports} event reports in one article`,
  }),
  extractorVersion: z.string().min(1),
  /**
   * Steps of an agreement's life that are no event (an approval at home, see AgreementAct): absent
   * when the article tells none, so that an article without any is the message it always was.
   */
  agreementActs: z
    .array(AgreementAct)
    .max(articleLimits.agreementActs, {
      message: `more than ${articleLimits.agreementActs} agreement acts in one article`,
    })
    .optional(),
}).superRefine((article, ctx) => {
  const length = article.text.length;
  const check = (evidence: { end: number }, path: (string | number)[]) => {
    if (evidence.end > length)
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'end'],
        message: `evidence ends at ${evidence.end}, after the text (${length} characters)`,
      });
  };
  for (const kind of ['actors', 'places', 'dates'] as const)
    article.mentions[kind].forEach((m, i) => {
      check(m.evidence, ['mentions', kind, i, 'evidence']);
    });
  article.events.forEach((e, i) => {
    e.evidence.forEach((ev, j) => {
      check(ev, ['events', i, 'evidence', j]);
    });
  });
  article.agreementActs?.forEach((a, i) => {
    a.evidence.forEach((ev, j) => {
      check(ev, ['agreementActs', i, 'evidence', j]);
    });
  });
});
export type ArticleExtracted = z.infer<typeof ArticleExtracted>;

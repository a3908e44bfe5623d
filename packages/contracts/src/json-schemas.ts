import { z } from 'zod';
import { subjects } from './catalog.ts';
import { DeadLetter } from './schemas/dead-letter.ts';
import { FetchJob, PollJob } from './schemas/jobs.ts';

/** File name (under docs/schemas/) → JSON Schema of what travels there. */
export function jsonSchemas(): Record<string, unknown> {
  const documents: Record<string, z.ZodType> = {
    'article.fetched.v1.json': subjects.articleFetched.schema,
    'article.cleaned.v1.json': subjects.articleCleaned.schema,
    'article.extracted.v1.json': subjects.articleExtracted.schema,
    'new-event.v1.json': subjects.newEvent.schema,
    'event-updated.v1.json': subjects.eventUpdated.schema,
    'dead-letter.v1.json': DeadLetter,
    'job.poll.v1.json': PollJob,
    'job.fetch.v1.json': FetchJob,
  };
  const out: Record<string, unknown> = {};
  for (const [file, schema] of Object.entries(documents)) {
    out[file] = {
      $id: `https://dyad.invalid/schemas/${file}`,
      ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
    };
  }
  return out;
}

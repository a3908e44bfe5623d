/**
 * The test corpus (`packages/extract/corpus/<lang>.yaml`): short news texts in each language, with
 * the events each must yield. An expected event is found by its type and date; then its main flag,
 * participants, location, agreements and topics are checked. No main event may appear that the
 * entry does not expect, and a near-miss (`expect: []`) must yield no event at all.
 *
 * An entry marked `knownGap` fails today for a reason in the extractor's logic (not its data): it
 * runs as `it.fails`, with the reason in its name, so that fixing the gap makes it fail loudly
 * until the mark is removed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EventReport, EventType, partialDateRange } from '@dyad/contracts';
import { loadActors, roleCovers } from '@dyad/knowledge';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { extract } from './extract.ts';
import { loadKnowledgeIndex } from './knowledge-index.ts';

const kb = loadKnowledgeIndex();

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const PartialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

const ExpectedEvent = z.strictObject({
  type: EventType,
  date: z.strictObject({
    value: PartialDate,
    end: PartialDate.optional(),
    precision: z.enum(['year', 'month', 'day']),
  }),
  /** true: the article's news; false: a past event it only refers to. */
  main: z.boolean(),
  /** Knowledge-base actors that must be among the participants (others may be there too). */
  participants: z.array(z.string().regex(/^[a-z]{2}\.[a-z0-9-]+$/)).optional(),
  /** Sides that must be among the participants' countries (for people the knowledge base lacks). */
  countries: z.array(z.enum(['MA', 'KZ'])).optional(),
  /** The location's canonical name (places.yaml), or a dyad country's English name. */
  location: z.string().optional(),
  /** Agreement names (the lexicons' canonical names) that must be among the event's agreements. */
  agreements: z.array(z.string()).optional(),
  /** Topic slugs that must be among the event's topics. */
  topics: z.array(z.string()).optional(),
});
type ExpectedEvent = z.infer<typeof ExpectedEvent>;

const Entry = z
  .strictObject({
    id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/),
    publishedAt: Day.nullable(),
    text: z.string().min(20),
    expect: z.array(ExpectedEvent),
    /** What a near-miss (`expect: []`) is near to. */
    nearMiss: z.enum(['third-country', 'future', 'denial', 'opinion']).optional(),
    /** Fails today because of the extractor's logic, not its data: the reason, in one line. */
    knownGap: z.string().min(10).optional(),
  })
  .refine((e) => (e.expect.length === 0) === (e.nearMiss !== undefined), {
    message: 'a near-miss has `expect: []` and says which kind it is (nearMiss), and only a near-miss',
  });
type Entry = z.infer<typeof Entry>;

const CorpusFile = z.strictObject({
  lang: z.enum(['ar', 'fr', 'en', 'ru']),
  entries: z.array(Entry).min(1),
});

const corpusDir = join(import.meta.dirname, '../corpus');
const languages = ['ar', 'fr', 'en', 'ru'] as const;
const actors = new Map(loadActors().actors.map((a) => [a.id, a]));

function loadCorpus(lang: string): z.infer<typeof CorpusFile> {
  const file = join(corpusDir, `${lang}.yaml`);
  const parsed = CorpusFile.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  return parsed.data;
}

const fmtDate = (d: { value: string; end?: string | undefined; precision: string } | null) =>
  d ? `${d.value}${d.end ? `..${d.end}` : ''}/${d.precision}` : 'undated';

/** One line per event, for failure messages. */
function describeEvents(events: readonly EventReport[]): string {
  if (events.length === 0) return '  (no events)';
  return events
    .map(
      (e) =>
        `  - ${e.type} ${fmtDate(e.date)} ${e.main ? 'MAIN' : 'referred'}` +
        ` participants=[${e.participants.map((p) => `${p.actorId}(${p.country})`).join(', ')}]` +
        `${e.location ? ` location=${e.location.name}` : ''}` +
        `${e.agreements.length ? ` agreements=[${e.agreements.map((a) => `${a.name}:${a.status}`).join(', ')}]` : ''}` +
        `${e.topics.length ? ` topics=[${e.topics.join(', ')}]` : ''}`,
    )
    .join('\n');
}

const sameDate = (e: EventReport, x: ExpectedEvent) =>
  e.date?.value === x.date.value &&
  (e.date?.end ?? null) === (x.date.end ?? null) &&
  e.date?.precision === x.date.precision;

function checkEntry(entry: Entry, lang: string): void {
  const { events } = extract({ text: entry.text, lang, publishedAt: entry.publishedAt }, kb);
  const got = `extracted:\n${describeEvents(events)}`;
  if (entry.expect.length === 0) {
    expect(events, `near-miss (${entry.nearMiss}) must yield no event, but ${got}`).toEqual([]);
    return;
  }
  const consumed = new Set<EventReport>();
  for (const x of entry.expect) {
    const want = `${x.type} ${fmtDate(x.date)} ${x.main ? 'MAIN' : 'referred'}`;
    const found =
      events.find((e) => !consumed.has(e) && e.type === x.type && sameDate(e, x) && e.main === x.main) ??
      events.find((e) => !consumed.has(e) && e.type === x.type && sameDate(e, x));
    expect(found, `expected ${want}; ${got}`).toBeDefined();
    if (!found) continue;
    consumed.add(found);
    expect(found.main, `${want}: main flag; ${got}`).toBe(x.main);
    const ids = found.participants.map((p) => p.actorId);
    if (x.participants)
      expect(ids, `${want}: participants must include [${x.participants.join(', ')}]; ${got}`).toEqual(
        expect.arrayContaining(x.participants),
      );
    if (x.countries)
      expect(
        found.participants.map((p) => p.country),
        `${want}: participants must include people of [${x.countries.join(', ')}]; ${got}`,
      ).toEqual(expect.arrayContaining(x.countries));
    if (x.location !== undefined) expect(found.location?.name, `${want}: location; ${got}`).toBe(x.location);
    if (x.agreements)
      expect(
        found.agreements.map((a) => a.name),
        `${want}: agreements must include [${x.agreements.join(', ')}]; ${got}`,
      ).toEqual(expect.arrayContaining(x.agreements));
    if (x.topics)
      expect(found.topics, `${want}: topics must include [${x.topics.join(', ')}]; ${got}`).toEqual(
        expect.arrayContaining(x.topics),
      );
  }
  const extra = events.filter((e) => e.main && !consumed.has(e));
  expect(extra, `main events the entry does not expect:\n${describeEvents(extra)}\nall ${got}`).toEqual([]);
}

/** How many entries each language needs: two (with a main event) per event type, one per kind of near-miss. */
const minimum = new Map<string, number>([
  ...EventType.options.filter((t) => t !== 'other').map((t) => [t, 2] as const),
  ['third-country', 2],
  ['future', 1],
  ['denial', 1],
  ['opinion', 1],
]);

for (const lang of languages) {
  const corpus = loadCorpus(lang);

  describe(`corpus ${lang}: the file`, () => {
    it('says its language, and has unique ids that start with it', () => {
      expect(corpus.lang).toBe(lang);
      const ids = corpus.entries.map((e) => e.id);
      expect(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        'duplicate ids',
      ).toEqual([]);
      expect(
        ids.filter((id) => !id.startsWith(`${lang}-`)),
        `ids must start with "${lang}-"`,
      ).toEqual([]);
    });

    it('names only knowledge-base actors, on dates they held a role', () => {
      const problems: string[] = [];
      for (const entry of corpus.entries) {
        for (const x of entry.expect) {
          const { first } = partialDateRange(x.date.value);
          const { last } = partialDateRange(x.date.end ?? x.date.value);
          for (const id of x.participants ?? []) {
            const actor = actors.get(id);
            if (!actor) problems.push(`${entry.id}: ${id} is not in actors/ma-kz.yaml`);
            else if (!actor.roles.some((r) => roleCovers(r, first) || roleCovers(r, last)))
              problems.push(`${entry.id}: ${id} held no known role on ${fmtDate(x.date)}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('covers every event type twice and every kind of near-miss', () => {
      const counts = new Map<string, number>();
      for (const entry of corpus.entries) {
        const types = new Set(entry.expect.filter((x) => x.main).map((x) => x.type));
        for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
        if (entry.nearMiss) counts.set(entry.nearMiss, (counts.get(entry.nearMiss) ?? 0) + 1);
      }
      const short = [...minimum].filter(([k, n]) => (counts.get(k) ?? 0) < n).map(([k]) => k);
      expect(short, 'types or near-miss kinds with too few entries').toEqual([]);
    });
  });

  describe(`corpus ${lang}: extraction`, () => {
    for (const entry of corpus.entries) {
      if (entry.knownGap)
        it.fails(`${entry.id} [known gap: ${entry.knownGap}]`, () => checkEntry(entry, lang));
      else it(entry.id, () => checkEntry(entry, lang));
    }
  });
}

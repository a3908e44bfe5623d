import { EventMessage, type EventReport, type Participant } from '@dyad/contracts';
import { describe, expect, it } from 'vitest';
import { eventIdFor } from './event-id.ts';
import { type ResolvableArticle, resolveArticle } from './incremental.ts';
import { MemoryRepository } from './memory-repository.ts';
import { resolveArticles } from './offline.ts';
import { resolveReport, toEventMessage } from './resolve.ts';
import type { EventState, ReportInput, ResolveContext } from './types.ts';

let drawn = 0;
const ctx: ResolveContext = { now: '2026-11-22T10:00:00.000Z', newEventId: () => `ev_${++drawn}` };

/** Reports as articles (consecutive reports of one article are one), resolved in that order. */
function articlesOf(inputs: readonly ReportInput[]): ResolvableArticle[] {
  const articles: ResolvableArticle[] = [];
  for (const { source, report } of inputs) {
    const last = articles.at(-1);
    if (last?.articleId === source.articleId)
      articles[articles.length - 1] = { ...last, events: [...last.events, report] };
    else
      articles.push({
        articleId: source.articleId,
        url: source.url,
        title: source.title,
        lang: source.lang,
        publishedAt: { value: source.publishedAt, source: 'none' },
        events: [report],
      });
  }
  return articles;
}

/** The incremental path over a memory repository: the events as they would be stored. */
function resolveAllStates(inputs: readonly ReportInput[]): Promise<EventState[]> {
  return resolveArticles(articlesOf(inputs), { now: ctx.now });
}

async function resolveAll(inputs: readonly ReportInput[]): Promise<EventMessage[]> {
  return (await resolveAllStates(inputs)).map(toEventMessage);
}

const nurtleu: Participant = {
  actorId: 'kz.nurtleu',
  name: 'مراد نورتليو',
  names: { ar: 'مراد نورتليو', en: 'Murat Nurtleu' },
  country: 'KZ',
  role: 'foreign minister',
};
const bourita: Participant = {
  actorId: 'ma.bourita',
  name: 'ناصر بوريطة',
  names: { ar: 'ناصر بوريطة' },
  country: 'MA',
};
const kuspan: Participant = {
  actorId: 'kz.kuspan',
  name: 'Aigul Kuspan',
  names: { en: 'Aigul Kuspan' },
  country: 'KZ',
};
const tahir: Participant = {
  actorId: 'ma.tahir',
  name: 'عبد القادر الطاهر',
  names: { ar: 'عبد القادر الطاهر' },
  country: 'MA',
};

function report(overrides: Partial<EventReport>): EventReport {
  return {
    type: 'official_visit',
    cameo: '042',
    date: { value: '2025-02-28', precision: 'day' },
    participants: [nurtleu, bourita],
    topics: ['politics'],
    agreements: [],
    main: true,
    evidence: [{ field: 'type', text: 'قام … بزيارة رسمية إلى الرباط', start: 10, end: 40 }],
    ...overrides,
  };
}

function input(articleId: string, lang: string, r: EventReport): ReportInput {
  return {
    source: {
      articleId: articleId.repeat(64).slice(0, 64),
      url: `seed:${articleId}.txt`,
      title: `t${articleId}`,
      lang,
      publishedAt: null,
    },
    report: r,
  };
}

const arabicVisit = input('a', 'ar', report({ location: { name: 'Rabat', country: 'MA' } }));
const frenchReference = input(
  'b',
  'fr',
  report({
    date: { value: '2025-02', precision: 'month' },
    participants: [{ ...nurtleu, name: 'Mourat Nourtleou', names: { fr: 'Mourat Nourtleou' } }],
    main: false,
    topics: ['visa'],
  }),
);

describe('reports of several articles, resolved one article after another', () => {
  it('makes one event of an Arabic report and a French reference to the same visit', async () => {
    const events = await resolveAll([frenchReference, arabicVisit]);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(EventMessage.parse(event)).toBeTruthy();
    expect(event?.date).toEqual({ value: '2025-02-28', precision: 'day' });
    expect(event?.sources.map((s) => s.lang).sort()).toEqual(['ar', 'fr']);
    expect(event?.participants.find((p) => p.actorId === 'kz.nurtleu')?.names).toEqual({
      ar: 'مراد نورتليو',
      en: 'Murat Nurtleu',
      fr: 'Mourat Nourtleou',
    });
    expect(event?.topics.sort()).toEqual(['politics', 'visa']);
  });

  it('keeps the merge reasons', async () => {
    const [state] = await resolveAllStates([arabicVisit, frenchReference]);
    expect(state?.mergeReasons).toHaveLength(2);
    expect(state?.mergeReasons[1]?.reason).toMatch(
      /same kind of event \(visit\).*shared participants kz\.nurtleu/,
    );
  });

  it('names an event after the report that first told it, the same on every run (eventIdFor)', async () => {
    const run = async (inputs: readonly ReportInput[]) => {
      const repository = new MemoryRepository();
      for (const article of articlesOf(inputs))
        await resolveArticle(repository, article, { now: ctx.now, revision: 1 });
      return repository.allEvents().map((e) => e.eventId);
    };
    const first = eventIdFor({ articleId: arabicVisit.source.articleId, reportIndex: 0, revision: 1 });
    expect(await run([arabicVisit, frenchReference])).toEqual([first]);
    expect(await run([arabicVisit, frenchReference])).toEqual([first]);
    expect(first).toMatch(/^ev_[0-9a-f]{32}$/);
    // Whichever report comes first names the event; merging does not depend on the order.
    expect(await run([frenchReference, arabicVisit])).toEqual([
      eventIdFor({ articleId: frenchReference.source.articleId, reportIndex: 0, revision: 1 }),
    ]);
    // A changed article's reports name new events: never one its earlier revision created.
    expect(eventIdFor({ articleId: arabicVisit.source.articleId, reportIndex: 0, revision: 2 })).not.toBe(
      first,
    );
  });

  it('does not merge different kinds of event, or the same kind with nothing in common', async () => {
    const signing = input(
      'c',
      'ar',
      report({
        type: 'joint_statement',
        cameo: '057',
        agreements: [{ name: 'Joint statement', status: 'signed' }],
      }),
    );
    const otherVisit = input(
      'd',
      'en',
      report({ participants: [kuspan, tahir], location: { name: 'Astana', country: 'KZ' } }),
    );
    expect(await resolveAll([arabicVisit, signing, otherVisit])).toHaveLength(3);
  });

  it('does not merge the same people on dates that cannot be the same', async () => {
    const later = input('e', 'ar', report({ date: { value: '2025-03-15', precision: 'day' } }));
    expect(await resolveAll([arabicVisit, later])).toHaveLength(2);
  });

  it('links a meeting inside a multi-day visit with partOf, keeping it an event of its own', async () => {
    const visit = input(
      'f',
      'ar',
      report({
        type: 'official_visit',
        date: { value: '2025-09-21', end: '2025-09-25', precision: 'day' },
        participants: [tahir],
        location: { name: 'Astana', country: 'KZ' },
      }),
    );
    const meeting = input(
      'f',
      'ar',
      report({
        type: 'parliamentary_meeting',
        cameo: '040',
        date: { value: '2025-09-22', precision: 'day' },
        participants: [tahir, kuspan],
      }),
    );
    const events = await resolveAll([visit, meeting]);
    expect(events).toHaveLength(2);
    const v = events.find((e) => e.type === 'official_visit');
    const m = events.find((e) => e.type === 'parliamentary_meeting');
    expect(m?.partOf).toBe(v?.eventId);
    expect(v?.partOf).toBeUndefined();
  });
});

describe('resolveReport', () => {
  it('refines a month to a day and bumps the version; a redelivery changes nothing', async () => {
    const first = resolveReport([], frenchReference, ctx);
    if (first.kind !== 'new') throw new Error(`expected a new event, got ${first.kind}`);
    expect(first.event.date?.precision).toBe('month');
    const second = resolveReport([first.event], arabicVisit, { ...ctx, now: '2026-11-22T11:00:00.000Z' });
    expect(second.kind).toBe('merged');
    if (second.kind !== 'merged') return;
    expect(second.changed).toBe(true);
    expect(second.event.version).toBe(2);
    expect(second.event.date).toEqual({ value: '2025-02-28', precision: 'day' });
    // The main report's type wins, and the summary follows the refined fields.
    expect(second.event.summary).toMatch(/official visit: Murat Nurtleu, ناصر بوريطة in Rabat, 2025-02-28/);
    const again = resolveReport([second.event], arabicVisit, { ...ctx, now: '2026-11-22T12:00:00.000Z' });
    if (again.kind !== 'merged') throw new Error(`expected a merge, got ${again.kind}`);
    expect(again.changed).toBe(false);
    expect(again.event.version).toBe(2);
    expect(again.event.updatedAt).toBe('2026-11-22T11:00:00.000Z');
  });

  it('advances an agreement from planned to signed', async () => {
    const planned = input(
      'g',
      'fr',
      report({
        type: 'agreement_signing',
        cameo: '057',
        agreements: [{ name: 'Visa waiver agreement', status: 'planned' }],
      }),
    );
    const signed = input(
      'h',
      'en',
      report({
        type: 'agreement_signing',
        cameo: '057',
        participants: [],
        agreements: [{ name: 'Visa Waiver Agreement', status: 'signed' }],
      }),
    );
    const [event] = await resolveAll([planned, signed]);
    expect(event?.agreements).toEqual([{ name: 'Visa waiver agreement', status: 'signed' }]);
    expect(event?.sources).toHaveLength(2);
  });
});

describe('role references', () => {
  const ministerRef = { office: 'foreign-minister', candidates: ['kz.nurtleu', 'ma.bourita'] };
  const arabicVisit2 = input('a', 'ar', report({}));
  const vague = input(
    'd',
    'fr',
    report({
      date: { value: '2025', precision: 'year' },
      participants: [],
      references: [ministerRef],
      main: false,
    }),
  );

  it('links "the foreign minister\'s visits in 2025" to the one visit of a holder, in either order', async () => {
    for (const order of [
      [arabicVisit2, vague],
      [vague, arabicVisit2],
    ]) {
      const states = await resolveAllStates(order);
      expect(states).toHaveLength(1);
      expect(states[0]?.sources.map((s) => s.url).sort()).toEqual(['seed:a.txt', 'seed:d.txt']);
      expect(states[0]?.mergeReasons.at(-1)?.reason).toMatch(
        /foreign-minister held by kz.nurtleu, ma.bourita/,
      );
      // The reference adds no participant and keeps the day the main report gives.
      expect(states[0]?.participants.map((p) => p.actorId)).toEqual(['kz.nurtleu', 'ma.bourita']);
      expect(states[0]?.date).toEqual({ value: '2025-02-28', precision: 'day' });
    }
  });

  it('never makes an event of a reference alone, nor picks between two that fit', async () => {
    expect(await resolveAllStates([vague])).toHaveLength(0);
    expect(resolveReport([], vague, ctx)).toMatchObject({ kind: 'unlinked' });
    const other = input(
      'e',
      'ar',
      report({ date: { value: '2025-06-10', precision: 'day' }, participants: [bourita, tahir] }),
    );
    const states = await resolveAllStates([arabicVisit2, other, vague]);
    expect(states).toHaveLength(2);
    expect(states.every((s) => s.sources.length === 1)).toBe(true);
    const known = await resolveAllStates([arabicVisit2, other]);
    const resolution = resolveReport(known, vague, ctx);
    expect(resolution).toMatchObject({ kind: 'unlinked', reason: expect.stringMatching(/2 known events/) });
  });

  it('does not link when no holder of the office took part', async () => {
    const speakerRef = input(
      'f',
      'fr',
      report({
        date: { value: '2025', precision: 'year' },
        participants: [],
        references: [{ office: 'lower-house-speaker', candidates: ['kz.koshanov', 'ma.talbi-alami'] }],
        main: false,
      }),
    );
    const states = await resolveAllStates([arabicVisit2, speakerRef]);
    expect(states).toHaveLength(1);
    expect(states[0]?.sources).toHaveLength(1);
  });
});

describe('undated reports, and dates taken from the article', () => {
  const meeting = (date: EventReport['date'], people = [nurtleu, bourita]) =>
    report({ type: 'bilateral_meeting', cameo: '040', date, participants: people });

  it('announces an undated report as an undated event, never drops it', async () => {
    const [event] = await resolveAll([input('e', 'en', meeting(null))]);
    expect(event?.date).toBeNull();
    expect(EventMessage.parse(event).summary).toContain('undated');
  });

  it('lets an undated report join the known event it shares people with, whichever comes first', async () => {
    const dated = input('d', 'fr', meeting({ value: '2025-02-28', precision: 'day', source: 'text' }));
    const undated = input('e', 'en', meeting(null));
    for (const order of [
      [dated, undated],
      [undated, dated],
    ]) {
      const events = await resolveAll(order);
      expect(events).toHaveLength(1);
      expect(events[0]?.date).toEqual({ value: '2025-02-28', precision: 'day', source: 'text' });
      expect(events[0]?.sources).toHaveLength(2);
    }
  });

  it('keeps an undated report of other people apart', async () => {
    const dated = input('d', 'fr', meeting({ value: '2025-02-28', precision: 'day', source: 'text' }));
    const other = input('e', 'en', meeting(null, [kuspan, tahir]));
    expect(await resolveAll([dated, other])).toHaveLength(2);
  });

  it('matches a date taken from the publication to the day the text of another article gives, and takes the latter', async () => {
    // Published on Monday 3 March with no day in its text; the other article says Friday 28 February.
    const published = input(
      'p',
      'en',
      meeting({ value: '2025-03-03', precision: 'day', source: 'published' }),
    );
    const told = input('2', 'ru', meeting({ value: '2025-02-28', precision: 'day', source: 'text' }));
    for (const order of [
      [published, told],
      [told, published],
    ]) {
      const events = await resolveAll(order);
      expect(events).toHaveLength(1);
      expect(events[0]?.date).toEqual({ value: '2025-02-28', precision: 'day', source: 'text' });
    }
  });

  it('does not stretch a date the text gives: two meetings a week apart stay two', async () => {
    const first = input('f', 'en', meeting({ value: '2025-02-20', precision: 'day', source: 'text' }));
    const second = input('3', 'fr', meeting({ value: '2025-02-28', precision: 'day', source: 'text' }));
    expect(await resolveAll([first, second])).toHaveLength(2);
  });

  it('never places an undated meeting inside a visit', async () => {
    const visit = input(
      'v',
      'ar',
      report({ date: { value: '2025-02-27', end: '2025-03-01', precision: 'day' } }),
    );
    const undated = input('e', 'en', meeting(null));
    const events = await resolveAll([visit, undated]);
    expect(events.find((e) => e.type === 'bilateral_meeting')?.partOf).toBeUndefined();
  });
});

describe('acts of the two states that name no one', () => {
  const relations = (date: EventReport['date']) =>
    report({ type: 'other', cameo: '010', date, participants: [], main: false });

  it('are one event when told with the same date by several articles', async () => {
    const date = { value: '1992', precision: 'year', source: 'text' } as const;
    const events = await resolveAll([input('a', 'ar', relations(date)), input('b', 'fr', relations(date))]);
    expect(events).toHaveLength(1);
    expect(events[0]?.sources).toHaveLength(2);
  });

  it('stay apart at different dates, or when one names someone', async () => {
    const y1992 = { value: '1992', precision: 'year', source: 'text' } as const;
    const y2016 = { value: '2016', precision: 'year', source: 'text' } as const;
    expect(
      await resolveAll([input('a', 'ar', relations(y1992)), input('b', 'fr', relations(y2016))]),
    ).toHaveLength(2);
    const named = report({ type: 'other', cameo: '010', date: y1992, participants: [bourita], main: false });
    expect(await resolveAll([input('a', 'ar', relations(y1992)), input('b', 'fr', named)])).toHaveLength(2);
  });
});

describe('two calls on different officials', () => {
  it('are two events even when one of them is undated: the ambassador and Azoulay, the ambassador and the council', async () => {
    const ambassador: Participant = {
      actorId: 'kz.sailaukyzy',
      name: 'Saulekul Sailaukyzy',
      names: {},
      country: 'KZ',
    };
    const azoulay: Participant = { actorId: 'ma.azoulay', name: 'André Azoulay', names: {}, country: 'MA' };
    const call = (date: EventReport['date'], host: Participant) =>
      report({ type: 'courtesy_visit', cameo: '043', date, participants: [ambassador, host] });
    const dated = input('a', 'ar', call({ value: '2026-01-27', precision: 'day', source: 'text' }, tahir));
    const undated = input('b', 'fr', call(null, azoulay));
    expect(await resolveAll([dated, undated])).toHaveLength(2);
    // The same call told again with its host joins it.
    const again = input('c', 'en', call(null, tahir));
    expect(await resolveAll([dated, again])).toHaveLength(1);
  });
});

describe('an event’s summary', () => {
  it('follows the event as a later report adds a participant and a day', async () => {
    const first = input(
      'a',
      'ar',
      report({ date: { value: '2025-02', precision: 'month' }, participants: [nurtleu] }),
    );
    const second = input('b', 'fr', report({ participants: [nurtleu, bourita] }));
    const [event] = await resolveAll([first, second]);
    expect(event?.summary).toContain('2025-02-28');
    expect(event?.summary).toContain(bourita.name);
  });
});

describe('a visit told by the days of it each report gives (VISIT DAYS ADJOIN)', () => {
  const visitOn = (id: string, lang: string, date: EventReport['date'], participants = [nurtleu]) =>
    input(id, lang, report({ date, participants, location: { name: 'Rabat', country: 'MA' } }));
  const eve = visitOn('r', 'ru', { value: '2025-02-09', precision: 'day', source: 'text' });
  const arrival = visitOn('f', 'fr', { value: '2025-02-10', precision: 'day', source: 'text' });
  const secondDay = visitOn('e', 'en', { value: '2025-02-11', precision: 'day', source: 'text' });
  const range = visitOn('a', 'ar', {
    value: '2025-02-10',
    end: '2025-02-12',
    precision: 'day',
    source: 'text',
  });

  it('makes one visit of the eve of arrival, the arrival, the second day and the range, in any order', async () => {
    for (const order of [
      [eve, secondDay, arrival, range],
      [range, eve, secondDay, arrival],
      [secondDay, eve, range, arrival],
    ]) {
      let events: Parameters<typeof resolveReport>[0] = [];
      for (const one of order) {
        const r = resolveReport(events, one, ctx);
        if (r.kind === 'unlinked') continue;
        events =
          r.kind === 'new'
            ? [...events, r.event]
            : events.map((e) => (e.eventId === r.event.eventId ? r.event : e));
      }
      expect(events).toHaveLength(1);
      expect(events[0]?.date).toEqual({
        value: '2025-02-09',
        end: '2025-02-12',
        precision: 'day',
        source: 'text',
      });
      expect(events[0]?.mergeReasons.some((m) => m.reason.includes('days of one visit that touch'))).toBe(
        true,
      );
    }
  });

  it('keeps a return visit a month later by the same people apart, and needs a known person in common', async () => {
    const returnVisit = visitOn('b', 'fr', { value: '2025-03-12', precision: 'day', source: 'text' });
    expect(await resolveAll([range, returnVisit])).toHaveLength(2);
    const stranger = visitOn('c', 'en', { value: '2025-02-09', precision: 'day', source: 'text' }, [kuspan]);
    expect(await resolveAll([range, stranger])).toHaveLength(2);
  });

  it('joins a day to a visit first known from a later publication date, and takes the day', async () => {
    const published = visitOn('p', 'en', { value: '2025-02-13', precision: 'day', source: 'published' });
    const events = await resolveAll([published, eve]);
    expect(events).toHaveLength(1);
    expect(events[0]?.date).toEqual({ value: '2025-02-09', precision: 'day', source: 'text' });
  });

  it('does not join meetings on days that touch: distinct meetings on distinct days stay events of their own', async () => {
    const talks = (id: string, value: string) =>
      input(
        id,
        'en',
        report({
          type: 'bilateral_meeting',
          cameo: '040',
          date: { value, precision: 'day', source: 'text' },
        }),
      );
    expect(await resolveAll([talks('m', '2025-02-10'), talks('n', '2025-02-11')])).toHaveLength(2);
  });
});

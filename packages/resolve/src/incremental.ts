import {
  type ArticleExtracted,
  type DayRange,
  eventDateRange,
  rangesOverlap,
  type TypeClass,
} from '@dyad/contracts';
import { candidateRange, matchRange } from './dates.ts';
import { eventIdFor, type ReportOrigin } from './event-id.ts';
import type { EventChange, ReportLink, ResolutionChanges, ResolutionRepository } from './repository.ts';
import { findParent, resolveReport } from './resolve.ts';
import { type EventState, type ReportSource, typeClass } from './types.ts';

/** What resolution needs of an article: who it is, and its event reports. */
export type ResolvableArticle = Pick<
  ArticleExtracted,
  'articleId' | 'url' | 'title' | 'lang' | 'publishedAt' | 'events'
>;

export interface ArticleContext {
  /** Timestamp for firstSeenAt/updatedAt (the caller owns the clock). */
  readonly now: string;
  /**
   * The article's revision: 1 when first seen, +1 each time its content changed. A later revision
   * lets go of what the earlier one held back and resolves its reports afresh.
   */
  readonly revision: number;
  /** The id of an event a report creates; `eventIdFor` unless a test or bench wants its own. */
  readonly newEventId?: (origin: ReportOrigin) => string;
}

/** What resolving one article did: the ids of events it created and of known ones it changed. */
export interface ArticleResolution {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  /** Everything written, as `ResolutionRepository.write` received it (nothing: not called). */
  readonly changes: ResolutionChanges;
}

/** The days a report searches, per type class: what a store locks before resolving an article. */
export interface SearchScope extends DayRange {
  readonly typeClass: TypeClass;
}

/** The scope of each report of an article, in the order of its `events`. */
export function searchScopes(reports: ArticleExtracted['events']): SearchScope[] {
  return reports.map((report) => {
    const cls = typeClass(report.type);
    return { typeClass: cls, ...candidateRange(report.date, cls) };
  });
}

function sourceOf(article: ResolvableArticle): ReportSource {
  return {
    articleId: article.articleId,
    url: article.url,
    title: article.title,
    lang: article.lang,
    publishedAt: article.publishedAt.value,
  };
}

/**
 * Incremental resolution, the one path: the indexer runs it for each article in a transaction of
 * its own, `dyad extract` over a `MemoryRepository`. Each report joins the best known event or
 * creates one (`resolveReport`); a reference that fits no event, or several, is held back; held
 * references are tried again against every event the article created or changed; meetings and
 * signings are linked to the visit they took place in (`partOf`), both ways. Everything is
 * written at once at the end (`repository.write`).
 */
export async function resolveArticle(
  repository: ResolutionRepository,
  article: ResolvableArticle,
  ctx: ArticleContext,
): Promise<ArticleResolution> {
  // A changed article's references are resolved again from its new reports.
  if (ctx.revision > 1) await repository.releaseHeldReferences(article.articleId);
  const work = new ResolutionWork(repository);
  const created = new Set<string>();
  const source = sourceOf(article);
  const newEventId = ctx.newEventId ?? eventIdFor;
  const scopes = searchScopes(article.events);

  for (const [reportIndex, report] of article.events.entries()) {
    const scope = scopes[reportIndex];
    if (!scope) continue;
    const { typeClass: cls, ...days } = scope;
    const candidates = await work.candidates(cls, days);
    const resolution = resolveReport(
      candidates,
      { source, report },
      {
        now: ctx.now,
        newEventId: () => newEventId({ articleId: article.articleId, reportIndex, revision: ctx.revision }),
      },
    );
    if (resolution.kind === 'unlinked') {
      await repository.holdReference({
        articleId: article.articleId,
        reportIndex,
        typeClass: cls,
        dateFirst: days.first,
        dateLast: days.last,
        report,
        source,
        reason: resolution.reason,
      });
      continue;
    }
    const event = resolution.event;
    if (resolution.kind === 'new') created.add(event.eventId);
    if (resolution.kind === 'new' || resolution.changed) work.save(event);
    work.addReport({
      eventId: event.eventId,
      articleId: article.articleId,
      main: report.main,
      evidence: report.evidence,
      mergeReason: resolution.kind === 'new' ? 'first report' : resolution.reason,
    });
  }

  await joinHeldReferences(repository, work, ctx.now);
  await linkTouched(work, created, ctx.now);

  const changes = work.changes(created);
  if (changes.events.length > 0 || changes.reports.length > 0) await repository.write(changes);
  return {
    created: [...created],
    updated: changes.events.filter((e) => !e.created).map((e) => e.event.eventId),
    changes,
  };
}

/**
 * The events one article's resolution reads and changes. Until `changes()`, a search answers from
 * the repository and from what this resolution has changed (an event created here, or moved to
 * other days, is found by its new days), and each event read keeps the version it had, so that
 * the repository can refuse to write over another writer's change.
 */
class ResolutionWork {
  /** Events this resolution created or changed, newest state, in the order first touched. */
  readonly touched = new Map<string, EventState>();
  /** The version each event read from the repository had. */
  private readonly read = new Map<string, number>();
  private readonly reports: ReportLink[] = [];
  private readonly repository: ResolutionRepository;

  constructor(repository: ResolutionRepository) {
    this.repository = repository;
  }

  /** Events of a type class whose days overlap `days`, as this resolution sees them. */
  async candidates(cls: TypeClass, days: DayRange): Promise<EventState[]> {
    const found = await this.repository.findCandidates(cls, days);
    const inRange = (e: EventState) =>
      typeClass(e.type) === cls && rangesOverlap(eventDateRange(e.date), days);
    const out: EventState[] = [];
    for (const e of found) {
      if (!this.read.has(e.eventId)) this.read.set(e.eventId, e.version);
      const current = this.touched.get(e.eventId) ?? e;
      if (inRange(current)) out.push(current);
    }
    // Created here, or moved here by this resolution: the repository does not know yet.
    const seen = new Set(found.map((e) => e.eventId));
    for (const e of this.touched.values()) if (!seen.has(e.eventId) && inRange(e)) out.push(e);
    return out;
  }

  save(event: EventState): void {
    this.touched.set(event.eventId, event);
  }

  addReport(link: ReportLink): void {
    this.reports.push(link);
  }

  /** What to write: each touched event (with the version it was read at) and every report link. */
  changes(created: ReadonlySet<string>): ResolutionChanges {
    const events: EventChange[] = [...this.touched.values()].map((event) => {
      const expectedVersion = this.read.get(event.eventId);
      if (created.has(event.eventId) || expectedVersion === undefined) return { event, created: true };
      return { event, created: false, expectedVersion };
    });
    return { events, reports: [...this.reports] };
  }
}

/**
 * References held back because no known event fitted them ("the foreign minister's visits in
 * 2025") are tried again against each event this article created or changed; one that now fits
 * exactly one event joins it as a source.
 */
async function joinHeldReferences(
  repository: ResolutionRepository,
  work: ResolutionWork,
  now: string,
): Promise<void> {
  for (const event of [...work.touched.values()]) {
    const cls = typeClass(event.type);
    for (const held of await repository.findHeldReferences(cls, matchRange(event.date))) {
      const candidates = await work.candidates(cls, candidateRange(held.report.date, cls));
      const resolution = resolveReport(
        candidates,
        { source: held.source, report: held.report },
        // A reference never creates an event, so no id is ever drawn.
        { now, newEventId: () => event.eventId },
      );
      if (resolution.kind !== 'merged') continue;
      // Taken first: another writer that joined it to an event meanwhile has taken it.
      await repository.takeHeldReference(held.articleId, held.reportIndex);
      if (resolution.changed) work.save(resolution.event);
      work.addReport({
        eventId: resolution.event.eventId,
        articleId: held.articleId,
        main: held.report.main,
        evidence: held.report.evidence,
        mergeReason: resolution.reason,
      });
    }
  }
}

/** Classes whose events may take place within a visit. */
const PART_CLASSES: readonly TypeClass[] = ['meeting', 'agreement', 'statement', 'other'];

/**
 * partOf both ways: a touched meeting inside a known visit, and known meetings inside a touched
 * visit. An event whose parent changes gets a new version (announced as event-updated, unless
 * it is new in this resolution).
 */
async function linkTouched(work: ResolutionWork, created: ReadonlySet<string>, now: string): Promise<void> {
  const setParent = (event: EventState, parent: string | undefined) => {
    if (parent === event.partOf) return;
    const { partOf: _old, ...rest } = event;
    work.save({
      ...rest,
      ...(parent ? { partOf: parent } : {}),
      version: created.has(event.eventId) ? event.version : event.version + 1,
      updatedAt: now,
    });
  };
  for (const event of [...work.touched.values()]) {
    // An undated event has no days to be inside of, nor to contain.
    if (event.date === null) continue;
    const days = eventDateRange(event.date);
    if (typeClass(event.type) === 'visit') {
      for (const cls of PART_CLASSES) {
        for (const child of await work.candidates(cls, days)) {
          if (child.partOf) continue;
          const visits = await work.candidates('visit', days);
          if (findParent(child, visits)?.eventId === event.eventId) setParent(child, event.eventId);
        }
      }
    } else {
      const visits = await work.candidates('visit', days);
      setParent(event, findParent(event, visits)?.eventId ?? event.partOf);
    }
  }
}

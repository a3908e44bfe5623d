import { type ArticleExtracted, eventDateRange } from '@dyad/contracts';
import {
  type EventState,
  findParent,
  matchRange,
  type ReportInput,
  resolveReport,
  toEventMessage,
  typeClass,
} from '@dyad/resolve';
import type { SaveResult, StoreTransaction } from '@dyad/store';

export interface IndexResult {
  readonly saved: SaveResult;
  readonly created: readonly string[];
  readonly updated: readonly string[];
}

export interface IndexContext {
  readonly now: string;
  /** Event ids are assigned at first commit. */
  readonly newEventId: () => string;
}

function rowOf(event: EventState) {
  // An undated event stands for every day (UNDATED_RANGE), so every search by date finds it.
  const range = eventDateRange(event.date);
  return { event, typeClass: typeClass(event.type), dateFirst: range.first, dateLast: range.last };
}

/**
 * One article, one transaction: the article, its reports resolved into events (new or merged),
 * partOf links, and the outbox messages that announce what changed. An article whose content is
 * unchanged (a redelivery or a replay) resolves nothing again, so it announces nothing.
 */
export async function indexArticle(
  tx: StoreTransaction,
  article: ArticleExtracted,
  ctx: IndexContext,
): Promise<IndexResult> {
  const saved = await tx.saveArticle(article);
  if (saved !== 'unchanged') await tx.indexArticleText(article);
  if (saved === 'unchanged' || article.events.length === 0) return { saved, created: [], updated: [] };

  await tx.lockResolution();
  const created = new Set<string>();
  // Events this transaction wrote, newest state: the database rows are the same by now, but
  // reading them back through here keeps one source of truth for the loop.
  const touched = new Map<string, EventState>();
  const source = {
    articleId: article.articleId,
    url: article.url,
    title: article.title,
    lang: article.lang,
    publishedAt: article.publishedAt.value,
  };

  // A changed article's references are resolved again from its new reports.
  if (saved === 'updated') await tx.releaseReference(article.articleId);
  for (const [reportIndex, report] of article.events.entries()) {
    const input: ReportInput = { source, report };
    const range = matchRange(report.date);
    const cls = typeClass(report.type);
    const candidates = (await tx.findCandidates(cls, range.first, range.last)).map(
      (e) => touched.get(e.eventId) ?? e,
    );
    const resolution = resolveReport(candidates, input, { now: ctx.now, newEventId: ctx.newEventId });
    if (resolution.kind === 'unlinked') {
      await tx.holdReference({
        articleId: article.articleId,
        reportIndex,
        typeClass: cls,
        dateFirst: range.first,
        dateLast: range.last,
        report,
        source,
        reason: resolution.reason,
      });
      continue;
    }
    const event = resolution.event;
    if (resolution.kind === 'new') created.add(event.eventId);
    if (resolution.kind === 'new' || resolution.changed) {
      touched.set(event.eventId, event);
      await tx.saveEvent(rowOf(event));
    }
    await tx.addReport({
      eventId: event.eventId,
      articleId: article.articleId,
      main: report.main,
      evidence: report.evidence,
      mergeReason: resolution.kind === 'new' ? 'first report' : resolution.reason,
    });
  }

  await joinHeldReferences(tx, touched, ctx.now);
  await linkTouched(tx, touched, created, ctx.now);

  const updated: string[] = [];
  for (const event of touched.values()) {
    const message = toEventMessage(event);
    if (created.has(event.eventId)) {
      await tx.enqueue({
        subject: 'new-event',
        msgId: event.eventId,
        eventId: event.eventId,
        version: event.version,
        payload: message,
      });
    } else {
      await tx.enqueue({
        subject: 'event-updated',
        msgId: `${event.eventId}:${event.version}`,
        eventId: event.eventId,
        version: event.version,
        payload: message,
      });
      updated.push(event.eventId);
    }
  }
  return { saved, created: [...created], updated };
}

/**
 * References held back because no known event fitted them ("the foreign minister's visits in
 * 2025") are tried again against each event this article created or changed; one that now fits
 * exactly one event joins it as a source.
 */
async function joinHeldReferences(
  tx: StoreTransaction,
  touched: Map<string, EventState>,
  now: string,
): Promise<void> {
  for (const event of [...touched.values()]) {
    const range = matchRange(event.date);
    const cls = typeClass(event.type);
    for (const held of await tx.findHeldReferences(cls, range.first, range.last)) {
      const heldRange = matchRange(held.report.date);
      const candidates = (await tx.findCandidates(cls, heldRange.first, heldRange.last)).map(
        (e) => touched.get(e.eventId) ?? e,
      );
      const resolution = resolveReport(
        candidates,
        { source: held.source, report: held.report },
        // A reference never creates an event, so no id is ever drawn.
        { now, newEventId: () => event.eventId },
      );
      if (resolution.kind !== 'merged') continue;
      if (resolution.changed) {
        touched.set(resolution.event.eventId, resolution.event);
        await tx.saveEvent(rowOf(resolution.event));
      }
      await tx.addReport({
        eventId: resolution.event.eventId,
        articleId: held.articleId,
        main: held.report.main,
        evidence: held.report.evidence,
        mergeReason: resolution.reason,
      });
      await tx.releaseReference(held.articleId, held.reportIndex);
    }
  }
}

/**
 * partOf both ways: a touched meeting inside a known visit, and known meetings inside a touched
 * visit. An event whose parent changes gets a new version (announced as event-updated, unless
 * it is new in this transaction).
 */
async function linkTouched(
  tx: StoreTransaction,
  touched: Map<string, EventState>,
  created: ReadonlySet<string>,
  now: string,
): Promise<void> {
  const setParent = async (event: EventState, parent: string | undefined) => {
    if (parent === event.partOf) return;
    const { partOf: _old, ...rest } = event;
    const next: EventState = {
      ...rest,
      ...(parent ? { partOf: parent } : {}),
      version: created.has(event.eventId) ? event.version : event.version + 1,
      updatedAt: now,
    };
    touched.set(next.eventId, next);
    await tx.saveEvent(rowOf(next));
  };
  for (const event of [...touched.values()]) {
    // An undated event has no days to be inside of, nor to contain.
    if (event.date === null) continue;
    const range = eventDateRange(event.date);
    if (typeClass(event.type) === 'visit') {
      for (const cls of ['meeting', 'agreement', 'statement', 'other']) {
        for (const stored of await tx.findCandidates(cls, range.first, range.last)) {
          const child = touched.get(stored.eventId) ?? stored;
          if (child.partOf) continue;
          const visits = (await tx.findCandidates('visit', range.first, range.last)).map(
            (v) => touched.get(v.eventId) ?? v,
          );
          if (findParent(child, visits)?.eventId === event.eventId) await setParent(child, event.eventId);
        }
      }
    } else {
      const visits = (await tx.findCandidates('visit', range.first, range.last)).map(
        (v) => touched.get(v.eventId) ?? v,
      );
      await setParent(event, findParent(event, visits)?.eventId ?? event.partOf);
    }
  }
}

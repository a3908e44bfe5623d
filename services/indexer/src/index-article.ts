import { type ArticleExtracted, eventDateRange } from '@dyad/contracts';
import {
  candidateRange,
  type EventState,
  findParent,
  matchRange,
  type ReportInput,
  resolveReport,
  toEventMessage,
  typeClass,
} from '@dyad/resolve';
import {
  isResolutionConflict,
  type OutboxMessage,
  type ReportRow,
  ResolutionConflictError,
  type SaveResult,
  type Store,
  type StoredEvent,
  type StoreTransaction,
} from '@dyad/store';

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
  // The days each report searches, per type class: locked (with the article saved and its text
  // indexed, in one statement) before any event is read.
  const scopes = article.events.map((report) => {
    const cls = typeClass(report.type);
    return { typeClass: cls, ...candidateRange(report.date, cls) };
  });
  const saved = await tx.saveArticle(article, { indexText: true, lock: scopes });
  if (saved === 'unchanged' || article.events.length === 0) return { saved, created: [], updated: [] };
  const created = new Set<string>();
  const events = new EventsInTransaction(tx);
  const touched = events.touched;
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
    const scope = scopes[reportIndex];
    if (!scope) continue;
    const { typeClass: cls, ...range } = scope;
    const candidates = await events.candidates(cls, range.first, range.last);
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
    if (resolution.kind === 'new' || resolution.changed) events.save(event);
    events.addReport({
      eventId: event.eventId,
      articleId: article.articleId,
      main: report.main,
      evidence: report.evidence,
      mergeReason: resolution.kind === 'new' ? 'first report' : resolution.reason,
    });
  }

  await joinHeldReferences(tx, events, ctx.now);
  await linkTouched(events, created, ctx.now);

  const updated: string[] = [];
  for (const event of touched.values()) {
    const message = toEventMessage(event);
    if (created.has(event.eventId)) {
      events.enqueue({
        subject: 'new-event',
        msgId: event.eventId,
        eventId: event.eventId,
        version: event.version,
        payload: message,
      });
    } else {
      events.enqueue({
        subject: 'event-updated',
        msgId: `${event.eventId}:${event.version}`,
        eventId: event.eventId,
        version: event.version,
        payload: message,
      });
      updated.push(event.eventId);
    }
  }
  // Every event, report and announcement in one statement.
  await events.write();
  return { saved, created: [...created], updated };
}

/** How often an article's transaction is run again when another one changed what it read. */
const CONFLICT_ATTEMPTS = 5;

/**
 * `indexArticle` in a transaction of its own: what the indexer does with each article. When
 * another replica changed an event this one read (or the database broke a deadlock), the whole
 * transaction runs again, reading afresh; after CONFLICT_ATTEMPTS the error goes to the caller
 * (the message is redelivered later).
 */
export async function indexInTransaction(
  store: Store,
  article: ArticleExtracted,
  ctx: IndexContext,
): Promise<IndexResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction((tx) => indexArticle(tx, article, ctx));
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || !isResolutionConflict(error)) throw error;
    }
  }
}

/**
 * The events one transaction reads and writes. Writes wait until `write()`, which sends them in
 * one statement: until then a search answers from the store and from what this transaction has
 * changed (an event created here, or moved to other days, is found by its new days). Each event
 * read from the store is written back only from the version read, so that a change by another
 * transaction meanwhile is a conflict, not a lost update.
 */
class EventsInTransaction {
  /** Events this transaction created or changed, newest state, in the order first touched. */
  readonly touched = new Map<string, EventState>();
  /** The version each event read from the store had. */
  private readonly read = new Map<string, number>();
  private readonly reports: ReportRow[] = [];
  private readonly outbox: Omit<OutboxMessage, 'id'>[] = [];
  private readonly tx: StoreTransaction;

  constructor(tx: StoreTransaction) {
    this.tx = tx;
  }

  /** Events of a type class whose days overlap [first, last], as this transaction sees them. */
  async candidates(cls: string, first: string, last: string): Promise<EventState[]> {
    const found: StoredEvent[] = await this.tx.findCandidates(cls, first, last);
    const inRange = (e: EventState) => {
      const range = eventDateRange(e.date);
      return typeClass(e.type) === cls && range.first <= last && range.last >= first;
    };
    const out: EventState[] = [];
    for (const e of found) {
      if (!this.read.has(e.eventId)) this.read.set(e.eventId, e.version);
      const current = this.touched.get(e.eventId) ?? e;
      if (inRange(current)) out.push(current);
    }
    // Created here, or moved here by this transaction: the store does not know yet.
    const seen = new Set(found.map((e) => e.eventId));
    for (const e of this.touched.values()) if (!seen.has(e.eventId) && inRange(e)) out.push(e);
    return out;
  }

  save(event: EventState): void {
    this.touched.set(event.eventId, event);
  }

  addReport(report: ReportRow): void {
    this.reports.push(report);
  }

  enqueue(message: Omit<OutboxMessage, 'id'>): void {
    this.outbox.push(message);
  }

  /** Sends every write (ResolutionConflictError when an event read has changed meanwhile). */
  async write(): Promise<void> {
    await this.tx.writeResolution({
      events: [...this.touched.values()].map((event) => {
        const expectedVersion = this.read.get(event.eventId);
        return expectedVersion === undefined ? { row: rowOf(event) } : { row: rowOf(event), expectedVersion };
      }),
      reports: this.reports,
      outbox: this.outbox,
    });
  }
}

/**
 * References held back because no known event fitted them ("the foreign minister's visits in
 * 2025") are tried again against each event this article created or changed; one that now fits
 * exactly one event joins it as a source.
 */
async function joinHeldReferences(
  tx: StoreTransaction,
  events: EventsInTransaction,
  now: string,
): Promise<void> {
  for (const event of [...events.touched.values()]) {
    const range = matchRange(event.date);
    const cls = typeClass(event.type);
    for (const held of await tx.findHeldReferences(cls, range.first, range.last)) {
      const heldRange = candidateRange(held.report.date, cls);
      const candidates = await events.candidates(cls, heldRange.first, heldRange.last);
      const resolution = resolveReport(
        candidates,
        { source: held.source, report: held.report },
        // A reference never creates an event, so no id is ever drawn.
        { now, newEventId: () => event.eventId },
      );
      if (resolution.kind !== 'merged') continue;
      // Taken first: another replica that joined it to an event meanwhile has released it.
      if ((await tx.releaseReference(held.articleId, held.reportIndex)) === 0)
        throw new ResolutionConflictError(
          `held reference ${held.articleId}#${held.reportIndex} was joined by another transaction`,
        );
      if (resolution.changed) events.save(resolution.event);
      events.addReport({
        eventId: resolution.event.eventId,
        articleId: held.articleId,
        main: held.report.main,
        evidence: held.report.evidence,
        mergeReason: resolution.reason,
      });
    }
  }
}

/**
 * partOf both ways: a touched meeting inside a known visit, and known meetings inside a touched
 * visit. An event whose parent changes gets a new version (announced as event-updated, unless
 * it is new in this transaction).
 */
async function linkTouched(
  events: EventsInTransaction,
  created: ReadonlySet<string>,
  now: string,
): Promise<void> {
  const touched = events.touched;
  const setParent = async (event: EventState, parent: string | undefined) => {
    if (parent === event.partOf) return;
    const { partOf: _old, ...rest } = event;
    const next: EventState = {
      ...rest,
      ...(parent ? { partOf: parent } : {}),
      version: created.has(event.eventId) ? event.version : event.version + 1,
      updatedAt: now,
    };
    events.save(next);
  };
  for (const event of [...touched.values()]) {
    // An undated event has no days to be inside of, nor to contain.
    if (event.date === null) continue;
    const range = eventDateRange(event.date);
    if (typeClass(event.type) === 'visit') {
      for (const cls of ['meeting', 'agreement', 'statement', 'other']) {
        for (const child of await events.candidates(cls, range.first, range.last)) {
          if (child.partOf) continue;
          const visits = await events.candidates('visit', range.first, range.last);
          if (findParent(child, visits)?.eventId === event.eventId) await setParent(child, event.eventId);
        }
      }
    } else {
      const visits = await events.candidates('visit', range.first, range.last);
      await setParent(event, findParent(event, visits)?.eventId ?? event.partOf);
    }
  }
}

import {
  type Agreement,
  type EventMessage,
  type EventSource,
  formatEventDate,
  type Participant,
} from '@dyad/contracts';
import { joinVisitDays, refineDate } from './dates.ts';
import { type EventState, type ReportInput, typeClass } from './types.ts';

const STATUS_RANK = { planned: 0, signed: 1, in_force: 2 } as const;

function unionParticipants(current: readonly Participant[], incoming: readonly Participant[]): Participant[] {
  const out = current.map((p) => ({ ...p, names: { ...p.names } }));
  for (const p of incoming) {
    const known = out.find((q) => q.actorId === p.actorId);
    if (!known) {
      out.push({ ...p, names: { ...p.names } });
      continue;
    }
    // Names in other languages accumulate as reports in those languages arrive.
    known.names = { ...p.names, ...known.names };
    if (!known.role && p.role) known.role = p.role;
  }
  return out;
}

function unionAgreements(
  current: readonly EventMessage['agreements'][number][],
  incoming: readonly Agreement[],
): EventMessage['agreements'] {
  const out = current.map((a) => ({ ...a }));
  for (const a of incoming) {
    const key = a.name.toLowerCase();
    const known = out.find((b) => b.name.toLowerCase() === key);
    if (!known) out.push({ name: a.name, status: a.status });
    else if (STATUS_RANK[a.status] > STATUS_RANK[known.status]) known.status = a.status;
  }
  return out;
}

function unionStrings(current: readonly string[], incoming: readonly string[]): string[] {
  return [...new Set([...current, ...incoming])];
}

function sourceOf(input: ReportInput): EventSource {
  return {
    articleId: input.source.articleId,
    url: input.source.url,
    title: input.source.title,
    lang: input.source.lang,
    publishedAt: input.source.publishedAt,
    main: input.report.main,
    evidence: input.report.evidence.map((e) => ({ ...e })),
  };
}

function mergeSources(current: readonly EventSource[], input: ReportInput): EventSource[] {
  const incoming = sourceOf(input);
  const out = current.map((s) => ({ ...s, evidence: [...s.evidence] }));
  const known = out.find((s) => s.articleId === incoming.articleId);
  if (!known) {
    out.push(incoming);
    return out;
  }
  // A second report of the same event in one article (a recap paragraph): one source, more evidence.
  known.main ||= incoming.main;
  const seen = new Set(known.evidence.map((e) => `${e.field}:${e.start}:${e.end}`));
  for (const e of incoming.evidence) if (!seen.has(`${e.field}:${e.start}:${e.end}`)) known.evidence.push(e);
  return out;
}

/** What a reader sees first: the kind of event, who, where and when. */
export function summarize(event: Pick<EventMessage, 'type' | 'participants' | 'location' | 'date'>): string {
  const who = event.participants.map((p) => p.names.en ?? p.name).join(', ');
  const where = event.location ? ` in ${event.location.name}` : '';
  return `${event.type.replaceAll('_', ' ')}${who ? `: ${who}` : ''}${where}, ${formatEventDate(event.date)}`;
}

function comparable(event: EventState): string {
  const { version: _v, updatedAt: _u, mergeReasons: _m, ...rest } = event;
  return JSON.stringify(rest);
}

/** A new event from its first report. */
export function createEvent(eventId: string, input: ReportInput, now: string): EventState {
  const r = input.report;
  const base = {
    schema: 1 as const,
    eventId,
    version: 1,
    type: r.type,
    cameo: r.cameo,
    date: r.date ? { ...r.date } : null,
    ...(r.location ? { location: { ...r.location } } : {}),
    participants: unionParticipants([], r.participants),
    topics: unionStrings([], r.topics),
    agreements: unionAgreements([], r.agreements),
    sources: [sourceOf(input)],
    firstSeenAt: now,
    updatedAt: now,
    mergeReasons: [{ articleId: input.source.articleId, reason: 'first report' }],
  };
  // The event's summary is the resolver's, so that it follows the event as reports refine it (a
  // report's own summary says what that one article told).
  return { ...base, summary: summarize(base) };
}

/**
 * Folds a report into a known event: sources and participants accumulate, the date is refined
 * when the report pins it down further, agreements advance in status. The version goes up only
 * when something a subscriber sees has changed, so a redelivered report changes nothing.
 */
export function mergeIntoEvent(
  event: EventState,
  input: ReportInput,
  reason: string,
  now: string,
): { event: EventState; changed: boolean } {
  const r = input.report;
  const hadMain = event.sources.some((s) => s.main);
  // The type and CAMEO code of the article that reports the event as its news win over those of
  // articles that only refer back to it.
  const adoptType = !hadMain && r.main;
  // A visit's date spans every day its reports give (VISIT DAYS ADJOIN); other events refine.
  const date =
    (typeClass(event.type) === 'visit' && joinVisitDays(event.date, r.date)) ||
    refineDate(event.date, r.date);
  const participants = unionParticipants(event.participants, r.participants);
  const next: EventState = {
    ...event,
    type: adoptType ? r.type : event.type,
    cameo: adoptType ? r.cameo : event.cameo,
    date,
    ...(event.location ? {} : r.location ? { location: { ...r.location } } : {}),
    participants,
    topics: unionStrings(event.topics, r.topics),
    agreements: unionAgreements(event.agreements, r.agreements),
    sources: mergeSources(event.sources, input),
  };
  const autoSummary = event.summary === summarize(event);
  const withSummary = autoSummary ? { ...next, summary: summarize(next) } : next;
  const changed = comparable(withSummary) !== comparable(event);
  if (!changed) return { event, changed: false };
  const alreadyReason = event.mergeReasons.some((m) => m.articleId === input.source.articleId);
  return {
    changed: true,
    event: {
      ...withSummary,
      version: event.version + 1,
      updatedAt: now,
      mergeReasons: alreadyReason
        ? event.mergeReasons
        : [...event.mergeReasons, { articleId: input.source.articleId, reason }],
    },
  };
}

import { type EventMessage, eventTypeFacts, formatEventDate } from '@dyad/contracts';

// Characters XML 1.0 does not allow at all (C0 controls but tab and newlines, lone surrogates,
// U+FFFE/U+FFFF): escaping cannot express them, so they are dropped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text for an XML element or a quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface FeedOptions {
  /** Absolute URL of the API, without a trailing slash: links point into it. */
  readonly baseUrl: string;
  /** The feed's <updated> when it has no entries. */
  readonly now: string;
}

export const FEED_ID = 'urn:dyad:feed:events';

/** Entry ids stay the same whatever host serves the feed, so readers never see an event twice. */
export function entryId(eventId: string): string {
  return `urn:dyad:event:${encodeURIComponent(eventId)}`;
}

function title(event: EventMessage): string {
  return event.summary.replace(/\s+/g, ' ').trim() || eventTypeFacts[event.type].label.en;
}

function details(event: EventMessage): string {
  const date = formatEventDate(event.date, { source: true });
  const place = event.location
    ? ` in ${event.location.name}${event.location.country ? ` (${event.location.country})` : ''}`
    : '';
  const who = event.participants.map((p) => `${p.name} (${p.country})`).join(', ');
  const lines = [
    `${eventTypeFacts[event.type].label.en}, ${date}${place}.`,
    who ? `Participants: ${who}.` : '',
    event.agreements.length
      ? `Agreements: ${event.agreements.map((a) => `${a.name} (${a.status})`).join('; ')}.`
      : '',
    `${event.sources.length} source${event.sources.length === 1 ? '' : 's'} in ${[...new Set(event.sources.map((s) => s.lang))].join(', ')}; version ${event.version}.`,
  ];
  return lines.filter(Boolean).join('\n');
}

function entry(event: EventMessage, baseUrl: string): string {
  const self = `${baseUrl}/events/${encodeURIComponent(event.eventId)}`;
  const page = `${baseUrl}/event/${encodeURIComponent(event.eventId)}`;
  const categories = [event.type, ...event.topics].map((term) => `    <category term="${escapeXml(term)}"/>`);
  const related = event.sources.map(
    (s) =>
      `    <link rel="related" href="${escapeXml(s.url)}" hreflang="${escapeXml(s.lang)}" title="${escapeXml(s.title)}"/>`,
  );
  return [
    '  <entry>',
    `    <id>${escapeXml(entryId(event.eventId))}</id>`,
    `    <title>${escapeXml(title(event))}</title>`,
    `    <updated>${escapeXml(event.updatedAt)}</updated>`,
    `    <published>${escapeXml(event.firstSeenAt)}</published>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(page)}"/>`,
    `    <link rel="alternate" type="application/json" href="${escapeXml(self)}"/>`,
    ...related,
    ...categories,
    `    <summary type="text">${escapeXml(details(event))}</summary>`,
    '  </entry>',
  ].join('\n');
}

/** An Atom 1.0 (RFC 4287) feed of events, newest first as given. */
export function renderAtom(events: readonly EventMessage[], options: FeedOptions): string {
  const updated = events.reduce(
    (latest, e) => (Date.parse(e.updatedAt) > Date.parse(latest) ? e.updatedAt : latest),
    events[0]?.updatedAt ?? options.now,
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${FEED_ID}</id>`,
    '  <title>Dyad: Morocco–Kazakhstan events</title>',
    '  <subtitle>Events between Morocco and Kazakhstan, each once, with every article that reports it.</subtitle>',
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(`${options.baseUrl}/feed.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${options.baseUrl}/`)}"/>`,
    `  <link rel="alternate" type="application/json" href="${escapeXml(`${options.baseUrl}/events`)}"/>`,
    '  <author><name>Dyad</name></author>',
    '  <generator>Dyad indexer</generator>',
    ...events.map((e) => entry(e, options.baseUrl)),
    '</feed>',
    '',
  ].join('\n');
}

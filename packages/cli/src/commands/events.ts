import { EventMessage, formatEventDate, formatIssues } from '@dyad/contracts';
import { apiPage, apiPageOptions, parseCommandArgs, printedHelp } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import { type Io, println } from '../io.ts';
import { apiBaseUrl, DEFAULT_API_URL, getApi } from './api-client.ts';

export const eventsUsage = `Usage: dyad events [--from DATE] [--to DATE] [--type TYPE] [--actor ID] [--country CC]
                   [--topic TOPIC] [--limit N] [--offset N] [--json] [--api URL]

Lists the events the indexer knows (one per real event, with every article that reports it),
newest date first, from the indexer's HTTP API.

Options:
  --from DATE      events on or after DATE: 2025, 2025-02 or 2025-02-28
  --to DATE        events on or before DATE (a year or month counts to its last day)
  --type TYPE      official_visit, bilateral_meeting, agreement_signing, … (see /openapi.json)
  --actor ID       with this participant, e.g. kz.tokayev (see GET /actors)
  --country CC     with a participant of this country, e.g. MA or KZ
  --topic TOPIC    with this topic, e.g. aviation
  --limit N        at most N events (default 20, at most 100)
  --offset N       skip the first N (the next page)
  --json           print the API's answer as one JSON object: {"total":…,"next":…,"events":[…]}
  --api URL        the indexer API (default: $DYAD_API_URL or ${DEFAULT_API_URL})`;

/** One line for a person: date, type, summary, id, version, and the languages of its sources. */
export function formatListedEvent(event: EventMessage): string {
  const date = formatEventDate(event.date);
  const langs = [...new Set(event.sources.map((s) => s.lang))].join(' ');
  const sources = `${event.sources.length} source${event.sources.length === 1 ? '' : 's'}: ${langs}`;
  const part = event.partOf ? `, part of ${event.partOf}` : '';
  return `${date.padEnd(10)}  ${event.type.padEnd(18)}  ${event.summary.replace(/\s+/g, ' ').trim()}  [${event.eventId} v${event.version}, ${sources}${part}]`;
}

export interface EventsPage {
  readonly total: number;
  readonly offset: number;
  readonly next: string | null;
  readonly events: EventMessage[];
}

/** The API's answer, checked: a mismatch means the CLI and the indexer disagree, so say so. */
function readPage(body: unknown, base: string): EventsPage {
  const page = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { total, offset, next, events } = page;
  if (typeof total !== 'number' || typeof offset !== 'number' || !Array.isArray(events))
    throw new CommandError(`the indexer API at ${base} answered /events with an unexpected shape`);
  return {
    total,
    offset,
    next: typeof next === 'string' ? next : null,
    events: events.map((e, i) => {
      const parsed = EventMessage.safeParse(e);
      if (!parsed.success)
        throw new CommandError(
          `event ${i} from ${base} is not an event: ${formatIssues(parsed.error).join('; ')}`,
        );
      return parsed.data;
    }),
  };
}

/** `dyad events …` */
export async function eventsCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('events', args, {
    from: { type: 'string' },
    to: { type: 'string' },
    type: { type: 'string' },
    actor: { type: 'string' },
    country: { type: 'string' },
    topic: { type: 'string' },
    ...apiPageOptions,
  });
  if (printedHelp(values, io, eventsUsage)) return 0;
  if (positionals.length)
    throw new UsageError(`unexpected argument ${positionals[0]}; to search text, use dyad search`, 'events');
  const { limit, offset } = apiPage('events', values);
  const base = apiBaseUrl('events', values.api, io.env);
  const body = await getApi('events', base, '/events', {
    from: values.from,
    to: values.to,
    type: values.type,
    actor: values.actor,
    country: values.country,
    topic: values.topic,
    limit,
    offset,
  });
  const page = readPage(body, base);
  if (values.json) {
    println(io.stdout, JSON.stringify(body));
    return 0;
  }
  for (const event of page.events) println(io.stdout, formatListedEvent(event));
  println(io.stderr, summary(page, limit ?? 20));
  return 0;
}

function summary(page: EventsPage, limit: number): string {
  if (page.total === 0) return 'no events match';
  const shown = page.events.length;
  const range = shown ? `${page.offset + 1}–${page.offset + shown}` : 'none';
  const more = page.next ? `; next page: --offset ${page.offset + limit}` : '';
  return `${page.total} event${page.total === 1 ? '' : 's'} (showing ${range})${more}`;
}

import { type EventMessage, type EventType, eventTypeFacts, type Participant } from '@dyad/contracts';
import type { MonthCounts } from '@dyad/store';
import { formatDate, formatMonthKey, formatPartialDate, monthKey } from './format.ts';
import { type Content, type Html, html, join } from './html.ts';
import { isRtl, LANGUAGE_NAMES, type UiLanguage } from './i18n.ts';
import { icon, type PageContext } from './page.ts';

export const EVENT_TYPES = Object.keys(eventTypeFacts) as EventType[];

/** A participant's name in the interface language where known. */
export function displayName(p: Pick<Participant, 'name' | 'names'>, hl: UiLanguage): string {
  return p.names[hl] ?? p.names.en ?? p.name;
}

/** The type as a chip: icon in its colour, its name; CAMEO code and meaning on hover. */
export function typeChip(ctx: PageContext, type: EventType, cameo: string): Html {
  const facts = eventTypeFacts[type];
  return html`<span class="type t-${type}" title="${ctx.t.cameo} ${cameo}: ${facts.meaning}">${icon(facts.icon, facts.colour)}<span>${facts.label[ctx.hl]}</span> <span class="cameo">${ctx.t.cameo} ${cameo}</span></span>`;
}

/** The date with its precision, and a note when it is not the text's own. */
export function dateLine(ctx: PageContext, event: Pick<EventMessage, 'date'>): Html {
  const { date } = event;
  const { t, hl } = ctx;
  if (date === null) return html`<span class="date undated">${t.undated}</span>`;
  const precision =
    date.precision === 'month' ? t.precisionMonth : date.precision === 'year' ? t.precisionYear : '';
  const note =
    date.source === 'published' ? t.datePublished : date.source === 'fetched' ? t.dateFetched : undefined;
  return html`<time class="date" datetime="${date.value}">${formatDate(date, hl, t)}</time>${
    precision ? html` <span class="precision">(${precision})</span>` : ''
  }${note ? html` <span class="approx" title="${note}">≈ ${note}</span>` : ''}`;
}

function languages(event: EventMessage): string[] {
  return [...new Set(event.sources.map((s) => s.lang))].sort();
}

export type Cue = 'new' | 'updated' | undefined;

/** One event in a list: what the timeline, actor pages and live updates show. */
export function eventItem(ctx: PageContext, event: EventMessage, cue?: Cue): Html {
  const { t, hl } = ctx;
  const langs = languages(event);
  const people = event.participants.map(
    (p) =>
      html`<a class="who" href="${ctx.link(`actor/${encodeURIComponent(p.actorId)}`)}"><bdi>${displayName(p, hl)}</bdi></a>`,
  );
  return html`<li class="event t-${event.type}${cue ? ` cue-${cue}` : ''}" id="ev-${event.eventId}" data-event-id="${event.eventId}" data-version="${event.version}">
<div class="mark" aria-hidden="true">${icon(eventTypeFacts[event.type].icon, eventTypeFacts[event.type].colour, 20)}</div>
<div class="body">
<p class="meta">${cue ? html`<strong class="cue">${cue === 'new' ? t.liveNew : t.liveUpdated}</strong> ` : ''}${dateLine(ctx, event)} · ${typeChip(ctx, event.type, event.cameo)}${
    event.location ? html` · <span class="place"><bdi>${event.location.name}</bdi></span>` : ''
  }</p>
<h3 class="summary"><a href="${ctx.link(`event/${encodeURIComponent(event.eventId)}`)}" dir="auto">${event.summary || eventTypeFacts[event.type].label[hl]}</a></h3>
${people.length ? html`<p class="people">${join(people, ', ')}</p>` : ''}
<p class="sources">${t.sources(event.sources.length)} · ${join(
    langs.map((l) => html`<abbr class="lang" title="${LANGUAGE_NAMES[l] ?? l}" lang="${l}">${l}</abbr>`),
    ' ',
  )}${event.sources[0] ? html` · <q class="first-title" lang="${event.sources[0].lang}" dir="${isRtl(event.sources[0].lang) ? 'rtl' : 'auto'}">${event.sources[0].title}</q>` : ''}</p>
</div>
</li>`;
}

/** Events grouped under month headings, in the order given. */
export function eventGroups(ctx: PageContext, events: readonly EventMessage[], level = 2): Html {
  const groups: { key: string; events: EventMessage[] }[] = [];
  for (const event of events) {
    const key = monthKey(event.date);
    const last = groups.at(-1);
    if (last && last.key === key) last.events.push(event);
    else groups.push({ key, events: [event] });
  }
  return join(
    groups.map(
      (g) => html`<section class="month" aria-labelledby="m-${g.key}">
<h${level} id="m-${g.key}">${formatMonthKey(g.key, ctx.hl, ctx.t)}</h${level}>
<ol class="events">${g.events.map((e) => eventItem(ctx, e))}</ol>
</section>`,
    ),
  );
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const year = y ?? 0;
  const mon = m ?? 1;
  return mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
}

/**
 * Events per month by type, stacked bars in SVG; each bar is a link that filters the timeline to
 * its type and month (keeping `keep`, the other filters). `selected` shades the months in from–to.
 */
export function intensityChart(
  ctx: PageContext,
  counts: MonthCounts,
  keep: Readonly<Record<string, string | undefined>>,
  selected?: { readonly from?: string; readonly to?: string },
): Html {
  const { t, hl } = ctx;
  const note = t.chartNote(counts.yearOnly, counts.undated);
  if (counts.months.length === 0)
    return html`<figure class="chart"><figcaption>${t.chart}</figcaption><p>${t.chartEmpty} ${note}</p></figure>`;
  const first = counts.months[0]?.month ?? '';
  const last = counts.months.at(-1)?.month ?? first;
  const months: string[] = [];
  for (let m = first; m <= last && months.length < 2_400; m = nextMonth(m)) months.push(m);
  const byMonth = new Map<string, Map<string, number>>();
  for (const c of counts.months) {
    const types = byMonth.get(c.month) ?? new Map<string, number>();
    types.set(c.type, (types.get(c.type) ?? 0) + c.count);
    byMonth.set(c.month, types);
  }
  const max = Math.max(1, ...[...byMonth.values()].map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const step = Math.max(6, Math.min(28, Math.floor(900 / months.length)));
  const left = 30;
  const top = 8;
  const plotH = 120;
  const width = left + months.length * step + 8;
  const height = top + plotH + 24;
  const scale = plotH / max;
  const bars: Html[] = [];
  const labels: Html[] = [];
  const shade: Html[] = [];
  months.forEach((month, i) => {
    const x = left + i * step;
    const inRange =
      (selected?.from || selected?.to) &&
      (!selected.from || month >= selected.from.slice(0, 7)) &&
      (!selected.to || month <= selected.to.slice(0, 7));
    if (inRange) shade.push(html`<rect class="sel" x="${x}" y="${top}" width="${step}" height="${plotH}"/>`);
    if (month.endsWith('-01') || i === 0)
      labels.push(
        html`<text x="${x + 1}" y="${top + plotH + 16}" class="tick">${month.endsWith('-01') ? month.slice(0, 4) : formatPartialDate(month, hl)}</text>`,
      );
    let y = top + plotH;
    const types = byMonth.get(month);
    if (!types) return;
    for (const type of EVENT_TYPES) {
      const n = types.get(type);
      if (!n) continue;
      const h = Math.max(2, n * scale);
      y -= h;
      const facts = eventTypeFacts[type];
      const label = `${formatPartialDate(month, hl)}: ${t.events(n)}, ${facts.label[hl]}`;
      const href = ctx.link('', { ...keep, type, from: month, to: month });
      bars.push(
        html`<a href="${href}" aria-label="${label}"><title>${label}</title><rect x="${x + 1}" y="${y.toFixed(1)}" width="${step - 2}" height="${h.toFixed(1)}" fill="${facts.colour}"/></a>`,
      );
    }
  });
  const present = EVENT_TYPES.filter((type) => counts.months.some((c) => c.type === type));
  return html`<figure class="chart">
<figcaption>${t.chart}</figcaption>
<div class="chart-scroll" dir="ltr"><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="${t.chart}">
${shade}
<line x1="${left}" y1="${top + plotH}" x2="${width - 8}" y2="${top + plotH}" class="axis"/>
<text x="${left - 4}" y="${top + 10}" class="tick" text-anchor="end">${max}</text>
<text x="${left - 4}" y="${top + plotH}" class="tick" text-anchor="end">0</text>
${bars}
${labels}
</svg></div>
<ul class="legend">${present.map(
    (type) =>
      html`<li><a href="${ctx.link('', { ...keep, type })}">${icon(eventTypeFacts[type].icon, eventTypeFacts[type].colour)} ${eventTypeFacts[type].label[hl]}</a></li>`,
  )}</ul>
${note ? html`<p class="note">${note}</p>` : ''}
</figure>`;
}

/** Text that may be in any script: its language when known, its direction from its letters. */
export function foreign(text: string, lang: string | undefined): Content {
  return html`<span${lang ? html` lang="${lang}"` : ''} dir="${lang && isRtl(lang) ? 'rtl' : 'auto'}">${text}</span>`;
}

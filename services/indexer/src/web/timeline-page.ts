import { eventTypeFacts } from '@dyad/contracts';
import type { ActorSummary, EventFacets, MonthCounts, StoredEvent } from '@dyad/store';
import { type Html, html } from './html.ts';
import { LANGUAGE_NAMES } from './i18n.ts';
import { layout, type PageContext } from './page.ts';
import { displayName, EVENT_TYPES, eventGroups, intensityChart } from './timeline.ts';

/** The timeline's filters as the URL gives them (validated), and the page. */
export interface TimelineFilters {
  readonly type?: string;
  readonly actor?: string;
  readonly place?: string;
  readonly lang?: string;
  readonly from?: string;
  readonly to?: string;
  readonly q?: string;
}

/** Events per timeline page unless `limit` says otherwise. */
export const PAGE_SIZE = 50;

export const FILTER_KEYS = ['q', 'type', 'actor', 'place', 'lang', 'from', 'to'] as const;

export interface TimelineData {
  readonly filters: TimelineFilters;
  readonly offset: number;
  readonly limit: number;
  readonly events: readonly StoredEvent[];
  readonly total: number;
  readonly counts: MonthCounts;
  readonly facets: EventFacets;
  readonly actors: readonly ActorSummary[];
}

function options(
  values: readonly { value: string; label: string; lang?: string }[],
  selected: string | undefined,
): Html[] {
  return values.map(
    (o) =>
      html`<option value="${o.value}"${o.value === selected ? html` selected` : ''}${o.lang ? html` lang="${o.lang}"` : ''}>${o.label}</option>`,
  );
}

function filterForm(ctx: PageContext, data: TimelineData): Html {
  const { t, hl } = ctx;
  const f = data.filters;
  const actorOptions = data.actors.map((a) => ({ value: a.actorId, label: displayName(a, hl) }));
  if (f.actor && !actorOptions.some((o) => o.value === f.actor))
    actorOptions.push({ value: f.actor, label: f.actor });
  const placeOptions = data.facets.places.map((p) => ({ value: p.name, label: `${p.name} (${p.events})` }));
  if (f.place && !placeOptions.some((o) => o.value === f.place))
    placeOptions.push({ value: f.place, label: f.place });
  const langOptions = data.facets.langs.map((l) => ({
    value: l.lang,
    label: `${LANGUAGE_NAMES[l.lang] ?? l.lang} (${l.events})`,
    lang: l.lang,
  }));
  return html`<form class="filters" method="get" action="${ctx.base}" role="search" aria-label="${t.filters}">
<div class="field wide"><label for="f-q">${t.search}</label>
<input id="f-q" name="q" type="search" value="${f.q ?? ''}" placeholder="${t.searchHint}" dir="auto" maxlength="200"></div>
<div class="field"><label for="f-type">${t.type}</label>
<select id="f-type" name="type"><option value="">${t.any}</option>${options(
    EVENT_TYPES.map((type) => ({ value: type, label: eventTypeFacts[type].label[hl] })),
    f.type,
  )}</select></div>
<div class="field"><label for="f-actor">${t.actor}</label>
<select id="f-actor" name="actor"><option value="">${t.any}</option>${options(actorOptions, f.actor)}</select></div>
<div class="field"><label for="f-place">${t.place}</label>
<select id="f-place" name="place"><option value="">${t.any}</option>${options(placeOptions, f.place)}</select></div>
<div class="field"><label for="f-lang">${t.sourceLanguage}</label>
<select id="f-lang" name="lang"><option value="">${t.any}</option>${options(langOptions, f.lang)}</select></div>
<div class="field"><label for="f-from">${t.from}</label>
<input id="f-from" name="from" value="${f.from ?? ''}" placeholder="YYYY-MM" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?" inputmode="numeric" size="10"></div>
<div class="field"><label for="f-to">${t.to}</label>
<input id="f-to" name="to" value="${f.to ?? ''}" placeholder="YYYY-MM" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?" inputmode="numeric" size="10"></div>
${hl !== 'en' ? html`<input type="hidden" name="hl" value="${hl}">` : ''}
<div class="actions"><button type="submit">${t.apply}</button> <a href="${ctx.link('')}">${t.reset}</a></div>
</form>`;
}

export function timelinePage(ctx: PageContext, data: TimelineData): Html {
  const { t } = ctx;
  const f = data.filters;
  const filtered = FILTER_KEYS.some((k) => f[k] !== undefined);
  const keep: Record<string, string | undefined> = { ...f, from: undefined, to: undefined };
  const pageParams = (offset: number) => ({
    ...f,
    limit: data.limit === PAGE_SIZE ? undefined : data.limit,
    offset: offset || undefined,
  });
  const shownFrom = data.total === 0 ? 0 : data.offset + 1;
  const shownTo = data.offset + data.events.length;
  const newer = data.offset > 0 ? ctx.link('', pageParams(Math.max(0, data.offset - data.limit))) : undefined;
  const older = shownTo < data.total ? ctx.link('', pageParams(data.offset + data.limit)) : undefined;
  const live = data.offset === 0 && !filtered ? 'insert' : 'notify';
  return layout(
    ctx,
    {
      title: t.timeline,
      page: 'timeline',
      canonical: ctx.link('', pageParams(data.offset)),
      data: {
        liveMode: live,
        liveNew: t.liveNew,
        liveUpdated: t.liveUpdated,
        query: ctx.hl === 'en' ? '' : `hl=${ctx.hl}`,
      },
    },
    html`<h1>${t.timeline}</h1>
${intensityChart(ctx, data.counts, keep, f)}
${filterForm(ctx, data)}
<div class="live-banner" id="live-banner" hidden><span>${t.liveBanner}</span> <a href="${ctx.link('', pageParams(data.offset))}">${t.reload}</a></div>
<section class="just-in" id="just-in" hidden aria-labelledby="just-in-h"><h2 id="just-in-h">${t.justIn}</h2><ol class="events" id="just-in-list"></ol></section>
<p class="count" id="count">${data.total ? t.shown(shownFrom, shownTo, data.total) : t.none}</p>
<div class="timeline" id="timeline">${eventGroups(ctx, data.events)}</div>
<nav class="pager" aria-label="${t.timeline}">${newer ? html`<a rel="prev" href="${newer}">← ${t.newer}</a>` : ''}${
      older ? html`<a rel="next" href="${older}">${t.older} →</a>` : ''
    }</nav>`,
  );
}

import type { EventMessage } from '@dyad/contracts';
import type { Actor as KnownActor } from '@dyad/knowledge';
import type { MonthCounts } from '@dyad/store';
import { formatPartialDate, officeLabel } from './format.ts';
import { type Html, html } from './html.ts';
import { LANGUAGE_NAMES } from './i18n.ts';
import { layout, type PageContext } from './page.ts';
import { displayName, eventGroups, intensityChart } from './timeline.ts';

export interface ActorPageData {
  readonly actorId: string;
  /** The knowledge base's entry, when the actor is a known person. */
  readonly known: KnownActor | undefined;
  readonly events: readonly EventMessage[];
  readonly total: number;
  readonly counts: MonthCounts;
}

/** Each role the events give the actor, with the first and last event dates it was given on. */
function rolesSeen(
  actorId: string,
  events: readonly EventMessage[],
): { role: string; first?: string; last?: string }[] {
  const out = new Map<string, { role: string; first?: string; last?: string }>();
  for (const e of events) {
    const role = e.participants.find((p) => p.actorId === actorId)?.role;
    if (!role) continue;
    const seen = out.get(role) ?? { role };
    const day = e.date?.value;
    if (day) {
      if (!seen.first || day < seen.first) seen.first = day;
      if (!seen.last || day > seen.last) seen.last = day;
    }
    out.set(role, seen);
  }
  return [...out.values()].sort((a, b) => (a.first ?? '').localeCompare(b.first ?? ''));
}

export function actorPage(ctx: PageContext, data: ActorPageData): Html {
  const { t, hl } = ctx;
  const participant = data.events.flatMap((e) => e.participants).find((p) => p.actorId === data.actorId);
  const knownNames: [string, string][] = Object.entries(data.known?.names ?? {}).map(([lang, forms]) => [
    lang,
    forms?.[0] ?? '',
  ]);
  const eventNames = Object.entries(participant?.names ?? {}).filter(([, v]) => typeof v === 'string') as [
    string,
    string,
  ][];
  const names = new Map<string, string>([...eventNames, ...knownNames].filter(([, v]) => v));
  const title =
    names.get(hl) ?? names.get('en') ?? (participant ? displayName(participant, hl) : data.actorId);
  const country = data.known?.country ?? participant?.country;
  const date = (value: string | undefined) => (value ? formatPartialDate(value, hl) : '…');
  const known = data.known?.roles ?? [];
  const seen = rolesSeen(data.actorId, data.events);
  return layout(
    ctx,
    { title, page: 'actor', canonical: ctx.link(`actor/${encodeURIComponent(data.actorId)}`) },
    html`<h1><bdi>${title}</bdi></h1>
<dl class="facts">
${country ? html`<dt>${t.country}</dt><dd>${country}</dd>` : ''}
${[...names].map(([lang, name]) => html`<dt>${LANGUAGE_NAMES[lang] ?? lang}</dt><dd lang="${lang}" dir="auto">${name}</dd>`)}
<dt>${t.timeline}</dt><dd><a href="${ctx.link('', { actor: data.actorId })}">${t.events(data.total)}</a></dd>
</dl>
${
  known.length
    ? html`<section aria-labelledby="roles-h"><h2 id="roles-h">${t.rolesKnown}</h2><ul class="roles">${known.map(
        (r) =>
          html`<li><strong>${officeLabel(r.office)}</strong> (${r.country}${r.to_country ? ` → ${r.to_country}` : ''}${r.city ? `, ${r.city}` : ''}): ${
            r.from || r.to || r.current
              ? `${date(r.from)} – ${r.current ? t.current : date(r.to)}`
              : r.seen.map((s) => formatPartialDate(s, hl)).join(', ')
          }</li>`,
      )}</ul></section>`
    : ''
}
${
  seen.length
    ? html`<section aria-labelledby="seen-h"><h2 id="seen-h">${t.rolesSeen}</h2><ul class="roles">${seen.map(
        (r) =>
          html`<li><strong>${officeLabel(r.role)}</strong>${r.first ? `: ${date(r.first)}${r.last && r.last !== r.first ? ` – ${date(r.last)}` : ''}` : ''}</li>`,
      )}</ul></section>`
    : ''
}
<section aria-labelledby="over-time-h"><h2 id="over-time-h">${t.eventsOverTime}</h2>
${intensityChart(ctx, data.counts, { actor: data.actorId })}
<div class="timeline">${eventGroups(ctx, data.events, 3)}</div>
${data.total > data.events.length ? html`<p><a href="${ctx.link('', { actor: data.actorId, offset: data.events.length })}">${t.older} →</a></p>` : ''}
</section>`,
  );
}

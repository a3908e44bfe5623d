import { type EventMessage, type Evidence, eventTypeFacts } from '@dyad/contracts';
import type { EventVersion, StoredEvent } from '@dyad/store';
import { formatDate, formatPublished, formatTimestamp, officeLabel, outletOf } from './format.ts';
import { type Html, html, join, safeHref } from './html.ts';
import { isRtl, LANGUAGE_NAMES } from './i18n.ts';
import { layout, type PageContext } from './page.ts';
import { dateLine, displayName, foreign, typeChip } from './timeline.ts';

export interface SourceText {
  readonly articleId: string;
  readonly sourceId: string;
  /** The article's cleaned text, as the evidence offsets count it; undefined when not stored. */
  readonly text: string | undefined;
}

export interface EventPageData {
  readonly event: StoredEvent;
  readonly parent: EventMessage | undefined;
  readonly children: readonly EventMessage[];
  readonly history: readonly EventVersion[];
  readonly texts: ReadonlyMap<string, SourceText>;
}

interface Range {
  start: number;
  end: number;
  fields: string[];
}

/** `participants[kz.nurtleu]:by-role@headline` → its parts. */
function parseField(field: string): { base: string; detail?: string; how?: string } {
  const m = /^([a-z_]+)(?:\[(.*)\])?(?::([\w-]+))?(?:@([\w-]+))?$/i.exec(field);
  if (!m) return { base: field };
  return { base: m[1] ?? field, detail: m[2], how: [m[3], m[4]].filter(Boolean).join(', ') || undefined };
}

function fieldLabel(field: string, event: EventMessage, ctx: PageContext): string {
  const { t, hl } = ctx;
  const { base, detail, how } = parseField(field);
  const names: Record<string, string> = {
    type: t.type,
    date: t.date,
    participants: t.participants,
    location: t.place,
    topics: t.topics,
    agreements: t.agreements,
    references: t.role,
  };
  let shown = detail;
  if (base === 'participants' && detail) {
    const p = event.participants.find((x) => x.actorId === detail);
    shown = p ? displayName(p, hl) : detail;
  } else if (base === 'references' && detail) shown = officeLabel(detail);
  return `${names[base] ?? base}${shown ? `: ${shown}` : ''}${how ? ` (${how.replaceAll('-', ' ')})` : ''}`;
}

/**
 * The evidence of one source as ranges of its text: offsets checked against the sentence (and the
 * sentence looked up when they no longer fit); sentences not in the text are returned apart.
 */
function evidenceRanges(
  text: string,
  evidence: readonly Evidence[],
): { ranges: Range[]; missing: Evidence[] } {
  const byKey = new Map<string, Range>();
  const missing: Evidence[] = [];
  for (const e of evidence) {
    let start = e.start;
    let end = e.end;
    if (text.slice(start, end) !== e.text) {
      const found = e.text ? text.indexOf(e.text) : -1;
      if (found < 0) {
        missing.push(e);
        continue;
      }
      start = found;
      end = found + e.text.length;
    }
    const key = `${start}:${end}`;
    const range = byKey.get(key) ?? { start, end, fields: [] };
    range.fields.push(e.field);
    byKey.set(key, range);
  }
  return { ranges: [...byKey.values()].sort((a, b) => a.start - b.start || b.end - a.end), missing };
}

/** The text with each evidence range in <mark>; overlapping ranges split where they overlap. */
function highlighted(
  text: string,
  ranges: readonly Range[],
  idPrefix: string,
  label: (f: string) => string,
): Html {
  const cuts = new Set<number>([0, text.length]);
  for (const r of ranges) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const anchored = new Set<number>();
  const parts: Html[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] ?? 0;
    const to = points[i + 1] ?? from;
    const segment = text.slice(from, to);
    const covering = ranges.map((r, k) => [r, k] as const).filter(([r]) => r.start <= from && r.end >= to);
    if (covering.length === 0) {
      parts.push(html`${segment}`);
      continue;
    }
    const fields = [...new Set(covering.flatMap(([r]) => r.fields))];
    const first = covering.find(([, k]) => !anchored.has(k));
    const id = first ? `${idPrefix}-${first[1]}` : undefined;
    if (first) anchored.add(first[1]);
    parts.push(
      html`<mark class="evidence"${id ? html` id="${id}"` : ''} title="${fields.map(label).join('; ')}" data-fields="${fields.join(' ')}">${segment}</mark>`,
    );
  }
  return html`${parts}`;
}

function sourceSection(ctx: PageContext, data: EventPageData, index: number): Html {
  const { t, hl } = ctx;
  const { event } = data;
  const source = event.sources[index];
  if (!source) return html``;
  const stored = data.texts.get(source.articleId);
  const href = safeHref(source.url);
  const label = (f: string) => fieldLabel(f, event, ctx);
  const prefix = `s${index + 1}`;
  const { ranges, missing } = stored?.text
    ? evidenceRanges(stored.text, source.evidence)
    : { ranges: [], missing: source.evidence };
  const reason = event.mergeReasons.find((r) => r.articleId === source.articleId)?.reason;
  const dir = isRtl(source.lang) ? 'rtl' : 'auto';
  return html`<section class="source" id="source-${index + 1}" aria-labelledby="source-${index + 1}-h">
<h3 id="source-${index + 1}-h"><span class="n">${index + 1}.</span> <span lang="${source.lang}" dir="${dir}">${source.title}</span></h3>
<dl class="facts">
<dt>${t.outlet}</dt><dd>${outletOf(source.url, stored?.sourceId ?? '')}</dd>
<dt>${t.language}</dt><dd>${LANGUAGE_NAMES[source.lang] ?? source.lang}</dd>
<dt>${t.published}</dt><dd>${formatPublished(source.publishedAt, hl)}</dd>
<dt>${t.source}</dt><dd>${href ? html`<a href="${href}" rel="noopener noreferrer nofollow" hreflang="${source.lang}">${t.open}</a>` : html`<span class="muted">${t.noLink}</span> <code>${source.url}</code>`} · ${source.main ? t.mainReport : t.refersTo}</dd>
${reason ? html`<dt>${t.whyMerged}</dt><dd>${reason}</dd>` : ''}
</dl>
${
  ranges.length
    ? html`<h4>${t.evidence}</h4><ul class="evidence-list">${ranges.map(
        (r, k) =>
          html`<li><a href="#${prefix}-${k}">${join(
            r.fields.map((f) => html`<span class="field">${label(f)}</span>`),
            ', ',
          )}</a></li>`,
      )}</ul>`
    : ''
}
${
  missing.length
    ? html`<p class="muted">${t.notInText}</p><ul class="evidence-missing">${missing.map(
        (e) => html`<li><span class="field">${label(e.field)}</span>: ${foreign(e.text, source.lang)}</li>`,
      )}</ul>`
    : ''
}
${
  stored?.text
    ? html`<details class="article-text" open><summary>${t.cleanedText}</summary><div class="text" tabindex="0" role="region" aria-label="${t.cleanedText} ${index + 1}" lang="${source.lang}" dir="${dir}">${highlighted(stored.text, ranges, prefix, label)}</div></details>`
    : ''
}
</section>`;
}

function describeChanges(before: EventMessage, after: EventMessage, ctx: PageContext): string[] {
  const { t, hl } = ctx;
  const out: string[] = [];
  const known = new Set(before.sources.map((s) => s.articleId));
  for (const s of after.sources)
    if (!known.has(s.articleId)) out.push(`${t.added} ${t.source.toLowerCase()}: ${s.title} (${s.lang})`);
  if (before.type !== after.type)
    out.push(`${t.type}: ${eventTypeFacts[before.type].label[hl]} → ${eventTypeFacts[after.type].label[hl]}`);
  if (JSON.stringify(before.date) !== JSON.stringify(after.date))
    out.push(`${t.date}: ${formatDate(before.date, hl, t)} → ${formatDate(after.date, hl, t)}`);
  if (before.location?.name !== after.location?.name)
    out.push(`${t.place}: ${before.location?.name ?? '—'} → ${after.location?.name ?? '—'}`);
  const people = new Set(before.participants.map((p) => p.actorId));
  for (const p of after.participants)
    if (!people.has(p.actorId)) out.push(`${t.added} ${t.participants.toLowerCase()}: ${displayName(p, hl)}`);
  const agreements = new Map(before.agreements.map((a) => [a.name, a.status]));
  for (const a of after.agreements) {
    const was = agreements.get(a.name);
    if (was !== a.status)
      out.push(
        `${t.agreements}: ${a.name} ${was ? `${t.status[was] ?? was} → ` : ''}${t.status[a.status] ?? a.status}`,
      );
  }
  const topics = new Set(before.topics);
  const newTopics = after.topics.filter((x) => !topics.has(x));
  if (newTopics.length) out.push(`${t.added} ${t.topics.toLowerCase()}: ${newTopics.join(', ')}`);
  if (before.partOf !== after.partOf) out.push(`${t.partOf}: ${after.partOf ?? '—'}`);
  return out;
}

function historySection(ctx: PageContext, history: readonly EventVersion[]): Html {
  const { t, hl } = ctx;
  if (history.length === 0) return html``;
  return html`<section class="history" aria-labelledby="history-h"><h2 id="history-h">${t.history}</h2><ol>${history.map(
    (v, i) => {
      const before = history[i - 1];
      const changes = before ? describeChanges(before.event, v.event, ctx) : [];
      return html`<li><strong>${t.version(v.version)}</strong> · ${formatTimestamp(v.at, hl)} · ${
        v.subject === 'new-event' ? t.firstAnnounced : t.updated
      }${
        before
          ? changes.length
            ? html`<ul>${changes.map((c) => html`<li dir="auto">${c}</li>`)}</ul>`
            : html` · <span class="muted">${t.noChange}</span>`
          : ''
      }</li>`;
    },
  )}</ol></section>`;
}

function brief(ctx: PageContext, e: EventMessage): Html {
  return html`<a href="${ctx.link(`event/${encodeURIComponent(e.eventId)}`)}" dir="auto">${e.summary}</a> <span class="muted">(${formatDate(e.date, ctx.hl, ctx.t)})</span>`;
}

export function eventPage(ctx: PageContext, data: EventPageData): Html {
  const { t, hl } = ctx;
  const { event } = data;
  const people = event.participants.map(
    (p) =>
      html`<tr><td><a href="${ctx.link(`actor/${encodeURIComponent(p.actorId)}`)}"><bdi>${displayName(p, hl)}</bdi></a>${
        p.names.ar && hl !== 'ar' ? html` <span class="alt" lang="ar" dir="rtl">${p.names.ar}</span>` : ''
      }${p.names.ru ? html` <span class="alt" lang="ru">${p.names.ru}</span>` : ''}</td><td>${p.role ? officeLabel(p.role) : '—'}</td><td>${p.country}</td></tr>`,
  );
  return layout(
    ctx,
    {
      title: event.summary,
      page: 'event',
      canonical: ctx.link(`event/${encodeURIComponent(event.eventId)}`),
      data: {
        eventId: event.eventId,
        version: String(event.version),
        eventChanged: t.eventChanged,
        reload: t.reload,
      },
    },
    html`<article class="event-page t-${event.type}">
<p class="meta">${typeChip(ctx, event.type, event.cameo)}</p>
<h1 dir="auto">${event.summary}</h1>
<div class="live-banner" id="live-banner" hidden><span>${t.eventChanged}</span> <a href="${ctx.link(`event/${encodeURIComponent(event.eventId)}`)}">${t.reload}</a></div>
<dl class="facts">
<dt>${t.date}</dt><dd>${dateLine(ctx, event)}</dd>
${event.location ? html`<dt>${t.place}</dt><dd><bdi>${event.location.name}</bdi>${event.location.country ? ` (${event.location.country})` : ''}</dd>` : ''}
${data.parent ? html`<dt>${t.partOf}</dt><dd>${brief(ctx, data.parent)}</dd>` : ''}
${event.topics.length ? html`<dt>${t.topics}</dt><dd><ul class="chips">${event.topics.map((x) => html`<li>${x}</li>`)}</ul></dd>` : ''}
${
  event.agreements.length
    ? html`<dt>${t.agreements}</dt><dd><ul>${event.agreements.map(
        (a) =>
          html`<li dir="auto">${a.name} — <span class="status s-${a.status}">${t.status[a.status] ?? a.status}</span></li>`,
      )}</ul></dd>`
    : ''
}
<dt>${t.sourcesTitle}</dt><dd>${t.sources(event.sources.length)}, ${[...new Set(event.sources.map((s) => LANGUAGE_NAMES[s.lang] ?? s.lang))].join(', ')} · ${t.version(event.version)}</dd>
</dl>
${
  people.length
    ? html`<section aria-labelledby="people-h"><h2 id="people-h">${t.participants}</h2>
<table class="people"><thead><tr><th scope="col">${t.participants}</th><th scope="col">${t.role}</th><th scope="col">${t.country}</th></tr></thead><tbody>${people}</tbody></table></section>`
    : ''
}
${
  data.children.length
    ? html`<section aria-labelledby="within-h"><h2 id="within-h">${t.within}</h2><ul class="related">${data.children.map(
        (c) => html`<li>${brief(ctx, c)}</li>`,
      )}</ul></section>`
    : ''
}
<section class="sources" aria-labelledby="sources-h"><h2 id="sources-h">${t.sourcesTitle}</h2>
<p class="hint">${t.evidenceHint}</p>
${event.sources.map((_, i) => sourceSection(ctx, data, i))}
</section>
${historySection(ctx, data.history)}
</article>`,
  );
}

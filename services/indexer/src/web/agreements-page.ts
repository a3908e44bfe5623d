import { AGREEMENT_STAGES, type AgreementLife, type AgreementLifeStep } from '../api/agreements.ts';
import { formatDate, formatPublished, outletOf } from './format.ts';
import { type Html, html, join, safeHref } from './html.ts';
import { LANGUAGE_NAMES, LOCALE } from './i18n.ts';
import { layout, type PageContext } from './page.ts';
import { typeChip } from './timeline.ts';

/** A country code as the interface's language names the country ("KZ" → "Kazakhstan", "كازاخستان"). */
function countryName(ctx: PageContext, code: string): string {
  try {
    return new Intl.DisplayNames(LOCALE[ctx.hl], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function eventStep(ctx: PageContext, s: Extract<AgreementLifeStep, { kind: 'event' }>): Html {
  const { t, hl } = ctx;
  const page = ctx.link(`event/${encodeURIComponent(s.event.eventId)}`);
  return html`<li><span class="status s-${s.status}">${t.status[s.status] ?? s.status}</span> · ${formatDate(s.date, hl, t)} · ${typeChip(
    ctx,
    s.event.type,
    s.event.cameo,
  )}<br><a href="${page}" dir="auto">${s.event.summary}</a> · ${t.sources(s.sources.length)}: ${join(
    s.sources.map(
      (src, i) => html`<a href="${page}#source-${i + 1}" lang="${src.lang}" dir="auto">${src.title}</a>`,
    ),
    ' · ',
  )}</li>`;
}

/** An approval at home: who approved it, and the article that tells it, with the sentence. */
function actStep(ctx: PageContext, s: Extract<AgreementLifeStep, { kind: 'act' }>): Html {
  const { t, hl } = ctx;
  const quoted =
    s.evidence.find((e) => e.text !== '' && !e.field.endsWith('@headline')) ??
    s.evidence.find((e) => e.text !== '');
  return html`<li class="act"><span class="status s-${s.status}">${t.status[s.status] ?? s.status}</span> · ${formatDate(s.date, hl, t)}${
    s.country ? html` · ${t.approvedBy(countryName(ctx, s.country))}` : ''
  }<br>${t.sources(s.sources.length)}: ${join(
    s.sources.map((src) => {
      const href = safeHref(src.url);
      const title = html`<span lang="${src.lang}" dir="auto">${src.title}</span>`;
      return html`${href ? html`<a href="${href}" rel="noopener noreferrer">${title}</a>` : title} (${outletOf(src.url, t.noLink)}, ${LANGUAGE_NAMES[src.lang] ?? src.lang}, ${formatPublished(src.publishedAt, hl)})`;
    }),
    ' · ',
  )}${quoted ? html`<blockquote lang="${s.sources[0]?.lang ?? ''}" dir="auto">${quoted.text}</blockquote>` : ''}</li>`;
}

export function agreementsPage(ctx: PageContext, lives: readonly AgreementLife[]): Html {
  const { t } = ctx;
  return layout(
    ctx,
    { title: t.agreements, page: 'agreements', canonical: ctx.link('agreements') },
    html`<h1>${t.agreements}</h1>
<p>${t.agreementsIntro}</p>
${lives.length === 0 ? html`<p>${t.none}</p>` : ''}
${lives.map((life, index) => {
  const reached = new Set<string>(life.reached);
  return html`<section class="agreement" aria-labelledby="a-${index}">
<h2 id="a-${index}" dir="auto">${life.name}</h2>
<ol class="stages">${AGREEMENT_STAGES.map(
    (status) =>
      html`<li class="stage${reached.has(status) ? ' reached' : ''}">${t.status[status] ?? status}</li>`,
  )}</ol>
<ol class="steps">${life.steps.map((s) => (s.kind === 'event' ? eventStep(ctx, s) : actStep(ctx, s)))}</ol>
</section>`;
})}`,
  );
}

import type { EventMessage } from '@dyad/contracts';
import { formatDate } from './format.ts';
import { type Html, html, join } from './html.ts';
import { layout, type PageContext } from './page.ts';
import { typeChip } from './timeline.ts';

/** An agreement's life, planned → signed → in force, each step with the event that tells it. */
export interface AgreementLife {
  readonly name: string;
  readonly steps: readonly { readonly status: string; readonly event: EventMessage }[];
}

const ORDER: Record<string, number> = { planned: 0, signed: 1, in_force: 2 };

/** Agreements by name (case and spacing folded), each step in date order (events come oldest first). */
export function agreementLives(events: readonly EventMessage[]): AgreementLife[] {
  const lives = new Map<string, { name: string; steps: { status: string; event: EventMessage }[] }>();
  for (const event of events)
    for (const a of event.agreements) {
      const key = a.name.toLowerCase().replace(/\s+/g, ' ').trim();
      const life = lives.get(key) ?? { name: a.name, steps: [] };
      life.steps.push({ status: a.status, event });
      lives.set(key, life);
    }
  return [...lives.values()]
    .map((l) => ({
      ...l,
      steps: l.steps.sort(
        (x, y) =>
          (x.event.date === null ? 1 : 0) - (y.event.date === null ? 1 : 0) ||
          (x.event.date?.value ?? '').localeCompare(y.event.date?.value ?? '') ||
          (ORDER[x.status] ?? 0) - (ORDER[y.status] ?? 0),
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function agreementsPage(ctx: PageContext, lives: readonly AgreementLife[]): Html {
  const { t, hl } = ctx;
  return layout(
    ctx,
    { title: t.agreements, page: 'agreements', canonical: ctx.link('agreements') },
    html`<h1>${t.agreements}</h1>
<p>${t.agreementsIntro}</p>
${lives.length === 0 ? html`<p>${t.none}</p>` : ''}
${lives.map((life, index) => {
  const reached = new Set(life.steps.map((s) => s.status));
  return html`<section class="agreement" aria-labelledby="a-${index}">
<h2 id="a-${index}" dir="auto">${life.name}</h2>
<ol class="stages">${['planned', 'signed', 'in_force'].map(
    (status) =>
      html`<li class="stage${reached.has(status) ? ' reached' : ''}">${t.status[status] ?? status}</li>`,
  )}</ol>
<ol class="steps">${life.steps.map(
    (s) =>
      html`<li><span class="status s-${s.status}">${t.status[s.status] ?? s.status}</span> · ${formatDate(s.event.date, hl, t)} · ${typeChip(
        ctx,
        s.event.type,
        s.event.cameo,
      )}<br><a href="${ctx.link(`event/${encodeURIComponent(s.event.eventId)}`)}" dir="auto">${s.event.summary}</a> · ${t.sources(
        s.event.sources.length,
      )}: ${join(
        s.event.sources.map(
          (src, i) =>
            html`<a href="${ctx.link(`event/${encodeURIComponent(s.event.eventId)}`)}#source-${i + 1}" lang="${src.lang}" dir="auto">${src.title}</a>`,
        ),
        ' · ',
      )}</li>`,
  )}</ol>
</section>`;
})}`,
  );
}

/**
 * What one article may carry through the pipeline: the one home of these limits. The schemas
 * refuse what is over them (at the boundary: the publisher and every consumer validate), the
 * cleaner and the extractor fit their output to them (`fitArticleCleaned`, `fitArticleExtracted`),
 * and a message that still does not fit the bus is a permanent failure of its article, never a
 * temporary one (see `MessageTooLargeError` in @dyad/bus).
 *
 * Why these numbers: NATS refuses messages over its max_payload (1 MiB by default). A news article
 * is rarely over 30,000 characters; 100,000 characters is at most ~300 KB of UTF-8 and leaves the
 * rest of a message to its events. `article.extracted` carries the text again with its events
 * and their evidence, and its mentions (which the indexer does not store) are what gives way.
 */
import type { ArticleCleaned } from './schemas/article-cleaned.ts';
import type { ArticleExtracted } from './schemas/article-extracted.ts';

export const articleLimits = {
  /** An article's title, in characters. */
  titleChars: 1_000,
  /** An article's cleaned text, in characters (cut at a paragraph boundary, with a note). */
  textChars: 100_000,
  /** Event reports per article: more is not a news article (an index, a chronology dump). */
  eventReports: 100,
  /** Agreement acts (approvals at home) per article. */
  agreementActs: 100,
  /** Mentions of each kind (actors, places, dates) per article. */
  mentionsPerKind: 500,
  /** The sentence an evidence quotes, in characters (its offsets still give the whole span). */
  evidenceTextChars: 1_000,
} as const;

/** The share of unreadable characters (see unreadableShare) above which a body is not text. */
export const UNREADABLE_MAX_SHARE = 0.01;

/** The text without NUL characters, which PostgreSQL cannot store and no article needs. */
export function withoutNuls(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/**
 * The share of a text's first `sample` characters that no text has: U+FFFD (bytes that did not
 * decode) and control characters other than tab, line feed, form feed and carriage return.
 * Binary bytes decoded as UTF-8 give 30–50%; a page in its right charset gives 0.
 */
export function unreadableShare(text: string, sample = 65_536): number {
  const n = Math.min(text.length, sample);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f) bad++;
  }
  return bad / n;
}

/** Cuts a string to `max` characters, at a whitespace when one is near, with an ellipsis. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}

/**
 * The text cut to `max` characters at the last paragraph boundary before it (else the last
 * sentence or word), so that what is kept reads whole.
 */
function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  for (const boundary of ['\n\n', '\n', '. ', ' ']) {
    const at = head.lastIndexOf(boundary);
    if (at > max * 0.5) return head.slice(0, at + (boundary === '. ' ? 1 : 0)).trimEnd();
  }
  return head;
}

/**
 * `article.cleaned` within the limits: no NULs, the title clipped, the text cut at a paragraph
 * boundary with `truncated.textChars` saying how long it was. Unchanged when it fits.
 */
export function fitArticleCleaned(article: ArticleCleaned): ArticleCleaned {
  const title = clip(withoutNuls(article.title), articleLimits.titleChars);
  const full = withoutNuls(article.text);
  const text = cutText(full, articleLimits.textChars);
  return {
    ...article,
    title,
    text,
    ...(text.length < full.length ? { truncated: { ...article.truncated, textChars: full.length } } : {}),
  };
}

/** The size of a message on the bus, in bytes (its JSON, as the publisher sends it). */
export function messageBytes(message: unknown): number {
  return new TextEncoder().encode(JSON.stringify(message)).length;
}

/**
 * `article.extracted` within the limits and, when it can be, within `maxBytes`: evidence
 * sentences clipped, mentions capped per kind; then, while it is still too large, mentions are
 * left out (last first; `truncated.mentions` counts them) and evidence sentences clipped shorter.
 * Events are never dropped: over `eventReports` the message is invalid, and one that still does
 * not fit is refused by the publisher as too large (a dead letter with its reason).
 */
export function fitArticleExtracted(article: ArticleExtracted, maxBytes: number): ArticleExtracted {
  const clipEvidence = (max: number) => (e: ArticleExtracted['events'][number]['evidence'][number]) =>
    e.text.length > max ? { ...e, text: clip(e.text, max) } : e;
  const withEvidence = (a: ArticleExtracted, max: number): ArticleExtracted => ({
    ...a,
    mentions: {
      actors: a.mentions.actors.map((m) => ({ ...m, evidence: clipEvidence(max)(m.evidence) })),
      places: a.mentions.places.map((m) => ({ ...m, evidence: clipEvidence(max)(m.evidence) })),
      dates: a.mentions.dates.map((m) => ({ ...m, evidence: clipEvidence(max)(m.evidence) })),
    },
    events: a.events.map((e) => ({ ...e, evidence: e.evidence.map(clipEvidence(max)) })),
    ...(a.agreementActs
      ? { agreementActs: a.agreementActs.map((x) => ({ ...x, evidence: x.evidence.map(clipEvidence(max)) })) }
      : {}),
  });
  const cap = articleLimits.mentionsPerKind;
  const { actors, places, dates } = article.mentions;
  let omitted =
    Math.max(0, actors.length - cap) + Math.max(0, places.length - cap) + Math.max(0, dates.length - cap);
  let fitted = withEvidence(
    {
      ...article,
      mentions: { actors: actors.slice(0, cap), places: places.slice(0, cap), dates: dates.slice(0, cap) },
    },
    articleLimits.evidenceTextChars,
  );
  const note = () => (omitted ? { truncated: { ...article.truncated, mentions: omitted } } : {});
  if (messageBytes({ ...fitted, ...note() }) <= maxBytes) return { ...fitted, ...note() };
  // Too large still: mentions give way first, halving each round, dates before places before actors.
  for (const kind of ['dates', 'places', 'actors'] as const) {
    while (fitted.mentions[kind].length > 0 && messageBytes({ ...fitted, ...note() }) > maxBytes) {
      const list = fitted.mentions[kind];
      const keep = Math.floor(list.length / 2);
      omitted += list.length - keep;
      fitted = { ...fitted, mentions: { ...fitted.mentions, [kind]: list.slice(0, keep) } };
    }
  }
  for (const max of [300, 100]) {
    if (messageBytes({ ...fitted, ...note() }) <= maxBytes) break;
    fitted = withEvidence(fitted, max);
  }
  return { ...fitted, ...note() };
}

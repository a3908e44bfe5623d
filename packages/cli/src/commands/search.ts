import { apiPage, apiPageOptions, parseCommandArgs, printedHelp } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import { type Io, println } from '../io.ts';
import { apiBaseUrl, DEFAULT_API_URL, getApi, markedText } from './api-client.ts';

export const searchUsage = `Usage: dyad search <query…> [--lang LANG] [--limit N] [--offset N] [--json] [--api URL]

Full-text search over the stored articles in every language, from the indexer's HTTP API. The
query is stemmed in Arabic, French, English and Russian and also matched as written, so
"كازاخستان" finds "وكازاخستان" and "coopérations" finds "coopération", and a name finds it in
any article. Syntax: words (all must match), "a phrase", OR, -word (must not match).

Options:
  --lang LANG      only articles in this language (ar, fr, en, ru, …)
  --limit N        at most N articles (default 20, at most 100)
  --offset N       skip the first N (the next page)
  --json           print the API's answer as one JSON object: {"total":…,"articles":[…]}
                   (titleHtml and snippetHtml mark the matches with <mark>)
  --api URL        the indexer API (default: $DYAD_API_URL or ${DEFAULT_API_URL})`;

export interface SearchHit {
  readonly articleId: string;
  readonly url: string;
  readonly lang: string;
  readonly publishedAt: string | null;
  readonly titleHtml: string;
  readonly snippetHtml: string;
}

/** A hit for a person: rank, language, date, title; then the URL and the passage, matches marked. */
export function formatHit(n: number, hit: SearchHit, color: boolean): string {
  const date = hit.publishedAt ? `  ${hit.publishedAt.slice(0, 10)}` : '';
  return [
    `${n}. [${hit.lang}]${date}  ${markedText(hit.titleHtml, color)}`,
    `   ${hit.url}`,
    `   ${markedText(hit.snippetHtml, color)}`,
  ].join('\n');
}

function readHits(body: unknown, base: string): { total: number; offset: number; hits: SearchHit[] } {
  const page = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { total, offset, articles } = page;
  const valid = (a: unknown): a is SearchHit =>
    typeof a === 'object' &&
    a !== null &&
    ['articleId', 'url', 'lang', 'titleHtml', 'snippetHtml'].every(
      (k) => typeof Reflect.get(a, k) === 'string',
    );
  if (
    typeof total !== 'number' ||
    typeof offset !== 'number' ||
    !Array.isArray(articles) ||
    !articles.every(valid)
  )
    throw new CommandError(`the indexer API at ${base} answered /articles with an unexpected shape`);
  return { total, offset, hits: articles };
}

/** `dyad search <query…>` */
export async function searchCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('search', args, {
    lang: { type: 'string' },
    ...apiPageOptions,
  });
  if (printedHelp(values, io, searchUsage)) return 0;
  // Several words without quotes are one query, as a search box takes them.
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('give a query, e.g. dyad search كازاخستان', 'search');
  const { limit, offset } = apiPage('search', values);
  const base = apiBaseUrl('search', values.api, io.env);
  const body = await getApi('search', base, '/articles', { q: query, lang: values.lang, limit, offset });
  const { total, offset: from, hits } = readHits(body, base);
  if (values.json) {
    println(io.stdout, JSON.stringify(body));
    return 0;
  }
  hits.forEach((hit, i) => {
    println(io.stdout, formatHit(from + i + 1, hit, io.color));
  });
  const shown = hits.length ? ` (showing ${from + 1}–${from + hits.length})` : '';
  const more = from + hits.length < total ? `; next page: --offset ${from + hits.length}` : '';
  const count = total === 1 ? '1 article matches' : `${total} articles match`;
  println(io.stderr, total ? `${count}${shown}${more}` : 'no article matches');
  return 0;
}

import { displayLines, foldedWords } from '@dyad/text';
import { type FurnitureLexicon, furniture } from './furniture.ts';
import { endsLikeSentence, readsAsParagraph, tokenOverlap, unwrapLines, wordCount } from './lines.ts';

/** What the plain-text reader finds in collected page text. */
export interface PlainTextArticle {
  readonly title: string;
  readonly paragraphs: string[];
  readonly author?: string;
  /** Lines dropped as furniture, for tests and debugging. */
  readonly dropped: string[];
  /** The date of a metadata header the text opens with ("date 2023-09-21 https://…"). */
  readonly headerDate?: string;
}

/**
 * A saved page's metadata header, before its text: "date 2023-09-21 https://outlet/…", "date
 * 2022-07" — the word, an ISO date, and the page's address, then the text (on the same line or the
 * next). Not prose: its date is the page's, never a dateline of the news.
 */
const METADATA_HEADER = /^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?:\s+https?:\/\/\S+)?[ \t]*(?:\r?\n)?/u;

/** The text without its metadata header, and the header's date. */
function withoutMetadataHeader(body: string): { body: string; date?: string } {
  const header = METADATA_HEADER.exec(body);
  if (!header?.[1]) return { body };
  return { body: body.slice(header[0].length), date: header[1] };
}

/** A title is a line of a few words, not a menu word and not a whole paragraph. */
function looksLikeTitle(line: string, repeated: boolean): boolean {
  const words = wordCount(line);
  // A headline has no full stop, or is shown twice on its page; a line of a dozen words and more
  // that ends like a sentence, once, is the lead ("Le président …, a reçu, vendredi à Rabat,
  // l'ambassadrice …, Saulekul Sailaukyzy."), which the body must keep.
  const lead = words >= LEAD_WORDS && endsLikeSentence(line) && !repeated;
  return words >= 3 && words <= 30 && line.length <= 250 && !lead;
}

// How long a line ending in a full stop must be to read as a lead sentence rather than a headline.
const LEAD_WORDS = 12;

/** Lines this short around the article (menus, categories, "Loading") are furniture. */
const SHORT_LINE_WORDS = 3;

/**
 * Collected page text → the article: furniture lines (menu words, "read more", "related
 * articles" and the teasers under it, comment forms, cookie lines, "back to top") go; the
 * first title-like line is the title, a byline under it becomes the author, repeats of the
 * title go; every other line is a paragraph.
 */
export function readPlainText(page: string, lexicon: FurnitureLexicon = furniture()): PlainTextArticle {
  // 1. A saved page's metadata header goes; its date is the page's.
  const { body, date: headerDate } = withoutMetadataHeader(page);
  // 2. Lines a text was wrapped into at a fixed width are joined again.
  const lines = displayLines(unwrapLines(body));
  const dropped: string[] = [];
  const keep: boolean[] = lines.map(() => true);
  const drop = (i: number): void => {
    if (keep[i]) dropped.push(lines[i] ?? '');
    keep[i] = false;
  };

  // 3. Lexicon: furniture lines, and sections (related, comments) with the teasers under them.
  let inSection = false;
  for (const [i, line] of lines.entries()) {
    const kind = lexicon.classify(line);
    if (kind === 'section') {
      inSection = true;
      drop(i);
    } else if (kind === 'furniture') drop(i);
    else if (inSection) {
      if (readsAsParagraph(line)) inSection = false;
      else drop(i);
    }
  }

  // 4. Title: the first title-like line among the first few left; lines before it are menu
  //    words and categories when short.
  const kept = (): number[] => lines.map((_, i) => i).filter((i) => keep[i]);
  let titleIndex: number | undefined;
  for (const i of kept().slice(0, 4)) {
    const line = lines[i] ?? '';
    const tokens = foldedWords(line);
    const repeated = lines.some((other, k) => k > i && tokenOverlap(foldedWords(other), tokens) >= 0.8);
    if (looksLikeTitle(line, repeated)) {
      titleIndex = i;
      break;
    }
    // The text opens straight into its body: it has no title line.
    if (readsAsParagraph(line, 12)) break;
  }
  const title = titleIndex !== undefined ? (lines[titleIndex] ?? '') : '';
  const titleTokens = foldedWords(title);
  const repeatsTitle = (line: string): boolean =>
    titleTokens.length > 0 && tokenOverlap(foldedWords(line), titleTokens) >= 0.8;
  const isBody = (i: number): boolean =>
    keep[i] === true &&
    i !== titleIndex &&
    readsAsParagraph(lines[i] ?? '', 12) &&
    !repeatsTitle(lines[i] ?? '');
  let first = lines.findIndex((_, i) => isBody(i) && (titleIndex === undefined || i > titleIndex));
  let last = lines.findLastIndex((_, i) => isBody(i));
  if (first < 0) {
    first = (titleIndex ?? -1) + 1;
    last = lines.length - 1;
  }
  if (titleIndex !== undefined) keep[titleIndex] = false;

  // 5. The header (above the body): repeats of the title, a byline, and short lines (menu words,
  //    categories) go.
  let author: string | undefined;
  for (let i = 0; i < first; i++) {
    if (!keep[i]) continue;
    const line = lines[i] ?? '';
    if (repeatsTitle(line)) {
      drop(i);
      continue;
    }
    const afterTitle = titleIndex !== undefined && i > titleIndex;
    const byline = afterTitle ? lexicon.bylineName(line) : undefined;
    if (byline && !author) {
      author = byline;
      drop(i);
      continue;
    }
    const words = wordCount(line);
    if (afterTitle && !author && words <= 4 && isBylineLike(line)) {
      author = line.replace(/^[-–—•|]\s*/u, '').trim();
      drop(i);
      continue;
    }
    if (words <= 6 && !endsLikeSentence(line)) drop(i);
  }

  // 6. The footer (below the body): short lines without a sentence go.
  for (let i = last + 1; i < lines.length; i++) {
    if (keep[i] && wordCount(lines[i] ?? '') <= SHORT_LINE_WORDS && !endsLikeSentence(lines[i] ?? ''))
      drop(i);
  }

  const paragraphs = lines.filter((_, i) => keep[i]);
  return { title, paragraphs, ...(author ? { author } : {}), dropped, ...(headerDate ? { headerDate } : {}) };
}

/**
 * A bare byline under the title: a name of 1–4 words with no digits or punctuation, in Latin
 * or Cyrillic script capitalised ("- in Politique" is a category, not a name).
 */
function isBylineLike(line: string): boolean {
  const text = line.replace(/^[-–—•|]\s*/u, '').trim();
  if (/[\d.!?؟,:;«»"“”()/|@]/u.test(text)) return false;
  const words = text.split(/\s+/u);
  return words.every((w) => !/[\p{Script=Latin}\p{Script=Cyrillic}]/u.test(w) || /^\p{Lu}/u.test(w));
}

/**
 * Finds knowledge-base phrases in tokens: a trie over phrase keys (`phraseKeys`), walked over
 * each token's keys (`tokenize`). The extractor's entities and cues and the cleaner's relevance
 * terms are matched with it, so the two agree on whether a name is in a text.
 */
import { foldForMatching } from './fold.ts';
import { scriptOf } from './script.ts';
import { type Keying, phraseKeys, type Token } from './tokenize.ts';

/** How the texts matched are keyed (their language, the Kazakh stemmer), which decides how phrases are keyed. */
export interface MatcherOptions extends Keying {
  /**
   * A phrase written with a capital letter (a name) matches only a word written with one: in
   * Kazakh "астанасы" (its capital) is not Астана, nor "арынды" (swift) Arын.
   */
  readonly namesCapitalised?: boolean;
}

const CAPITAL = /^\p{Lu}/u;
const WORD = /[\p{L}\p{M}]+|\p{N}+/gu;

/**
 * The words of a phrase that are Russian names written with a case ending (Грузия, Валентина): a
 * word of a text with no ending at all is not one of their forms, though it has their stem ("груз",
 * cargo, is not Georgia; "Валентин" is not Valentina). Their positions in the phrase.
 */
function endedNameWords(phrase: string, keys: readonly string[], keying: Keying): number[] {
  if (keying.lang === 'kk') return [];
  const words = [...phrase.matchAll(WORD)].map((m) => m[0]);
  return words.flatMap((word, k) =>
    CAPITAL.test(word) && scriptOf(word) === 'cyrillic' && keys[k] !== foldForMatching(word) ? [k] : [],
  );
}

/** A trie over phrase keys: finds every knowledge-base phrase in a run of tokens of one language. */
export class PhraseMatcher<P> {
  private readonly root: TrieNode<P> = newNode();
  private readonly options: MatcherOptions;

  constructor(options: MatcherOptions = {}) {
    this.options = options;
  }

  add(phrase: string, payload: P): void {
    const keys = phraseKeys(phrase, this.options);
    if (keys.length === 0) return;
    let node = this.root;
    for (const key of keys) {
      let child = node.next.get(key);
      if (!child) {
        child = newNode();
        node.next.set(key, child);
      }
      node = child;
    }
    const ended = endedNameWords(phrase, keys, this.options);
    if (ended.length > 0) node.endedPayloads.push({ payload, ended });
    else if (this.options.namesCapitalised && CAPITAL.test(phrase)) node.capitalPayloads.push(payload);
    else node.payloads.push(payload);
  }

  /** Every match starting at each token, longest first at each start. */
  findAll(tokens: readonly Token[], from = 0, to = tokens.length): Match<P>[] {
    const out: Match<P>[] = [];
    for (let i = from; i < to; i++) {
      const found: Match<P>[] = [];
      this.walk(tokens, i, i, to, this.root, found);
      found.sort((a, b) => b.end - a.end);
      out.push(...dedupe(found));
    }
    return out;
  }

  private walk(
    tokens: readonly Token[],
    start: number,
    i: number,
    to: number,
    node: TrieNode<P>,
    out: Match<P>[],
  ) {
    const token = tokens[i];
    if (!token || i >= to) return;
    for (const key of token.keys) {
      const child = node.next.get(key);
      if (!child) continue;
      let payloads =
        child.capitalPayloads.length > 0 && tokens[start]?.upper
          ? [...child.payloads, ...child.capitalPayloads]
          : child.payloads;
      if (child.endedPayloads.length > 0) {
        const bare = (k: number) => {
          const word = tokens[start + k];
          return word?.keys.includes(foldForMatching(word.text)) === true;
        };
        const kept = child.endedPayloads.filter((e) => !e.ended.some(bare)).map((e) => e.payload);
        if (kept.length > 0) payloads = [...payloads, ...kept];
      }
      if (payloads.length > 0) out.push({ start, end: i + 1, payloads });
      if (child.next.size > 0) this.walk(tokens, start, i + 1, to, child, out);
    }
  }
}

interface TrieNode<P> {
  readonly next: Map<string, TrieNode<P>>;
  readonly payloads: P[];
  /** Those of phrases written with a capital, where names must be (see `namesCapitalised`). */
  readonly capitalPayloads: P[];
  /** Those of Russian names with a case ending, and the words that must carry one (`endedNameWords`). */
  readonly endedPayloads: { readonly payload: P; readonly ended: readonly number[] }[];
}

function newNode<P>(): TrieNode<P> {
  return { next: new Map(), payloads: [], capitalPayloads: [], endedPayloads: [] };
}

export interface Match<P> {
  /** Token indexes, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly payloads: readonly P[];
}

/** One match per span: a word read as two forms ("сапары", "сапар") may reach a span twice. */
function dedupe<P>(matches: Match<P>[]): Match<P>[] {
  const seen = new Map<string, Match<P>>();
  const out: Match<P>[] = [];
  for (const m of matches) {
    const key = `${m.start}:${m.end}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, m);
      out.push(m);
    } else if (first.payloads !== m.payloads) {
      const merged = { ...first, payloads: [...new Set([...first.payloads, ...m.payloads])] };
      seen.set(key, merged);
      out[out.indexOf(first)] = merged;
    }
  }
  return out;
}

/** Keeps the longest match wherever matches overlap, scanning left to right. */
export function longestNonOverlapping<P>(matches: readonly Match<P>[]): Match<P>[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: Match<P>[] = [];
  let covered = -1;
  for (const m of sorted) {
    if (m.start < covered) {
      const last = out.at(-1);
      // A longer match that starts inside the last kept one replaces it only if it is longer.
      if (last && m.end - m.start > last.end - last.start && m.start < last.end) {
        out.pop();
        out.push(m);
        covered = m.end;
      }
      continue;
    }
    out.push(m);
    covered = m.end;
  }
  return out;
}

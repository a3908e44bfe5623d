import { phraseKeys, type Token } from './normalise.ts';

/** A trie over phrase keys: finds every knowledge-base phrase in a run of tokens. */
export class PhraseMatcher<P> {
  private readonly root: TrieNode<P> = { next: new Map(), payloads: [] };

  add(phrase: string, payload: P): void {
    const keys = phraseKeys(phrase);
    if (keys.length === 0) return;
    let node = this.root;
    for (const key of keys) {
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map(), payloads: [] };
        node.next.set(key, child);
      }
      node = child;
    }
    node.payloads.push(payload);
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
      if (child.payloads.length > 0) out.push({ start, end: i + 1, payloads: child.payloads });
      if (child.next.size > 0) this.walk(tokens, start, i + 1, to, child, out);
    }
  }
}

interface TrieNode<P> {
  readonly next: Map<string, TrieNode<P>>;
  readonly payloads: P[];
}

export interface Match<P> {
  /** Token indexes, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly payloads: readonly P[];
}

function dedupe<P>(matches: Match<P>[]): Match<P>[] {
  const seen = new Set<string>();
  return matches.filter((m) => {
    const key = `${m.start}:${m.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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

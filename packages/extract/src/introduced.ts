import type { SentenceFacts } from './analyse.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import type { PersonHit } from './people.ts';

// A surname shorter than this is too often a word as well.
const SURNAME_MIN_LENGTH = 4;

/**
 * "Глава комитета Госдумы по международным делам Леонид Слуцкий предложил …" then "«…», — сказал
 * Слуцкий на встрече с председателем комитета … Египта": someone the knowledge base does not know,
 * introduced once with an office of one side, is named by surname alone elsewhere in the article;
 * there too they are of that side ("M. Mamish, en visite en Russie" after "Mohab Mamish, président
 * de l'Autorité égyptienne du canal de Suez"). Only capitalised names (Latin and Cyrillic script):
 * an Arabic surname is as often a word. A surname two people of different sides share names no one.
 */
export function recallIntroduced(kb: KnowledgeIndex, facts: readonly SentenceFacts[]): SentenceFacts[] {
  // Surname → the person introduced by it (their side and full name), or null when two of
  // different sides share it.
  const introduced = new Map<string, { country: string; name: string } | null>();
  for (const f of facts)
    for (const p of f.people) {
      const surname = surnameKey(f, p);
      if (!surname || !p.country || !kb.dyad.includes(p.country)) continue;
      const known = introduced.get(surname);
      if (known === undefined) introduced.set(surname, { country: p.country, name: p.name ?? surname });
      else if (known && known.country !== p.country) introduced.set(surname, null);
    }
  if (introduced.size === 0) return [...facts];
  return facts.map((f) => {
    const added: PersonHit[] = [];
    const people = f.people.map((p) => {
      // "M. Mamish": a title and the surname, no side of its own.
      const who = !p.country && p.how === 'unknown' ? introduced.get(surnameKey(f, p) ?? '') : undefined;
      return who ? { ...p, country: who.country, name: who.name } : p;
    });
    const claimed = (k: number) =>
      people.some((p) => k >= (p.phraseStart ?? p.tokStart) && k < p.tokEnd) ||
      f.entities.some((e) => k >= e.start && k < e.end);
    f.sentence.tokens.forEach((t, k) => {
      if (!t.upper || t.script === 'arabic' || claimed(k)) return;
      const who = introduced.get(t.keys[0] ?? '');
      if (who)
        added.push({
          tokStart: k,
          tokEnd: k + 1,
          name: who.name,
          nameEnd: k + 1,
          how: 'unknown',
          country: who.country,
        });
    });
    const changed = added.length > 0 || people.some((p, i) => p !== f.people[i]);
    if (!changed) return f;
    const all = [...people, ...added].sort((a, b) => a.tokStart - b.tokStart);
    const countries = new Set(f.countries);
    for (const p of all)
      if (p.country && kb.dyad.includes(p.country) && !p.mentioned) countries.add(p.country);
    return { ...f, people: all, countries };
  });
}

/** The key of the last word of an unknown person's name, when it reads as a surname. */
function surnameKey(f: SentenceFacts, p: PersonHit): string | undefined {
  if (p.how !== 'unknown' || p.nameEnd === undefined) return undefined;
  const last = f.sentence.tokens[p.nameEnd - 1];
  if (!last?.upper || last.script === 'arabic' || last.text.length < SURNAME_MIN_LENGTH) return undefined;
  return last.keys[0];
}

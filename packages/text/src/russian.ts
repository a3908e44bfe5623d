// Longest first. The -ия/-ие nouns (делегация, соглашение, консультации) keep one stem in every case.
const RU_ENDINGS = [
  'иями',
  'ием',
  'ией',
  'иям',
  'иях',
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ия',
  'ии',
  'ию',
  'ой',
  'ей',
  'ом',
  'ем',
  'ым',
  'им',
  'ую',
  'юю',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ых',
  'их',
  'ий',
  'ый',
  'ах',
  'ях',
  'а',
  'я',
  'у',
  'ю',
  'е',
  'ы',
  'и',
  'о',
  'й',
  'ь',
];

// Words that take no case ending, whose last letters only look like one: "после" (after) is not a
// form of "посол" (ambassador), whose oblique forms (посла, послу) lose the same letters.
const RU_UNINFLECTED = new Set(['после', 'более', 'менее', 'также', 'тоже', 'около']);

/**
 * A light Russian stemmer over a folded word: one case or number ending off, keeping at least three
 * letters (Казахстана, Казахстаном → казахстан; казахстанской, казахстанский → казахстанск).
 */
export function russianStem(word: string): string {
  if (RU_UNINFLECTED.has(word)) return word;
  for (const ending of RU_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) return word.slice(0, -ending.length);
  }
  return word;
}

/**
 * Arabic words as written in news: with proclitics (و ب ل ك ف and the article, chained: والمغرب,
 * بالرباط, للمملكة), feminine and plural nisba (كازاخستانية, المغاربيين), the accusative's tanween
 * alif (اتفاقا) and a verb's object pronoun (وقعه, استقبلها). A word's keys are every form it may
 * stand for; a phrase is written without them and keyed as one form (`arabicPhraseKey`).
 */

/** The article off a folded word that keeps at least two letters after it. */
export function stripAl(word: string): string {
  return word.startsWith('ال') && word.length > 3 ? word.slice(2) : word;
}

// Longest first; each is a proclitic chain that may precede a noun or verb.
const ARABIC_PROCLITICS = [
  'وبال',
  'وكال',
  'ولل',
  'فبال',
  'فلل',
  'وال',
  'فال',
  'بال',
  'كال',
  'لل',
  'وب',
  'ول',
  'وك',
  'فب',
  'فل',
  'و',
  'ف',
  'ب',
  'ل',
  'ك',
];

// Object pronouns a verb carries, longest first.
const ARABIC_OBJECT_PRONOUNS = ['هما', 'هم', 'ها', 'ه'];

/**
 * The keys of a folded Arabic word. `taMarbuta`: the word as written ends in ة, which folding made
 * a ه that is no pronoun (وزارة is not وزار + ه).
 */
export function arabicKeys(folded: string, taMarbuta: boolean): string[] {
  const keys = new Set<string>([stripAl(folded)]);
  for (const clitic of ARABIC_PROCLITICS) {
    if (folded.startsWith(clitic) && folded.length - clitic.length >= 2)
      keys.add(stripAl(folded.slice(clitic.length)));
  }
  // Feminine and plural nisba (كازاخستانية, المغاربيين) also answer to the masculine form.
  for (const key of [...keys]) {
    if (key.endsWith('يه') && key.length > 4) keys.add(key.slice(0, -1));
    if ((key.endsWith('يين') || key.endsWith('يون')) && key.length > 5) keys.add(key.slice(0, -2));
    // The accusative's tanween alif (وقعا اتفاقا, أصدرا بيانا مشتركا) also answers to the bare noun.
    if (key.endsWith('ا') && key.length >= 4) keys.add(key.slice(0, -1));
  }
  // A verb with its object pronoun (الاتفاق الذي وقعه, استقبلها, التقاهم) also answers to the verb.
  for (const key of taMarbuta ? [] : [...keys]) {
    const suffix = ARABIC_OBJECT_PRONOUNS.find((p) => key.endsWith(p) && key.length - p.length >= 3);
    if (suffix) keys.add(key.slice(0, -suffix.length));
  }
  return [...keys];
}

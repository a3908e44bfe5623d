/**
 * Language by script: Arabic script → ar; Cyrillic → kk when Kazakh-only letters occur, else ru;
 * Latin → fr or en by their commonest function words; else und.
 */
const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;
const FRENCH = new Set([
  'le',
  'la',
  'les',
  'des',
  'du',
  'et',
  'est',
  'une',
  'dans',
  'pour',
  'avec',
  'au',
  'aux',
  'sur',
  'que',
  'qui',
]);
const ENGLISH = new Set([
  'the',
  'and',
  'of',
  'to',
  'in',
  'is',
  'for',
  'with',
  'on',
  'that',
  'by',
  'was',
  'at',
  'from',
  'as',
]);

export function detectLanguage(text: string): string {
  let arabic = 0;
  let cyrillic = 0;
  let latin = 0;
  for (const ch of text) {
    if (/\p{Script=Arabic}/u.test(ch)) arabic++;
    else if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic++;
    else if (/\p{Script=Latin}/u.test(ch)) latin++;
  }
  const max = Math.max(arabic, cyrillic, latin);
  if (max === 0) return 'und';
  if (max === arabic) return 'ar';
  if (max === cyrillic) return KAZAKH_LETTERS.test(text) ? 'kk' : 'ru';
  let fr = 0;
  let en = 0;
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    if (FRENCH.has(word)) fr++;
    if (ENGLISH.has(word)) en++;
  }
  if (fr === en) return 'und';
  return fr > en ? 'fr' : 'en';
}

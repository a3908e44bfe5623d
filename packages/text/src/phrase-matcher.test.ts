import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from './phrase-matcher.ts';
import { tokenize } from './tokenize.ts';

const found = (matcher: PhraseMatcher<string>, text: string, lang = 'ru') =>
  matcher.findAll(tokenize(text, { lang })).flatMap((m) => m.payloads);

describe('PhraseMatcher', () => {
  it('finds a Russian name in any case, but not a bare word that only shares its stem', () => {
    const matcher = new PhraseMatcher<string>({ lang: 'ru' });
    matcher.add('Грузия', 'GE');
    matcher.add('Валентина Матвиенко', 'matviyenko');
    matcher.add('Казахстан', 'KZ');
    expect(found(matcher, 'Посол Грузии в Египте')).toEqual(['GE']);
    expect(found(matcher, 'Грузия и Египет')).toEqual(['GE']);
    // "груз" (cargo) is the stem of Грузия with no ending at all: another word.
    expect(found(matcher, 'Груз был доставлен в Каир')).toEqual([]);
    expect(found(matcher, 'с Валентиной Матвиенко')).toEqual(['matviyenko']);
    expect(found(matcher, 'Валентин Матвиенко')).toEqual([]);
    // A name with no ending of its own is found bare and inflected alike.
    expect(found(matcher, 'Казахстан и Казахстана')).toEqual(['KZ', 'KZ']);
  });

  it('finds lower-case phrases whatever their ending', () => {
    const matcher = new PhraseMatcher<string>({ lang: 'ru' });
    matcher.add('встреча', 'meeting');
    expect(found(matcher, 'в ходе встреч и встречи')).toEqual(['meeting', 'meeting']);
  });
});

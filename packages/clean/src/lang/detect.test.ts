import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect.ts';

describe('detectLanguage', () => {
  it.each([
    ['استقبلت السيدة رئيسة مجلس جماعة الرباط سفيرة كازاخستان', 'ar'],
    ['Министр иностранных дел Казахстана посетил Рабат', 'ru'],
    ['Қазақстан Республикасының Сыртқы істер министрі Рабатқа барды', 'kk'],
    ['Le Maroc et le Kazakhstan renforcent leur coopération dans les domaines de la paix', 'fr'],
    ['The foreign minister of Kazakhstan visited Rabat and met his Moroccan counterpart', 'en'],
    ['2025 — 12345', 'und'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('reads script first: an Arabic article quoting a Latin name is Arabic', () => {
    expect(detectLanguage('التقى الوفد المغربي السيدة Aigul KUSPAN رئيسة مجموعة الصداقة في أستانا')).toBe(
      'ar',
    );
  });

  it('needs more than one Kazakh letter to call Cyrillic text Kazakh', () => {
    const russian =
      'Президент Казахстана Касым-Жомарт Токаев провёл встречу в Астане с делегацией, в том числе с депутатом Әлиевым.';
    expect(detectLanguage(russian)).toBe('ru');
  });

  it('reads Kazakh prose as Kazakh, by its letters or, typed without them, by its function words', () => {
    expect(
      detectLanguage(
        'Мемлекет басшысы Марокко Корольдігінің Сыртқы істер министрін қабылдап, екі ел арасындағы сауда байланыстарын талқылады.',
      ),
    ).toBe('kk');
    expect(detectLanguage('Қазақстан мен Марокко')).toBe('kk');
    expect(
      detectLanguage(
        'Казакстан мен Марокко арасында визасыз режим туралы келисим кушине енди деп хабарлайды.',
      ),
    ).toBe('kk');
  });

  it('keeps Russian prose Russian when it quotes Kazakh words', () => {
    expect(
      detectLanguage(
        'В Астане прошел форум «Мәңгілік Ел», на котором выступили послы Марокко и других стран, а также депутаты.',
      ),
    ).toBe('ru');
    expect(detectLanguage('Посол Марокко встретился с акимом города Алматы.')).toBe('ru');
  });

  it('answers only the Latin-script languages it is allowed', () => {
    expect(detectLanguage('The minister and the ambassador met in Rabat', { latinLanguages: ['fr'] })).toBe(
      'fr',
    );
    expect(detectLanguage('The minister and the ambassador met in Rabat', { latinLanguages: [] })).toBe(
      'und',
    );
  });
});

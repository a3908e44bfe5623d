import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

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
});

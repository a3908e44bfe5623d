import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventLanguages, loadEventLexicon } from './event-lexicon.ts';
import { loadBoilerplateLexicon, loadDatesLexicon } from './lexicons.ts';
import { DataFileError } from './load-yaml.ts';

describe('lexicons/dates.yaml', () => {
  const dates = loadDatesLexicon();

  it('has the Moroccan month names alongside the Mashriqi ones', () => {
    expect(dates.months.ar['7']).toEqual(expect.arrayContaining(['يوليوز', 'يوليو']));
    expect(dates.months.ar['8']).toEqual(expect.arrayContaining(['غشت', 'أغسطس']));
    expect(dates.months.ar['9']).toEqual(expect.arrayContaining(['شتنبر', 'سبتمبر']));
    expect(dates.months.ar['11']).toEqual(expect.arrayContaining(['نونبر', 'نوفمبر']));
    expect(dates.months.ar['12']).toEqual(expect.arrayContaining(['دجنبر', 'ديسمبر']));
    expect(dates.months.ar['5']).toContain('ماي');
  });

  it('names every month in every language, and no name under two months of one language', () => {
    for (const [lang, byMonth] of Object.entries(dates.months)) {
      expect(
        Object.keys(byMonth).sort((a, b) => Number(a) - Number(b)),
        lang,
      ).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
      const seen = new Map<string, string>();
      for (const [month, names] of Object.entries(byMonth)) {
        for (const name of names) {
          const key = name.toLowerCase();
          expect(seen.get(key), `${lang} ${name}`).toBeUndefined();
          seen.set(key, month);
        }
      }
    }
  });

  it('is the one home of month and weekday names: the extractor reads these', () => {
    for (const lang of eventLanguages) {
      const events = loadEventLexicon(lang, dates);
      expect(events.months).toEqual(dates.months[lang]);
      expect(events.weekdays).toEqual(dates.weekdays[lang]);
      expect(Object.keys(dates.weekdays[lang] ?? {})).toHaveLength(7);
    }
  });

  it('has relative-date words in every language', () => {
    for (const kind of ['yesterday', 'today', 'currentMonth', 'lastMonth'] as const) {
      expect(Object.keys(dates.relative[kind]).sort(), kind).toEqual(['ar', 'en', 'fr', 'kk', 'ru']);
    }
    expect(dates.relative.currentMonth.ar).toContain('الجاري');
  });
});

describe('lexicons/boilerplate.yaml', () => {
  const boilerplate = loadBoilerplateLexicon();

  it('has furniture lines, prefixes, section heads and byline words in every language', () => {
    for (const field of ['lines', 'prefixes', 'sections', 'shareWords', 'bylines'] as const) {
      expect(Object.keys(boilerplate[field]).sort(), field).toEqual(['ar', 'en', 'fr', 'kk', 'ru']);
    }
  });

  it('lists no phrase twice in one list and language', () => {
    for (const field of ['lines', 'prefixes', 'sections', 'shareWords', 'bylines'] as const) {
      for (const [lang, phrases] of Object.entries(boilerplate[field])) {
        const lower = phrases.map((p) => p.toLowerCase());
        expect(new Set(lower).size, `${field}.${lang}`).toBe(lower.length);
      }
    }
  });

  it('refuses a lexicon with a language missing, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-lexicon-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'lines: {ar: [x]}\nprefixes: {ar: [x]}\nsections: {ar: [x]}\nshareWords: {ar: [x]}\nbylines: {ar: [x]}\n',
    );
    expect(() => loadBoilerplateLexicon(file)).toThrow(DataFileError);
    expect(() => loadBoilerplateLexicon(file)).toThrow(/lines\.fr/);
  });
});

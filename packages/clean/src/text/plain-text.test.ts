import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile } from '@dyad/knowledge';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../clean.ts';
import { readPlainText } from './plain-text.ts';

const seedsDir = join(import.meta.dirname, '../../../../seeds');
const raw = (file: string): string => readFileSync(join(seedsDir, file), 'utf8');
/** Line n (1-based, as an editor shows it) of a seed, whitespace-collapsed. */
const line = (file: string, n: number): string =>
  (raw(file).split('\n')[n - 1] ?? '').replace(/\s+/gu, ' ').trim();
const lines = (file: string, ns: number[]): string[] => ns.map((n) => line(file, n));

/**
 * Written by reading each seed: which line is the title, which are the article's paragraphs,
 * which are furniture. Line numbers as in the files.
 */
const seeds = {
  '000_ca98ac49193d9c54.txt': {
    lang: 'ar',
    title: 1,
    paragraphs: [3, 4, 5, 6, 7, 8],
    furniture: [] as string[],
    author: undefined,
    date: { value: '2026-01-27', source: 'inferred' }, // «يوم الثلاثاء 27 يناير 2026»
  },
  '001_60c031fbfd51394f.txt': {
    lang: 'ar',
    title: 3,
    paragraphs: [7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33],
    furniture: [
      'الرئيسية',
      'اظهر المزيد',
      'مقالات ذات صلة',
      'اترك تعليقاً',
      'لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *',
      'زر الذهاب إلى الأعلى',
      'إغلاق',
    ],
    author: 'هومبريسح رزقي',
    // «يومي 28 و29 أبريل الجاري» after «28 غشت 2024»: written in April 2025.
    date: { value: '2025-04', source: 'inferred' },
  },
  '002_342630fe691c6dc6.txt': {
    lang: 'ar',
    title: undefined,
    paragraphs: [1, 2, 3, 5, 6, 7, 9, 10, 11],
    furniture: [] as string[],
    author: undefined,
    // «يوم أمس الثلاثاء 23 شتنبر الجاري» in a text about September 2025: written on the 24th.
    date: { value: '2025-09-24', source: 'inferred' },
  },
  '003_b70dbf102b9450a0.txt': {
    lang: 'ar',
    title: 3,
    paragraphs: [5, 7, 9, 11, 13, 15],
    furniture: ['سياسة', 'إعلان', 'قد يعجبك ايضا', 'Back to top button', 'Close'],
    author: undefined,
    date: { value: '2025-02-28', source: 'inferred' }, // «يومه الجمعة 28 فبراير 2025»
  },
  '004_69f7196542c3eaa4.txt': {
    lang: 'fr',
    title: 1,
    paragraphs: [9, 11, 13, 15, 17],
    furniture: [
      '- in Politique',
      'Maroc et Kazakhstan renforcent leur coopération bilatérale dans les domaines de la paix, du développement économique et culturel',
      'Loading',
      'Leave a Reply',
      'Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *',
      'You may also like',
      'Le club sportif de Kénitra fixe la date de son match contre le Chabab de Mohammedia à Salé et annonce les détails des billets.',
      'Le club sportif de Kénitra a informé son',
    ],
    author: undefined,
    date: { value: '2025', source: 'inferred' }, // only «en 2025»
  },
} as const;

describe('readPlainText on the seeds', () => {
  for (const [file, expected] of Object.entries(seeds)) {
    it(`${file}: the title, every paragraph of the article in order, and no furniture`, () => {
      const article = readPlainText(raw(file));
      expect(article.title).toBe(expected.title ? line(file, expected.title) : '');
      expect(article.paragraphs).toEqual(lines(file, [...expected.paragraphs]));
      expect(article.author).toBe(expected.author);
      for (const furniture of expected.furniture) {
        expect(article.paragraphs.join('\n'), furniture).not.toContain(furniture);
        expect(article.title).not.toBe(furniture);
      }
    });
  }

  it('drops a repeat of the title in 004 (twice: verbatim, and without its article and final dot)', () => {
    const article = readPlainText(raw('004_69f7196542c3eaa4.txt'));
    expect(article.dropped).toContain(line('004_69f7196542c3eaa4.txt', 3));
    expect(article.dropped).toContain(line('004_69f7196542c3eaa4.txt', 7));
  });
});

describe('cleanArticle on the seeds', () => {
  const profile = loadProfile();
  for (const [file, expected] of Object.entries(seeds)) {
    it(`${file}: language ${expected.lang}, date ${expected.date.value} (${expected.date.source}), relevant`, () => {
      const cleaned = cleanArticle(
        {
          body: raw(file),
          contentType: 'text/plain',
          url: `seed:${file}`,
          fetchedAt: '2026-11-22T10:00:00.000Z',
        },
        { profile },
      );
      expect(cleaned.lang).toBe(expected.lang);
      expect(cleaned.publishedAt).toEqual(expected.date);
      expect(cleaned.relevance.relevant).toBe(true);
      expect(cleaned.method).toBe('plain-text');
      expect(cleaned.text).toBe(lines(file, [...expected.paragraphs]).join('\n\n'));
    });
  }

  it('gives a text without a title line a title from its first words (002)', () => {
    const cleaned = cleanArticle(
      { body: raw('002_342630fe691c6dc6.txt'), contentType: 'text/plain', fetchedAt: '2026-11-22T10:00:00Z' },
      { profile },
    );
    expect(cleaned.title.endsWith('…')).toBe(true);
    expect(line('002_342630fe691c6dc6.txt', 1).startsWith(cleaned.title.slice(0, -1))).toBe(true);
  });

  it('prefers the feed title and date when the fetcher had them', () => {
    const cleaned = cleanArticle(
      {
        body: raw('002_342630fe691c6dc6.txt'),
        contentType: 'text/plain',
        fetchedAt: '2026-11-22T10:00:00Z',
        feed: { title: 'Visite parlementaire', publishedAt: '2025-09-24T08:00:00Z' },
      },
      { profile },
    );
    expect(cleaned.title).toBe('Visite parlementaire');
    expect(cleaned.publishedAt).toEqual({ value: '2025-09-24T08:00:00.000Z', source: 'feed' });
  });

  it('never infers a date after the fetch: 000 fetched before 27 January 2026 gets the partnership year', () => {
    const cleaned = cleanArticle(
      { body: raw('000_ca98ac49193d9c54.txt'), contentType: 'text/plain', fetchedAt: '2025-06-01T00:00:00Z' },
      { profile },
    );
    expect(cleaned.publishedAt).toEqual({ value: '2023', source: 'inferred' });
  });
});

describe('readPlainText furniture in each language', () => {
  const body = (lines: string[]): string => lines.join('\n');
  const paragraph =
    'This is the first paragraph of a real article, long enough to read as running text, with a full stop at its end.';

  it.each([
    [
      'en',
      [
        'Home',
        'A headline about something',
        'By Jane Doe',
        paragraph,
        'Share',
        'Related articles',
        'Teaser one',
        'Back to top',
      ],
    ],
    [
      'fr',
      [
        'Accueil',
        'Un titre sur quelque chose',
        'Par Jeanne Dupont',
        paragraph,
        'Partager',
        'Lire aussi',
        'Un autre article',
        'Ce site utilise des cookies pour vous offrir une meilleure expérience.',
      ],
    ],
    [
      'ru',
      [
        'Главная',
        'Заголовок статьи о чём-то',
        'Автор: Иван Петров',
        paragraph,
        'Поделиться',
        'Читайте также',
        'Другая статья',
        'Наверх',
      ],
    ],
    [
      'ar',
      [
        'الرئيسية',
        'عنوان مقال عن موضوع ما',
        'بقلم محمد العلوي',
        paragraph,
        'شارك',
        'مقالات ذات صلة',
        'مقال آخر',
        'العودة إلى الأعلى',
      ],
    ],
  ])('%s: keeps the paragraph, takes the byline, drops the rest', (_lang, input) => {
    const article = readPlainText(body(input));
    expect(article.title).toBe(input[1]);
    expect(article.paragraphs).toEqual([paragraph]);
    expect(article.author).toBe(input[2]?.replace(/^(By|Par|Автор:|بقلم) /u, ''));
  });
});

describe('readPlainText: a lead is not a headline', () => {
  it('keeps a first line that reads as the lead sentence in the body', () => {
    const lead =
      'Le ministre des Affaires étrangères a reçu, jeudi à Rabat, l’ambassadeur du pays voisin, venu lui présenter les priorités de sa mission.';
    const body =
      'Les deux responsables ont passé en revue l’état de la coopération bilatérale et les moyens de la renforcer dans les domaines du commerce, du tourisme et de l’éducation, indique un communiqué.';
    const article = readPlainText(`${lead}\n\n${body}`);
    expect(article.paragraphs[0]).toBe(lead);
    expect(article.title).not.toBe(lead);
  });
  it('still takes a headline shown twice on its page as the title, full stop or not', () => {
    const headline =
      'Le ministre des Affaires étrangères reçoit l’ambassadeur du pays voisin et évoque la coopération bilatérale.';
    const body =
      'Le ministre des Affaires étrangères a reçu, jeudi à Rabat, l’ambassadeur du pays voisin, venu lui présenter les priorités de sa mission, indique un communiqué du ministère.';
    const article = readPlainText(`${headline}\n\n${headline}\n\n${body}`);
    expect(article.title).toBe(headline);
    expect(article.paragraphs).toEqual([body]);
  });
});

describe('readPlainText: lines a text was wrapped into are one paragraph again', () => {
  it('joins a line that ends mid-sentence to the next going on in lower case', () => {
    const text =
      'Le ministre reçoit l’ambassadeur du pays voisin\n\nLe ministre des Affaires étrangères a reçu jeudi à Rabat\nl’ambassadeur du pays voisin, venu lui présenter les priorités de\nsa mission, indique un communiqué du ministère.';
    const article = readPlainText(text);
    expect(article.title).toBe('Le ministre reçoit l’ambassadeur du pays voisin');
    expect(article.paragraphs).toEqual([
      'Le ministre des Affaires étrangères a reçu jeudi à Rabat l’ambassadeur du pays voisin, venu lui présenter les priorités de sa mission, indique un communiqué du ministère.',
    ]);
  });
  it('joins Arabic lines broken at one width, and keeps a short last line and the next paragraph apart', () => {
    const lines = [
      'استقبل وزير الشؤون الخارجية بالرباط سفير البلد الصديق الذي قدم',
      'له نسخة من أوراق اعتماده بصفته سفيرا فوق العادة ومفوضا لبلاده لدى',
      'المملكة، وتباحث الجانبان حول سبل تعزيز التعاون الثنائي في مجالات',
      'التجارة والاستثمار والسياحة والتعليم العالي والبحث العلمي والثقافة.',
      'وأكد الوزير استعداد المملكة لتطوير العلاقات مع البلد الصديق في',
      'مختلف المجالات، مشيدا بالدينامية التي تعرفها العلاقات بين البلدين منذ',
      'سنوات، وبالتنسيق القائم بينهما داخل المنظمات الإقليمية والدولية',
      'والمتعددة الأطراف.',
    ];
    const article = readPlainText(lines.join('\n'));
    expect(article.paragraphs).toEqual([lines.slice(0, 4).join(' '), lines.slice(4).join(' ')]);
  });
  it('leaves a text whose lines each end a sentence or head one as it is', () => {
    const text =
      'Le ministre reçoit l’ambassadeur\nLe ministre des Affaires étrangères a reçu jeudi à Rabat l’ambassadeur du pays voisin, venu lui présenter les priorités de sa mission.\nLes deux responsables ont passé en revue l’état de la coopération bilatérale.';
    expect(readPlainText(text).paragraphs).toEqual(text.split('\n').slice(1));
  });
});

describe("a saved page's metadata header is the page's date, not its text", () => {
  it('takes "date 2023-09-21 https://…" before the text as the publication date and drops it', () => {
    const body =
      ' date 2023-09-21 https://www.example.com/news/2023/09/21/talks\n\nLe ministre reçoit l’ambassadeur du pays voisin\n\nLe ministre des Affaires étrangères a reçu à Rabat l’ambassadeur du pays voisin, venu lui présenter les priorités de sa mission, indique un communiqué du ministère.';
    const cleaned = cleanArticle(
      { body, contentType: 'text/plain', fetchedAt: '2026-01-01T00:00:00Z' },
      { profile: loadProfile() },
    );
    expect(cleaned.publishedAt).toEqual({ value: '2023-09-21', source: 'meta' });
    expect(cleaned.title).toBe('Le ministre reçoit l’ambassadeur du pays voisin');
    expect(cleaned.text).not.toContain('2023-09-21');
    expect(cleaned.text).not.toContain('https://');
  });
  it('keeps the text that follows the header on its line, and leaves a "date" in prose alone', () => {
    expect(readPlainText('date 2022-07 Le ministre a reçu jeudi l’ambassadeur.').headerDate).toBe('2022-07');
    const prose =
      'date 2022 was chosen for the launch of the programme, the minister said on Monday in Rabat.';
    expect(readPlainText(prose).headerDate).toBeUndefined();
  });
});

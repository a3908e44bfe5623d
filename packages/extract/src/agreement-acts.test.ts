import { AgreementAct, type ArticleCleaned, ArticleExtracted } from '@dyad/contracts';
import { describe, expect, it } from 'vitest';
import { extract, extractCleaned } from './extract.ts';
import { loadKnowledgeIndex } from './knowledge-index.ts';

const kb = loadKnowledgeIndex();

const read = (text: string, lang: string, publishedAt: string | null = '2025-11-14') =>
  extract({ text, lang, publishedAt }, kb);
const acts = (text: string, lang: string, publishedAt: string | null = '2025-11-14') =>
  read(text, lang, publishedAt).agreementActs;

describe('an agreement approved at home, in each language', () => {
  it('English: the Senate ratifies, the body’s country beside it; a date the text gives', () => {
    const found = acts(
      'The Senate of Kazakhstan on 13 November 2025 ratified the agreement between Kazakhstan and Morocco on mutual legal assistance in criminal matters.',
      'en',
    );
    expect(found).toEqual([
      {
        name: 'mutual legal assistance agreement',
        step: 'approved',
        country: 'KZ',
        date: { value: '2025-11-13', precision: 'day', source: 'text' },
        evidence: [expect.objectContaining({ field: 'approved', start: 0 })],
      },
    ]);
    expect(() => AgreementAct.array().parse(found)).not.toThrow();
  });

  it('Russian: "Сенат ратифицировал…" with no date in the text takes the article’s, to its month', () => {
    const [act] = acts(
      'Сенат Казахстана ратифицировал соглашение между Казахстаном и Марокко о выдаче преступников.',
      'ru',
    );
    expect(act).toMatchObject({
      name: 'extradition agreement',
      step: 'approved',
      country: 'KZ',
      date: { value: '2025-11', precision: 'month', source: 'published' },
    });
    expect(act?.evidence.map((e) => e.field)).toEqual(['approved', 'date:article']);
  });

  it('Arabic: "صادق مجلس النواب على اتفاقية…", the House of Representatives named Moroccan', () => {
    expect(
      acts('صادق مجلس النواب المغربي على الاتفاقية بين المغرب وكازاخستان بشأن تسليم المجرمين.', 'ar'),
    ).toMatchObject([{ name: 'extradition agreement', step: 'approved', country: 'MA' }]);
  });

  it('French: "le Parlement marocain a approuvé l’accord…" (approve needs an approver)', () => {
    expect(
      acts('Le Parlement marocain a approuvé l’accord d’extradition entre le Maroc et le Kazakhstan.', 'fr'),
    ).toMatchObject([{ name: 'extradition agreement', step: 'approved', country: 'MA' }]);
  });

  it('Kazakh: "Сенат … ратификациялау туралы заңды қабылдады", the Senate’s side left unsaid', () => {
    const [act] = acts(
      'Сенат Қазақстан мен Марокко арасындағы әуе қатынасы туралы келісімді ратификациялау туралы заңды қабылдады.',
      'kk',
    );
    expect(act).toMatchObject({ name: 'air services agreement', step: 'approved' });
    expect(act?.country).toBeUndefined();
  });

  it('a body of one country by its own name, and a head of state signing the law', () => {
    expect(
      acts('The Mazhilis ratified the air services agreement between Kazakhstan and Morocco.', 'en'),
    ).toMatchObject([{ name: 'air services agreement', country: 'KZ' }]);
    expect(
      acts(
        'President Tokayev signed the law ratifying the extradition agreement between Kazakhstan and Morocco.',
        'en',
      ),
    ).toMatchObject([{ name: 'extradition agreement', country: 'KZ' }]);
  });

  it('one approval per agreement and side, told in the headline and the body: both sentences cited', () => {
    const found = acts(
      'Senate ratifies Kazakhstan–Morocco extradition agreement\n\nThe Kazakh Senate ratified on Thursday the extradition agreement between Kazakhstan and Morocco.',
      'en',
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence.filter((e) => e.field === 'approved')).toHaveLength(2);
  });
});

describe('what is not an approval', () => {
  it('a signing', () => {
    expect(
      acts(
        'Kazakhstan and Morocco signed an agreement on mutual legal assistance in Rabat on 12 December 2024.',
        'en',
      ),
    ).toEqual([]);
    expect(acts('Казахстан и Марокко подписали соглашение о выдаче преступников.', 'ru')).toEqual([]);
  });

  it('an approval still to come: "must be ratified", "после ратификации", "بعد المصادقة", "sera ratifié"', () => {
    expect(
      acts('The agreement between Kazakhstan and Morocco must be ratified by the Senate.', 'en'),
    ).toEqual([]);
    expect(
      acts('Соглашение между Казахстаном и Марокко вступит в силу после ратификации парламентами.', 'ru'),
    ).toEqual([]);
    expect(
      acts('تدخل الاتفاقية بين المغرب وكازاخستان حيز التنفيذ بعد المصادقة عليها من البرلمان.', 'ar'),
    ).toEqual([]);
    expect(
      acts('L’accord d’extradition entre le Maroc et le Kazakhstan sera ratifié par le Parlement.', 'fr'),
    ).toEqual([]);
    expect(
      acts('Қазақстан мен Марокко арасындағы әуе қатынасы туралы келісім ратификациялануы тиіс.', 'kk'),
    ).toEqual([]);
  });

  it('the sides "approving" a document at a meeting, with no parliament, government or law', () => {
    expect(acts('Kazakhstan and Morocco approved a roadmap of cooperation for 2025–2027.', 'en')).toEqual([]);
  });

  it('an approval of one side with a third country, or of the dyad’s agreement with no second side', () => {
    expect(acts('The Senate ratified the extradition agreement between Kazakhstan and Egypt.', 'en')).toEqual(
      [],
    );
    expect(acts('The Senate ratified the extradition agreement with Morocco.', 'en')).toEqual([]);
  });

  it('a ratification with no agreement named', () => {
    expect(acts('The Senate of Kazakhstan ratified a law on Morocco’s airports.', 'en')).toEqual([]);
  });
});

describe('approvals beside the events, never one of them', () => {
  const cleaned = (text: string, relevant: boolean): ArticleCleaned => ({
    schema: 1,
    articleId: 'b'.repeat(64),
    url: 'https://example.test/senate',
    sourceId: 'test',
    origin: 'crawl',
    fetchedAt: '2025-11-14T10:00:00.000Z',
    title: 'Kazakh Senate ratifies extradition agreement with Morocco',
    text,
    lang: 'en',
    publishedAt: { value: '2025-11-14', source: 'meta' },
    relevance: { score: relevant ? 0.6 : 0.2, relevant, reasons: ['test'], assessed: true },
    cleaner: { version: 'test', method: 'test' },
  });
  const text =
    'The Senate of Kazakhstan ratified on Thursday the agreement between Kazakhstan and Morocco on extradition.';

  it('leaves the events and the relevance as they are, and cites the headline 0–0', () => {
    const { extracted, skipped } = extractCleaned(cleaned(text, true), kb);
    expect(skipped).toBeUndefined();
    expect(extracted.events).toEqual([]);
    // Named by both sides but telling no event between them: not relevant, as before.
    expect(extracted.relevance.relevant).toBe(false);
    const parsed = ArticleExtracted.parse(extracted);
    expect(parsed.agreementActs).toMatchObject([
      { name: 'extradition agreement', country: 'KZ', date: { value: '2025-11-13', source: 'text' } },
    ]);
    const evidence = parsed.agreementActs?.[0]?.evidence ?? [];
    expect(evidence[0]).toMatchObject({ field: 'approved@headline', start: 0, end: 0 });
    expect(evidence.find((e) => e.field === 'approved')).toMatchObject({ start: 0, end: text.length });
  });

  it('reads an article the cleaner found irrelevant for an approval, and passes it on skipped', () => {
    const { extracted, skipped } = extractCleaned(cleaned(text, false), kb);
    expect(skipped).toBe('irrelevant');
    expect(extracted.events).toEqual([]);
    expect(extracted.mentions).toEqual({ actors: [], places: [], dates: [] });
    expect(extracted.agreementActs).toMatchObject([{ name: 'extradition agreement', country: 'KZ' }]);
  });

  it('adds nothing to a message that tells no approval', () => {
    const plain = {
      ...cleaned('The Kazakh and Moroccan ministers met in Rabat on Thursday.', true),
      title: 'Talks',
    };
    expect('agreementActs' in extractCleaned(plain, kb).extracted).toBe(false);
    const irrelevant = { ...cleaned('Morocco ratified a treaty with Spain.', false), title: 'Treaty' };
    expect('agreementActs' in extractCleaned(irrelevant, kb).extracted).toBe(false);
  });
});

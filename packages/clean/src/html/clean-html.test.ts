import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile } from '@dyad/knowledge';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../clean.ts';
import { cleanHtml } from './clean-html.ts';
import { parseWithLinkedom } from './parse-dom.ts';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../fixtures', name), 'utf8');
const profile = loadProfile();
const FETCHED = '2025-06-01T00:00:00.000Z';

/** Furniture of the fixtures: none of it may reach the text. */
const FURNITURE = [
  // ar
  'الرئيسية',
  'شارك',
  'فيسبوك',
  'اقرأ أيضا',
  'صورة: أرشيف',
  'الوسوم',
  'مقالات ذات صلة',
  'المنتدى الإفريقي للطاقة',
  'النشرة الإخبارية',
  'اترك تعليقاً',
  'لن يتم نشر',
  'الأكثر قراءة',
  'جميع الحقوق محفوظة',
  'ملفات تعريف الارتباط',
  // fr
  'Accueil',
  'Partager sur',
  'Lire aussi',
  'Rabat et Astana relancent',
  '© DR',
  'Mots-clés',
  'Newsletter',
  'Inscrivez-vous',
  'Vous aimerez aussi',
  'premier exportateur africain',
  'Laisser un commentaire',
  'Votre adresse e-mail',
  'Enregistrer mon nom',
  'cookies',
  'Tous droits réservés',
  'Claire Martin',
  '6 mai 2025',
  // ru
  'Поделиться',
  'Читайте также',
  'Курс тенге',
  'Все права защищены',
  'Опубликовано',
];

function expectNoFurniture(text: string): void {
  for (const phrase of FURNITURE) expect(text, phrase).not.toContain(phrase);
}

describe('an Arabic news page (nav, share bar, caption, read-also, tags, related, newsletter, comments, JSON-LD)', () => {
  const url = 'https://www.maghreb-today.example/politique/2025/03/12/maroc-kazakhstan-energie';
  const cleaned = cleanArticle(
    { body: fixture('ar-news-page.html'), contentType: 'text/html', url, fetchedAt: FETCHED },
    { profile },
  );

  it('gives title, date (JSON-LD), author (JSON-LD), site, canonical URL and language', () => {
    expect(cleaned.title).toBe('المغرب وكازاخستان يوقعان مذكرة تفاهم في مجال الطاقات المتجددة');
    expect(cleaned.publishedAt).toEqual({ value: '2025-03-12T09:30:00.000Z', source: 'meta' });
    expect(cleaned.author).toBe('سعيد الإدريسي');
    expect(cleaned.siteName).toBe('مغرب اليوم');
    expect(cleaned.canonicalUrl).toBe(url);
    expect(cleaned.lang).toBe('ar');
    expect(cleaned.method).toBe('readability+linkedom');
  });

  it('gives every paragraph of the article and nothing else', () => {
    expect(cleaned.paragraphs).toEqual([
      'وقعت المملكة المغربية وجمهورية كازاخستان، يوم الأربعاء بالرباط، مذكرة تفاهم للتعاون في مجال الطاقات المتجددة والنجاعة الطاقية، وذلك على هامش اجتماع اللجنة المشتركة بين البلدين.',
      'ووقع المذكرة عن الجانب المغربي وزيرة الانتقال الطاقي والتنمية المستدامة، وعن الجانب الكازاخستاني نائب وزير الطاقة، بحضور عدد من المسؤولين ورجال الأعمال من البلدين.',
      'وتهدف هذه المذكرة إلى تبادل الخبرات في مجالات الطاقة الشمسية وطاقة الرياح والهيدروجين الأخضر، وتشجيع الاستثمارات المشتركة، وتكوين الأطر التقنية في البلدين.',
      'وأكد الجانبان، خلال الاجتماع، أهمية الارتقاء بالمبادلات التجارية بين الرباط وأستانا إلى مستوى الإمكانات المتاحة، خاصة بعد دخول اتفاق الإعفاء المتبادل من التأشيرة حيز التنفيذ.',
      'وتعد هذه المذكرة الثالثة من نوعها التي يوقعها البلدان منذ بداية السنة الجارية، في إطار خارطة الطريق التي اعتمدها وزيرا خارجية البلدين خلال زيارة نظيره الكازاخستاني إلى المغرب.',
    ]);
    expect(cleaned.text).toBe(cleaned.paragraphs.join('\n\n'));
    expectNoFurniture(cleaned.text);
    expect(cleaned.relevance.relevant).toBe(true);
  });

  it('comes out the same over jsdom', () => {
    const overJsdom = cleanHtml(fixture('ar-news-page.html'), { url, parsers: ['jsdom'] });
    expect(overJsdom.method).toBe('readability+jsdom');
    expect(overJsdom.paragraphs).toEqual(cleaned.paragraphs);
  });
});

describe('a French news page (no JSON-LD: meta author, <time>, headings, cookie banner, comments)', () => {
  const url = 'https://courrier-atlas.example/economie/kazakhstan-maroc-echanges-agricoles/';
  const cleaned = cleanArticle(
    { body: fixture('fr-news-page.html'), contentType: 'text/html', url, fetchedAt: FETCHED },
    { profile },
  );

  it('gives title (without the site name), date (<time>), author (meta), site and language', () => {
    expect(cleaned.title).toBe('Le Kazakhstan et le Maroc veulent doubler leurs échanges agricoles');
    expect(cleaned.publishedAt).toEqual({ value: '2025-05-06T07:15:00.000Z', source: 'meta' });
    expect(cleaned.author).toBe('Claire Martin');
    expect(cleaned.siteName).toBe("Le Courrier de l'Atlas");
    expect(cleaned.canonicalUrl).toBe(url);
    expect(cleaned.lang).toBe('fr');
  });

  it('gives every paragraph and the subheading, and no furniture', () => {
    expect(cleaned.paragraphs).toEqual([
      "Réunis mardi à Astana, les ministres de l'Agriculture du Kazakhstan et du Maroc ont signé une feuille de route qui vise à doubler d'ici 2027 le volume des échanges agricoles entre les deux pays, aujourd'hui modeste.",
      "Le texte prévoit l'ouverture d'un corridor pour les céréales kazakhes vers les ports marocains, d'où elles pourraient être réexportées vers l'Afrique de l'Ouest, ainsi que l'accès des agrumes et des produits de la mer marocains au marché kazakh.",
      "Un « hub » céréalier à l'étude",
      "Les deux délégations ont également examiné le projet d'un « hub » céréalier au Maroc, évoqué pour la première fois lors de la visite du ministre kazakh des Affaires étrangères à Rabat en février. Une étude de faisabilité doit être remise avant la fin de l'année.",
      "« Nos complémentarités sont évidentes : le Kazakhstan produit du blé en abondance, le Maroc dispose d'une façade atlantique et d'une expertise reconnue dans les engrais », a déclaré le ministre marocain à l'issue de la réunion.",
      "Une commission mixte se réunira à Rabat à l'automne pour faire le point sur la mise en œuvre de la feuille de route.",
    ]);
    expectNoFurniture(cleaned.text);
    expect(cleaned.relevance.relevant).toBe(true);
  });

  it('takes the written date when the markup gives none', () => {
    const html = fixture('fr-news-page.html').replace(/ datetime="[^"]*"/, '');
    const withoutMarkup = cleanArticle(
      { body: html, contentType: 'text/html', fetchedAt: FETCHED },
      { profile },
    );
    expect(withoutMarkup.publishedAt).toEqual({ value: '2025-05-06', source: 'text' });
  });
});

describe('a short Russian page (Readability’s 500-character threshold)', () => {
  const cleaned = cleanArticle(
    {
      body: fixture('ru-short-page.html'),
      contentType: 'text/html',
      url: 'https://ca-news.example/n/1',
      fetchedAt: FETCHED,
    },
    { profile },
  );

  it('does not come back empty, and takes its written date and title', () => {
    expect(cleaned.paragraphs).toEqual([
      'Министр иностранных дел Казахстана провёл в Астане переговоры с послом Марокко.',
      'Стороны обсудили подготовку визита марокканской делегации и развитие торговли.',
    ]);
    expect(cleaned.title).toBe('Казахстан и Марокко обсудили сотрудничество');
    expect(cleaned.publishedAt).toEqual({ value: '2025-04-15', source: 'text' });
    expect(cleaned.lang).toBe('ru');
    expectNoFurniture(cleaned.text);
  });
});

describe('cleanHtml: linkedom first, jsdom as the fallback', () => {
  const html = fixture('fr-news-page.html');

  it('uses jsdom when linkedom throws, and says so', () => {
    const article = cleanHtml(html, {
      parse: {
        linkedom: () => {
          throw new Error('linkedom broke');
        },
      },
    });
    expect(article.method).toBe('readability+jsdom');
    expect(article.paragraphs).toHaveLength(6);
  });

  it('uses jsdom when linkedom returns too little, keeping whichever found more', () => {
    const article = cleanHtml(html, {
      parse: { linkedom: () => parseWithLinkedom('<html><body><p>Almost nothing here.</p></body></html>') },
    });
    expect(article.method).toBe('readability+jsdom');
    expect(article.paragraphs).toHaveLength(6);
  });

  it('keeps linkedom when it found enough', () => {
    expect(cleanHtml(html).method).toBe('readability+linkedom');
  });

  it('falls back to the page’s paragraphs when Readability finds no article', () => {
    const article = cleanHtml(
      '<html><body><p>Один абзац текста, в котором есть целых девять слов.</p></body></html>',
    );
    expect(article.paragraphs).toEqual(['Один абзац текста, в котором есть целых девять слов.']);
  });
});

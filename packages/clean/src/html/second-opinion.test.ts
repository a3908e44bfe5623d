import { describe, expect, it } from 'vitest';
import { furniture } from '../text/furniture.ts';
import { cleanHtml } from './clean-html.ts';
import { parseWithLinkedom } from './parse-dom.ts';
import {
  type Evidence,
  type Option,
  pageParagraphs,
  paragraphFallback,
  pickOption,
  scoreOption,
  suspicion,
} from './second-opinion.ts';

const TITLE = 'Morocco and Kazakhstan sign a visa waiver';
const LEAD = 'Rabat, Monday. The two foreign ministers signed an agreement waiving visas for thirty days.';
const SECOND = 'It enters into force thirty days after the last notification, officials said.';
const head = (extra = '') =>
  `<head><title>${TITLE}</title><meta property="og:description" content="The two foreign ministers signed an agreement waiving visas for thirty days.">${extra}</head>`;
const prose = (what: string, n: number): string =>
  Array.from(
    { length: n },
    (_, i) => `${what} ${i + 1}, with enough further words to read as running prose in any reader at all.`,
  ).join(' ');
const consentParagraphs = [1, 2, 3, 4]
  .map(
    (i) =>
      `<p>Notice ${i}: we and our partners store cookies and access information on your device. Personalised advertising, audience measurement and content development rely on them. Withdraw consent whenever you like through the privacy settings linked below every page of this website.</p>`,
  )
  .join('');
const story = `<div class="story"><h1>${TITLE}</h1><p>${LEAD}</p><p>${SECOND}</p></div>`;

describe('the second opinion on a page where Readability takes the wrong block', () => {
  it('drops a consent notice that Readability took in with a short article (consent markup)', () => {
    const article = cleanHtml(
      `<html>${head()}<body><div class="cookie-consent">${consentParagraphs}</div>${story}</body></html>`,
      { parsers: ['linkedom'] },
    );
    expect(article.paragraphs).toEqual([LEAD, SECOND]);
  });

  it('drops an author bio longer than the article', () => {
    const bio = `<div class="author-bio">${[1, 2, 3].map((i) => `<p>${prose(`Jane Doe has covered the region for years (${i})`, 2)}</p>`).join('')}</div>`;
    const article = cleanHtml(`<html>${head()}<body>${story}${bio}</body></html>`, { parsers: ['linkedom'] });
    expect(article.paragraphs).toEqual([LEAD, SECOND]);
  });

  it('finds the article when Readability picks an unmarked consent notice and the text is not in <p>', () => {
    const article = cleanHtml(
      `<html>${head()}<body><div class="a1b2">${consentParagraphs}</div><div class="y"><h1>${TITLE}</h1><div>${LEAD}<br><br>${SECOND}</div></div></body></html>`,
      { parsers: ['linkedom'] },
    );
    expect(article.method).toBe('density+linkedom');
    expect(article.paragraphs.join('\n')).toBe(`${LEAD}\n${SECOND}`);
  });

  it('takes the JSON-LD articleBody when the page says the article is another text than the one chosen', () => {
    const body = prose('The ministers agreed on a roadmap for trade, grain and transport', 6);
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: TITLE, articleBody: body })}</script>`;
    const article = cleanHtml(
      `<html>${head(ld)}<body><div class="a1b2">${consentParagraphs}</div><div class="y"><h1>${TITLE}</h1><span>${body}</span></div></body></html>`,
      { parsers: ['linkedom'] },
    );
    expect(article.paragraphs.join(' ')).toContain('roadmap for trade');
    expect(article.paragraphs.join(' ')).not.toContain('cookies');
  });
});

describe('suspicion and the score', () => {
  const evidence: Evidence = {
    paragraphs: [
      { text: LEAD, furniture: false },
      { text: 'Accept all cookies to continue reading this page and all the others.', furniture: true },
    ],
    pageText: () => `${LEAD} ${SECOND}`,
    description: LEAD,
    title: TITLE,
  };
  const option = (kind: Option['kind'], paragraphs: string[], linkDensity = 0): Option => ({
    kind,
    paragraphs,
    linkDensity,
  });

  it('says why a candidate looks wrong, and nothing for a good one', () => {
    expect(suspicion(option('readability', []), evidence)).toBe('empty');
    expect(suspicion(option('readability', [LEAD], 0.7), evidence)).toBe('links');
    expect(
      suspicion(
        option('readability', ['Accept all cookies to continue reading this page and all the others.']),
        evidence,
      ),
    ).toBe('furniture');
    expect(
      suspicion(
        option('readability', ['Something else entirely, about football scores and weather.']),
        evidence,
      ),
    ).toBe('disagrees');
    expect(suspicion(option('readability', [LEAD, SECOND]), evidence)).toBeUndefined();
  });

  it('prefers the text the page describes over a longer one it does not', () => {
    const long = option('density', [prose('Unrelated teaser text about sport and the weather forecast', 6)]);
    const right = option('density', [LEAD, SECOND]);
    expect(scoreOption(right, evidence)).toBeGreaterThan(scoreOption(long, evidence));
    expect(pickOption([long, right], evidence)).toBe(right);
  });
});

describe('paragraphFallback', () => {
  it('is never empty when the page has a paragraph with text, however short', () => {
    const { document } = parseWithLinkedom(
      '<html><body><p>A short line here.</p><div class="comments"><p>A comment of some length here, by a reader.</p></div></body></html>',
    );
    const evidence: Evidence = { paragraphs: pageParagraphs(document), pageText: () => '' };
    expect(evidence.paragraphs.map((p) => p.furniture)).toEqual([false, true]);
    expect(paragraphFallback(evidence, furniture())).toEqual(['A short line here.']);
    expect(
      paragraphFallback({ paragraphs: [{ text: 'Hi', furniture: true }], pageText: () => '' }, furniture()),
    ).toEqual(['Hi']);
  });

  it('gives the page its paragraphs when Readability finds nothing at all', () => {
    const article = cleanHtml('<html><body><p>Two words.</p><p>Three short words.</p></body></html>', {
      parsers: ['linkedom'],
    });
    expect(article.paragraphs.length).toBeGreaterThan(0);
  });
});

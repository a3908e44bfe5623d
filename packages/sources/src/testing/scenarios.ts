import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { articlePage, escapeXml, type FixtureServer, rssFeed, send } from './fixture-server.ts';
import { encodeSingleByte } from './legacy-encode.ts';

/**
 * The acceptance scenarios of the fetcher issue, played by the fixture server: what a real
 * news web throws at a crawler. Paths are listed in `paths`; `state` switches the feeds that change.
 */

export const ARABIC_ITEMS = [
  { title: 'المغرب وكازاخستان يوقعان اتفاقية للتعاون الاقتصادي', path: '/ar/article/1' },
  { title: 'زيارة وزير الخارجية الكازاخستاني إلى الرباط', path: '/ar/article/2' },
  { title: 'أحوال الطقس في الدار البيضاء', path: '/ar/article/3' },
] as const;

export const FRENCH_ITEMS = [
  { title: 'Le Maroc et le Kazakhstan renforcent leur coopération', path: '/fr/article/1' },
  { title: 'Astana accueille une délégation marocaine', path: '/fr/article/2' },
  { title: 'Le Kazakhstan lance un satellite', path: '/fr/article/3' },
] as const;

export interface ScenarioState {
  /** The changed-GUID feed: 1 first, 2 after the publisher edited the item. */
  guidVersion: 1 | 2;
  /** Requests the flaky feed answers with 500 before it recovers. */
  flakyFailures: number;
  /** Whether the news sitemap `news-2.xml` holds its answer (to kill a process mid-poll). */
  holdSitemap2: boolean;
  /** Requests `/flaky/article-2` answers with 500 before it recovers. */
  flakyArticleFailures: number;
}

/** Links of `/mixed/feed.xml`: one article per behaviour, each with what the fetcher must do. */
export const MIXED_LINKS = {
  published: ['/redirect/1', '/br/article', '/big/article', '/ar/article/1', '/flaky/article-2'],
  refused: {
    '/loop/a': 'redirect-loop',
    '/to-metadata': 'refused-address',
    '/to-private': 'refused-address',
    '/doc.pdf': 'unsupported-type',
    '/private/article': 'refused-robots',
    '/gone': 'gone',
    '/huge-chunked': 'too-large',
    '/trickle': 'timeout-body',
  },
} as const;

export function installScenarios(server: FixtureServer): ScenarioState {
  const state: ScenarioState = {
    guidVersion: 1,
    flakyFailures: 1,
    holdSitemap2: false,
    flakyArticleFailures: 1,
  };
  const u = (path: string) => server.url(path);
  const html = (title: string, text: string) => articlePage(title, text);

  server.route('/robots.txt', (_req, res) =>
    send(res, 200, 'text/plain', 'User-agent: *\nDisallow: /private/\n\nUser-agent: BadBot\nDisallow: /\n'),
  );

  // An Arabic RSS feed in windows-1256, declared only in the XML declaration.
  server.route('/ar/feed.xml', (_req, res) => {
    const xml = rssFeed(
      'هسبريس',
      ARABIC_ITEMS.map((i, n) => ({
        title: i.title,
        link: u(i.path),
        guid: `ar-${n + 1}`,
        pubDate: `Mon, 0${n + 1} Jun 2025 10:00:00 +0100`,
        description: `${i.title}.`,
      })),
      { encoding: 'windows-1256' },
    );
    send(res, 200, 'application/rss+xml', encodeSingleByte(xml, 'windows-1256'));
  });
  // Arabic articles: windows-1256 declared in <meta> only, and ISO-8859-6 in the header only.
  server.route('/ar/article/1', (_req, res) =>
    send(
      res,
      200,
      'text/html',
      encodeSingleByte(articlePage(ARABIC_ITEMS[0].title, 'نص المقال', 'windows-1256'), 'windows-1256'),
    ),
  );
  server.route('/ar/article/2', (_req, res) =>
    send(
      res,
      200,
      'text/html; charset=ISO-8859-6',
      encodeSingleByte(`<html><body><h1>${ARABIC_ITEMS[1].title}</h1></body></html>`, 'iso-8859-6'),
    ),
  );
  server.route('/ar/article/3', (_req, res) =>
    send(res, 200, 'text/html; charset=utf-8', html(ARABIC_ITEMS[2].title, 'طقس')),
  );

  // A French Atom feed, with validators.
  server.route('/fr/atom.xml', (req, res) => {
    if (req.headers['if-none-match'] === '"atom-v1"') {
      res.writeHead(304, { etag: '"atom-v1"' }).end();
      return;
    }
    const entries = FRENCH_ITEMS.map(
      (i, n) =>
        `<entry><id>urn:fr:${n + 1}</id><title>${escapeXml(i.title)}</title><link rel="alternate" href="${u(i.path)}"/>` +
        `<updated>2025-06-0${n + 1}T08:00:00+01:00</updated><summary>Résumé : ${escapeXml(i.title)}</summary></entry>`,
    ).join('\n');
    send(
      res,
      200,
      'application/atom+xml; charset=utf-8',
      `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Le fil</title><id>urn:fr</id><updated>2025-06-03T08:00:00Z</updated>\n${entries}\n</feed>`,
      { etag: '"atom-v1"', 'cache-control': 'max-age=600' },
    );
  });
  for (const item of FRENCH_ITEMS) {
    server.route(item.path, (_req, res) =>
      send(res, 200, 'text/html; charset=utf-8', html(item.title, 'Texte.')),
    );
  }

  // A news sitemap index with two news sitemaps.
  server.route('/sitemaps/index.xml', (req, res) =>
    withEtag(req, res, '"index-v1"', () =>
      send(
        res,
        200,
        'application/xml',
        `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
          `<sitemap><loc>${u('/sitemaps/news-1.xml')}</loc><lastmod>2025-06-02T00:00:00Z</lastmod></sitemap>` +
          `<sitemap><loc>${u('/sitemaps/news-2.xml')}</loc><lastmod>2025-06-01T00:00:00Z</lastmod></sitemap>` +
          `<sitemap><loc>${u('/sitemaps/archive-2019.xml')}</loc><lastmod>2019-01-01T00:00:00Z</lastmod></sitemap>` +
          '</sitemapindex>',
        { etag: '"index-v1"' },
      ),
    ),
  );
  const newsSitemap = (n: number) =>
    `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` +
    [1, 2]
      .map(
        (k) =>
          `<url><loc>${u(`/sitemap-article/${n}-${k}`)}</loc><news:news><news:publication><news:name>Fixture</news:name><news:language>en</news:language></news:publication>` +
          `<news:publication_date>2025-06-0${n}T1${k}:00:00+05:00</news:publication_date><news:title>Kazakhstan and Morocco ${n}-${k}</news:title></news:news></url>`,
      )
      .join('') +
    '</urlset>';
  server.route('/sitemaps/news-1.xml', (req, res) =>
    withEtag(req, res, '"news1-v1"', () =>
      send(res, 200, 'application/xml', newsSitemap(1), { etag: '"news1-v1"' }),
    ),
  );
  server.route('/sitemaps/news-2.xml', (req, res) => {
    const answer = () =>
      withEtag(req, res, '"news2-v1"', () =>
        send(res, 200, 'application/xml', newsSitemap(2), { etag: '"news2-v1"' }),
      );
    if (!state.holdSitemap2) return answer();
    const timer = setInterval(() => {
      if (!state.holdSitemap2) {
        clearInterval(timer);
        answer();
      }
    }, 50);
    res.on('close', () => clearInterval(timer));
  });
  for (const n of [1, 2]) {
    for (const k of [1, 2]) {
      server.route(`/sitemap-article/${n}-${k}`, (_req, res) =>
        send(res, 200, 'text/html; charset=utf-8', html(`Kazakhstan and Morocco ${n}-${k}`, 'Text.')),
      );
    }
  }

  // An HTML listing page: article links under .news, navigation links elsewhere.
  server.route('/listing.html', (_req, res) =>
    send(
      res,
      200,
      'text/html; charset=utf-8',
      `<html><head><title>Actualités</title></head><body><nav><a href="/">Accueil</a><a href="/contact">Contact</a></nav>` +
        `<ul class="news"><li><a href="/html/a1">Rabat et Astana signent un accord</a><time datetime="2025-06-04T09:00:00Z"></time></li>` +
        `<li><a href="html/a2?utm_source=home">Tokaïev reçoit l'ambassadeur du Maroc</a></li>` +
        `<li><a href="/html/a1#top">Rabat et Astana signent un accord (bis)</a></li>` +
        `<li><a href="mailto:desk@example.test">Écrire</a></li></ul></body></html>`,
    ),
  );
  for (const p of ['/html/a1', '/html/a2']) {
    server.route(p, (_req, res) => send(res, 200, 'text/html; charset=utf-8', html(p, 'Texte.')));
  }

  // 429 with Retry-After; 500 then success; invalid XML.
  server.route('/limited/feed.xml', (_req, res) =>
    send(res, 429, 'text/plain', 'slow down', { 'retry-after': '120' }),
  );
  server.route('/flaky/feed.xml', (_req, res) => {
    if (state.flakyFailures > 0) {
      state.flakyFailures--;
      send(res, 500, 'text/plain', 'oops');
      return;
    }
    send(
      res,
      200,
      'application/rss+xml',
      rssFeed('Flaky', [{ title: 'Kazakhstan–Morocco', link: u('/flaky/article') }]),
    );
  });
  server.route('/flaky/article', (_req, res) => send(res, 200, 'text/html', html('flaky', 'ok')));
  server.route('/flaky/article-2', (_req, res) => {
    if (state.flakyArticleFailures > 0) {
      state.flakyArticleFailures--;
      send(res, 500, 'text/plain', 'oops');
      return;
    }
    send(res, 200, 'text/html', html('flaky article', 'ok at last'));
  });
  server.route('/big/article', (_req, res) =>
    send(res, 200, 'text/html; charset=utf-8', html('Big', 'Kazakhstan Morocco. '.repeat(20_000))),
  );
  server.route('/mixed/feed.xml', (_req, res) =>
    send(
      res,
      200,
      'application/rss+xml',
      rssFeed(
        'Mixed',
        [...MIXED_LINKS.published, ...Object.keys(MIXED_LINKS.refused)].map((path, n) => ({
          title: `Item ${n} ${path}`,
          link: u(path),
          pubDate: 'Tue, 03 Jun 2025 10:00:00 GMT',
          description: `Summary of ${path}`,
        })),
      ),
    ),
  );
  server.route('/invalid/feed.xml', (_req, res) =>
    send(
      res,
      200,
      'application/rss+xml',
      '<?xml version="1.0"?><rss><channel><item><title>Broken</title></channel></rss>',
    ),
  );

  // Redirects: a chain that ends well, a loop, and hops to refused addresses.
  server.route('/redirect/1', (_req, res) => res.writeHead(301, { location: '/redirect/2' }).end());
  server.route('/redirect/2', (_req, res) => res.writeHead(302, { location: u('/redirect/3') }).end());
  server.route('/redirect/3', (_req, res) => res.writeHead(307, { location: '/articles/landing' }).end());
  server.route('/articles/landing', (_req, res) =>
    send(res, 200, 'text/html; charset=utf-8', html('Landing', 'Arrived.')),
  );
  server.route('/loop/a', (_req, res) => res.writeHead(302, { location: '/loop/b' }).end());
  server.route('/loop/b', (_req, res) => res.writeHead(302, { location: '/loop/a' }).end());
  server.route('/to-metadata', (_req, res) =>
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  );
  server.route('/to-private', (_req, res) => res.writeHead(302, { location: 'http://10.0.0.1/admin' }).end());
  server.route('/to-file', (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());

  // Bodies: 20 MB (declared, and streamed without a length), a trickle, compressed ones, a PDF.
  const MB = 1024 * 1024;
  server.route('/huge', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(20 * MB) });
    streamBytes(res, 20 * MB);
  });
  server.route('/huge-chunked', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    streamBytes(res, 20 * MB);
  });
  server.route('/trickle', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => res.write('.'), 100);
    res.on('close', () => clearInterval(timer));
  });
  const compressedPage = html('Compressed', 'Le Maroc et le Kazakhstan — texte compressé.');
  server.route('/br/article', (_req, res) =>
    send(res, 200, 'text/html; charset=utf-8', brotliCompressSync(Buffer.from(compressedPage)), {
      'content-encoding': 'br',
    }),
  );
  server.route('/gzip/article', (_req, res) =>
    send(res, 200, 'text/html; charset=utf-8', gzipSync(Buffer.from(compressedPage)), {
      'content-encoding': 'gzip',
    }),
  );
  server.route('/deflate/article', (_req, res) =>
    send(res, 200, 'text/html; charset=utf-8', deflateSync(Buffer.from(compressedPage)), {
      'content-encoding': 'deflate',
    }),
  );
  server.route('/doc.pdf', (_req, res) => send(res, 200, 'application/pdf', '%PDF-1.4\n%fixture'));
  server.route('/private/article', (_req, res) => send(res, 200, 'text/html', html('private', 'secret')));
  server.route('/gone', (_req, res) => send(res, 410, 'text/plain', 'gone'));

  // One article under three URLs (tracking parameters, a fragment, a feed proxy) in one feed,
  // and under a redirecting proxy in another.
  server.route('/same/feed.xml', (_req, res) =>
    send(
      res,
      200,
      'application/rss+xml',
      rssFeed('Same', [
        {
          title: 'Morocco and Kazakhstan',
          link: u('/story/42?utm_source=rss&utm_medium=feed&id=7'),
          guid: 's1',
        },
        { title: 'Morocco and Kazakhstan', link: u('/story/42?id=7#comments'), guid: 's2' },
        {
          title: 'Morocco and Kazakhstan',
          link: u(`/proxy/click?url=${encodeURIComponent(u('/story/42?id=7&fbclid=abc'))}`),
          guid: 's3',
        },
      ]),
    ),
  );
  server.route('/same/feed2.xml', (_req, res) =>
    send(
      res,
      200,
      'application/rss+xml',
      rssFeed('Same again', [
        { title: 'Morocco and Kazakhstan', link: u('/fp/~r/same/~3/xyz/story-42'), guid: 's4' },
      ]),
    ),
  );
  server.route('/fp/~r/same/~3/xyz/story-42', (_req, res) =>
    res.writeHead(301, { location: u('/story/42?id=7&utm_campaign=feedburner') }).end(),
  );
  server.route('/story/42', (_req, res) =>
    send(res, 200, 'text/html; charset=utf-8', html('Story 42', 'Text.')),
  );

  // A feed whose item changes GUID and title but not URL.
  server.route('/guid/feed.xml', (_req, res) => {
    const v = state.guidVersion;
    send(
      res,
      200,
      'application/rss+xml',
      rssFeed('Guid', [
        {
          title: v === 1 ? 'Kazakhstan, Morocco sign MoU' : 'Kazakhstan, Morocco sign MoU (updated)',
          link: u('/guid/article'),
          guid: v === 1 ? 'guid-1' : 'guid-1-rev2',
        },
      ]),
    );
  });
  server.route('/guid/article', (_req, res) => send(res, 200, 'text/html', html('guid', 'Text.')));
  return state;
}

/** 304 when the request carries this ETag, else the full answer. */
function withEtag(
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
  etag: string,
  full: () => void,
): void {
  if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag }).end();
  else full();
}

function streamBytes(res: import('node:http').ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  const write = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', write);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => {
    sent = total;
  });
  write();
}

/** A feed-proxies file for the fixtures: `/proxy/click?url=` (parameter) and `/fp/~r/` (redirect). */
export const FIXTURE_PROXIES_YAML = `proxies:
  - name: fixture click-through
    host: 127.0.0.1
    path: ^/proxy/click$
    param: [url]
  - name: fixture feedburner
    host: 127.0.0.1
    path: ^/fp/~r/
    redirect: true
`;

-- Articles as the indexer receives them (`article.extracted`), one row per article id.
-- The columns are what queries filter on; `payload` keeps the whole message.
CREATE TABLE articles (
  article_id text PRIMARY KEY CHECK (article_id ~ '^[0-9a-f]{64}$'),
  url text NOT NULL,
  source_id text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('crawl', 'replay')),
  title text NOT NULL,
  text text NOT NULL,
  lang text NOT NULL,
  -- "YYYY", "YYYY-MM", "YYYY-MM-DD" or a full ISO timestamp, as the cleaner found it; null when unknown.
  published_at text,
  published_at_source text NOT NULL,
  fetched_at timestamptz NOT NULL,
  -- SHA-256 of title, text, lang, publishedAt and events: an equal hash means nothing to update.
  content_hash text NOT NULL,
  revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  relevance jsonb NOT NULL,
  payload jsonb NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Full-text search over articles, in each article's own language. The stemmed vector makes
-- "coopérations" find "coopération" and "كازاخستان" find "وكازاخستان"; the 'simple' vector
-- (unstemmed, lower-cased words) lets a name typed in any script or language match whatever
-- language the article is in. Weights: title A, text B, then the same unstemmed: title C, text D.

-- The text search configuration of a language code (ISO 639-1 or -3); 'simple' when PostgreSQL
-- has no stemmer for it. Used by the backfill below and by indexArticleText, so both agree.
CREATE FUNCTION article_text_config(lang text) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT (CASE lower(lang)
      WHEN 'ar' THEN 'arabic' WHEN 'ara' THEN 'arabic'
      WHEN 'fr' THEN 'french' WHEN 'fra' THEN 'french' WHEN 'fre' THEN 'french'
      WHEN 'en' THEN 'english' WHEN 'eng' THEN 'english'
      WHEN 'ru' THEN 'russian' WHEN 'rus' THEN 'russian'
      ELSE 'simple'
    END)::regconfig
  $$;

-- A tsvector is limited to 1 MB: only the first 100,000 characters of a text are indexed, so an
-- outsized article is still stored (and searchable by its beginning) instead of failing.
CREATE FUNCTION article_tsvector(config regconfig, title text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT setweight(to_tsvector(config, title), 'A')
        || setweight(to_tsvector(config, left(body, 100000)), 'B')
        || setweight(to_tsvector('simple', title), 'C')
        || setweight(to_tsvector('simple', left(body, 100000)), 'D')
  $$;

CREATE TABLE article_texts (
  article_id text PRIMARY KEY REFERENCES articles (article_id) ON DELETE CASCADE,
  lang text NOT NULL,
  -- The configuration the stemmed part was built with; ts_headline uses it for snippets.
  config text NOT NULL CHECK (config IN ('arabic', 'french', 'english', 'russian', 'simple')),
  tsv tsvector NOT NULL
);
CREATE INDEX article_texts_tsv ON article_texts USING gin (tsv);

-- Articles stored before this migration become searchable at once.
INSERT INTO article_texts (article_id, lang, config, tsv)
SELECT article_id, lang, article_text_config(lang)::text,
       article_tsvector(article_text_config(lang), title, text)
  FROM articles;

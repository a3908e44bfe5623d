-- Articles whose text is still to be indexed for search: under a backlog the indexer saves
-- articles and resolves their events first, and indexes their texts (four to_tsvector each, most
-- of the database's work per article) once the backlog is gone.
CREATE TABLE article_texts_pending (
  article_id text PRIMARY KEY REFERENCES articles (article_id) ON DELETE CASCADE
);

-- Reports that only refer to an event by a role ("the foreign minister's visit in 2025") and fit
-- no known event, or several: they never make an event of their own. They wait here until an
-- event they fit is stored, then join it as a source. One row per (article, report).
CREATE TABLE held_references (
  article_id text NOT NULL REFERENCES articles (article_id),
  report_index integer NOT NULL CHECK (report_index >= 0),
  type_class text NOT NULL,
  date_first date NOT NULL,
  date_last date NOT NULL CHECK (date_last >= date_first),
  report jsonb NOT NULL,
  source jsonb NOT NULL,
  reason text NOT NULL,
  held_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, report_index)
);
CREATE INDEX held_references_candidates ON held_references (type_class, date_first, date_last);

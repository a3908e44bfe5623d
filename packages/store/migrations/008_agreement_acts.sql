-- Steps of an agreement's life that are no event (one side approving it at home: a parliament
-- ratifying it, a government approving it), as articles tell them (`article.extracted`'s
-- `agreementActs`): one row per (article, act), replaced with the article's content. The agreement
-- is keyed as the agreements page groups the events' agreements (`agreementKey` in @dyad/contracts,
-- computed by the indexer); `act` is the act as the article carried it, evidence included.
CREATE TABLE agreement_acts (
  article_id text NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
  act_index integer NOT NULL CHECK (act_index >= 0),
  agreement_key text NOT NULL,
  step text NOT NULL CHECK (step IN ('approved')),
  country text,
  act jsonb NOT NULL,
  PRIMARY KEY (article_id, act_index)
);
CREATE INDEX agreement_acts_agreement ON agreement_acts (agreement_key);

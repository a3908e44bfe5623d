-- Events (one row per real-world event), the reports that support them, and the outbox that
-- announces them. `state` is the event as `new-event`/`event-updated` carry it, plus its merge
-- history; the columns are what candidate searches and listings filter on.
CREATE TABLE events (
  event_id text PRIMARY KEY,
  version integer NOT NULL CHECK (version >= 1),
  type text NOT NULL,
  type_class text NOT NULL,
  -- The days the event's date may stand for, at its precision (inclusive).
  date_first date NOT NULL,
  date_last date NOT NULL CHECK (date_last >= date_first),
  part_of text REFERENCES events (event_id),
  state jsonb NOT NULL,
  first_seen_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX events_candidates ON events (type_class, date_first, date_last);
CREATE INDEX events_date ON events (date_first DESC, event_id);

-- Which article reported which event, with the evidence; one row per (event, article).
CREATE TABLE event_reports (
  event_id text NOT NULL REFERENCES events (event_id),
  article_id text NOT NULL REFERENCES articles (article_id),
  main boolean NOT NULL,
  evidence jsonb NOT NULL,
  merge_reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, article_id)
);
CREATE INDEX event_reports_article ON event_reports (article_id);

-- Transactional outbox: written in the transaction that changes an event, published after the
-- commit by a relay. msg_id is the Nats-Msg-Id (event id, or event id + version), unique so an
-- event version is enqueued once however often its article is redelivered.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  subject text NOT NULL CHECK (subject IN ('new-event', 'event-updated')),
  msg_id text NOT NULL UNIQUE,
  event_id text NOT NULL REFERENCES events (event_id),
  version integer NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;

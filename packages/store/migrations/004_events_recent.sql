-- The Atom feed and the live views read the most recently changed events first.
CREATE INDEX events_recent ON events (updated_at DESC, event_id);

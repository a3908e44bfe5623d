-- Candidate search (events of a type class whose days overlap a range) read every event of the
-- class that began before the range's end: (type_class, date_first, date_last) bounds only one
-- side, so each search read more of the index as the store grew. Events spanning under 62 days
-- (a day, a month, a visit's days) are now found between the range's start less 61 days and its
-- end; the few longer ones (a year, undated) by their own index.
DROP INDEX events_candidates;
CREATE INDEX events_candidates_short ON events (type_class, date_first) WHERE date_last - date_first < 62;
CREATE INDEX events_candidates_long ON events (type_class, date_last) WHERE date_last - date_first >= 62;

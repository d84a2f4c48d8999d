-- Counter utilisation: time spent with a citizen (called → ended) and the counter's working span of
-- the day (first call → last end). Roll-ups made before this column existed are rolled up again.
ALTER TABLE report_day
  ADD COLUMN busy_seconds double precision NOT NULL DEFAULT 0,
  ADD COLUMN span_seconds double precision NOT NULL DEFAULT 0;
DELETE FROM report_rolled;

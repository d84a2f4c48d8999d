-- 好差评 hand-over to the provincial platform: one record per rating, written in the rating's own
-- transaction (an outbox), delivered by the server until the platform acknowledges it.
CREATE TABLE provincial_feed (
  id              bigserial   PRIMARY KEY,
  hall_id         text        NOT NULL REFERENCES hall (id),
  -- The platform's key for the record: the same record is always sent with the same id.
  record_id       text        NOT NULL UNIQUE,
  ticket_id       uuid        NOT NULL REFERENCES ticket (id),
  record          jsonb       NOT NULL,
  created_at      timestamptz NOT NULL,
  attempts        int         NOT NULL DEFAULT 0,
  -- Due for (another) attempt from then on; a sender claims a record by moving it past its attempt.
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  last_error      text,
  acknowledged_at timestamptz
);
CREATE INDEX provincial_feed_due ON provincial_feed (hall_id, next_attempt_at, id) WHERE acknowledged_at IS NULL;

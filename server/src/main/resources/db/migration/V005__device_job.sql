-- Work for a bridge's serial devices (print a ticket, show a call on the LED sign, open a rating
-- on the evaluation pad): an outbox written in the same transaction as the event that causes it.
-- A job stays pending until the bridge says its device took it, so a bridge that reconnects gets
-- every pending job again and no ticket is silently not printed.
CREATE TABLE device_job (
  id         bigserial   PRIMARY KEY,
  hall_id    text        NOT NULL REFERENCES hall (id),
  kind       text        NOT NULL CHECK (kind IN ('PRINT_TICKET', 'SHOW_ON_SIGN', 'RATING_REQUEST')),
  kiosk_id   text,
  counter_no int,
  ticket_id  uuid        REFERENCES ticket (id),
  payload    jsonb       NOT NULL,
  created_at timestamptz NOT NULL,
  done_at    timestamptz,
  outcome    text        CHECK (outcome IN ('DONE', 'RATED', 'TIMED_OUT', 'EXPIRED', 'SUPERSEDED')),
  done_by    text,
  CHECK ((kiosk_id IS NULL) <> (counter_no IS NULL)),
  CHECK ((done_at IS NULL) = (outcome IS NULL))
);
CREATE INDEX device_job_pending ON device_job (hall_id, id) WHERE done_at IS NULL;

-- What the bridge last said about each of its serial devices (online, unplugged …).
CREATE TABLE bridge_device (
  hall_id    text        NOT NULL REFERENCES hall (id),
  bridge_id  text        NOT NULL,
  device_id  text        NOT NULL,
  kind       text        NOT NULL CHECK (kind IN ('PRINTER', 'SIGN', 'PAD', 'KEYPAD')),
  kiosk_id   text,
  counter_no int,
  online     boolean     NOT NULL,
  detail     text        NOT NULL CHECK (length(detail) <= 200),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (hall_id, bridge_id, device_id)
);

-- A low pad rating carries the citizen's reason.
ALTER TABLE rating ADD COLUMN reason text CHECK (reason IN
  ('LONG_WAIT', 'LOW_EFFICIENCY', 'POOR_ATTITUDE', 'UNFAMILIAR_WITH_BUSINESS', 'OTHER'));

-- Since when a counter has been paused (暂停), for the "paused too long" alert.
ALTER TABLE counter ADD COLUMN paused_at timestamptz;

-- Alerts for the hall manager: raised once when a threshold is crossed, cleared when the
-- condition ends, acknowledged by a manager. At most one open alert per kind and subject.
CREATE TABLE alert (
  id         bigserial   PRIMARY KEY,
  hall_id    text        NOT NULL REFERENCES hall (id),
  kind       text        NOT NULL CHECK (kind IN ('WAIT_OVER_TARGET', 'HANDLING_TOO_LONG', 'QUEUE_TOO_LONG',
               'COUNTER_PAUSED_TOO_LONG', 'PRINTER_PROBLEM', 'DEVICE_OFFLINE')),
  subject    text        NOT NULL,
  detail     jsonb       NOT NULL,
  raised_at  timestamptz NOT NULL,
  cleared_at timestamptz,
  acked_by   text,
  acked_at   timestamptz
);
CREATE UNIQUE INDEX alert_open ON alert (hall_id, kind, subject) WHERE cleared_at IS NULL;
CREATE INDEX alert_recent ON alert (hall_id, raised_at);

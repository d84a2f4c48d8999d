-- 到号提醒: the hall's near-call rule (how many ahead before a citizen is alerted), from config until a
-- manager changes it (edited_by); changes are kept in rule_change.
CREATE TABLE near_call_rules (
  hall_id   text        PRIMARY KEY REFERENCES hall (id),
  rules     jsonb       NOT NULL,
  edited_by text,
  edited_at timestamptz
);

-- The mobile number a citizen left for a ticket's SMS reminders: encrypted (privacy.secretKey, never in
-- the database), found again by its keyed hash, and its mask (138****5678) for screens. A contact is open
-- until its ticket's called message is queued: while any is open, a call also looks for messages to queue.
CREATE TABLE ticket_contact (
  ticket_id       uuid        PRIMARY KEY REFERENCES ticket (id),
  hall_id         text        NOT NULL REFERENCES hall (id),
  phone_encrypted bytea       NOT NULL,
  phone_hash      bytea       NOT NULL,
  phone_masked    text        NOT NULL,
  open            boolean     NOT NULL DEFAULT true,
  added_at        timestamptz NOT NULL,
  added_by        text        NOT NULL
);
CREATE INDEX ticket_contact_open ON ticket_contact (hall_id) WHERE open;
CREATE INDEX ticket_contact_phone ON ticket_contact (phone_hash);

-- The SMS outbox: at most one near-call and one called message per ticket, written in the transaction of
-- the call that triggers it, delivered to the configured gateway until it acknowledges the message.
CREATE TABLE sms_outbox (
  id              bigserial   PRIMARY KEY,
  hall_id         text        NOT NULL REFERENCES hall (id),
  ticket_id       uuid        NOT NULL REFERENCES ticket (id),
  kind            text        NOT NULL CHECK (kind IN ('NEAR', 'CALLED')),
  ticket_number   text        NOT NULL,
  ahead           int         NOT NULL,
  counter_no      int,
  phone_encrypted bytea       NOT NULL,
  phone_masked    text        NOT NULL,
  created_at      timestamptz NOT NULL,
  attempts        int         NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  last_error      text,
  acknowledged_at timestamptz,
  UNIQUE (ticket_id, kind)
);
CREATE INDEX sms_outbox_due ON sms_outbox (hall_id, next_attempt_at, id) WHERE acknowledged_at IS NULL;

-- Who served the rated citizen, and whether an appeal (申诉复核) took the rating out of the indicators.
ALTER TABLE rating
  ADD COLUMN clerk    text,
  ADD COLUMN excluded boolean NOT NULL DEFAULT false;

-- 差评整改: every low rating opens a case, followed to the end: 核实 → 整改 → 反馈 → 回访, with a
-- deadline in working days, and an appeal path for a mistaken or malicious rating.
CREATE TABLE follow_up_case (
  id           bigserial   PRIMARY KEY,
  hall_id      text        NOT NULL REFERENCES hall (id),
  ticket_id    uuid        NOT NULL UNIQUE REFERENCES rating (ticket_id),
  number       text        NOT NULL,
  service_code text        NOT NULL,
  counter_no   int,
  clerk        text,
  score        int         NOT NULL,
  opened_at    timestamptz NOT NULL,
  deadline     date        NOT NULL,
  step         text        NOT NULL CHECK (step IN ('VERIFY', 'RECTIFY', 'FEEDBACK', 'REVISIT', 'CLOSED')),
  appeal       text        NOT NULL DEFAULT 'NONE' CHECK (appeal IN ('NONE', 'PENDING', 'UPHELD', 'REJECTED')),
  closed_at    timestamptz
);
CREATE INDEX follow_up_open ON follow_up_case (hall_id, deadline) WHERE step <> 'CLOSED';

-- Every step of a case: what was done, by whom, when.
CREATE TABLE follow_up_action (
  id       bigserial   PRIMARY KEY,
  case_id  bigint      NOT NULL REFERENCES follow_up_case (id),
  action   text        NOT NULL,
  note     text        CHECK (length(note) <= 1000),
  done_by  text        NOT NULL,
  done_at  timestamptz NOT NULL
);
CREATE INDEX follow_up_action_case ON follow_up_action (case_id, id);

ALTER TABLE alert DROP CONSTRAINT alert_kind_check;
ALTER TABLE alert ADD CONSTRAINT alert_kind_check CHECK (kind IN ('WAIT_OVER_TARGET', 'HANDLING_TOO_LONG', 'QUEUE_TOO_LONG',
  'COUNTER_PAUSED_TOO_LONG', 'PRINTER_PROBLEM', 'DEVICE_OFFLINE', 'FOLLOW_UP_OVERDUE'));

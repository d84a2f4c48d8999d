-- Close of day. A ticket still waiting when the hall closes is either served late (延时服务) or
-- closed as not served (闭厅未办理) with the reason its citizen is shown, by each service's rule.
ALTER TABLE ticket DROP CONSTRAINT ticket_status_check;
ALTER TABLE ticket ADD CONSTRAINT ticket_status_check CHECK (status IN
  ('WAITING', 'CALLED', 'SERVING', 'FINISHED', 'NO_SHOW', 'CANCELLED', 'TRANSFERRED', 'CLOSED_UNSERVED'));
ALTER TABLE ticket ADD COLUMN closed_reason text;

-- Each service's rule at closing; set by config until a manager changes it (edited_by), every change
-- kept in rule_change (kind CLOSING_RULE).
CREATE TABLE service_closing_rule (
  hall_id      text        NOT NULL,
  service_code text        NOT NULL,
  mode         text        NOT NULL CHECK (mode IN ('SERVE_LATE', 'CLOSE_UNSERVED')),
  reason       text        CHECK (length(reason) BETWEEN 1 AND 100),
  edited_by    text,
  edited_at    timestamptz,
  PRIMARY KEY (hall_id, service_code),
  FOREIGN KEY (hall_id, service_code) REFERENCES service_type (hall_id, code),
  CHECK ((mode = 'CLOSE_UNSERVED') = (reason IS NOT NULL))
);

-- A service day the close-of-day job has closed: its scheduled closing time (tickets called from
-- then on were served late) and when the job closed it. The primary key makes the close happen once,
-- whichever server instance gets there first.
CREATE TABLE day_close (
  hall_id     text        NOT NULL REFERENCES hall (id),
  service_day date        NOT NULL,
  closes_at   timestamptz NOT NULL,
  closed_at   timestamptz NOT NULL,
  PRIMARY KEY (hall_id, service_day)
);

ALTER TABLE report_day
  ADD COLUMN served_late     bigint NOT NULL DEFAULT 0,
  ADD COLUMN closed_unserved bigint NOT NULL DEFAULT 0;

-- 潮汐窗口 / 弹性窗口: a service added to a counter for a period, by a manager or by the automatic rule
-- when the service's queue grows too long. The counter calls it first while the assignment lasts;
-- tickets it calls for that service name the assignment, so reports can attribute the work.
CREATE TABLE counter_assignment (
  id           bigserial   PRIMARY KEY,
  hall_id      text        NOT NULL,
  counter_no   int         NOT NULL,
  service_code text        NOT NULL,
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL CHECK (ends_at >= starts_at),
  assigned_by  text        NOT NULL,
  reason       text,
  ended_by     text,
  FOREIGN KEY (hall_id, counter_no) REFERENCES counter (hall_id, counter_no),
  FOREIGN KEY (hall_id, service_code) REFERENCES service_type (hall_id, code)
);
CREATE INDEX counter_assignment_by_end ON counter_assignment (hall_id, ends_at);

ALTER TABLE ticket ADD COLUMN assignment_id bigint REFERENCES counter_assignment (id);

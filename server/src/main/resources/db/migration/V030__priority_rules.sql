-- How each service's priority (绿色通道) tickets are called beside its walk-ins: STRICT (always first)
-- or RATIO (one after every normal_per_priority walk-ins, counted per counter). Set by config until a
-- manager changes it (edited_by), and every change is kept in rule_change.
CREATE TABLE service_priority_rule (
  hall_id             text        NOT NULL,
  service_code        text        NOT NULL,
  mode                text        NOT NULL CHECK (mode IN ('STRICT', 'RATIO')),
  normal_per_priority int         CHECK (normal_per_priority BETWEEN 1 AND 20),
  edited_by           text,
  edited_at           timestamptz,
  PRIMARY KEY (hall_id, service_code),
  FOREIGN KEY (hall_id, service_code) REFERENCES service_type (hall_id, code),
  CHECK ((mode = 'RATIO') = (normal_per_priority IS NOT NULL))
);

-- The audit of queue rules a manager changes at run time: what, before and after, who and when.
CREATE TABLE rule_change (
  id         bigserial   PRIMARY KEY,
  hall_id    text        NOT NULL REFERENCES hall (id),
  kind       text        NOT NULL,
  subject    text        NOT NULL,
  before     jsonb,
  after      jsonb       NOT NULL,
  changed_by text        NOT NULL,
  changed_at timestamptz NOT NULL
);
CREATE INDEX rule_change_by_time ON rule_change (hall_id, changed_at DESC, id DESC);

-- Walk-ins a counter has called since its last priority call (RATIO); a counter starts as if long ago.
ALTER TABLE counter ADD COLUMN walk_ins_since_priority int NOT NULL DEFAULT 1000000;

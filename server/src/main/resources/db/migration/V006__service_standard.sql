-- 服务标准: the rest of each service type's standard (target wait and handling time are already
-- columns). The config provides the starting values; once a manager edits a standard
-- (edited_by set) the config no longer overrides it.
ALTER TABLE service_type
  ADD COLUMN warn_wait_minutes               int CHECK (warn_wait_minutes > 0),
  ADD COLUMN breach_wait_minutes             int CHECK (breach_wait_minutes > 0),
  ADD COLUMN service_level_percent           int CHECK (service_level_percent BETWEEN 1 AND 100),
  ADD COLUMN service_level_minutes           int CHECK (service_level_minutes > 0),
  ADD COLUMN queue_alert_length              int CHECK (queue_alert_length > 0),
  ADD COLUMN last_issue_minutes_before_close int CHECK (last_issue_minutes_before_close >= 0),
  ADD COLUMN daily_quota                     int CHECK (daily_quota > 0),
  ADD COLUMN edited_by                       text,
  ADD COLUMN edited_at                       timestamptz;

ALTER TABLE hall
  ADD COLUMN opening_hours           jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN opening_hours_edited_by text,
  ADD COLUMN opening_hours_edited_at timestamptz;

-- Every change a manager makes to the standards: who, when, old → new.
CREATE TABLE standard_change (
  id         bigserial   PRIMARY KEY,
  hall_id    text        NOT NULL REFERENCES hall (id),
  subject    text        NOT NULL,
  changed_by text        NOT NULL,
  changed_at timestamptz NOT NULL,
  old_value  jsonb       NOT NULL,
  new_value  jsonb       NOT NULL
);
CREATE INDEX standard_change_hall ON standard_change (hall_id, changed_at);

-- Versioned service standards: every change of a service's standard is a new version, effective
-- from the moment of the change (a manager's edit: its time by the hall's clock; a change from the
-- config at start-up: then). A ticket is judged by the version in force when it was called.
CREATE TABLE service_standard_version (
  hall_id                  text        NOT NULL,
  service_code             text        NOT NULL,
  effective_from           timestamptz NOT NULL,
  target_wait_minutes      int         NOT NULL,
  standard_service_minutes int         NOT NULL,
  standard                 jsonb       NOT NULL,
  changed_by               text,
  PRIMARY KEY (hall_id, service_code, effective_from),
  FOREIGN KEY (hall_id, service_code) REFERENCES service_type (hall_id, code)
);

CREATE FUNCTION service_standard_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO service_standard_version AS v (hall_id, service_code, effective_from, target_wait_minutes, standard_service_minutes,
    standard, changed_by)
  VALUES (NEW.hall_id, NEW.code,
    CASE WHEN TG_OP = 'INSERT' THEN '-infinity'::timestamptz ELSE coalesce(NEW.edited_at, now()) END,
    NEW.target_wait_minutes, NEW.standard_service_minutes,
    jsonb_build_object('warnWaitMinutes', NEW.warn_wait_minutes, 'targetWaitMinutes', NEW.target_wait_minutes,
      'breachWaitMinutes', NEW.breach_wait_minutes, 'serviceLevelPercent', NEW.service_level_percent,
      'serviceLevelMinutes', NEW.service_level_minutes, 'standardServiceMinutes', NEW.standard_service_minutes,
      'queueAlertLength', NEW.queue_alert_length, 'lastIssueMinutesBeforeClose', NEW.last_issue_minutes_before_close,
      'dailyQuota', NEW.daily_quota),
    CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE NEW.edited_by END)
  ON CONFLICT (hall_id, service_code, effective_from) DO UPDATE
    SET target_wait_minutes = excluded.target_wait_minutes, standard_service_minutes = excluded.standard_service_minutes,
        standard = excluded.standard, changed_by = excluded.changed_by;
  RETURN NULL;
END $$;

CREATE TRIGGER service_standard_first_version AFTER INSERT ON service_type
  FOR EACH ROW EXECUTE FUNCTION service_standard_versioned();
CREATE TRIGGER service_standard_new_version AFTER UPDATE ON service_type
  FOR EACH ROW WHEN ((OLD.warn_wait_minutes, OLD.target_wait_minutes, OLD.breach_wait_minutes, OLD.service_level_percent,
      OLD.service_level_minutes, OLD.standard_service_minutes, OLD.queue_alert_length, OLD.last_issue_minutes_before_close,
      OLD.daily_quota)
    IS DISTINCT FROM (NEW.warn_wait_minutes, NEW.target_wait_minutes, NEW.breach_wait_minutes, NEW.service_level_percent,
      NEW.service_level_minutes, NEW.standard_service_minutes, NEW.queue_alert_length, NEW.last_issue_minutes_before_close,
      NEW.daily_quota))
  EXECUTE FUNCTION service_standard_versioned();

-- The services there already: their standard as it stands, in force since always.
INSERT INTO service_standard_version (hall_id, service_code, effective_from, target_wait_minutes, standard_service_minutes, standard,
  changed_by)
SELECT hall_id, code, '-infinity', target_wait_minutes, standard_service_minutes,
  jsonb_build_object('warnWaitMinutes', warn_wait_minutes, 'targetWaitMinutes', target_wait_minutes,
    'breachWaitMinutes', breach_wait_minutes, 'serviceLevelPercent', service_level_percent,
    'serviceLevelMinutes', service_level_minutes, 'standardServiceMinutes', standard_service_minutes,
    'queueAlertLength', queue_alert_length, 'lastIssueMinutesBeforeClose', last_issue_minutes_before_close,
    'dailyQuota', daily_quota),
  NULL
FROM service_type;

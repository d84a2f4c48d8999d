-- 所需材料: the materials a citizen must bring for a service, part of its standard. A change of them
-- alone is a new version of the standard, like a change of any other of its values.
ALTER TABLE service_type ADD COLUMN required_materials text[] NOT NULL DEFAULT '{}';

CREATE OR REPLACE FUNCTION service_standard_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
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
      'dailyQuota', NEW.daily_quota, 'requiredMaterials', to_jsonb(NEW.required_materials)),
    CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE NEW.edited_by END)
  ON CONFLICT (hall_id, service_code, effective_from) DO UPDATE
    SET target_wait_minutes = excluded.target_wait_minutes, standard_service_minutes = excluded.standard_service_minutes,
        standard = excluded.standard, changed_by = excluded.changed_by;
  RETURN NULL;
END $$;

DROP TRIGGER service_standard_new_version ON service_type;
CREATE TRIGGER service_standard_new_version AFTER UPDATE ON service_type
  FOR EACH ROW WHEN ((OLD.warn_wait_minutes, OLD.target_wait_minutes, OLD.breach_wait_minutes, OLD.service_level_percent,
      OLD.service_level_minutes, OLD.standard_service_minutes, OLD.queue_alert_length, OLD.last_issue_minutes_before_close,
      OLD.daily_quota, OLD.required_materials)
    IS DISTINCT FROM (NEW.warn_wait_minutes, NEW.target_wait_minutes, NEW.breach_wait_minutes, NEW.service_level_percent,
      NEW.service_level_minutes, NEW.standard_service_minutes, NEW.queue_alert_length, NEW.last_issue_minutes_before_close,
      NEW.daily_quota, NEW.required_materials))
  EXECUTE FUNCTION service_standard_versioned();

-- The versions there already asked for no materials: say so, so that every version reads alike.
UPDATE service_standard_version SET standard = standard || '{"requiredMaterials": []}'::jsonb
  WHERE NOT standard ? 'requiredMaterials';

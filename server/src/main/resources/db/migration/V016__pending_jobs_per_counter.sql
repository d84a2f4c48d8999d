-- A counter's newer sign or rating job supersedes its pending one. Found through this index, not by
-- reading every pending job of the hall: those pile up while a bridge is offline (a kiosk's print jobs too).
CREATE INDEX device_job_pending_at_counter ON device_job (hall_id, counter_no, kind) WHERE done_at IS NULL;

-- Reports read daily roll-ups instead of millions of tickets: per day and grouping (service,
-- counter, clerk, hour of issue, all) the counts and sums, and the waits and handling times as
-- whole-minute histograms (so the 90th percentile is exact to the minute).
CREATE TABLE report_day (
  hall_id       text   NOT NULL REFERENCES hall (id),
  day           date   NOT NULL,
  dim           text   NOT NULL CHECK (dim IN ('SERVICE', 'COUNTER', 'CLERK', 'HOUR', 'ALL')),
  key           text   NOT NULL,
  issued        bigint NOT NULL,
  served        bigint NOT NULL,
  no_show       bigint NOT NULL,
  cancelled     bigint NOT NULL,
  called        bigint NOT NULL,
  sum_wait      double precision NOT NULL,
  within_target bigint NOT NULL,
  sum_service   double precision NOT NULL,
  ratings       bigint NOT NULL DEFAULT 0,
  satisfied     bigint NOT NULL DEFAULT 0,
  s1 bigint NOT NULL DEFAULT 0, s2 bigint NOT NULL DEFAULT 0, s3 bigint NOT NULL DEFAULT 0,
  s4 bigint NOT NULL DEFAULT 0, s5 bigint NOT NULL DEFAULT 0,
  follow_ups    bigint NOT NULL DEFAULT 0,
  on_time       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (hall_id, day, dim, key)
);

CREATE TABLE report_histogram (
  hall_id text   NOT NULL REFERENCES hall (id),
  day     date   NOT NULL,
  dim     text   NOT NULL,
  key     text   NOT NULL,
  metric  text   NOT NULL CHECK (metric IN ('WAIT', 'SERVICE')),
  minute  int    NOT NULL,
  n       bigint NOT NULL,
  PRIMARY KEY (hall_id, day, dim, key, metric, minute)
);

-- Days whose roll-up is up to date. A change to an older day's tickets, ratings or follow-up cases
-- removes its mark (the triggers below); today and yesterday are always rolled up afresh.
CREATE TABLE report_rolled (
  hall_id text NOT NULL REFERENCES hall (id),
  day     date NOT NULL,
  PRIMARY KEY (hall_id, day)
);

CREATE FUNCTION report_day_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_rolled r USING ticket t
   WHERE t.id = NEW.ticket_id AND r.hall_id = t.hall_id AND r.day = t.service_day;
  RETURN NEW;
END $$;

CREATE FUNCTION report_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.service_day < current_date - 1 THEN
    DELETE FROM report_rolled WHERE hall_id = NEW.hall_id AND day = NEW.service_day;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER rating_changes_report AFTER INSERT OR UPDATE ON rating FOR EACH ROW EXECUTE FUNCTION report_day_changed();
CREATE TRIGGER follow_up_changes_report AFTER INSERT OR UPDATE ON follow_up_case FOR EACH ROW EXECUTE FUNCTION report_day_changed();
CREATE TRIGGER ticket_changes_report AFTER INSERT OR UPDATE ON ticket FOR EACH ROW EXECUTE FUNCTION report_ticket_changed();

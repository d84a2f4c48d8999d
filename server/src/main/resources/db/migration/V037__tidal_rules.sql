-- Each service's automatic 潮汐 rule: the counters that take it on, for how long, when its queue-length
-- alert fires (none: no counters). Set by config until a manager changes it (edited_by); changes are
-- kept in rule_change (kind TIDAL_RULE).
CREATE TABLE service_tidal_rule (
  hall_id      text        NOT NULL,
  service_code text        NOT NULL,
  counters     int[]       NOT NULL,
  minutes      int         CHECK (minutes BETWEEN 5 AND 480),
  edited_by    text,
  edited_at    timestamptz,
  PRIMARY KEY (hall_id, service_code),
  FOREIGN KEY (hall_id, service_code) REFERENCES service_type (hall_id, code),
  CHECK ((cardinality(counters) = 0) = (minutes IS NULL))
);

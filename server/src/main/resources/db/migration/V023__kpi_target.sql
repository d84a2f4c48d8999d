-- KPI targets a manager sets for a period (a month like 2026-12 or a quarter like 2026-Q4), one per
-- indicator; the KPI board compares them with the period's actual figures.
CREATE TABLE kpi_target (
  hall_id   text        NOT NULL REFERENCES hall (id),
  period    text        NOT NULL CHECK (period ~ '^[0-9]{4}-(Q[1-4]|0[1-9]|1[0-2])$'),
  indicator text        NOT NULL,
  target    numeric     NOT NULL,
  set_by    text        NOT NULL,
  set_at    timestamptz NOT NULL,
  PRIMARY KEY (hall_id, period, indicator)
);

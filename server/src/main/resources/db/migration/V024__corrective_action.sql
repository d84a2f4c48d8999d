-- 纠正措施: for a 未达标项 in a period (a KPI target a window, or the whole hall, missed), the root
-- cause a manager found, the corrective action, who carries it out and by when. One per window
-- (counter_no; 0 for the whole hall), period and indicator; recording it again replaces it and keeps who changed it when. The next period's review
-- report shows whether the indicator moved.
CREATE TABLE corrective_action (
  hall_id     text        NOT NULL REFERENCES hall (id),
  period      text        NOT NULL CHECK (period ~ '^[0-9]{4}-(Q[1-4]|0[1-9]|1[0-2])$'),
  counter_no  integer     NOT NULL,
  indicator   text        NOT NULL,
  root_cause  text        NOT NULL,
  action      text        NOT NULL,
  owner       text        NOT NULL,
  due_date    date        NOT NULL,
  recorded_by text        NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (hall_id, period, counter_no, indicator)
);

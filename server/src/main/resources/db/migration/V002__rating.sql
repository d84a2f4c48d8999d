-- 好差评: one rating per finished ticket, 5 非常满意 … 1 非常不满意.
CREATE TABLE rating (
  ticket_id  uuid        PRIMARY KEY REFERENCES ticket (id),
  hall_id    text        NOT NULL REFERENCES hall (id),
  counter_no int         NOT NULL,
  score      int         NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment    text        CHECK (length(comment) <= 500),
  channel    text        NOT NULL CHECK (channel IN ('TICKET_PAGE', 'COUNTER_SCREEN', 'EVALUATION_PAD')),
  rated_at   timestamptz NOT NULL
);
CREATE INDEX rating_counter_day ON rating (hall_id, counter_no, rated_at);

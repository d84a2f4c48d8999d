-- 预约: each service's appointment rule (slots, capacity, booking window, cancel cutoff, grace, no-show
-- blocking), from config until a manager changes it (edited_by); changes are kept in rule_change.
CREATE TABLE service_appointment_rule (
  hall_id      text        NOT NULL,
  service_code text        NOT NULL,
  rules        jsonb       NOT NULL,
  edited_by    text,
  edited_at    timestamptz,
  PRIMARY KEY (hall_id, service_code),
  FOREIGN KEY (hall_id, service_code) REFERENCES service_type (hall_id, code)
);

-- A citizen's booking of one slot. Name, ID number and phone are stored only encrypted (AES-GCM, key in
-- config, never here); the ID number is found again by its keyed hash. The check-in window (slot start
-- minus grace to slot end plus grace) is fixed when booked: it is what the citizen was told. A booking
-- still BOOKED after window_closes, or checked in LATE, is a no-show.
CREATE TABLE appointment (
  id             uuid        PRIMARY KEY,
  hall_id        text        NOT NULL REFERENCES hall (id),
  code           text        NOT NULL,
  owner_key      text        NOT NULL,
  service_code   text        NOT NULL,
  day            date        NOT NULL,
  slot_start     time        NOT NULL,
  slot_end       time        NOT NULL,
  window_opens   timestamptz NOT NULL,
  window_closes  timestamptz NOT NULL,
  name_enc       bytea       NOT NULL,
  id_number_enc  bytea       NOT NULL,
  id_number_hash bytea       NOT NULL,
  phone_enc      bytea       NOT NULL,
  matter         text,
  status         text        NOT NULL CHECK (status IN ('BOOKED', 'CANCELLED', 'CHECKED_IN', 'LATE')),
  booked_at      timestamptz NOT NULL,
  cancelled_at   timestamptz,
  checked_in_at  timestamptz,
  ticket_id      uuid        REFERENCES ticket (id),
  UNIQUE (hall_id, code),
  FOREIGN KEY (hall_id, service_code) REFERENCES service_type (hall_id, code)
);
CREATE INDEX appointment_by_person ON appointment (hall_id, id_number_hash, day);
CREATE INDEX appointment_by_slot ON appointment (hall_id, service_code, day, slot_start);

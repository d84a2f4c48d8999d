-- The last printer status each kiosk (or its bridge) reported, so a kiosk screen can tell the
-- citizen that no ticket came out.
CREATE TABLE device_status (
  hall_id    text        NOT NULL REFERENCES hall (id),
  device_id  text        NOT NULL,
  printer    text        NOT NULL CHECK (printer IN
               ('OK', 'PAPER_NEAR_END', 'PAPER_OUT', 'COVER_OPEN', 'CUTTER_ERROR', 'OFFLINE')),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (hall_id, device_id)
);

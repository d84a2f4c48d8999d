-- 挂起: a ticket parked by its counter (the citizen went to fetch a document) keeps its place and may
-- be called back at any counter of its service until the hall's park limit runs out.
ALTER TABLE ticket DROP CONSTRAINT ticket_status_check;
ALTER TABLE ticket ADD CONSTRAINT ticket_status_check CHECK (status IN
  ('WAITING', 'CALLED', 'SERVING', 'FINISHED', 'NO_SHOW', 'CANCELLED', 'TRANSFERRED', 'CLOSED_UNSERVED', 'PARKED'));
ALTER TABLE ticket ADD COLUMN parked_at timestamptz;

-- The hall's queue rules (recall limit, park limit, where a late citizen goes back), from config until
-- a manager changes them (edited_by); changes are kept in rule_change.
CREATE TABLE hall_queue_rules (
  hall_id   text        PRIMARY KEY REFERENCES hall (id),
  rules     jsonb       NOT NULL,
  edited_by text,
  edited_at timestamptz
);

-- Events are numbered for push clients after they commit, in the order they become visible
-- (position), instead of serialising every writing transaction of the hall through its commit.
-- Until now ids were handed out in commit order, so the existing events keep theirs.
ALTER TABLE ticket_event ADD COLUMN position bigint;

-- The log stays append-only; the one change allowed is a committed event getting its position, once.
CREATE OR REPLACE FUNCTION ticket_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.position IS NULL AND NEW.position IS NOT NULL
     AND (NEW.id, NEW.hall_id, NEW.ticket_id, NEW.type, NEW.at, NEW.counter_no, NEW.actor, NEW.payload)
         IS NOT DISTINCT FROM (OLD.id, OLD.hall_id, OLD.ticket_id, OLD.type, OLD.at, OLD.counter_no, OLD.actor, OLD.payload) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'ticket_event is append-only';
END
$$;

UPDATE ticket_event SET position = id;
CREATE UNIQUE INDEX ticket_event_position ON ticket_event (hall_id, position);
CREATE INDEX ticket_event_unpositioned ON ticket_event (hall_id, id) WHERE position IS NULL;

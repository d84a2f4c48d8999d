-- HallQ schema: the hall as configured, the day's tickets, and the append-only event log.

CREATE TABLE hall (
  id        text PRIMARY KEY,
  name      text NOT NULL,
  time_zone text NOT NULL
);

CREATE TABLE service_type (
  hall_id                  text    NOT NULL REFERENCES hall (id),
  code                     text    NOT NULL,
  prefix                   text    NOT NULL,
  name                     text    NOT NULL,
  name_en                  text    NOT NULL,
  target_wait_minutes      int     NOT NULL CHECK (target_wait_minutes > 0),
  standard_service_minutes int     NOT NULL CHECK (standard_service_minutes > 0),
  sort_order               int     NOT NULL,
  active                   boolean NOT NULL DEFAULT true,
  PRIMARY KEY (hall_id, code)
);

CREATE TABLE counter (
  hall_id    text    NOT NULL REFERENCES hall (id),
  counter_no int     NOT NULL,
  name       text    NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  paused     boolean NOT NULL DEFAULT false,
  PRIMARY KEY (hall_id, counter_no)
);

-- Which service types a counter calls, in the order it prefers them (position 1 first).
CREATE TABLE counter_service (
  hall_id      text NOT NULL,
  counter_no   int  NOT NULL,
  service_code text NOT NULL,
  position     int  NOT NULL,
  PRIMARY KEY (hall_id, counter_no, service_code),
  FOREIGN KEY (hall_id, counter_no) REFERENCES counter (hall_id, counter_no) ON DELETE CASCADE,
  FOREIGN KEY (hall_id, service_code) REFERENCES service_type (hall_id, code)
);

-- Daily ticket numbers, bumped in the ticket's own transaction (a sequence would leave gaps).
CREATE TABLE ticket_sequence (
  hall_id      text NOT NULL,
  service_code text NOT NULL,
  service_day  date NOT NULL,
  last_seq     int  NOT NULL,
  PRIMARY KEY (hall_id, service_code, service_day),
  FOREIGN KEY (hall_id, service_code) REFERENCES service_type (hall_id, code)
);

CREATE TABLE ticket (
  id               uuid        PRIMARY KEY,
  hall_id          text        NOT NULL,
  service_code     text        NOT NULL,
  service_day      date        NOT NULL,
  seq              int         NOT NULL CHECK (seq > 0),
  number           text        NOT NULL,
  priority         text,
  status           text        NOT NULL CHECK (status IN
                     ('WAITING', 'CALLED', 'SERVING', 'FINISHED', 'NO_SHOW', 'CANCELLED', 'TRANSFERRED')),
  counter_no       int,
  idempotency_key  text,
  issued_at        timestamptz NOT NULL,  -- the citizen's arrival, kept across transfers
  queued_at        timestamptz NOT NULL,  -- entered this service's queue: wait time starts here
  rank_at          timestamptz NOT NULL,  -- place in the queue (a requeued no-show goes to the back)
  called_at        timestamptz,
  started_at       timestamptz,
  ended_at         timestamptz,
  recall_count     int         NOT NULL DEFAULT 0,
  requeue_count    int         NOT NULL DEFAULT 0,
  transferred_from uuid        REFERENCES ticket (id),
  FOREIGN KEY (hall_id, service_code) REFERENCES service_type (hall_id, code),
  CHECK (status NOT IN ('CALLED', 'SERVING') OR counter_no IS NOT NULL)
);

-- A ticket number is given once per hall, service and day; a transferred ticket keeps its number.
CREATE UNIQUE INDEX ticket_number_once ON ticket (hall_id, service_code, service_day, seq)
  WHERE transferred_from IS NULL;
CREATE UNIQUE INDEX ticket_idempotency_key ON ticket (hall_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
-- A counter holds at most one ticket at a time.
CREATE UNIQUE INDEX ticket_one_per_counter ON ticket (hall_id, counter_no)
  WHERE status IN ('CALLED', 'SERVING');
CREATE INDEX ticket_waiting ON ticket (hall_id, service_day, service_code, rank_at)
  WHERE status = 'WAITING';

CREATE TABLE ticket_event (
  id         bigserial   PRIMARY KEY,
  hall_id    text        NOT NULL REFERENCES hall (id),
  ticket_id  uuid        REFERENCES ticket (id),
  type       text        NOT NULL,
  at         timestamptz NOT NULL,
  counter_no int,
  actor      text,
  payload    jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_event_ticket ON ticket_event (ticket_id);

CREATE FUNCTION ticket_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ticket_event is append-only';
END
$$;
CREATE TRIGGER ticket_event_append_only BEFORE UPDATE OR DELETE ON ticket_event
  FOR EACH ROW EXECUTE FUNCTION ticket_event_append_only();

CREATE TABLE app_user (
  username      text    PRIMARY KEY,
  hall_id       text    NOT NULL REFERENCES hall (id),
  display_name  text    NOT NULL,
  role          text    NOT NULL CHECK (role IN ('CLERK', 'MANAGER', 'ADMIN')),
  password_hash text    NOT NULL,
  active        boolean NOT NULL DEFAULT true
);

-- Sign-in sessions; only a SHA-256 of the bearer token is kept.
CREATE TABLE auth_session (
  token_hash text        PRIMARY KEY,
  username   text        NOT NULL REFERENCES app_user (username),
  counter_no int,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX auth_session_expiry ON auth_session (expires_at);

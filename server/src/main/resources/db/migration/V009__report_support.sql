-- Reports group by clerk without reading the event log: the clerk (or manager) who called the ticket.
ALTER TABLE ticket ADD COLUMN served_by text;
UPDATE ticket t SET served_by = e.actor
  FROM ticket_event e WHERE e.ticket_id = t.id AND e.type = 'TICKET_CALLED';
-- Reports read a hall's tickets by day.
CREATE INDEX ticket_day ON ticket (hall_id, service_day);

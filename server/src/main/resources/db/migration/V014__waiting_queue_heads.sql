-- The head of each service's walk-in and priority queue is one index lookup (call next), and
-- "how many are ahead of me" an index-only count, however many tickets wait.
CREATE INDEX ticket_waiting_in_order ON ticket (hall_id, service_day, service_code, (priority IS NULL), rank_at, seq, id)
  WHERE status = 'WAITING';
DROP INDEX ticket_waiting;

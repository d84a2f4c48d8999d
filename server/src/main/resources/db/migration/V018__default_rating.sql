-- A default rating (默认评价): the hall's rule rates a finished ticket its citizen did not rate in time.
ALTER TABLE rating DROP CONSTRAINT rating_channel_check;
ALTER TABLE rating ADD CONSTRAINT rating_channel_check
  CHECK (channel IN ('TICKET_PAGE', 'COUNTER_SCREEN', 'EVALUATION_PAD', 'DEFAULT'));
-- Finished tickets by the time service ended: where the tickets still to be rated by default are found.
CREATE INDEX ticket_finished_at ON ticket (hall_id, ended_at) WHERE status = 'FINISHED';

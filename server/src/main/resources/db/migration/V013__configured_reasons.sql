-- The reasons for a low rating are the hall's configured list now, not a fixed set.
ALTER TABLE rating DROP CONSTRAINT rating_reason_check;

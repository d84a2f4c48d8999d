-- A kiosk's ID card reader (二代证, appointment check-in) is a bridge device too.
ALTER TABLE bridge_device DROP CONSTRAINT bridge_device_kind_check;
ALTER TABLE bridge_device ADD CONSTRAINT bridge_device_kind_check CHECK (kind IN
  ('PRINTER', 'SIGN', 'PAD', 'KEYPAD', 'IDREADER'));

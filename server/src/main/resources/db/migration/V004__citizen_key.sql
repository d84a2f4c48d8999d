-- The citizen's proof of holding the ticket: a random key printed in the ticket's QR link. Ticket ids
-- travel to staff and devices in events; only the key lets someone act as the citizen (cancel, rate).
ALTER TABLE ticket ADD COLUMN citizen_key text;

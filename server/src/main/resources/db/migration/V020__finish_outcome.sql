-- The outcome a clerk finished a ticket with (办结, 受理, 退回补正, 咨询, 转办 …: codes from config); null
-- for tickets finished before outcomes were recorded, which count as the configured default.
ALTER TABLE ticket ADD COLUMN outcome text;

-- Staff who sign in against LDAP / Active Directory get a row too (sessions and events name them),
-- kept apart from the local accounts of config/: no password hash, and the config's sync leaves them be.
ALTER TABLE app_user ADD COLUMN source text NOT NULL DEFAULT 'LOCAL' CHECK (source IN ('LOCAL', 'DIRECTORY'));
ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE app_user ADD CONSTRAINT app_user_local_has_password CHECK (source = 'DIRECTORY' OR password_hash IS NOT NULL);

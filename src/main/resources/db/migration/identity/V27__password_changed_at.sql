-- When a user's password last changed (a reset, or an admin setting it): web sessions signed in
-- before it end on their next request, and access tokens issued before it are refused.
ALTER TABLE app_user ADD COLUMN password_changed_at TIMESTAMPTZ;

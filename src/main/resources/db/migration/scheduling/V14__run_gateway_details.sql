-- scheduling: what TPGateway needs of a run beyond the venue's name
ALTER TABLE class_run ADD COLUMN venue_postal_code TEXT CHECK (venue_postal_code ~ '^[0-9]{6}$');
ALTER TABLE class_run ADD COLUMN course_admin_email TEXT;

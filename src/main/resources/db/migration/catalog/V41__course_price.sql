-- catalog: a course's list price (a CRM program's price)
ALTER TABLE course ADD COLUMN price NUMERIC(12, 2) CHECK (price >= 0);

-- learners: a learner may be recorded before their national id is known (a CRM student: id type OT
-- until staff complete it); the masked form is then empty
ALTER TABLE learner ALTER COLUMN national_id_cipher DROP NOT NULL;
ALTER TABLE learner ALTER COLUMN national_id_hash DROP NOT NULL;
ALTER TABLE learner ADD CONSTRAINT learner_national_id_complete
    CHECK ((national_id_cipher IS NULL) = (national_id_hash IS NULL)
       AND (national_id_cipher IS NOT NULL OR id_type = 'OT'));

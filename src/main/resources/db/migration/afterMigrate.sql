-- Runs after every migration as the database owner: the application role may read and write
-- business tables, but audit rows and their seals only ever get inserted (see docs/adr/0003-audit-trail.md).
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'cohort_app') AND current_user <> 'cohort_app' THEN
        GRANT USAGE ON SCHEMA public TO cohort_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cohort_app;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO cohort_app;
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM cohort_app;
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_seal FROM cohort_app;
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_seal FROM PUBLIC;
    END IF;
END
$$;

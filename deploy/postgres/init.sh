#!/bin/bash
# Runs once, when the postgres container initialises an empty data directory: the role the application
# connects as. Flyway (as cohort_owner, the database's owner) grants it its rights after every migration
# (db/migration/afterMigrate.sql); it never owns a table and may not change audit rows (ADR 3).
set -euo pipefail
psql -v ON_ERROR_STOP=1 -v password="$COHORT_DB_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE cohort_app LOGIN PASSWORD :'password';
GRANT CONNECT ON DATABASE cohort TO cohort_app;
SQL

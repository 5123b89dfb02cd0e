#!/usr/bin/env bash
# CRM webhooks: a 1,000-record students batch sent to POST /v1/sync/students (all NEW), then the same records
# again under a new idempotency key (all UNCHANGED), against the bare SQL floor of the same writes over plain
# JDBC on the same database: the idempotency key's insert and completion, and per record, in a transaction of
# its own, the learner's insert and the mapping's upsert (UNCHANGED: one read of the batch's fingerprints), and
# the delivery's log (one row and a batch of one row per record), as the application writes them.
# Prints the figures; asserts only the statuses.
#   BENCH_CLIENT_OPTS: -Drounds=N (measured rounds, default 5), -Dwarmup=N (default 10), -Drecords=N (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18092}
PG_PORT=${BENCH_PG_PORT:-55434}
DATA=$(mktemp -d /tmp/cohort-crm-bench.XXXXXX)
trap 'kill "${APP:-}" 2>/dev/null || true; wait "${APP:-}" 2>/dev/null || true; rm -rf "$DATA"' EXIT

[ -f target/cohort.jar ] || ./mvnw -B -q -DskipTests package
PGJAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort | tail -1)

COHORT_DATA_DIR="$DATA" SERVER_PORT=$PORT COHORT_DB_EMBEDDED_PORT=$PG_PORT COHORT_DEMO_DATA=false \
COHORT_PLATFORM_ADMIN_EMAIL=bench@cohort.local COHORT_PLATFORM_ADMIN_PASSWORD=bench-kestrel-4417-run \
  ${BENCH_JAVA:-java} -Xmx512m ${BENCH_JVM_OPTS:-} -jar target/cohort.jar > "$DATA/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do
  curl -sf "http://localhost:$PORT/readiness" > /dev/null && break
  sleep 1
done
curl -sf "http://localhost:$PORT/readiness" > /dev/null || { echo "the application did not start"; tail -20 "$DATA/app.log"; exit 1; }

java -Xmx1g ${BENCH_CLIENT_OPTS:-} -cp "$PGJAR" bench/CrmBench.java "http://localhost:$PORT" "jdbc:postgresql://localhost:$PG_PORT/cohort" "$@"

#!/usr/bin/env bash
# Learning analytics. First ingestion: a simulated course of 5,000 users made over the MOOC/H5P simulator's HTTP
# face, a run linked to it, POST /api/v1/analytics/runs/{id}/ingest timed to completion (rows written per second),
# beside a plain COPY of the same rows into the same tables. Then, at a million feature rows: 1,000,000
# learner-course rows (raw_data, with their MOOC enrolments) across 200 tenants, written with INSERT … SELECT generate_series; then a run's dashboard query
# (GET /api/v1/analytics/runs/{id}/learners, 100 learners) against the bare SQL floor of the same query over
# plain JDBC (p50/p99); then the tenant's first scoring, and rounds of a full retrain and rescoring of its 50 runs
# (every row rewritten, in the background) while the dashboard is read, each round after the same loop alone
# (p50/p99 of both). Prints figures beside their floors; asserts only the statuses.
#   BENCH_CLIENT_OPTS: -Drequests=N (measured dashboard requests, default 300), -Dwarmup=N (default 100),
#   -DingestLearners=N (default 5000), -DingestPage=N (MOOC page size, default 1000), -DingestionOnly=true,
#   -DingestLatencyMs=N (the simulated source's round trip, default 0), -DrecomputeRounds=N (default 8)
#   BENCH_STARTUP_SECONDS: how long to wait for the application (default 180)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18650}
PG_PORT=${BENCH_PG_PORT:-18651}
DATA=$(mktemp -d /tmp/cohort-analytics-bench.XXXXXX)
trap 'kill "${APP:-}" 2>/dev/null || true; wait "${APP:-}" 2>/dev/null || true; rm -rf "$DATA"' EXIT

[ -f target/cohort.jar ] || ./mvnw -B -q -DskipTests package
PGJAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort | tail -1)

COHORT_DATA_DIR="$DATA" SERVER_PORT=$PORT COHORT_DB_EMBEDDED_PORT=$PG_PORT COHORT_DEMO_DATA=false \
COHORT_ANALYTICS_INTERVAL=0 \
COHORT_PLATFORM_ADMIN_EMAIL=bench@cohort.local COHORT_PLATFORM_ADMIN_PASSWORD=bench-kestrel-4417-run \
  ${BENCH_JAVA:-java} -Xmx512m ${BENCH_JVM_OPTS:-} -jar target/cohort.jar > "$DATA/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 "${BENCH_STARTUP_SECONDS:-180}"); do
  curl -sf "http://localhost:$PORT/readiness" > /dev/null && break
  sleep 1
done
curl -sf "http://localhost:$PORT/readiness" > /dev/null || { echo "the application did not start"; tail -20 "$DATA/app.log"; exit 1; }

java -Xmx1g ${BENCH_CLIENT_OPTS:-} -cp "$PGJAR" bench/AnalyticsBench.java "http://localhost:$PORT" "jdbc:postgresql://localhost:$PG_PORT/cohort" "$@"

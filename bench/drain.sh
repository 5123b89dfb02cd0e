#!/usr/bin/env bash
# Outbound jobs: attendance uploads drained by the application's workers against its own TPGateway
# simulator with 1, 4 and 8 workers (one start of the packaged application each, -Xmx512m, one embedded
# PostgreSQL), beside the bare SKIP LOCKED dequeue floor (the workers' claim and finish statements over
# plain JDBC, no HTTP) with as many threads; then the API's latency and the heap with the workers idle
# and with a 100,000-job backlog draining. Prints the figures (with the application's CPU per job, read from /proc, which load moves less than jobs/s); asserts only that every job succeeded.
#   BENCH_JOBS (default 10000): uploads per drain; BENCH_WORKERS (default "1 4 8"): worker counts; BENCH_JVM_OPTS: extra options for the application
#   (e.g. -XX:StartFlightRecording=filename=/tmp/drain.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18091}
PG_PORT=${BENCH_PG_PORT:-55433}
JOBS=${BENCH_JOBS:-10000}
DATA=$(mktemp -d /tmp/cohort-drain.XXXXXX)
APP=
stop() { [ -n "$APP" ] && { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }; APP=; }
trap 'stop; rm -rf "$DATA"' EXIT

[ -f target/cohort.jar ] || ./mvnw -B -q -DskipTests package
PGJAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort | tail -1)

start() {
  COHORT_DATA_DIR="$DATA" SERVER_PORT=$PORT COHORT_DB_EMBEDDED_PORT=$PG_PORT COHORT_DEMO_DATA=false \
  COHORT_PLATFORM_ADMIN_EMAIL=bench@cohort.local COHORT_PLATFORM_ADMIN_PASSWORD=bench-kestrel-4417-run \
  COHORT_JOBS_WORKERS=$1 COHORT_JOBS_POLL_INTERVAL=100ms \
    ${BENCH_JAVA:-java} -Xmx512m ${BENCH_JVM_OPTS:-} -jar target/cohort.jar > "$DATA/app-$1.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 180); do
    curl -sf "http://localhost:$PORT/readiness" > /dev/null && return 0
    sleep 1
  done
  echo "the application did not start"; tail -20 "$DATA/app-$1.log"; exit 1
}

echo "Cohort outbound job drain, $(date -Iseconds), $(nproc) cores, app -Xmx512m, $JOBS attendance uploads per drain"
for WORKERS in ${BENCH_WORKERS:-1 4 8}; do
  start "$WORKERS"
  EXTRA=
  [ "$WORKERS" = 4 ] && EXTRA=backlog
  java -cp "$PGJAR" bench/Drain.java app "http://localhost:$PORT" "jdbc:postgresql://localhost:$PG_PORT/cohort" "$APP" \
    "$WORKERS" "$JOBS" $EXTRA
  java -cp "$PGJAR" bench/Drain.java floor "jdbc:postgresql://localhost:$PG_PORT/cohort" "$WORKERS" "$JOBS"
  stop
done

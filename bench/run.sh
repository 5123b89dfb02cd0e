#!/usr/bin/env bash
# Benchmarks: enrolment under contention and a 500-learner attendance sheet, each against the bare SQL
# floor (the same statements over plain JDBC, same database, same concurrency) on this machine, with the
# application limited to -Xmx512m. Prints the figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18090}
PG_PORT=${BENCH_PG_PORT:-55432}
DATA=$(mktemp -d /tmp/cohort-bench.XXXXXX)
trap 'kill "${APP:-}" 2>/dev/null || true; wait "${APP:-}" 2>/dev/null || true; rm -rf "$DATA"' EXIT

[ -f target/cohort.jar ] || ./mvnw -B -q -DskipTests package
PGJAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort | tail -1)

COHORT_DATA_DIR="$DATA" SERVER_PORT=$PORT COHORT_DB_EMBEDDED_PORT=$PG_PORT COHORT_DEMO_DATA=false \
COHORT_PLATFORM_ADMIN_EMAIL=bench@cohort.local COHORT_PLATFORM_ADMIN_PASSWORD=bench-kestrel-4417-run \
  ${BENCH_JAVA:-java} -Xmx512m ${BENCH_JVM_OPTS:-} -jar target/cohort.jar > "$DATA/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 "${BENCH_START_WAIT:-300}"); do
  curl -sf "http://localhost:$PORT/readiness" > /dev/null && break
  sleep 1
done
curl -sf "http://localhost:$PORT/readiness" > /dev/null || { echo "the application did not start"; tail -20 "$DATA/app.log"; exit 1; }

java -Xmx1g ${BENCH_CLIENT_OPTS:-} -cp "$PGJAR" bench/Bench.java "http://localhost:$PORT" "jdbc:postgresql://localhost:$PG_PORT/cohort" "$APP" "$@"

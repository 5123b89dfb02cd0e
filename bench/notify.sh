#!/usr/bin/env bash
# Absence alerts: one request marks a 500-learner sheet with 100 ABSENT, in fresh sessions, with the
# absent learners' alerts on (EMAIL and IN_APP) or off (no channels), alternating; the application's mail
# goes to an SMTP server inside bench/NotifyBench.java, which counts the alerts. Prints the request's p50
# both ways, their ratio and the time until the 100th email; asserts every alert arrived exactly once.
#   BENCH_REPS (default 20): timed sheets each way; BENCH_JVM_OPTS: extra options for the application.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18610}
PG_PORT=${BENCH_PG_PORT:-18611}
SMTP_PORT=${BENCH_SMTP_PORT:-18612}
REPS=${BENCH_REPS:-20}
DATA=$(mktemp -d /tmp/cohort-notify.XXXXXX)
APP=
stop() { [ -n "$APP" ] && { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }; APP=; }
trap 'stop; rm -rf "$DATA"' EXIT

[ -f target/cohort.jar ] || ./mvnw -B -q -DskipTests package
PGJAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort | tail -1)

echo "Cohort absence alerts, $(date -Iseconds), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), app -Xmx512m"
# the bench's SMTP server must listen before the application sends; it starts first and waits for it
java -cp "$PGJAR" bench/NotifyBench.java "http://localhost:$PORT" "$SMTP_PORT" "$REPS" "$DATA/ready" \
  "jdbc:postgresql://localhost:$PG_PORT/cohort" &
BENCH=$!
COHORT_DATA_DIR="$DATA" SERVER_PORT=$PORT COHORT_DB_EMBEDDED_PORT=$PG_PORT COHORT_DEMO_DATA=false \
COHORT_PLATFORM_ADMIN_EMAIL=bench@cohort.local COHORT_PLATFORM_ADMIN_PASSWORD=bench-kestrel-4417-run \
COHORT_JOBS_WORKERS=0 SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$SMTP_PORT \
  ${BENCH_JAVA:-java} -Xmx512m ${BENCH_JVM_OPTS:-} -jar target/cohort.jar > "$DATA/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 240); do
  curl -sf "http://localhost:$PORT/readiness" > /dev/null && break
  kill -0 "$APP" 2>/dev/null || { echo "the application stopped"; tail -20 "$DATA/app.log"; exit 1; }
  kill -0 "$BENCH" 2>/dev/null || { echo "the bench stopped"; exit 1; }
  sleep 1
done
curl -sf "http://localhost:$PORT/readiness" > /dev/null || { echo "the application did not start"; tail -20 "$DATA/app.log"; exit 1; }
touch "$DATA/ready"
wait "$BENCH"

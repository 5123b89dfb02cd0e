#!/usr/bin/env bash
# Several instances under load and faults (GH-15): Debian's PostgreSQL, three instances of the jar and
# Debian's nginx in front, all on this machine. Runs the load against one instance, then through nginx
# against three, then again through nginx while it kills -9 one instance and restarts it, stops another
# with SIGTERM and crashes PostgreSQL (pg_ctl stop -m immediate). Then checks the invariants from the
# database (bench/Cluster.java) and exits non-zero when one fails or a probe was slow.
#   bench/cluster.sh                       CLUSTER_SECONDS=60 CLUSTER_CLIENTS=16 by default
# CLUSTER_JAR runs another jar than target/cohort.jar.
# Ports 18350 (PostgreSQL), 18351-18353 (instances), 18360 (nginx); CLUSTER_PORT moves them all.
set -euo pipefail
cd "$(dirname "$0")/.."

P=${CLUSTER_PORT:-18350}
PG_PORT=$P; NGINX_PORT=$((P + 10)); APP_PORTS=($((P + 1)) $((P + 2)) $((P + 3)))
SECONDS_LOAD=${CLUSTER_SECONDS:-60}
SECONDS_BASE=${CLUSTER_BASE_SECONDS:-20}
CLIENTS=${CLUSTER_CLIENTS:-16}
DATA=$(mktemp -d /tmp/cohort-cluster.XXXXXX)
chmod 755 "$DATA"
declare -A PIDS
FAILED=0

command -v nginx > /dev/null || { apt-get update -qq && apt-get install -y -qq nginx > /dev/null; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { apt-get update -qq && apt-get install -y -qq postgresql > /dev/null; PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg() { as_postgres "$PGBIN/pg_ctl" -D "$DATA/pg" -l "$DATA/pg.log" -o "-p $PG_PORT -k $DATA -c max_connections=200" -w "$@" > /dev/null; }

cleanup() {
  for i in "${!PIDS[@]}"; do kill -9 "${PIDS[$i]}" 2> /dev/null || true; done
  [ -f "$DATA/nginx.pid" ] && kill "$(cat "$DATA/nginx.pid")" 2> /dev/null || true
  pg stop -m fast 2> /dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$DATA"
}
trap cleanup EXIT

JAR=${CLUSTER_JAR:-target/cohort.jar}   # a copy lets a build run meanwhile
[ -f "$JAR" ] || ./mvnw -B -q -DskipTests package
PGJAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort | tail -1)

# ---- PostgreSQL: the owner migrates, the application connects as cohort_app ----
[ "$(id -u)" = 0 ] && chown postgres "$DATA"
as_postgres "$PGBIN/initdb" -D "$DATA/pg" -U cohort_owner --auth=trust > /dev/null
pg start
psql -q -h 127.0.0.1 -p "$PG_PORT" -U cohort_owner -d postgres -c "CREATE ROLE cohort_app LOGIN" -c "CREATE DATABASE cohort"
JDBC="jdbc:postgresql://127.0.0.1:$PG_PORT/cohort"

SECRET=$(head -c 32 /dev/urandom | base64); PII=$(head -c 32 /dev/urandom | base64)
start() { # start N: instance N (1-3) in the background
  local port=${APP_PORTS[$(($1 - 1))]}
  COHORT_DB_URL=$JDBC COHORT_DB_USER=cohort_app COHORT_DB_MIGRATION_USER=cohort_owner \
  COHORT_JWT_SECRET=$SECRET COHORT_PII_KEY=$PII COHORT_PUBLIC_URL=http://localhost:$NGINX_PORT \
  COHORT_TRUSTED_PROXIES=127.0.0.1/32 SERVER_PORT=$port COHORT_DATA_DIR="$DATA/app$1" \
  COHORT_PLATFORM_ADMIN_EMAIL=bench@cohort.local COHORT_PLATFORM_ADMIN_PASSWORD=bench-kestrel-4417-run \
    java -Xmx384m ${CLUSTER_JVM_OPTS:-} -jar "$JAR" >> "$DATA/app$1.log" 2>&1 &
  PIDS[$1]=$!
}
ready() { # ready N [timeout]: waits until instance N answers /readiness 200; prints the seconds it took
  local port=${APP_PORTS[$(($1 - 1))]} t0=$SECONDS
  for _ in $(seq 1 "${2:-300}"); do
    curl -sf -m 2 "http://127.0.0.1:$port/readiness" > /dev/null && { echo $((SECONDS - t0)); return 0; }
    sleep 1
  done
  echo "instance $1 did not become ready; its log:" >&2; tail -20 "$DATA/app$1.log" >&2; return 1
}

start 1; echo "instance 1 (migrates) ready after $(ready 1) s"
start 2; start 3; echo "instances 2 and 3 ready after $(ready 2) s / $(ready 3) s"

# ---- nginx: no affinity, as deploy/nginx.conf; POSTs are not retried on another instance ----
mkdir -p "$DATA/nginx"
cat > "$DATA/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $DATA/nginx.pid;
error_log $DATA/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $DATA/nginx; proxy_temp_path $DATA/nginx;
  fastcgi_temp_path $DATA/nginx; uwsgi_temp_path $DATA/nginx; scgi_temp_path $DATA/nginx;
  upstream cohort {
    least_conn;
    server 127.0.0.1:${APP_PORTS[0]} max_fails=1 fail_timeout=2s;
    server 127.0.0.1:${APP_PORTS[1]} max_fails=1 fail_timeout=2s;
    server 127.0.0.1:${APP_PORTS[2]} max_fails=1 fail_timeout=2s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    client_max_body_size 1m;
    location / {
      proxy_pass http://cohort;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
CONF
nginx -p "$DATA/nginx" -c "$DATA/nginx/nginx.conf"
LB=http://127.0.0.1:$NGINX_PORT

STATE=$DATA/state
java -cp "$PGJAR" bench/Cluster.java setup "$LB" "$STATE"
java -cp "$PGJAR" bench/Cluster.java load "http://127.0.0.1:${APP_PORTS[0]}" "$STATE" "$SECONDS_BASE" "$CLIENTS" "1 instance"
java -cp "$PGJAR" bench/Cluster.java load "$LB" "$STATE" "$SECONDS_BASE" "$CLIENTS" "3 instances via nginx"

# ---- the same load with faults ----
java -cp "$PGJAR" bench/Cluster.java load "$LB" "$STATE" "$SECONDS_LOAD" "$CLIENTS" "3 instances, faults" &
LOAD=$!
# the faults come close together so that all of them fall within the load, even on a slow machine
sleep $((3 + RANDOM % (SECONDS_LOAD / 8 + 1)))
kill -9 "${PIDS[2]}"; KILLED=$SECONDS; echo "fault: kill -9 instance 2 at $(date -u +%T); restarting it"
start 2

sleep 3
T0=$(date +%s.%N); kill -TERM "${PIDS[3]}"; wait "${PIDS[3]}" && CODE=0 || CODE=$?
printf 'fault: SIGTERM instance 3: exited %s after %.1f s\n' "$CODE" "$(echo "$(date +%s.%N) - $T0" | bc)"
grep -h "handed back\|Graceful\|graceful" "$DATA/app3.log" | tail -2 | cut -c1-400 | sed 's/^/  instance 3 log: /' || true
start 3

sleep 2
pg stop -m immediate; echo "fault: pg_ctl stop -m immediate at $(date -u +%T)"
PROBE=$(curl -s -o "$DATA/probe" -m 5 -w '%{http_code} %{time_total}' "http://127.0.0.1:${APP_PORTS[0]}/readiness" || true)
echo "readiness while the database is down: HTTP $PROBE s, $(cat "$DATA/probe" 2> /dev/null)"
read -r PCODE PTIME <<< "$PROBE"
if [ "$PCODE" != 503 ] || [ "$(echo "$PTIME > 1.0" | bc)" = 1 ]; then echo "readiness did not answer DOWN within 1 s   <-- FAILED"; FAILED=1; fi
sleep 3
pg start; echo "database back after 3 s; instance 1 ready again $(ready 1 60) s later"
ready 2 > /dev/null; echo "recovery: instance 2 ready $((SECONDS - KILLED)) s after its kill -9 (restart included)"
ready 3 > /dev/null; echo "instance 3 ready again"
wait "$LOAD"

# after the load: the killed instance's leases run out (2 min) before "stuck" is judged
sleep 5
PGUSER=cohort_owner java -cp "$PGJAR" bench/Cluster.java check "$LB" "$STATE" "$JDBC" || FAILED=1
[ $FAILED = 0 ] && echo "cluster: all invariants hold" || echo "cluster: FAILED"
exit $FAILED

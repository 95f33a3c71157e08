#!/bin/bash
# Checks the embedded default of the first command with the built jar (target/reproserve-*.jar), with no
# datasource configured, twice over: as root (PostgreSQL then runs as the account nobody, its data folder
# owned by nobody) and as an unprivileged user (data in a fresh ~/.reproserve/postgres). For each:
#  1. the service starts an embedded PostgreSQL (in a process group of its own, so Ctrl-C cannot reach it),
#     seeds iris and predicts 150 rows (the first one setosa);
#  2. it is stopped, one account by SIGTERM to the Java process, the other as a terminal's Ctrl-C does (SIGINT
#     to the whole process group the service was started in), and stops cleanly: no WARN or ERROR line and no
#     stack trace after "Commencing graceful shutdown", the embedded PostgreSQL stopped last, none left running;
#  3. started again on the same data, the drift report of iris version 1 counts all 150 instances (the last
#     window of live counts was stored at shutdown), and it is stopped the other way, as cleanly.
# Each service starts in a session of its own (setsid), as a shell started from a terminal would be, and with
# JVM flags for a quick start (C1 only, serial GC), a speed-up of this check only. Needs
# root (to run as another user too), setpriv, curl, jq and a free port 8097. Whatever happens, the services,
# any PostgreSQL they left and the temporary folder are removed on exit. Prints PASS or FAIL at the end.
set -u
cd "$(dirname "$0")/.."
JAR=$(ls target/reproserve-*.jar 2> /dev/null | grep -v -- '-plain' | head -n 1)
[ -n "$JAR" ] || { echo "embedded-check: no target/reproserve-*.jar; run ./mvnw package first"; exit 2; }
[ "$(id -u)" = 0 ] || { echo "embedded-check: run as root (it also runs the service as another user)"; exit 2; }
PORT=8097
USER_NAME=reproserve-check
KEY=rsk_embedded-check-$(date +%s)-0123456789abcdefghij
WORK=$(mktemp -d /tmp/reproserve-embedded.XXXXXX)
chmod 755 "$WORK"
PID=
STARTED=()
cleanup() {
  for pid in "${STARTED[@]}"; do kill -KILL -- "-$pid" 2> /dev/null; done
  for pidfile in "$WORK"/root/postgres/postmaster.pid "$WORK"/home/.reproserve/postgres/postmaster.pid; do
    [ -f "$pidfile" ] || continue
    postmaster=$(head -n 1 "$pidfile")
    kill -INT "$postmaster" 2> /dev/null # a fast shutdown
    for _ in $(seq 1 50); do kill -0 "$postmaster" 2> /dev/null || break; sleep 0.2; done
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "embedded-check: $*"; echo "FAIL"; exit 1; }

id "$USER_NAME" > /dev/null 2>&1 || useradd --system --no-create-home --home-dir "$WORK" --shell /usr/sbin/nologin "$USER_NAME"
cp "$JAR" "$WORK/reproserve.jar"
mkdir -p "$WORK/home" "$WORK/root" && chown "$USER_NAME" "$WORK/home"

# start LOG ACCOUNT ARGS...: the jar with no datasource in a session of its own, as ACCOUNT (empty: root),
# until it is ready; PID is its process (and process group) id.
start() {
  local log=$1 account=$2 home=$WORK/root began=$SECONDS
  shift 2
  local as=()
  if [ -n "$account" ]; then
    home=$WORK/home
    as=(setpriv --reuid="$account" --regid="$(id -g "$account")" --init-groups)
  fi
  # A background job of a script ignores SIGINT; a terminal's does not: --default-signal undoes that.
  setsid "${as[@]}" env --default-signal=INT -u SPRING_DATASOURCE_URL HOME="$home" REPROSERVE_SECURITY_ADMIN_KEY="$KEY" \
    OMP_WAIT_POLICY=PASSIVE java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Duser.home="$home" -Djava.io.tmpdir="$home" -jar "$WORK/reproserve.jar" \
    --server.port=$PORT "$@" > "$WORK/$log" 2>&1 &
  PID=$!
  STARTED+=("$PID")
  for _ in $(seq 1 180); do
    if curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null 2>&1; then
      echo "$log: ready in $((SECONDS - began)) s"
      return 0
    fi
    kill -0 "$PID" 2> /dev/null || break
    sleep 1
  done
  tail -n 40 "$WORK/$log"
  fail "$log: not ready within 180 s"
}

# predict150: one request of 150 iris rows, the first a setosa.
predict150() {
  local rows='{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}'
  for i in $(seq 1 149); do
    rows="$rows, {\"sepal_length\": $((4 + i % 4)).$((i % 10)), \"sepal_width\": 3.$((i % 7)), \"petal_length\": $((1 + i % 6)).$((i % 9)), \"petal_width\": $((i % 3)).$((i % 5))}"
  done
  local answer
  answer=$(curl -s -X POST "localhost:$PORT/api/v1/models/iris/aliases/production/predict" \
    -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "{\"instances\": [$rows]}")
  [ "$(echo "$answer" | jq -r '.predictions | length' 2> /dev/null)" = 150 ] \
    && [ "$(echo "$answer" | jq -r '.predictions[0].label' 2> /dev/null)" = setosa ] \
    || fail "iris did not predict 150 rows, the first setosa: ${answer:0:300}"
  echo "predicted 150 rows, the first: $(echo "$answer" | jq -c '.predictions[0]')"
}

# stop LOG DATA_DIR SIGNAL: SIGTERM to the Java process, or INT to its process group (a terminal's Ctrl-C);
# then the clean-stop assertions.
stop() {
  local log=$1 data=$2 signal=$3 began=$SECONDS
  if [ "$signal" = INT ]; then kill -INT -- "-$PID"; else kill -TERM "$PID"; fi
  for _ in $(seq 1 60); do kill -0 "$PID" 2> /dev/null || break; sleep 1; done
  kill -0 "$PID" 2> /dev/null && fail "$log: still running 60 s after SIG$signal"
  wait "$PID" 2> /dev/null
  grep -q "Commencing graceful shutdown" "$WORK/$log" || { tail -n 30 "$WORK/$log"; fail "$log: no graceful shutdown"; }
  local after
  after=$(sed -n '/Commencing graceful shutdown/,$p' "$WORK/$log")
  if echo "$after" | grep -Eq '^\S+ +(WARN|ERROR) |^\s+at |^Caused by:'; then
    echo "$after" | tail -n 40
    fail "$log: WARN, ERROR or a stack trace after \"Commencing graceful shutdown\""
  fi
  echo "$after" | grep -q "Stopped the embedded PostgreSQL" || fail "$log: the embedded PostgreSQL was not stopped"
  [ ! -f "$data/postmaster.pid" ] || fail "$log: PostgreSQL still running in $data after the service stopped"
  echo "SIG$signal: stopped cleanly in $((SECONDS - began)) s, the embedded PostgreSQL last"
}

# drift150: the drift report of iris version 1 counts the 150 instances of the run before.
drift150() {
  local report instances
  report=$(curl -s "localhost:$PORT/api/v1/models/iris/versions/1/drift" -H "Authorization: Bearer $KEY")
  instances=$(echo "$report" | jq -r '.live.instances' 2> /dev/null)
  [ "$instances" = 150 ] || fail "the drift report counts $instances live instances, not 150: ${report:0:300}"
  echo "after the restart, the drift report counts $instances live instances"
}

# check NAME ACCOUNT DATA_DIR FIRST_SIGNAL SECOND_SIGNAL ARGS...
check() {
  local name=$1 account=$2 data=$3 first=$4 second=$5 owner postmaster
  shift 5
  echo "== $name, no datasource: embedded PostgreSQL, iris predicted, stopped by SIG$first"
  start "$name-1.log" "$account" "$@"
  grep -o "started an embedded PostgreSQL on port [0-9]* with its data in [^ ]*\( as the account '[^']*'\)\?" \
    "$WORK/$name-1.log" || fail "$name: no log line about the embedded PostgreSQL"
  [ -f "$data/PG_VERSION" ] || fail "$name: no PostgreSQL data folder in $data"
  owner=$(stat -c %U "$data")
  [ "$owner" = "${account:-nobody}" ] || fail "$name: $data belongs to $owner, not ${account:-nobody}"
  postmaster=$(head -n 1 "$data/postmaster.pid")
  [ "$(ps -o pgid= -p "$postmaster" | tr -d ' ')" != "$PID" ] \
    || fail "$name: the embedded PostgreSQL is in the service's process group, where Ctrl-C reaches it"
  echo "the embedded PostgreSQL (process $postmaster, as $(ps -o user= -p "$postmaster")) is in a process group of its own"
  predict150
  stop "$name-1.log" "$data" "$first"
  echo "== $name, started again on the same data: the 150 instances counted, stopped by SIG$second"
  start "$name-2.log" "$account" "$@"
  drift150
  stop "$name-2.log" "$data" "$second"
}

check root "" "$WORK/root/postgres" TERM INT --reproserve.embedded-postgres.data-dir="$WORK/root/postgres"
check "$USER_NAME" "$USER_NAME" "$WORK/home/.reproserve/postgres" INT TERM
echo "PASS"

#!/bin/bash
# Checks the embedded default of the first command with the built jar (target/reproserve-*.jar):
#  1. as root with no datasource configured, the service stops at once and says why and the two fixes;
#  2. as an unprivileged user with no datasource configured, it starts an embedded PostgreSQL (data in
#     a fresh folder), seeds iris and predicts it.
# Needs root (to run step 2 as another user), curl and a free port 8097. Prints PASS or FAIL at the end.
set -u
cd "$(dirname "$0")/.."
JAR=$(ls target/reproserve-*.jar 2> /dev/null | grep -v -- '-plain' | head -n 1)
[ -n "$JAR" ] || { echo "embedded-check: no target/reproserve-*.jar; run ./mvnw package first"; exit 2; }
[ "$(id -u)" = 0 ] || { echo "embedded-check: run as root (step 2 runs as another user)"; exit 2; }
PORT=8097
USER_NAME=reproserve-check
KEY=rsk_embedded-check-$(date +%s)-0123456789abcdefghij
WORK=$(mktemp -d /tmp/reproserve-embedded.XXXXXX)
chmod 755 "$WORK"
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2> /dev/null && wait "$PID" 2> /dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "embedded-check: $*"; echo "FAIL"; exit 1; }

echo "== as root, no datasource: must stop at once with the reason"
(env -u SPRING_DATASOURCE_URL timeout 120 java -jar "$JAR" --server.port=$PORT > "$WORK/root.log" 2>&1)
code=$?
[ $code -ne 0 ] || fail "the service started as root without a datasource"
grep -q "refuses to run as root" "$WORK/root.log" && grep -q "SPRING_DATASOURCE_URL" "$WORK/root.log" \
  && grep -q "normal user" "$WORK/root.log" || { tail -n 30 "$WORK/root.log"; fail "no clear message as root"; }
sed -n '/^Description:/,/^Action:/p' "$WORK/root.log" | head -n 5

echo "== as $USER_NAME, no datasource: embedded PostgreSQL, iris predicted"
id "$USER_NAME" > /dev/null 2>&1 || useradd --system --no-create-home --home-dir "$WORK" --shell /usr/sbin/nologin "$USER_NAME"
cp "$JAR" "$WORK/reproserve.jar"
mkdir -p "$WORK/home" && chown "$USER_NAME" "$WORK/home"
runuser -u "$USER_NAME" -- env -u SPRING_DATASOURCE_URL HOME="$WORK/home" REPROSERVE_SECURITY_ADMIN_KEY="$KEY" \
  OMP_WAIT_POLICY=PASSIVE java -Duser.home="$WORK/home" -Djava.io.tmpdir="$WORK/home" -jar "$WORK/reproserve.jar" --server.port=$PORT \
  > "$WORK/user.log" 2>&1 &
PID=$!
ready=false
for _ in $(seq 1 180); do
  if curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null 2>&1; then ready=true; break; fi
  kill -0 "$PID" 2> /dev/null || break
  sleep 1
done
$ready || { tail -n 40 "$WORK/user.log"; fail "not ready within 180 s"; }
grep -o "started an embedded PostgreSQL on port [0-9]* with its data in [^ ]*" "$WORK/user.log" \
  || fail "no log line about the embedded PostgreSQL"
[ -f "$WORK/home/.reproserve/postgres/PG_VERSION" ] || fail "no data folder in ~/.reproserve/postgres"
answer=$(curl -s -X POST "localhost:$PORT/api/v1/models/iris/aliases/production/predict" \
  -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"instances": [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}]}')
echo "$answer" | grep -q '"label":"setosa"' || fail "iris did not predict setosa: $answer"
echo "predicted: $answer"
echo "PASS"

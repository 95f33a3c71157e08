#!/usr/bin/env bash
# Builds Reproserve's container image from the real Dockerfile and checks that it serves, on a machine
# without Docker and without a container registry: podman on local Debian base images.
#
#   bash scripts/container-check.sh
#
# What it does, in order:
#   1. installs podman, runc and debootstrap with apt-get (only those missing; also curl, git, psql);
#   2. makes the two base images with debootstrap (Debian bookworm, Debian's OpenJDK 17): a JDK one for
#      the build stage, a JRE one with libgomp1 for the run stage; each is made once and then reused;
#   3. builds the Dockerfile on them (--build-arg BUILD_IMAGE/RUN_IMAGE/VERSION/REVISION); the build
#      stage downloads Maven and the dependencies from Maven Central, so it runs on the host network;
#   4. creates a fresh database (reproserve_container) on the local PostgreSQL (127.0.0.1:5432,
#      user postgres) and runs the image against it on the host network, on the first free port
#      from 8089 (SERVER_PORT), with a fresh admin key;
#   5. waits for /actuator/health/readiness, predicts the seeded iris model through its production
#      alias (expects setosa), reads /actuator/info (expects the image's revision), checks that the
#      service runs as a non-root user, that the image holds no embedded PostgreSQL binaries (and, started
#      without a datasource, stops at once saying so), and runs the compose file's healthcheck command in it;
#   6. removes the container (and the database) on exit, whatever happened.
# Ends with "container-check: PASS" (exit 0) or "container-check: FAIL: ..." (exit 1).
#
# podman runs with flags this machine needs, given on each command (no configuration file is changed):
# Debian's runc as the runtime (crun is the default), the cgroupfs cgroup manager, and ulimits no higher
# than the current hard limits (podman's defaults are higher, which is refused here).
#
# Settings (environment): CC_PORT (first port to try, 8089), CC_DB (reproserve_container), CC_IMAGE
# (localhost/reproserve:container-check), CC_BUILD_BASE / CC_RUN_BASE (the base image names),
# CC_REBUILD_BASES=1 (make the base images anew), CC_NO_CACHE=1 (build without podman's layer cache),
# CC_KEEP=1 (keep the container and the database), CC_M2 (the host's Maven repository mounted into the build,
# ~/.m2/repository; empty: none), CC_BUILD_TIMEOUT (2400 s), CC_READY_TIMEOUT (300 s),
# CC_WORKDIR (/var/tmp/reproserve-container-check: base root file systems while they are made, logs).
set -uo pipefail
cd "$(dirname "$0")/.."

PORT_FROM=${CC_PORT:-8089}
DB=${CC_DB:-reproserve_container}
IMAGE=${CC_IMAGE:-localhost/reproserve:container-check}
BUILD_BASE=${CC_BUILD_BASE:-localhost/reproserve-build-base:bookworm-jdk17}
RUN_BASE=${CC_RUN_BASE:-localhost/reproserve-run-base:bookworm-jre17}
BUILD_TIMEOUT=${CC_BUILD_TIMEOUT:-2400}
READY_TIMEOUT=${CC_READY_TIMEOUT:-300}
WORKDIR=${CC_WORKDIR:-/var/tmp/reproserve-container-check}
PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=postgres
CONTAINER=reproserve-container-check-$$
DEBIAN_MIRROR=http://deb.debian.org/debian

START=$(date +%s)
STEP_START=$START
log() { printf 'container-check: %s\n' "$*"; }
step() {
	local now
	now=$(date +%s)
	log "$*"
	STEP_START=$now
}
took() { log "  ... done in $(($(date +%s) - STEP_START)) s"; }
CLEANUP=""
fail() {
	[ -n "$CLEANUP" ] && cleanup
	log "FAIL: $* (after $(($(date +%s) - START)) s)"
	exit 1
}

mkdir -p "$WORKDIR" || fail "cannot create $WORKDIR"

# --- 1. tools --------------------------------------------------------------------------------------
step "1/6 tools"
missing=()
for pkg in podman runc debootstrap; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
command -v curl >/dev/null || missing+=(curl)
command -v git >/dev/null || missing+=(git)
command -v psql >/dev/null || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
	log "  installing ${missing[*]} with apt-get"
	timeout 900 apt-get update -q >"$WORKDIR/apt.log" 2>&1 \
		&& DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q "${missing[@]}" >>"$WORKDIR/apt.log" 2>&1 \
		|| { tail -n 20 "$WORKDIR/apt.log"; fail "apt-get install ${missing[*]} failed (log: $WORKDIR/apt.log)"; }
else
	log "  podman, runc, debootstrap, curl, git and psql are installed"
fi
RUNC=""
for candidate in /usr/sbin/runc /usr/bin/runc "$(command -v runc 2>/dev/null)"; do
	if [ -n "$candidate" ] && [ -x "$candidate" ]; then
		RUNC=$candidate
		break
	fi
done
[ -n "$RUNC" ] || fail "no runc binary found (dpkg -L runc)"
PODMAN=(podman --runtime "$RUNC" --cgroup-manager cgroupfs)
# Explicit limits: podman's defaults (nofile 1048576, nproc 4194304) are above what may be set here.
LIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=1000:1000)
log "  $(podman --version), runtime $RUNC ($("$RUNC" --version | head -n 1)), cgroup manager cgroupfs"
log "  limits: ${LIMITS[*]}"
took

# --- 2. base images --------------------------------------------------------------------------------
# make_base NAME PACKAGES: a Debian bookworm minbase root file system with PACKAGES, imported as NAME.
make_base() {
	local name=$1 packages=$2 root
	if [ "${CC_REBUILD_BASES:-0}" != 1 ] && "${PODMAN[@]}" image exists "$name"; then
		log "  $name exists (cached; CC_REBUILD_BASES=1 makes it anew)"
		return 0
	fi
	root="$WORKDIR/rootfs-$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-')"
	rm -rf "$root"
	log "  debootstrap --variant=minbase --include=$packages bookworm (log: $WORKDIR/debootstrap.log)"
	if ! timeout 1800 debootstrap --variant=minbase --include="$packages" bookworm "$root" "$DEBIAN_MIRROR" \
		>"$WORKDIR/debootstrap.log" 2>&1; then
		tail -n 20 "$WORKDIR/debootstrap.log"
		rm -rf "$root"
		return 1
	fi
	# The downloaded packages are not part of the image; the Dockerfile runs apt-get update itself.
	rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
	log "  importing it as $name"
	tar -C "$root" -c . | "${PODMAN[@]}" import --quiet \
		--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'ENV LANG=C.UTF-8' \
		--change 'CMD ["/bin/bash"]' \
		- "$name" >/dev/null
	local rc=$?
	rm -rf "$root"
	return $rc
}
step "2/6 base images"
make_base "$BUILD_BASE" openjdk-17-jdk-headless || fail "could not make the build base image $BUILD_BASE"
make_base "$RUN_BASE" openjdk-17-jre-headless,libgomp1 || fail "could not make the run base image $RUN_BASE"
took

# --- 3. the image ----------------------------------------------------------------------------------
VERSION=$(sed -n '/<artifactId>reproserve<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;}' pom.xml | head -n 1)
[ -n "$VERSION" ] || VERSION=0.0.0
REVISION=$(git rev-parse HEAD 2>/dev/null) || fail "not a git checkout: no revision to record"
step "3/6 podman build -t $IMAGE (version $VERSION, revision $REVISION; log: $WORKDIR/build.log)"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	log "  note: the working tree has uncommitted changes; the image records HEAD all the same"
fi
build_args=(--build-arg "BUILD_IMAGE=$BUILD_BASE" --build-arg "RUN_IMAGE=$RUN_BASE"
	--build-arg "VERSION=$VERSION" --build-arg "REVISION=$REVISION")
cache_args=()
[ "${CC_NO_CACHE:-0}" = 1 ] && cache_args=(--no-cache)
# The build stage reaches Maven Central over HTTPS, so it must trust what this host trusts: where HTTPS
# goes through a TLS-inspecting proxy with a local CA (as here), Debian's stock Java trust store in the
# base image refuses the connection (PKIX path building failed). The host's Java trust store is mounted
# read-only over the image's for the build's RUN steps only: it is in no image layer, and a CA that the
# host renews is picked up on the next build. CC_BUILD_CACERTS= (empty) turns this off.
HOST_CACERTS=${CC_BUILD_CACERTS-/etc/ssl/certs/java/cacerts}
mount_args=()
if [ -n "$HOST_CACERTS" ] && [ -f "$HOST_CACERTS" ]; then
	mount_args=(-v "$HOST_CACERTS:/etc/ssl/certs/java/cacerts:ro")
	log "  the build's RUN steps use this host's Java trust store ($HOST_CACERTS, mounted read-only)"
fi
# The build stage's Maven takes its dependencies from this host's local repository, mounted over the image's for
# the RUN steps only (as the trust store is): a change of the POM then costs no download of the ~200 MB the build
# needs, which the CI run has just fetched anyway. The jar is built the same way; nothing of the mount stays in a
# layer. CC_M2= (empty) turns this off, and the build downloads everything from Maven Central.
HOST_M2=${CC_M2-$HOME/.m2/repository}
if [ -n "$HOST_M2" ] && [ -d "$HOST_M2" ]; then
	mount_args+=(-v "$HOST_M2:/root/.m2/repository")
	log "  the build's Maven uses this host's local repository ($HOST_M2, mounted)"
fi
log "  podman build --pull=never --network host ${LIMITS[*]} ${mount_args[*]} ${build_args[*]} ${cache_args[*]} -t $IMAGE ."
timeout "$BUILD_TIMEOUT" "${PODMAN[@]}" build --pull=never --network host "${LIMITS[@]}" "${mount_args[@]}" \
	"${build_args[@]}" "${cache_args[@]}" -f Dockerfile -t "$IMAGE" . >"$WORKDIR/build.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	tail -n 40 "$WORKDIR/build.log"
	[ $rc -eq 124 ] && fail "podman build took longer than $BUILD_TIMEOUT s"
	fail "podman build failed (exit $rc; log: $WORKDIR/build.log)"
fi
log "  $(grep -c 'STEP [0-9]*/[0-9]*:' "$WORKDIR/build.log") steps, $(grep -c -- '--> Using cache' "$WORKDIR/build.log") of them from the layer cache"
log "  image size: $("${PODMAN[@]}" image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1000000}')"
took

# --- 4. database and container ---------------------------------------------------------------------
# Runs once: before the final PASS or FAIL line, or on exit if the script is interrupted.
cleanup() {
	[ -n "$CLEANUP" ] || return 0
	CLEANUP=""
	if [ "${CC_KEEP:-0}" = 1 ]; then
		log "CC_KEEP=1: container $CONTAINER and database $DB are kept"
		return
	fi
	"${PODMAN[@]}" rm -f -t 25 "$CONTAINER" >/dev/null 2>&1 && log "removed container $CONTAINER"
	psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -qAt -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 \
		&& log "dropped database $DB"
	rm -f "$ENV_FILE"
}
ENV_FILE=$(mktemp) || fail "mktemp"
chmod 600 "$ENV_FILE"
CLEANUP=yes
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM

step "4/6 fresh database $DB, container on the host network"
PGOPTIONS='--client-min-messages=warning' psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -qAt \
	-c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" \
	|| fail "could not create database $DB on $PG_HOST:$PG_PORT as $PG_USER"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=""
for candidate in $(seq "$PORT_FROM" $((PORT_FROM + 20))); do
	if port_free "$candidate"; then
		PORT=$candidate
		break
	fi
done
[ -n "$PORT" ] || fail "no free port in $PORT_FROM..$((PORT_FROM + 20))"
KEY=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
# The secrets go in through a file (mode 600), not on the command line.
cat >"$ENV_FILE" <<EOF
SERVER_PORT=$PORT
SPRING_DATASOURCE_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$DB
SPRING_DATASOURCE_USERNAME=$PG_USER
SPRING_DATASOURCE_PASSWORD=
REPROSERVE_SECURITY_ADMIN_KEY=$KEY
EOF
"${PODMAN[@]}" run -d --name "$CONTAINER" --network host "${LIMITS[@]}" --env-file "$ENV_FILE" "$IMAGE" >/dev/null \
	|| fail "podman run failed"
log "  container $CONTAINER, port $PORT, database $DB, a fresh 48-character admin key"
took

# --- 5. checks -------------------------------------------------------------------------------------
BASE_URL=http://127.0.0.1:$PORT
show_log() {
	log "--- container log (last 80 lines) ---"
	"${PODMAN[@]}" logs --tail 80 "$CONTAINER" 2>&1 | sed 's/^/  | /'
	log "--- end of container log ---"
}
step "5/6 checks"
deadline=$(($(date +%s) + READY_TIMEOUT))
ready=""
while [ "$(date +%s)" -lt "$deadline" ]; do
	if [ "$("${PODMAN[@]}" inspect -f '{{.State.Running}}' "$CONTAINER" 2>/dev/null)" != true ]; then
		show_log
		fail "the container stopped before it was ready (exit code $("${PODMAN[@]}" inspect -f '{{.State.ExitCode}}' "$CONTAINER" 2>/dev/null))"
	fi
	ready=$(curl -s --max-time 5 "$BASE_URL/actuator/health/readiness" || true)
	case "$ready" in *'"UP"'*) break ;; esac
	sleep 2
done
case "$ready" in
*'"UP"'*) log "  ready after $(($(date +%s) - STEP_START)) s: GET /actuator/health/readiness -> $ready" ;;
*)
	show_log
	fail "not ready within $READY_TIMEOUT s (last answer: ${ready:-none})"
	;;
esac

prediction=$(curl -s --max-time 30 -X POST "$BASE_URL/api/v1/models/iris/aliases/production/predict" \
	-H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
	-d '{"instances":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}]}')
log "  POST /api/v1/models/iris/aliases/production/predict -> $prediction"
case "$prediction" in
*setosa*) log "  prediction: setosa, as expected" ;;
*)
	show_log
	fail "the iris prediction did not answer setosa"
	;;
esac

info=$(curl -s --max-time 10 "$BASE_URL/actuator/info" -H "Authorization: Bearer $KEY")
log "  GET /actuator/info -> $info"
case "$info" in
*"\"revision\":\"$REVISION\""*) log "  /actuator/info shows the image revision $REVISION" ;;
*) fail "/actuator/info does not show image revision $REVISION" ;;
esac
case "$info" in
*"\"version\":\"$VERSION\""*) log "  /actuator/info shows the image version $VERSION" ;;
*) fail "/actuator/info does not show image version $VERSION" ;;
esac
anonymous=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE_URL/actuator/info")
log "  GET /actuator/info without a key -> HTTP $anonymous"

uid=$("${PODMAN[@]}" exec "$CONTAINER" id -u) || fail "podman exec id -u failed"
user=$("${PODMAN[@]}" exec "$CONTAINER" id -un 2>/dev/null)
pid1_uid=$("${PODMAN[@]}" exec "$CONTAINER" stat -c %u /proc/1) || fail "podman exec stat /proc/1 failed"
log "  user in the container: $user (uid $uid); the java process (pid 1) runs as uid $pid1_uid"
[ "$uid" != 0 ] && [ "$pid1_uid" != 0 ] || fail "the service runs as root"

# The embedded PostgreSQL of the first command is not in the image: it always runs with a datasource.
binaries=$("${PODMAN[@]}" exec "$CONTAINER" sh -c 'ls /app/BOOT-INF/lib | grep "^embedded-postgres-binaries-"' 2>/dev/null)
[ -z "$binaries" ] || fail "the image carries the embedded PostgreSQL binaries: $binaries"
log "  no embedded PostgreSQL binaries in the image ($("${PODMAN[@]}" exec "$CONTAINER" sh -c 'ls /app/BOOT-INF/lib | wc -l') jars in /app/BOOT-INF/lib)"

# Started without a datasource, the image stops at once and says what to set (it has no embedded PostgreSQL).
nodb=$(timeout 120 "${PODMAN[@]}" run --rm --network host "${LIMITS[@]}" -e SERVER_PORT=0 "$IMAGE" 2>&1)
nodb_code=$?
if [ $nodb_code -eq 0 ] || ! grep -q "carries no PostgreSQL binaries" <<<"$nodb" || ! grep -q "SPRING_DATASOURCE_URL" <<<"$nodb"; then
	printf '%s\n' "$nodb" | tail -n 30 | sed 's/^/  | /'
	fail "without a datasource the image did not stop with a clear message (exit $nodb_code)"
fi
log "  without a datasource it stops at once (exit $nodb_code): $(grep -m1 'carries no PostgreSQL binaries' <<<"$nodb" | cut -c1-160)"

# The reproserve healthcheck of docker-compose.yml (its CMD-SHELL string, $$ unescaped), run as Docker runs
# it: sh -c in the container. It needs nothing but bash, as the image has no curl.
health_cmd=$(awk '/^  reproserve:/ { r = 1 } r && /- CMD-SHELL/ { f = 1; next } f && /^ *- >-$/ { next }
	f && /^ *interval:/ { exit } f { sub(/^ +/, ""); printf "%s ", $0 }' docker-compose.yml | sed 's/ $//; s/\$\$/$/g')
[ -n "$health_cmd" ] || fail "could not read the reproserve healthcheck from docker-compose.yml"
if "${PODMAN[@]}" exec "$CONTAINER" timeout 10 sh -c "$health_cmd"; then
	log "  the compose healthcheck passes inside the container: $health_cmd"
else
	fail "the compose healthcheck fails inside the container: $health_cmd"
fi
took

# --- 6. done ---------------------------------------------------------------------------------------
step "6/6 stopping"
"${PODMAN[@]}" stop -t 25 "$CONTAINER" >/dev/null 2>&1
stop_code=$("${PODMAN[@]}" inspect -f '{{.State.ExitCode}}' "$CONTAINER" 2>/dev/null)
log "  stopped (exit code $stop_code); last log lines:"
"${PODMAN[@]}" logs --tail 3 "$CONTAINER" 2>&1 | cut -c1-200 | sed 's/^/  | /'
took
cleanup
log "PASS: built $IMAGE ($VERSION, $REVISION) on $BUILD_BASE / $RUN_BASE; ready, iris predicts setosa, /actuator/info shows the revision, runs as uid $uid (total $(($(date +%s) - START)) s)"
exit 0

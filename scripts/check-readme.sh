#!/bin/bash
# Runs every ```bash block that follows a "<!-- check -->" line in README.md and then in the docs
# listed in DOCS below, in that order, against one fresh service on port 8080 with a fresh database
# (reproserve_readme on the local PostgreSQL, 127.0.0.1:5432, user postgres), and prints each block
# with its output, so the examples can be compared with what the service really answers. Ends with
# "N blocks, M failed" and exits non-zero if a block failed (or the service never became ready).
# The service starts with a freshly generated admin key (REPROSERVE_SECURITY_ADMIN_KEY), and the blocks
# get the same key as REPROSERVE_KEY, as the README's "Run it" section sets them up; only the readiness
# check below goes without a key.
# Needs curl, jq, psql, unzip, setsid and python3; port 8080 must be free.
#
# The blocks share the service's state, so the order matters: README's quick tour runs on the
# fresh service (job 2 trains iris version 2, job 3 reproduces it); docs/tour.md continues from it,
# and docs/reproducibility.md from the tour (jobs 4 to 9). The other docs need only the seeded iris
# model, except docs/analysts.md, which queries what the docs before it made, and docs/interop.md,
# which runs after it (so that the analysts' answers stay as shown; its OIP blocks need only iris
# with production at version 2, as the tour left it) and takes its SQL source
# snapshots from reproserve_warehouse, made here from scripts/warehouse.sql. Every
# docs/*.md with a checked block must be listed here; the script refuses to run if one is missing.
set -u
cd "$(dirname "$0")/.."

FILES=(README.md)
DOCS=(
  docs/tour.md
  docs/reproducibility.md
  docs/bundle-format.md
  docs/pipeline-spec.md
  docs/api.md
  docs/operations.md
  docs/drift.md
  docs/analysts.md
  docs/interop.md
)
FILES+=("${DOCS[@]}")

for doc in docs/*.md; do
  if grep -q '^<!-- check -->$' "$doc" && [[ " ${DOCS[*]} " != *" $doc "* ]]; then
    echo "check-readme: $doc has checked blocks but is not listed in DOCS in $0" >&2
    exit 2
  fi
done

if curl -s -o /dev/null localhost:8080/; then
  echo "check-readme: something already answers on port 8080; stop it first" >&2
  exit 2
fi

APP_PID=
APP_LOG=target/readme-check-app.log

stop_app() {
  if [ -n "$APP_PID" ]; then
    # setsid made the Maven process the leader of its own process group; the JVM that
    # spring-boot:run forks is in that group too, so signal the whole group.
    kill -TERM -- "-$APP_PID" 2> /dev/null
    for _ in $(seq 1 30); do
      kill -0 -- "-$APP_PID" 2> /dev/null || break
      sleep 1
    done
    kill -KILL -- "-$APP_PID" 2> /dev/null
    wait "$APP_PID" 2> /dev/null
    APP_PID=
  fi
  rm -f iris-1.zip
}
trap stop_app EXIT
trap 'exit 130' INT TERM

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS reproserve_readme WITH (FORCE)" postgres || exit 2
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE reproserve_readme" postgres || exit 2
# The SQL source "warehouse" of docs/interop.md: penguins with a key, in a database of its own.
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS reproserve_warehouse WITH (FORCE)" postgres || exit 2
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE reproserve_warehouse" postgres || exit 2
psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 -d reproserve_warehouse -f scripts/warehouse.sql || exit 2

REPROSERVE_KEY=$(python3 -c 'import secrets; print("rsk_" + secrets.token_urlsafe(32))') || exit 2
export REPROSERVE_KEY
export REPROSERVE_SECURITY_ADMIN_KEY=$REPROSERVE_KEY

mkdir -p target
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/reproserve_readme \
  REPROSERVE_SOURCES_WAREHOUSE_URL=jdbc:postgresql://127.0.0.1:5432/reproserve_warehouse \
  REPROSERVE_SOURCES_WAREHOUSE_USERNAME=postgres \
  setsid ./mvnw -q spring-boot:run > "$APP_LOG" 2>&1 < /dev/null &
APP_PID=$!

ready=false
for _ in $(seq 1 600); do
  if curl -sf localhost:8080/actuator/health/readiness > /dev/null 2>&1; then
    ready=true
    break
  fi
  kill -0 "$APP_PID" 2> /dev/null || break
  sleep 1
done
if ! $ready; then
  echo "check-readme: the service did not become ready; the end of $APP_LOG:" >&2
  tail -n 40 "$APP_LOG" >&2
  echo "0 blocks, 0 failed (service not ready)"
  exit 1
fi

python3 - "${FILES[@]}" <<'PY'
import re, subprocess, sys

BLOCK = re.compile(r'^<!-- check -->\n```bash\n(.*?)^```', re.S | re.M)
total = failed = 0
summary = []
for path in sys.argv[1:]:
    text = open(path).read()
    blocks = [(text.count('\n', 0, m.start()) + 2, m.group(1)) for m in BLOCK.finditer(text)]
    file_failed = 0
    results = []
    for i, (line, block) in enumerate(blocks, 1):
        try:
            r = subprocess.run(['bash', '-c', block], capture_output=True, text=True, timeout=120)
            code, out, err = r.returncode, r.stdout, r.stderr
        except subprocess.TimeoutExpired as e:
            code = 'timeout'
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or '')
            err = e.stderr.decode() if isinstance(e.stderr, bytes) else (e.stderr or '')
        ok = code == 0
        file_failed += not ok
        results.append(f'  block {i} ({path}:{line}): ' + ('ok' if ok else f'FAILED (exit {code})'))
        print(f'===== {path} block {i}, line {line} (exit {code}) =====\n{block.strip()}\n----- output -----\n{out.rstrip()}')
        if err.strip():
            print(f'----- stderr -----\n{err.rstrip()}')
    summary.append(f'{path}: {len(blocks)} blocks, {file_failed} failed')
    summary.extend(results)
    total += len(blocks)
    failed += file_failed
print('===== summary =====')
print('\n'.join(summary))
print(f'{total} blocks, {failed} failed')
sys.exit(1 if failed else 0)
PY

#!/bin/bash
# Runs every ```bash block that follows a "<!-- check -->" line in README.md, in order, against a
# fresh service on port 8080 with a fresh database (reproserve_readme on the local PostgreSQL),
# and prints each block with its output, so the README's examples can be compared with what the
# service really answers. Needs curl, jq, psql and python3; port 8080 must be free.
set -u
cd "$(dirname "$0")/.."
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS reproserve_readme" postgres
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE reproserve_readme" postgres
SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5432/reproserve_readme ./mvnw -q spring-boot:run \
  > target/readme-check-app.log 2>&1 &
for i in $(seq 1 180); do
  curl -sf localhost:8080/actuator/health/readiness > /dev/null 2>&1 && break
  sleep 1
done
python3 - <<'PY'
import re, subprocess, sys
blocks = re.findall(r'<!-- check -->\n```bash\n(.*?)```', open('README.md').read(), re.S)
failed = 0
for i, block in enumerate(blocks, 1):
    try:
        r = subprocess.run(['bash', '-c', block], capture_output=True, text=True, timeout=120)
        code, out, err = r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired:
        code, out, err = 'timeout', '', ''
    failed += code != 0
    print(f'===== block {i} (exit {code}) =====\n{block.strip()}\n----- output -----\n{out.rstrip()}')
    if err.strip():
        print(f'----- stderr -----\n{err.rstrip()}')
print(f'{len(blocks)} blocks, {failed} failed')
PY
pkill -f 'reproserve_readme'
rm -f iris-1.zip
